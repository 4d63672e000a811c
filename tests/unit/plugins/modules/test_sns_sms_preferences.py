from ansible_collections.tickr.aws.plugins.modules.sns_sms_preferences import attribute_changes

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
