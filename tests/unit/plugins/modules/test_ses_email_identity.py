from ansible_collections.tickr.aws.plugins.module_utils.ses import dkim_actions, dkim_records, is_domain

EASY = {"SigningEnabled": True, "SigningAttributesOrigin": "AWS_SES", "Status": "PENDING", "Tokens": ["a", "b", "c"]}


def test_domains_and_addresses():
    assert is_domain("tickr.tn") and not is_domain("noreply@tickr.tn")


def test_records_to_publish():
    assert dkim_records("tickr.tn", ["a"]) == [{"name": "a._domainkey.tickr.tn", "type": "CNAME", "value": "a.dkim.amazonses.com"}]
    assert dkim_records("tickr.tn", None) == []


def test_easy_dkim_already_on_changes_nothing():
    assert dkim_actions(EASY, True) == (False, None)
    assert dkim_actions(EASY, None) == (False, None)


def test_missing_tokens_or_signing_are_fixed():
    assert dkim_actions({"SigningEnabled": False, "Status": "NOT_STARTED"}, True) == (True, None)
    assert dkim_actions(dict(EASY, SigningEnabled=False), True) == (False, True)
    assert dkim_actions(EASY, False) == (False, False)


def test_an_address_takes_no_dkim_settings():
    from ansible_collections.tickr.aws.plugins.module_utils.ses import wanted_dkim
    assert wanted_dkim("noreply@tickr.tn", True) is None
    assert wanted_dkim("noreply@tickr.tn", False) is None
    assert dkim_actions({"SigningEnabled": False, "Status": "NOT_STARTED"}, wanted_dkim("noreply@tickr.tn", True)) == (False, None)
    assert wanted_dkim("tickr.tn", True) is True and wanted_dkim("tickr.tn", None) is None
