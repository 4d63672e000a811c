"""The ses role (with SMS preferences) builds the spec's "SES (Email)" and the SMS line of "SNS", idempotently;
a template edit changes only that template and shows in --diff, a template changed outside Ansible is taken back
and a rerun uploads none; bad input fails before any change.

The bucket's values are asserted in test_s3_bucket.py; here the two roles run together and rerun unchanged.
"""

import json
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "roles" / "ses" / "files" / "templates"
TAGS = ["--tags", "s3_bucket,ses"]
NAMES = ["event-published", "event-published-en", "refund-completed", "refund-completed-en", "ticket-confirmation", "ticket-confirmation-en"]


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    first = run_playbook(emulator.env, extra=TAGS)
    assert first.returncode == 0, first.failure_messages() or first.output[-3000:]
    return emulator, first


def _task_results(run, name):
    for play in run.result["plays"]:
        for task in play["tasks"]:
            if task["task"]["name"].split(" : ")[-1] == name:
                return next(iter(task["hosts"].values()))
    raise AssertionError(f"no task {name}")


def test_first_run_builds_the_bucket_and_the_mail(deployed):
    emulator, first = deployed
    assert first.changed > 0
    assert emulator.client("s3").get_bucket_location(Bucket="tickr-event-images")["LocationConstraint"] == "eu-west-1"


def test_domain_is_signed_with_easy_dkim_and_its_records_are_returned(deployed):
    emulator, first = deployed
    sesv2 = emulator.client("sesv2")
    dkim = sesv2.get_email_identity(EmailIdentity="tickr.tn")["DkimAttributes"]
    assert dkim["SigningEnabled"] is True and dkim["SigningAttributesOrigin"] == "AWS_SES" and len(dkim["Tokens"]) == 3
    identities = _task_results(first, "Verify the domain and the sending addresses, and sign the domain's mail with Easy DKIM")["identities"]
    records = next(i for i in identities if i["name"] == "tickr.tn")["dkim_records"]
    assert records == [{"name": f"{t}._domainkey.tickr.tn", "type": "CNAME", "value": f"{t}.dkim.amazonses.com"} for t in dkim["Tokens"]]
    summary = _task_results(first, "Summarise the stack")["msg"]
    assert summary["ses_configuration_set"] == "tickr-transactional"
    assert summary["ses_dkim_records"] == records


def test_sending_addresses_are_identities(deployed):
    identities = deployed[0].client("ses").list_identities()["Identities"]
    assert sorted(identities) == ["noreply@tickr.tn", "support@tickr.tn", "tickr.tn"]


def test_configuration_set_sends_bounces_and_complaints_to_cloudwatch(deployed):
    sesv2 = deployed[0].client("sesv2")
    assert sesv2.get_configuration_set(ConfigurationSetName="tickr-transactional")["ConfigurationSetName"] == "tickr-transactional"
    [destination] = sesv2.get_configuration_set_event_destinations(ConfigurationSetName="tickr-transactional")["EventDestinations"]
    assert destination["Name"] == "cloudwatch" and destination["Enabled"] is True
    assert sorted(destination["MatchingEventTypes"]) == ["BOUNCE", "COMPLAINT"]
    assert destination["CloudWatchDestination"]["DimensionConfigurations"] == [
        {"DimensionName": "ses:configuration-set", "DimensionValueSource": "MESSAGE_TAG", "DefaultDimensionValue": "tickr-transactional"}]
    arn = "arn:aws:ses:eu-west-1:123456789012:configuration-set/tickr-transactional"
    tags = {t["Key"]: t["Value"] for t in sesv2.list_tags_for_resource(ResourceArn=arn)["Tags"]}
    assert tags == {"Project": "tickr", "Environment": "local", "ManagedBy": "ansible"}


