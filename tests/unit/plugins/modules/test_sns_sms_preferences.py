"""tickr.aws.sns_sms_preferences: only the attributes given that differ are set, nothing in check mode, AWS's message
reaching the user."""

from ansible_collections.tickr.aws.plugins.modules import sns_sms_preferences
from ansible_collections.tickr.aws.plugins.modules.sns_sms_preferences import attribute_changes

from cloudwatch_fakes import FakeClient, run_module

PARAMS = {"default_sms_type": "Transactional", "monthly_spend_limit": 10, "default_sender_id": "TICKR",
          "delivery_status_iam_role": None, "delivery_status_success_sampling_rate": None, "usage_report_s3_bucket": None}


def test_a_fresh_account_gets_every_given_attribute():
    assert attribute_changes({}, PARAMS) == {"DefaultSMSType": "Transactional", "MonthlySpendLimit": "10", "DefaultSenderID": "TICKR"}


def test_same_values_as_strings_change_nothing():
    current = {"DefaultSMSType": "Transactional", "MonthlySpendLimit": "10", "DefaultSenderID": "TICKR", "UsageReportS3Bucket": "b"}
    assert attribute_changes(current, PARAMS) == {}


def test_only_differing_attributes_are_set():
    current = {"DefaultSMSType": "Promotional", "MonthlySpendLimit": "10", "DefaultSenderID": "TICKR"}
    assert attribute_changes(current, dict(PARAMS, monthly_spend_limit=None)) == {"DefaultSMSType": "Transactional"}


# The ses role's arguments (roles/ses/tasks/sms.yml).
ARGS = {"default_sms_type": "Transactional", "monthly_spend_limit": 10, "default_sender_id": "TICKR"}
IN_PLACE = {"DefaultSMSType": "Transactional", "MonthlySpendLimit": "10", "DefaultSenderID": "TICKR"}
READS = ("get_sms_attributes",)


def _run(current, args=None, check_mode=False, **kwargs):
    client = FakeClient({"get_sms_attributes": {"attributes": current}}, **kwargs)
    return run_module(sns_sms_preferences, ARGS if args is None else args, client, check_mode=check_mode), client


def test_check_mode_predicts_the_change_and_only_reads():
    result, client = _run({"DefaultSMSType": "Promotional"}, check_mode=True)
    assert result["changed"] is True and result["attributes"] == IN_PLACE
    assert client.calls == [("get_sms_attributes", {})]


def test_only_the_differing_attributes_are_set():
    result, client = _run(dict(IN_PLACE, DefaultSMSType="Promotional", UsageReportS3Bucket="b"))
    assert client.writes(READS) == [("set_sms_attributes", {"attributes": {"DefaultSMSType": "Transactional"}})]
    assert result["changed"] is True and result["attributes"] == dict(IN_PLACE, UsageReportS3Bucket="b")
    assert result["diff"]["before"]["DefaultSMSType"] == "Promotional"


def test_attributes_in_place_write_nothing():
    for args in (ARGS, {}):
        result, client = _run(IN_PLACE, args=args)
        assert result["changed"] is False and result["attributes"] == IN_PLACE
        assert client.writes(READS) == []


def test_a_negative_spend_limit_fails_before_any_call():
    result, client = _run({}, args=dict(ARGS, monthly_spend_limit=-1))
    assert (result["failed"], result["msg"]) == (True, "monthly_spend_limit must be 0 or more, got -1")
    assert client.calls == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, client = _run({}, fail_on="set_sms_attributes",
                          error=("InvalidParameter", "Invalid parameter: MonthlySpendLimit exceeds the account's spend limit"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to set the account's SMS preferences: An error occurred (InvalidParameter) when calling the "
                             "set_sms_attributes operation: Invalid parameter: MonthlySpendLimit exceeds the account's spend limit")
