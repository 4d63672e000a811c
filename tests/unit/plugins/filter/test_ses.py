import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.tickr.aws.plugins.filter.ses import ses_template_errors, ses_template_uploads, ses_template_variables


@pytest.mark.parametrize("text, names", [
    ("Votre billet pour {{event_name}}", ["event_name"]),
    ("{{{html_block}}} and {{ spaced }}", ["html_block", "spaced"]),
    ("{{event.title}} {{event.date}}", ["event"]),
    ("{{#if refund_reason}}{{refund_reason}}{{else}}-{{/if}}", ["refund_reason"]),
    ('{{#if (eq status "paid")}}ok{{/if}}', ["status"]),
    ("{{#unless paid}}x{{/unless}}", ["paid"]),
    ("{{#each tickets}}{{this.seat}} {{@index}} {{row}} {{../buyer}} {{@root.event.title}}{{/each}} {{total}}",
     ["buyer", "event", "tickets", "total"]),
    ("{{#with venue}}{{city}}{{/with}}", ["venue"]),
    ("{{! a comment }} {{!-- another --}} plain text", []),
    ("", []),
])
def test_variables_of_a_handlebars_text(text, names):
    assert ses_template_variables(text) == names


def test_declared_variables_give_no_error():
    files = {"subject.txt": "Billet {{event_name}}", "body.html": "<p>{{customer_name}}</p>", "body.txt": "{{customer_name}}"}
    assert ses_template_errors(files, "ticket-confirmation", ["event_name", "customer_name"]) == []


def test_an_undeclared_variable_names_the_template_the_file_and_the_variable():
    files = {"subject.txt": "Billet {{event_name}}", "body.html": "<p>{{custmer_name}}</p>"}
    errors = ses_template_errors(files, "ticket-confirmation", ["event_name", "customer_name"], "templates/ticket-confirmation/fr")
    assert len(errors) == 1
    assert "ticket-confirmation" in errors[0] and "templates/ticket-confirmation/fr/body.html" in errors[0]
    assert "{{custmer_name}}" in errors[0]


def test_uploads_read_each_template_in_each_language_as_the_file_lookup_does(tmp_path):
    for name, language, subject in (("ticket-confirmation", "fr", "Billet"), ("ticket-confirmation", "en", "Ticket")):
        folder = tmp_path / name / language
        folder.mkdir(parents=True)
        (folder / "subject.txt").write_text(subject + " {{event_name}}\n", encoding="utf-8")
        (folder / "body.html").write_text("<p>Été</p>\n\n", encoding="utf-8")
        (folder / "body.txt").write_text("  Été\n", encoding="utf-8")
    uploads = ses_template_uploads([{"name": "ticket-confirmation", "variables": ["event_name"]}], ["fr", "en"], "fr", str(tmp_path))
    assert uploads == [
        {"name": "ticket-confirmation", "subject": "Billet {{event_name}}", "html": "<p>Été</p>", "text": "  Été"},
        {"name": "ticket-confirmation-en", "subject": "Ticket {{event_name}}", "html": "<p>Été</p>", "text": "  Été"},
    ]


def test_a_missing_file_names_its_path(tmp_path):
    with pytest.raises(AnsibleFilterError, match="could not read .*/refund-completed/fr/subject.txt"):
        ses_template_uploads([{"name": "refund-completed"}], ["fr"], "fr", str(tmp_path))