def test_templates_are_uploaded_in_french_and_english(deployed):
    sesv2 = deployed[0].client("sesv2")
    assert sorted(t["TemplateName"] for t in sesv2.list_email_templates()["TemplatesMetadata"]) == NAMES
    for name in ("ticket-confirmation", "event-published", "refund-completed"):
        for lang, suffix in (("fr", ""), ("en", "-en")):
            content = sesv2.get_email_template(TemplateName=name + suffix)["TemplateContent"]
            folder = TEMPLATES / name / lang
            assert content["Subject"] == (folder / "subject.txt").read_text().rstrip()
            assert content["Html"] == (folder / "body.html").read_text().rstrip()
            assert content["Text"] == (folder / "body.txt").read_text().rstrip()
    assert sesv2.get_email_template(TemplateName="ticket-confirmation")["TemplateContent"]["Subject"] == "Vos billets pour {{event_name}}"


def test_sending_status_is_reported_and_production_access_not_asked(deployed):
    emulator, first = deployed
    account = _task_results(first, "Read the sending status, and ask for production access when told")
    assert account["sandbox"] is True and account["changed"] is False
    assert account["account"]["send_quota"]["max24_hour_send"] == 200
    assert "Details" not in emulator.client("sesv2").get_account()


def test_sms_preferences_are_transactional_with_a_limit_and_a_sender_id(deployed):
    attributes = deployed[0].client("sns").get_sms_attributes()["attributes"]
    assert attributes["DefaultSMSType"] == "Transactional"
    assert attributes["MonthlySpendLimit"] == "1"
    assert attributes["DefaultSenderID"] == "TICKR"


def test_second_run_changes_nothing(deployed, run_playbook):
    second = run_playbook(deployed[0].env, extra=TAGS)
    assert second.returncode == 0 and second.changed == 0, second.failure_messages() or second.output[-3000:]


def test_check_mode_on_the_built_stack_predicts_no_change(deployed, run_playbook):
    check = run_playbook(deployed[0].env, extra=[*TAGS, "--check"])
    assert check.returncode == 0 and check.changed == 0, check.failure_messages() or check.output[-3000:]


def test_editing_one_templates_html_updates_only_it_and_shows_in_diff(deployed, run_playbook, tmp_path):
    emulator = deployed[0]
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    html = folder / "refund-completed" / "fr" / "body.html"
    html.write_text(html.read_text().replace("<p>L&rsquo;équipe Tickr</p>", "<p>Cordialement, l&rsquo;équipe Tickr</p>"))
    before = {n: emulator.client("sesv2").get_email_template(TemplateName=n)["TemplateContent"] for n in NAMES}

    run = run_playbook(emulator.env, extra=["--tags", "ses", "--diff", "-e", f"ses_template_dir={folder}"])
    assert run.returncode == 0 and run.changed == 1, run.failure_messages() or run.output[-3000:]
    uploads = _task_results(run, "Upload each template in each language")
    assert uploads["changed_templates"] == ["refund-completed"]
    [diff] = uploads["diff"]
    assert "Cordialement" in diff["after"]["html"] and "Cordialement" not in diff["before"]["html"]

    after = {n: emulator.client("sesv2").get_email_template(TemplateName=n)["TemplateContent"] for n in NAMES}
    assert after["refund-completed"]["Html"] == html.read_text().rstrip()
    assert {n: c for n, c in after.items() if n != "refund-completed"} == {n: c for n, c in before.items() if n != "refund-completed"}
    # Back to the role's own files, for the tests that follow.
    restore = run_playbook(emulator.env, extra=["--tags", "ses"])
    assert restore.returncode == 0 and restore.changed == 1


def test_a_template_changed_outside_ansible_is_taken_back_then_left_alone(deployed, run_playbook):
    """The templates are read, compared and written in one module run; only one that drifted is uploaded again."""
    emulator = deployed[0]
    sesv2 = emulator.client("sesv2")
    content = sesv2.get_email_template(TemplateName="event-published-en")["TemplateContent"]
    sesv2.update_email_template(TemplateName="event-published-en", TemplateContent=dict(content, Subject="Changed by hand"))

    rerun = run_playbook(emulator.env, extra=["--tags", "ses"])
    assert rerun.returncode == 0 and rerun.changed == 1, rerun.failure_messages() or rerun.output[-3000:]
    uploads = _task_results(rerun, "Upload each template in each language")
    assert uploads["changed_templates"] == ["event-published-en"] and uploads["changed"] is True
    assert sesv2.get_email_template(TemplateName="event-published-en")["TemplateContent"] == content

    again = run_playbook(emulator.env, extra=["--tags", "ses"])
    assert again.returncode == 0 and again.changed == 0, again.failure_messages() or again.output[-3000:]
    uploads = _task_results(again, "Upload each template in each language")
    assert len(uploads["templates"]) == len(NAMES) and uploads["changed_templates"] == [] and uploads["changed"] is False


