"""tickr.aws.ses_template and ses_email_identity given a whole list, against a stubbed SESv2: each item read, compared
and written only when it differs; nothing written in check mode; AWS's message reaches the user."""

import itertools

import pytest

from ansible_collections.tickr.aws.plugins.module_utils.ses import dkim_actions, wanted_dkim
from ansible_collections.tickr.aws.plugins.modules import ses_email_identity, ses_template

from module_runner import run_module, stubbed

FOUND = {"ticket-confirmation": {"Subject": "Billets {{event_name}}", "Html": "<p>{{customer_name}}</p>", "Text": "{{customer_name}}"},
         "ticket-confirmation-en": {"Subject": "Tickets {{event_name}}", "Text": "x"}}
WANTED = {"name": "ticket-confirmation", "subject": "Billets {{event_name}}", "html": "<p>{{customer_name}}</p>",
          "text": "{{customer_name}}"}


def not_found(stub, operation, **params):
    stub.add_client_error(operation, "NotFoundException", "not found", expected_params=params)


def queue_template(stub, name):
    if name in FOUND:
        stub.add_response("get_email_template", {"TemplateName": name, "TemplateContent": FOUND[name]}, {"TemplateName": name})
    else:
        not_found(stub, "get_email_template", TemplateName=name)


def run_templates(templates, writes=(), check_mode=False, state="present"):
    client, stub = stubbed("sesv2")
    for template in templates:
        queue_template(stub, template["name"])
        for operation, name, content in writes:
            if name == template["name"]:
                stub.add_response(operation, {}, {"TemplateName": name, "TemplateContent": content} if content else {"TemplateName": name})
    with stub:
        result = run_module(ses_template, {"templates": templates, "state": state}, client, check_mode=check_mode)
    stub.assert_no_pending_responses()
    return result


def test_templates_found_as_wanted_are_left_alone_in_one_read_each():
    result = run_templates([WANTED, {"name": "ticket-confirmation-en", "subject": "Tickets {{event_name}}", "text": "x"}])
    assert result["changed"] is False and result["changed_templates"] == [] and result["diff"] == []
    assert [t["name"] for t in result["templates"]] == ["ticket-confirmation", "ticket-confirmation-en"]


@pytest.mark.parametrize("part, key", [("subject", "Subject"), ("html", "Html"), ("text", "Text")])
@pytest.mark.parametrize("extra", [" ", "\n"])
def test_a_part_that_differs_even_by_a_space_is_uploaded_again(part, key, extra):
    wanted = dict(WANTED, **{part: WANTED[part] + extra})
    content = {"Subject": wanted["subject"], "Html": wanted["html"], "Text": wanted["text"]}
    result = run_templates([wanted], writes=[("update_email_template", "ticket-confirmation", content)])
    assert result["changed"] is True and result["changed_templates"] == ["ticket-confirmation"]
    assert result["diff"][0]["before"][part] == WANTED[part] and result["diff"][0]["after"][part] == wanted[part]


def test_a_template_not_found_is_created():
    wanted = dict(WANTED, name="refund-completed")
    content = {"Subject": WANTED["subject"], "Html": WANTED["html"], "Text": WANTED["text"]}
    result = run_templates([WANTED, wanted], writes=[("create_email_template", "refund-completed", content)])
    assert result["changed_templates"] == ["refund-completed"] and result["diff"][0]["before"] == {}


def test_a_part_left_unset_is_left_alone():
    assert run_templates([dict(WANTED, html=None)])["changed"] is False
    assert run_templates([{"name": "ticket-confirmation-en", "subject": "Tickets {{event_name}}", "text": "x"}])["changed"] is False


def test_a_part_ses_lacks_is_not_the_empty_string():
    wanted = {"name": "ticket-confirmation-en", "subject": "Tickets {{event_name}}", "html": "", "text": "x"}
    content = {"Subject": "Tickets {{event_name}}", "Html": "", "Text": "x"}
    result = run_templates([wanted], writes=[("update_email_template", "ticket-confirmation-en", content)])
    assert result["changed_templates"] == ["ticket-confirmation-en"]


def test_check_mode_reads_only_and_predicts():
    result = run_templates([dict(WANTED, subject="New"), dict(WANTED, name="refund-completed")], check_mode=True)
    assert result["failed"] is False
    assert result["changed_templates"] == ["ticket-confirmation", "refund-completed"]
    assert [t["subject"] for t in result["templates"]] == ["New", WANTED["subject"]]
    result = run_templates([{"name": "ticket-confirmation"}, {"name": "gone"}], check_mode=True, state="absent")
    assert result["changed_templates"] == ["ticket-confirmation"] and result["templates"] == []


def test_absent_deletes_those_found():
    result = run_templates([{"name": "ticket-confirmation"}, {"name": "gone"}], state="absent",
                           writes=[("delete_email_template", "ticket-confirmation", None)])
    assert result["changed_templates"] == ["ticket-confirmation"]


def test_a_new_template_needs_a_subject():
    result = run_templates([{"name": "refund-completed", "html": "<p/>"}])
    assert result["failed"] is True and "subject is required to create the SES template refund-completed" in result["msg"]


