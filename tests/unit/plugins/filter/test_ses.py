import pytest

from ansible_collections.tickr.aws.plugins.filter.ses import ses_template_errors, ses_template_variables, ses_templates_in_place


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


FOUND = [{"name": "ticket-confirmation", "subject": "Billets {{event_name}}", "html": "<p>{{customer_name}}</p>", "text": "{{customer_name}}"},
         {"name": "ticket-confirmation-en", "subject": "Tickets {{event_name}}", "html": None, "text": "x"}]
WANTED = dict(FOUND[0])


def test_a_template_found_as_wanted_is_in_place():
    assert ses_templates_in_place(FOUND, [WANTED]) == ["ticket-confirmation"]


@pytest.mark.parametrize("part", ["subject", "html", "text"])
def test_a_part_that_differs_even_by_a_space_is_not_in_place(part):
    assert ses_templates_in_place(FOUND, [dict(WANTED, **{part: WANTED[part] + " "})]) == []
    assert ses_templates_in_place(FOUND, [dict(WANTED, **{part: WANTED[part] + "\n"})]) == []


def test_a_template_not_found_is_not_in_place():
    assert ses_templates_in_place(FOUND, [dict(WANTED, name="refund-completed")]) == []
    assert ses_templates_in_place([], [WANTED]) == []
    assert ses_templates_in_place(None, [WANTED]) == []


def test_a_part_left_unset_is_left_alone_as_the_module_does():
    assert ses_templates_in_place(FOUND, [dict(WANTED, html=None)]) == ["ticket-confirmation"]
    assert ses_templates_in_place(FOUND, [{"name": "ticket-confirmation-en", "subject": "Tickets {{event_name}}", "text": "x"}]) == [
        "ticket-confirmation-en"]


def test_a_part_ses_lacks_is_not_the_empty_string():
    # The module would upload Html "" where SES has none: it would change, so not in place.
    assert ses_templates_in_place(FOUND, [{"name": "ticket-confirmation-en", "subject": "Tickets {{event_name}}", "html": "", "text": "x"}]) == []


def test_doubt_means_not_in_place():
    assert ses_templates_in_place(FOUND, [dict(WANTED, name=None)]) == []
    assert ses_templates_in_place([dict(FOUND[0], subject="5")], [dict(WANTED, subject=5)]) == []
    assert ses_templates_in_place([dict(FOUND[0], name=None)], [WANTED]) == []


def test_names_come_in_the_order_wanted():
    wanted = [{"name": "ticket-confirmation-en", "subject": "Tickets {{event_name}}", "html": None, "text": "x"}, WANTED]
    assert ses_templates_in_place(FOUND, wanted) == ["ticket-confirmation-en", "ticket-confirmation"]
