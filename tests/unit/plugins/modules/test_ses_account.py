"""tickr.aws.ses_account: production access asked for only from the sandbox with no request under way, against a
stubbed SESv2: nothing asked in check mode, AWS's message reaching the user."""

from ansible_collections.tickr.aws.plugins.modules import ses_account
from ansible_collections.tickr.aws.plugins.modules.ses_account import needs_request, review_status

from module_runner import run_module, stubbed

SANDBOX = {"ProductionAccessEnabled": False, "SendingEnabled": True}


def test_no_request_unless_asked():
    assert not needs_request(SANDBOX, False)
    assert needs_request(SANDBOX, True)


def test_no_second_request_while_pending_or_once_granted():
    pending = dict(SANDBOX, Details={"ReviewDetails": {"Status": "PENDING"}})
    assert review_status(pending) == "PENDING" and not needs_request(pending, True)
    assert not needs_request(dict(SANDBOX, ProductionAccessEnabled=True), True)
    assert needs_request(dict(SANDBOX, Details={"ReviewDetails": {"Status": "DENIED"}}), True)
    assert review_status(SANDBOX) == ""


QUOTA = {"Max24HourSend": 200.0, "MaxSendRate": 1.0, "SentLast24Hours": 0.0}
REQUEST = {"request_production_access": True, "website_url": "https://tickr.tn",
           "use_case_description": "Ticket confirmations to Tickr's customers."}
# PutAccountDetails as the options above and the defaults ask for it.
DETAILS = {"MailType": "TRANSACTIONAL", "WebsiteURL": "https://tickr.tn", "ContactLanguage": "EN",
           "UseCaseDescription": "Ticket confirmations to Tickr's customers.", "ProductionAccessEnabled": True}


def account(status=None, **fields):
    found = dict(SANDBOX, SendQuota=QUOTA, **fields)
    if status:
        found["Details"] = {"ReviewDetails": {"Status": status, "CaseId": "case-1"}}
    return found


def run(args, answers, check_mode=False, error=None):
    """main() against SESv2 answering ``answers`` ((operation, response, expected params) in order), then ``error``."""
    client, stub = stubbed("sesv2")
    for operation, response, params in answers:
        stub.add_response(operation, response, params)
    if error:
        stub.add_client_error(*error)
    with stub:
        result = run_module(ses_account, args, client, check_mode=check_mode)
    stub.assert_no_pending_responses()
    return result


def test_the_status_alone_is_one_read():
    result = run({}, [("get_account", account(), {})])
    assert (result["changed"], result["sandbox"], result["review_status"]) == (False, True, "")
    assert result["account"]["send_quota"] == {"max24_hour_send": 200.0, "max_send_rate": 1.0, "sent_last24_hours": 0.0}


def test_check_mode_predicts_the_request_and_only_reads():
    result = run(REQUEST, [("get_account", account(), {})], check_mode=True)
    assert (result["changed"], result["sandbox"], result["review_status"]) == (True, True, "PENDING")
    assert result["diff"] == {"before": {"production_access_enabled": False, "review_status": ""},
                              "after": {"production_access_enabled": False, "review_status": "PENDING"}}


def test_the_request_is_made_then_the_account_read_again():
    contacts = ["ops@tickr.tn"]
    result = run(dict(REQUEST, additional_contact_email_addresses=contacts),
                 [("get_account", account(), {}),
                  ("put_account_details", {}, dict(DETAILS, AdditionalContactEmailAddresses=contacts)),
                  ("get_account", account("PENDING"), {})])
    assert (result["changed"], result["sandbox"], result["review_status"]) == (True, True, "PENDING")
    assert result["account"]["details"]["review_details"]["status"] == "PENDING"


def test_nothing_is_asked_while_pending_or_once_granted():
    for found in (account("PENDING"), account("GRANTED", ProductionAccessEnabled=True)):
        result = run(REQUEST, [("get_account", found, {})])
        assert result["changed"] is False and result["review_status"] == found["Details"]["ReviewDetails"]["Status"]


def test_aws_refusal_reaches_the_user_with_awss_message():
    result = run(REQUEST, [("get_account", account(), {})],
                 error=("put_account_details", "ConflictException", "A request for production access is already open"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to ask for SES production access: An error occurred (ConflictException) when calling the "
                             "PutAccountDetails operation: A request for production access is already open")
