from ansible_collections.tickr.aws.plugins.modules.ses_configuration_set import (
    destination_changes,
    destination_errors,
    destination_to_aws,
    normalise_current,
)

OPTION = {"name": "cloudwatch", "enabled": True, "matching_event_types": ["COMPLAINT", "BOUNCE"],
          "cloudwatch_dimensions": [{"name": "ses:configuration-set", "source": "MESSAGE_TAG", "default_value": "tickr-transactional"}]}
AWS = {"Name": "cloudwatch", "Enabled": True, "MatchingEventTypes": ["BOUNCE", "COMPLAINT"],
       "CloudWatchDestination": {"DimensionConfigurations": [{"DimensionName": "ses:configuration-set", "DimensionValueSource": "MESSAGE_TAG",
                                                              "DefaultDimensionValue": "tickr-transactional"}]}}


def test_an_option_matches_what_aws_returns():
    assert destination_to_aws(OPTION) == normalise_current(AWS)


def test_same_destinations_change_nothing():
    current = {"cloudwatch": normalise_current(AWS)}
    assert destination_changes(current, {"cloudwatch": destination_to_aws(OPTION)}) == ({}, {}, [])


def test_new_changed_and_extra_destinations():
    current = {"cloudwatch": normalise_current(AWS), "old": {"Enabled": True, "MatchingEventTypes": ["SEND"]}}
    wider = destination_to_aws(dict(OPTION, matching_event_types=["BOUNCE", "COMPLAINT", "DELIVERY"]))
    sns = {"Enabled": True, "MatchingEventTypes": ["REJECT"], "SnsDestination": {"TopicArn": "arn:aws:sns:eu-west-1:1:t"}}
    assert destination_changes(current, {"cloudwatch": wider, "sns": sns}) == ({"sns": sns}, {"cloudwatch": wider}, ["old"])


def test_a_destination_needs_exactly_one_target():
    assert destination_errors([OPTION]) == []
    assert destination_errors([dict(OPTION, cloudwatch_dimensions=None)])
    assert destination_errors([dict(OPTION, sns_topic_arn="arn:aws:sns:eu-west-1:1:t")])


def test_tag_changes_add_and_purge_and_leave_alone():
    from ansible_collections.tickr.aws.plugins.modules.ses_configuration_set import tag_changes

    assert tag_changes({"Project": "tickr", "Old": "x"}, {"Project": "tickr", "Environment": "local"}, True) == (
        {"Environment": "local"}, ["Old"], {"Project": "tickr", "Environment": "local"})
    assert tag_changes({"Old": "x"}, {"Project": "tickr"}, False) == ({"Project": "tickr"}, [], {"Old": "x", "Project": "tickr"})
    assert tag_changes({"Old": "x"}, None, True) == ({}, [], {"Old": "x"})
    assert tag_changes({"Project": "tickr"}, {"Project": "tickr"}, True) == ({}, [], {"Project": "tickr"})
