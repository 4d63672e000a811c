"""tickr.aws.cloudwatchlogs_log_groups against a fake CloudWatch Logs: one DescribeLogGroups over the names' common
prefix, the tags of the groups found, a write only for what differs, nothing written in check mode (retention
included), AWS's message reaches the user.

The cases are those the log_groups_in_place filter was held to (it is gone: this module compares for itself)."""

import pytest

from ansible_collections.tickr.aws.plugins.modules import cloudwatchlogs_log_groups
from ansible_collections.tickr.aws.plugins.modules.cloudwatchlogs_log_groups import common_prefix

from cloudwatch_fakes import FakeClient, run_module

TAGS = {"Project": "tickr", "Environment": "local", "ManagedBy": "ansible"}
NAMES = ["/ecs/tickr-backend", "/rds/tickr/postgresql"]


def _group(name, retention=7):
    group = {"logGroupName": name, "arn": f"arn:aws:logs:eu-west-1:123456789012:log-group:{name}:*",
             "logGroupArn": f"arn:aws:logs:eu-west-1:123456789012:log-group:{name}", "storedBytes": 0}
    if retention:
        group["retentionInDays"] = retention
    return group


class LogsClient(FakeClient):
    """DescribeLogGroups answers ``groups``; ListTagsForResource each group's ``tags``."""

    def __init__(self, groups, tags, **kwargs):
        super().__init__({"describe_log_groups": {"logGroups": groups}}, **kwargs)
        self.tags = tags

    def list_tags_for_resource(self, resourceArn):
        self.calls.append(("list_tags_for_resource", {"resourceArn": resourceArn}))
        return {"tags": dict(self.tags.get(resourceArn.split(":log-group:")[1], {}))}


def run(groups, found_tags, names=None, check_mode=False, **options):
    names = NAMES if names is None else names
    client = LogsClient(groups, found_tags)
    options.setdefault("retention", 7)
    options.setdefault("tags", TAGS)
    result = run_module(cloudwatchlogs_log_groups, dict(names=names, **options), client, check_mode=check_mode)
    return result, client


IN_PLACE = ([_group(NAMES[0]), _group(NAMES[1]), _group("/aws/lambda/other", 30)],
            {NAMES[0]: TAGS, NAMES[1]: dict(TAGS, **{"aws:cloudformation:stack": "x"})})


def test_groups_with_their_retention_and_tags_are_left_alone():
    for retention in (7, "7"):
        result, client = run(*IN_PLACE, retention=retention)
        assert result["changed"] is False and result["changed_log_groups"] == []
        assert client.writes() == []
    assert client.operations() == ["describe_log_groups", "list_tags_for_resource", "list_tags_for_resource"]
    assert client.calls[0][1] == {"logGroupNamePrefix": "/"}
    assert [g["log_group_name"] for g in result["log_groups"]] == NAMES


@pytest.mark.parametrize("group, tags, writes", [
    (_group(NAMES[0], 30), TAGS, [("put_retention_policy", {"logGroupName": NAMES[0], "retentionInDays": 7})]),
    (_group(NAMES[0], None), TAGS, [("put_retention_policy", {"logGroupName": NAMES[0], "retentionInDays": 7})]),
    (_group(NAMES[0]), dict(TAGS, Owner="me"), [("untag_resource", {"resourceArn": _group(NAMES[0])["logGroupArn"], "tagKeys": ["Owner"]})]),
    (_group(NAMES[0]), dict(TAGS, Project="other"), [("tag_resource", {"resourceArn": _group(NAMES[0])["logGroupArn"], "tags": {"Project": "tickr"}})]),
    (_group(NAMES[0]), {"Project": "tickr"}, [("tag_resource", {"resourceArn": _group(NAMES[0])["logGroupArn"],
                                                                "tags": {"Environment": "local", "ManagedBy": "ansible"}})]),
    (None, None, [("create_log_group", {"logGroupName": NAMES[0], "tags": TAGS}),
                  ("put_retention_policy", {"logGroupName": NAMES[0], "retentionInDays": 7})]),
])
def test_a_group_changed_or_missing_is_corrected_and_no_other(group, tags, writes):
    groups = [g for g in (group, _group(NAMES[1])) if g]
    found_tags = {NAMES[0]: tags, NAMES[1]: TAGS}
    check, client = run(groups, found_tags, check_mode=True)
    assert check["changed_log_groups"] == [NAMES[0]] and client.writes() == []
    result, client = run(groups, found_tags)
    assert result["changed_log_groups"] == [NAMES[0]]
    assert client.writes() == writes
    assert result["log_groups"][0] == {"log_group_name": NAMES[0], "retention_in_days": 7, "tags": TAGS}


def test_a_group_found_twice_in_the_names_is_handled_once():
    result, client = run([], {}, names=[NAMES[0], NAMES[0]])
    assert result["changed_log_groups"] == [NAMES[0]] and len(client.writes()) == 2


def test_tag_values_compare_as_text():
    result, client = run([_group(NAMES[0])], {NAMES[0]: {"CostCenter": "42"}}, names=NAMES[:1], tags={"CostCenter": 42})
    assert result["changed"] is False
    result, client = run([_group(NAMES[0])], {NAMES[0]: {"CostCenter": "42"}}, names=NAMES[:1], tags={"CostCenter": 43})
    assert client.writes() == [("tag_resource", {"resourceArn": _group(NAMES[0])["logGroupArn"], "tags": {"CostCenter": "43"}})]


def test_retention_or_tags_omitted_are_left_as_found():
    groups, tags = [_group(NAMES[0], 30)], {NAMES[0]: {"Owner": "me"}}
    result, client = run(groups, tags, names=NAMES[:1], retention=None, tags=None)
    assert result["changed"] is False and client.operations() == ["describe_log_groups"]
    assert result["log_groups"] == [{"log_group_name": NAMES[0], "retention_in_days": 30, "tags": {}}]
    assert run(groups, tags, names=NAMES[:1], tags=None)[0]["changed"] is True
    assert run(groups, tags, names=NAMES[:1], retention=None)[0]["changed"] is True


def test_a_retention_that_is_not_a_number_fails_before_any_call():
    result, client = run(*IN_PLACE, retention="a week")
    assert result["failed"] is True and client.calls == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    client = LogsClient([_group(NAMES[0], 30)], {NAMES[0]: TAGS}, fail_on="put_retention_policy",
                        error=("InvalidParameterException", "1 validation error detected: Value '10' at 'retentionInDays'"))
    result = run_module(cloudwatchlogs_log_groups, {"names": NAMES[:1], "retention": 10, "tags": TAGS}, client)
    assert result["failed"] is True
    assert result["msg"] == ("Failed to set the log group's retention: An error occurred (InvalidParameterException) when calling the "
                             "put_retention_policy operation: 1 validation error detected: Value '10' at 'retentionInDays'")


def test_absent_deletes_only_the_groups_found():
    client = LogsClient([_group(NAMES[0])], {})
    args = {"names": NAMES, "state": "absent"}
    assert run_module(cloudwatchlogs_log_groups, args, client, check_mode=True)["changed_log_groups"] == NAMES[:1]
    assert client.writes() == []
    run_module(cloudwatchlogs_log_groups, args, client)
    assert client.writes() == [("delete_log_group", {"logGroupName": NAMES[0]})]


def test_one_read_covers_the_names_common_prefix():
    assert common_prefix(["/aws/rds/instance/db/postgresql", "/aws/rds/instance/db/upgrade"]) == "/aws/rds/instance/db/"
    assert common_prefix(["/ecs/a"]) == "/ecs/a"
    assert common_prefix(["a", "b"]) == ""
