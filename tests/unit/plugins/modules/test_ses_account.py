from ansible_collections.tickr.aws.plugins.modules.ses_account import needs_request, review_status

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