def test_an_aws_error_on_templates_reaches_the_user_with_its_message():
    client, stub = stubbed("sesv2")
    queue_template(stub, "ticket-confirmation")
    stub.add_client_error("update_email_template", "BadRequestException", "Template content is too large")
    with stub:
        result = run_module(ses_template, {"templates": [dict(WANTED, text="x")]}, client)
    assert result["failed"] is True
    assert "Failed to update the SES template" in result["msg"] and "Template content is too large" in result["msg"]


# Every DKIM state a domain can be found in: signing on/off, tokens from SES, from the customer (BYODKIM), or none.
STATES = [dict(zip(("SigningEnabled", "SigningAttributesOrigin", "Tokens"), values)) for values in itertools.product(
    (True, False), ("AWS_SES", "EXTERNAL", None), (["a", "b", "c"], []))]


def identity(name, attributes):
    kind = "DOMAIN" if "@" not in name else "EMAIL_ADDRESS"
    return {"IdentityType": kind, "VerifiedForSendingStatus": True,
            "DkimAttributes": {k: v for k, v in attributes.items() if v is not None}}


@pytest.mark.parametrize("name", ["tickr.tn", "noreply@tickr.tn"])
@pytest.mark.parametrize("dkim", [True, False, None])
@pytest.mark.parametrize("attributes", STATES)
def test_check_mode_changes_exactly_when_dkim_needs_a_call(name, dkim, attributes):
    client, stub = stubbed("sesv2")
    stub.add_response("get_email_identity", identity(name, attributes), {"EmailIdentity": name})
    with stub:
        result = run_module(ses_email_identity, {"identities": [name], "dkim": dkim}, client, check_mode=True)
    stub.assert_no_pending_responses()
    calls_nothing = dkim_actions(identity(name, attributes)["DkimAttributes"], wanted_dkim(name, dkim)) == (False, None)
    assert result["changed"] is not calls_nothing and result["identities"][0]["changed"] is not calls_nothing


EASY = {"SigningEnabled": True, "SigningAttributesOrigin": "AWS_SES", "Tokens": ["abc", "def", "ghi"]}


def test_identities_as_asked_are_one_read_each_and_the_domain_gives_its_records():
    client, stub = stubbed("sesv2")
    for name in ("tickr.tn", "noreply@tickr.tn"):
        stub.add_response("get_email_identity", identity(name, EASY if name == "tickr.tn" else {}), {"EmailIdentity": name})
    with stub:
        result = run_module(ses_email_identity, {"identities": ["tickr.tn", "noreply@tickr.tn"], "dkim": True}, client)
    stub.assert_no_pending_responses()
    assert result["changed"] is False and result["diff"] == []
    domain, address = result["identities"]
    assert domain["name"] == "tickr.tn" and domain["identity"]["dkim_attributes"]["tokens"] == EASY["Tokens"]
    assert domain["dkim_records"][0] == {"name": "abc._domainkey.tickr.tn", "type": "CNAME", "value": "abc.dkim.amazonses.com"}
    assert address["dkim_records"] == [] and address["changed"] is False


def test_signing_turned_off_is_turned_back_on_and_a_new_address_created():
    client, stub = stubbed("sesv2")
    stub.add_response("get_email_identity", identity("tickr.tn", dict(EASY, SigningEnabled=False)), {"EmailIdentity": "tickr.tn"})
    stub.add_response("put_email_identity_dkim_attributes", {}, {"EmailIdentity": "tickr.tn", "SigningEnabled": True})
    stub.add_response("get_email_identity", identity("tickr.tn", EASY), {"EmailIdentity": "tickr.tn"})
    not_found(stub, "get_email_identity", EmailIdentity="support@tickr.tn")
    stub.add_response("create_email_identity", {"IdentityType": "EMAIL_ADDRESS", "VerifiedForSendingStatus": False},
                      {"EmailIdentity": "support@tickr.tn"})
    stub.add_response("get_email_identity", identity("support@tickr.tn", {}), {"EmailIdentity": "support@tickr.tn"})
    with stub:
        result = run_module(ses_email_identity, {"identities": ["tickr.tn", "support@tickr.tn"], "dkim": True}, client)
    stub.assert_no_pending_responses()
    assert [i["changed"] for i in result["identities"]] == [True, True]
    assert [d["before_header"] for d in result["diff"]] == ["tickr.tn", "support@tickr.tn"]
    assert result["diff"][0]["after"]["dkim_signing_enabled"] is True


def test_check_mode_creates_nothing():
    client, stub = stubbed("sesv2")
    not_found(stub, "get_email_identity", EmailIdentity="tickr.tn")
    with stub:
        result = run_module(ses_email_identity, {"identities": ["tickr.tn"], "dkim": True}, client, check_mode=True)
    stub.assert_no_pending_responses()
    assert result["changed"] is True and result["identities"][0]["identity"] == {}


def test_an_aws_error_on_identities_reaches_the_user_with_its_message():
    client, stub = stubbed("sesv2")
    stub.add_client_error("get_email_identity", "AccessDeniedException", "User is not authorized to perform ses:GetEmailIdentity")
    with stub:
        result = run_module(ses_email_identity, {"identities": ["tickr.tn"]}, client)
    assert result["failed"] is True
    assert "Failed to read the SES identity" in result["msg"] and "not authorized to perform ses:GetEmailIdentity" in result["msg"]