def test_identities_are_read_once_and_a_domain_signing_turned_off_by_hand_is_turned_back_on(deployed, run_playbook):
    """The identities are read, compared and written in one module run; only the one not as asked is changed."""
    emulator = deployed[0]
    sesv2 = emulator.client("sesv2")
    tokens = sesv2.get_email_identity(EmailIdentity="tickr.tn")["DkimAttributes"]["Tokens"]
    sesv2.put_email_identity_dkim_attributes(EmailIdentity="tickr.tn", SigningEnabled=False)

    rerun = run_playbook(emulator.env, extra=["--tags", "ses"])
    assert rerun.returncode == 0 and rerun.changed == 1, rerun.failure_messages() or rerun.output[-3000:]
    identities = _task_results(rerun, "Verify the domain and the sending addresses, and sign the domain's mail with Easy DKIM")["identities"]
    assert [(i["name"], i["changed"]) for i in identities] == [
        ("tickr.tn", True), ("noreply@tickr.tn", False), ("support@tickr.tn", False)]
    assert sesv2.get_email_identity(EmailIdentity="tickr.tn")["DkimAttributes"]["SigningEnabled"] is True

    again = run_playbook(emulator.env, extra=["--tags", "ses"])
    assert again.returncode == 0 and again.changed == 0, again.failure_messages() or again.output[-3000:]
    assert _task_results(again, "Verify the domain and the sending addresses, and sign the domain's mail with Easy DKIM")["changed"] is False
    # Read, not verified, the domain still gives the DKIM records to publish.
    records = [{"name": f"{t}._domainkey.tickr.tn", "type": "CNAME", "value": f"{t}.dkim.amazonses.com"} for t in tokens]
    assert _task_results(again, "Summarise the stack")["msg"]["ses_dkim_records"] == records


def test_a_template_with_an_undeclared_variable_fails_validation(fresh_emulator, run_playbook, tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    text = folder / "ticket-confirmation" / "en" / "body.txt"
    text.write_text(text.read_text().replace("{{customer_name}}", "{{custmer_name}}"))
    run = run_playbook(fresh_emulator.env, extra=["--tags", "ses", "-e", f"ses_template_dir={folder}"])
    assert run.returncode != 0
    message = " ".join(run.failure_messages())
    assert "ticket-confirmation" in message and "{{custmer_name}}" in message and "en/body.txt" in message
    assert fresh_emulator.client("sesv2").list_email_templates()["TemplatesMetadata"] == []
    assert fresh_emulator.client("ses").list_identities()["Identities"] == []


@pytest.mark.parametrize(
    "extra_vars, variable",
    [
        ({"ses_domain": "tickr_tn"}, "ses_domain"),
        ({"ses_email_addresses": ["noreply-at-tickr.tn"]}, "ses_email_addresses"),
        ({"ses_event_types": ["BOUNCES"]}, "ses_event_types"),
        ({"ses_sms_monthly_spend_limit": -1}, "ses_sms_monthly_spend_limit"),
        ({"ses_sms_sender_id": "TI"}, "ses_sms_sender_id"),
        ({"ses_sms_sender_id": "TICKR-TN"}, "ses_sms_sender_id"),
        ({"ses_templates": [{"name": "ticket-confirmation", "variables": ["event_name"]}]}, "ticket-confirmation"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "ses", "-e", json.dumps(extra_vars)])
    assert run.returncode != 0
    assert variable in " ".join(run.failure_messages())
    assert fresh_emulator.client("ses").list_identities()["Identities"] == []
    assert fresh_emulator.client("sns").get_sms_attributes()["attributes"] == {}
