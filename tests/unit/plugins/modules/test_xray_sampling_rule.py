from ansible_collections.tickr.aws.plugins.modules.xray_sampling_rule import (
    create_only_conflicts,
    creation_request,
    desired_fields,
    rule_changes,
)

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
