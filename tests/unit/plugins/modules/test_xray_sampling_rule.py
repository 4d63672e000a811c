"""tickr.aws.xray_sampling_rule: what to create or update; main() against a fake X-Ray."""

from ansible_collections.tickr.aws.plugins.modules import xray_sampling_rule
from ansible_collections.tickr.aws.plugins.modules.xray_sampling_rule import (
    create_only_conflicts,
    creation_request,
    desired_fields,
    rule_changes,
)

from cloudwatch_fakes import FakeClient, run_module

CURRENT = {"RuleName": "tickr-backend", "Priority": 1000, "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": "tickr-backend",
           "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "ResourceARN": "*", "Version": 1, "Attributes": {}}


def _params(**set_options):
    options = ["priority", "fixed_rate", "reservoir_size", "service_name", "service_type", "host", "http_method", "url_path",
               "resource_arn", "attributes"]
    return dict(dict.fromkeys(options), **set_options)


def test_unset_options_are_left_out():
    assert desired_fields(_params(fixed_rate=0.1)) == {"FixedRate": 0.1}


def test_creation_defaults_the_match_to_everything():
    request = creation_request("r", desired_fields(_params(priority=1, fixed_rate=0.5, reservoir_size=2)))
    assert request == {"RuleName": "r", "Priority": 1, "FixedRate": 0.5, "ReservoirSize": 2, "ServiceName": "*", "ServiceType": "*",
                       "Host": "*", "HTTPMethod": "*", "URLPath": "*", "ResourceARN": "*", "Version": 1}


def test_same_rule_changes_nothing():
    desired = desired_fields(_params(priority=1000, fixed_rate=0.05, reservoir_size=1, service_name="tickr-backend", attributes={}))
    assert rule_changes(CURRENT, desired) == {}


def test_changed_fields_only():
    assert rule_changes(CURRENT, {"FixedRate": 0.1, "Priority": 1000}) == {"FixedRate": 0.1}
    assert rule_changes(CURRENT, {"Attributes": {"env": "prod"}}) == {"Attributes": {"env": "prod"}}


def test_resource_arn_is_create_only():
    assert rule_changes(CURRENT, {"ResourceARN": "arn:x"}) == {}
    assert create_only_conflicts(CURRENT, {"ResourceARN": "arn:x"}) == ["ResourceARN"]
    assert create_only_conflicts(CURRENT, {"ResourceARN": "*"}) == []


# main() against a fake X-Ray: one GetSamplingRules, a write only for what differs, nothing written in check mode,
# AWS's message reaches the user.
DEFAULT = dict(CURRENT, RuleName="Default", Priority=10000, ServiceName="*")
WANTED = {"name": "tickr-backend", "priority": 1000, "fixed_rate": 0.05, "reservoir_size": 1, "service_name": "tickr-backend"}


def run(rules, args, check_mode=False, **fake):
    reads = {"get_sampling_rules": {"SamplingRuleRecords": [{"SamplingRule": r} for r in rules]},
             "create_sampling_rule": {"SamplingRuleRecord": {"SamplingRule": dict(CURRENT, RuleARN="arn:x")}},
             "update_sampling_rule": {"SamplingRuleRecord": {"SamplingRule": dict(CURRENT, FixedRate=0.1)}}}
    client = FakeClient(reads, **fake)
    return run_module(xray_sampling_rule, args, client, check_mode=check_mode), client


def test_a_rule_as_wanted_is_left_alone():
    for check_mode in (True, False):
        result, client = run([DEFAULT, CURRENT], WANTED, check_mode=check_mode)
        assert result["changed"] is False and result["rule"]["rule_name"] == "tickr-backend"
        assert client.operations() == ["get_sampling_rules"]


def test_a_missing_rule_is_created_but_not_in_check_mode():
    result, client = run([DEFAULT], WANTED, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    assert result["rule"] == {"rule_name": "tickr-backend", "priority": 1000, "fixed_rate": 0.05, "reservoir_size": 1,
                              "service_name": "tickr-backend", "service_type": "*", "host": "*", "http_method": "*",
                              "url_path": "*", "resource_arn": "*", "version": 1}
    result, client = run([DEFAULT], WANTED)
    assert result["changed"] is True and result["rule"]["rule_arn"] == "arn:x"
    assert client.writes() == [("create_sampling_rule", {"SamplingRule": {
        "RuleName": "tickr-backend", "Priority": 1000, "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": "tickr-backend",
        "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "ResourceARN": "*", "Version": 1}})]


def test_a_changed_field_is_updated_alone_but_not_in_check_mode():
    result, client = run([CURRENT], dict(WANTED, fixed_rate=0.1), check_mode=True)
    assert result["changed"] is True and result["rule"]["fixed_rate"] == 0.1 and client.writes() == []
    result, client = run([CURRENT], dict(WANTED, fixed_rate=0.1))
    assert client.writes() == [("update_sampling_rule", {"SamplingRuleUpdate": {"RuleName": "tickr-backend", "FixedRate": 0.1}})]
    assert result["diff"]["before"]["fixed_rate"] == 0.05 and result["diff"]["after"]["fixed_rate"] == 0.1


def test_absent_deletes_only_a_rule_found():
    result, client = run([DEFAULT, CURRENT], {"name": "tickr-backend", "state": "absent"}, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    result, client = run([DEFAULT, CURRENT], {"name": "tickr-backend", "state": "absent"})
    assert result["changed"] is True and result["rule"] == {}
    assert client.writes() == [("delete_sampling_rule", {"RuleName": "tickr-backend"})]
    result, client = run([DEFAULT], {"name": "tickr-backend", "state": "absent"})
    assert result["changed"] is False and client.writes() == []


def test_a_new_rule_without_its_rates_fails_before_any_write():
    result, client = run([DEFAULT], {"name": "tickr-backend", "priority": 1000})
    assert result["failed"] is True and result["msg"] == "fixed_rate, reservoir_size required to create sampling rule tickr-backend"
    assert client.writes() == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, client = run([DEFAULT], WANTED, fail_on="create_sampling_rule",
                         error=("RuleLimitExceededException", "You have reached the maximum number of sampling rules"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to create the sampling rule: An error occurred (RuleLimitExceededException) when calling the "
                             "create_sampling_rule operation: You have reached the maximum number of sampling rules")
