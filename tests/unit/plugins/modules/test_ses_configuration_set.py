"""tickr.aws.ses_configuration_set: event destinations compared by name, tags compared and purged; against a fake
SESv2, a write only for what differs, nothing written in check mode, AWS's message reaching the user."""

from ansible_collections.tickr.aws.plugins.modules import ses_configuration_set
from ansible_collections.tickr.aws.plugins.modules.ses_configuration_set import (
    destination_changes,
    destination_errors,
    destination_to_aws,
    normalise_current,
)

from cloudwatch_fakes import FakeClient, run_module

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


# main() against a fake SESv2 (and STS, for the set's ARN).
NAME = "tickr-transactional"
ARN = f"arn:aws:ses:eu-west-1:123456789012:configuration-set/{NAME}"
CALLER = {"Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/ansible"}
ARGS = {"name": NAME, "region": "eu-west-1", "event_destinations": [OPTION], "tags": {"Project": "tickr"}}
NOT_FOUND = ("NotFoundException", f"Configuration set <{NAME}> does not exist.")


def found_set(destinations, tags):
    return {"get_configuration_set": {"ConfigurationSetName": NAME},
            "get_configuration_set_event_destinations": {"EventDestinations": destinations},
            "get_caller_identity": CALLER, "list_tags_for_resource": {"Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}}


def run(reads, args=None, check_mode=False, **kwargs):
    client = FakeClient(reads, **kwargs)
    return run_module(ses_configuration_set, ARGS if args is None else args, client, check_mode=check_mode), client


def test_a_set_as_wanted_writes_nothing():
    result, client = run(found_set([AWS], {"Project": "tickr"}))
    assert result["changed"] is False and client.writes() == []
    assert result["event_destinations"] == [AWS] and result["tags"] == {"Project": "tickr"}
    # GetConfigurationSet answers with the set's tags too; the module reads them again through the set's ARN.
    assert client.operations() == ["get_configuration_set", "get_configuration_set_event_destinations",
                                   "get_caller_identity", "list_tags_for_resource"]


def test_destinations_left_unset_are_left_alone_and_tags_unread():
    result, client = run(found_set([AWS], {}), args={"name": NAME, "region": "eu-west-1"}, check_mode=True)
    assert result["changed"] is False and result["event_destinations"] == [AWS]
    assert client.operations() == ["get_configuration_set", "get_configuration_set_event_destinations"]


def test_check_mode_predicts_a_new_set_and_only_reads():
    result, client = run({}, check_mode=True, fail_on="get_configuration_set", error=NOT_FOUND)
    assert result["changed"] is True and client.writes() == []
    assert result["event_destinations"] == [AWS] and result["tags"] == {"Project": "tickr"}
    assert result["diff"]["before"] == {}


def test_a_new_set_is_created_with_its_tags_then_its_destinations():
    result, client = run({}, fail_on="get_configuration_set", error=NOT_FOUND)
    assert result["changed"] is True
    assert client.writes() == [
        ("create_configuration_set", {"ConfigurationSetName": NAME, "Tags": [{"Key": "Project", "Value": "tickr"}]}),
        ("create_configuration_set_event_destination", {"ConfigurationSetName": NAME, "EventDestinationName": "cloudwatch",
                                                        "EventDestination": normalise_current(AWS)})]


DRIFTED = [dict(AWS, MatchingEventTypes=["BOUNCE"]), {"Name": "old", "Enabled": True, "MatchingEventTypes": ["SEND"],
                                                      "SnsDestination": {"TopicArn": "arn:aws:sns:eu-west-1:1:t"}}]


def test_drifted_tags_and_destinations_are_put_back_in_order():
    args = dict(ARGS, tags={"Project": "tickr", "Environment": "local"})
    result, client = run(found_set(DRIFTED, {"Project": "tickr", "Old": "x"}), args=args)
    assert result["changed"] is True and result["tags"] == {"Project": "tickr", "Environment": "local"}
    assert client.writes() == [
        ("untag_resource", {"ResourceArn": ARN, "TagKeys": ["Old"]}),
        ("tag_resource", {"ResourceArn": ARN, "Tags": [{"Key": "Environment", "Value": "local"}]}),
        ("delete_configuration_set_event_destination", {"ConfigurationSetName": NAME, "EventDestinationName": "old"}),
        ("update_configuration_set_event_destination", {"ConfigurationSetName": NAME, "EventDestinationName": "cloudwatch",
                                                        "EventDestination": normalise_current(AWS)})]


def test_check_mode_predicts_the_corrections_and_only_reads():
    result, client = run(found_set(DRIFTED, {"Project": "tickr", "Old": "x"}), check_mode=True)
    assert result["changed"] is True and client.writes() == []
    assert result["event_destinations"] == [AWS] and result["tags"] == {"Project": "tickr"}
    assert sorted(result["diff"]["before"]["event_destinations"]) == ["cloudwatch", "old"]


def test_absent_deletes_the_set_found_and_nothing_in_check_mode():
    args = {"name": NAME, "region": "eu-west-1", "state": "absent"}
    result, client = run(found_set([AWS], {}), args=args)
    assert (result["changed"], result["configuration_set"], result["event_destinations"]) == (True, "", [])
    assert client.writes() == [("delete_configuration_set", {"ConfigurationSetName": NAME})]
    result, client = run(found_set([AWS], {}), args=args, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    result, client = run({}, args=args, fail_on="get_configuration_set", error=NOT_FOUND)
    assert result["changed"] is False and client.writes() == []


def test_an_invalid_destination_fails_before_any_call():
    result, client = run({}, args=dict(ARGS, event_destinations=[dict(OPTION, sns_topic_arn="arn:aws:sns:eu-west-1:1:t")]))
    assert result["failed"] is True and "needs exactly one of" in result["msg"] and client.calls == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, client = run(found_set([], {"Project": "tickr"}), fail_on="create_configuration_set_event_destination",
                         error=("LimitExceededException", "Maximum number of event destinations exceeded"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to create the SES event destination: An error occurred (LimitExceededException) when calling "
                             "the create_configuration_set_event_destination operation: Maximum number of event destinations exceeded")
