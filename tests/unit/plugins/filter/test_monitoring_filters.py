"""alarms_in_place and log_groups_in_place must call "in place" exactly what the module would leave unchanged.

Each alarm case runs the real module's main() in check mode against a fake CloudWatch that describes the alarm
(options validated and converted by Ansible's own argument spec validator), and compares its verdict with the filter's
on the same alarm as the info module returns it (camel_dict_to_snake_dict)."""

import copy

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.modules import cloudwatch_metric_alarm
from ansible_collections.tickr.aws.plugins.filter.monitoring import alarms_in_place, log_groups_in_place
from ansible_collections.tickr.aws.plugins.modules import cloudwatch_metric_math_alarm

TOPIC = "arn:aws:sns:eu-west-1:123456789012:tickr-alerts"
OTHER_TOPIC = "arn:aws:sns:eu-west-1:123456789012:other"

# The role's simple alarm (vars/main.yml) and DescribeAlarms' answer once amazon.aws.cloudwatch_metric_alarm made it.
SIMPLE = {
    "name": "tickr-ecs-cpu-high", "description": "ECS CPU above 80 %", "namespace": "AWS/ECS", "metric_name": "CPUUtilization",
    "statistic": "Average", "dimensions": {"ClusterName": "tickr-cluster", "ServiceName": "tickr-backend-service"},
    "comparison": "GreaterThanThreshold", "threshold": 80.0, "treat_missing_data": "missing",
}
SIMPLE_DESCRIBED = {
    "AlarmName": "tickr-ecs-cpu-high", "AlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:tickr-ecs-cpu-high",
    "AlarmDescription": "ECS CPU above 80 %", "AlarmConfigurationUpdatedTimestamp": "2026-01-01T00:00:00+00:00",
    "ActionsEnabled": True, "OKActions": [TOPIC], "AlarmActions": [TOPIC], "InsufficientDataActions": [],
    "StateValue": "OK", "StateReason": "Unchecked", "StateReasonData": "{}", "StateUpdatedTimestamp": "2026-01-01T00:00:00+00:00",
    "MetricName": "CPUUtilization", "Namespace": "AWS/ECS", "Statistic": "Average",
    "Dimensions": [{"Name": "ClusterName", "Value": "tickr-cluster"}, {"Name": "ServiceName", "Value": "tickr-backend-service"}],
    "Period": 300, "EvaluationPeriods": 1, "Threshold": 80.0, "ComparisonOperator": "GreaterThanThreshold",
    "TreatMissingData": "missing", "Metrics": [],
}

# The role's payment alarm and DescribeAlarms' answer once tickr.aws.cloudwatch_metric_math_alarm made it.
MATH = {
    "name": "tickr-payment-success-rate-low", "description": "Less than 90 % of payments succeeded",
    "comparison": "LessThanThreshold", "threshold": 90.0, "treat_missing_data": "notBreaching",
    "metrics": [
        {"id": "success_rate", "expression": "100 * succeeded / (succeeded + FILL(failed, 0))", "label": "Payment success rate (%)",
         "return_data": True},
        {"id": "succeeded", "return_data": False, "metric_stat": {
            "metric": {"namespace": "Tickr", "metric_name": "PaymentsSucceeded"}, "period": 300, "stat": "Sum"}},
        {"id": "elb_5xx", "return_data": False, "metric_stat": {
            "metric": {"namespace": "AWS/ApplicationELB", "metric_name": "HTTPCode_ELB_5XX_Count",
                       "dimensions": [{"name": "LoadBalancer", "value": "app/tickr-alb/1"}, {"name": "AvailabilityZone", "value": "eu-west-1a"}]},
            "period": 300, "stat": "Sum"}},
    ],
}
MATH_DESCRIBED = {
    "AlarmName": "tickr-payment-success-rate-low", "AlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x",
    "AlarmDescription": "Less than 90 % of payments succeeded", "ActionsEnabled": True, "OKActions": [TOPIC],
    "AlarmActions": [TOPIC], "InsufficientDataActions": [], "StateValue": "INSUFFICIENT_DATA", "Dimensions": [],
    "EvaluationPeriods": 1, "Threshold": 90.0, "ComparisonOperator": "LessThanThreshold", "TreatMissingData": "notBreaching",
    "Metrics": [
        {"Id": "success_rate", "Expression": "100 * succeeded / (succeeded + FILL(failed, 0))", "Label": "Payment success rate (%)",
         "ReturnData": True},
        {"Id": "succeeded", "MetricStat": {"Metric": {"Namespace": "Tickr", "MetricName": "PaymentsSucceeded", "Dimensions": []},
                                           "Period": 300, "Stat": "Sum"}, "ReturnData": False},
        {"Id": "elb_5xx", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_ELB_5XX_Count",
                                                    "Dimensions": [{"Name": "AvailabilityZone", "Value": "eu-west-1a"},
                                                                   {"Name": "LoadBalancer", "Value": "app/tickr-alb/1"}]},
                                         "Period": 300, "Stat": "Sum"}, "ReturnData": False},
    ],
}
SHARED = {"period": 300, "evaluation_periods": 1, "alarm_actions": [TOPIC], "ok_actions": [TOPIC]}


class _Exit(Exception):
    pass


class _FakeCloudWatch:
    def __init__(self, described):
        self.described = described

    def describe_alarms(self, **kwargs):
        return {"MetricAlarms": [copy.deepcopy(self.described)] if self.described else []}

    def put_metric_alarm(self, **kwargs):
        raise AssertionError("check mode must not write")


def _module_changed(monkeypatch, module_file, class_name, options, described):
    """Run the module's main() in check mode on ``options`` against ``described``; return whether it reports a change."""

    class FakeModule:
        def __init__(self, argument_spec, mutually_exclusive=None, supports_check_mode=False, **kwargs):
            result = ArgumentSpecValidator(argument_spec, mutually_exclusive=mutually_exclusive).validate(options)
            assert not result.error_messages, result.error_messages
            self.params = result.validated_parameters
            self.check_mode = True

        def client(self, *args, **kwargs):
            return _FakeCloudWatch(described)

        def exit_json(self, **kwargs):
            raise _Exit(kwargs)

        def fail_json(self, **kwargs):
            raise AssertionError(kwargs)

        fail_json_aws = fail_json

    monkeypatch.setattr(module_file, class_name, FakeModule)
    with pytest.raises(_Exit) as exited:
        module_file.main()
    return exited.value.args[0]["changed"]


def _simple_options(plan):
    options = dict(plan)
    for key in ("period", "evaluation_periods", "alarm_actions", "ok_actions"):
        options.setdefault(key, SHARED[key])
    return options


def _math_options(plan):
    options = dict(plan)
    for key in ("evaluation_periods", "alarm_actions", "ok_actions"):
        options.setdefault(key, SHARED[key])
    return options


def _in_place(described, plan):
    found = [camel_dict_to_snake_dict(described)] if described else []
    return alarms_in_place(found, [plan], **SHARED) == [plan["name"]]


SIMPLE_CASES = {
    "as made": (SIMPLE_DESCRIBED, SIMPLE),
    "threshold as an int and string": (SIMPLE_DESCRIBED, dict(SIMPLE, threshold="80")),
    "period as a string": (SIMPLE_DESCRIBED, dict(SIMPLE, period="300")),
    "threshold changed by hand": (dict(SIMPLE_DESCRIBED, Threshold=95.0), SIMPLE),
    "description changed": (dict(SIMPLE_DESCRIBED, AlarmDescription="other"), SIMPLE),
    "statistic changed": (dict(SIMPLE_DESCRIBED, Statistic="Maximum"), SIMPLE),
    "period changed": (dict(SIMPLE_DESCRIBED, Period=60), SIMPLE),
    "evaluation periods changed": (dict(SIMPLE_DESCRIBED, EvaluationPeriods=3), SIMPLE),
    "comparison changed": (dict(SIMPLE_DESCRIBED, ComparisonOperator="GreaterThanOrEqualToThreshold"), SIMPLE),
    "treat missing data changed": (dict(SIMPLE_DESCRIBED, TreatMissingData="breaching"), SIMPLE),
    "treat missing data absent means missing": ({k: v for k, v in SIMPLE_DESCRIBED.items() if k != "TreatMissingData"}, SIMPLE),
    "a dimension changed": (dict(SIMPLE_DESCRIBED, Dimensions=[{"Name": "ClusterName", "Value": "tickr-cluster"},
                                                               {"Name": "ServiceName", "Value": "other"}]), SIMPLE),
    "a dimension dropped": (dict(SIMPLE_DESCRIBED, Dimensions=SIMPLE_DESCRIBED["Dimensions"][:1]), SIMPLE),
    "dimensions in another order": (dict(SIMPLE_DESCRIBED, Dimensions=SIMPLE_DESCRIBED["Dimensions"][::-1]), SIMPLE),
    "an alarm action dropped": (dict(SIMPLE_DESCRIBED, AlarmActions=[]), SIMPLE),
    "an OK action added": (dict(SIMPLE_DESCRIBED, OKActions=[TOPIC, OTHER_TOPIC]), SIMPLE),
    "an insufficient data action added": (dict(SIMPLE_DESCRIBED, InsufficientDataActions=[TOPIC]), SIMPLE),
    "a unit set by hand": (dict(SIMPLE_DESCRIBED, Unit="Percent"), SIMPLE),
    "datapoints to alarm set by hand": (dict(SIMPLE_DESCRIBED, DatapointsToAlarm=1), SIMPLE),
    "actions disabled (the module ignores it)": (dict(SIMPLE_DESCRIBED, ActionsEnabled=False), SIMPLE),
    "missing": (None, SIMPLE),
}


@pytest.mark.parametrize("described, plan", SIMPLE_CASES.values(), ids=SIMPLE_CASES.keys())
def test_a_simple_alarm_is_in_place_exactly_when_its_module_changes_nothing(monkeypatch, described, plan):
    changed = _module_changed(monkeypatch, cloudwatch_metric_alarm, "AnsibleAWSModule", _simple_options(plan), described)
    assert _in_place(described, plan) is not changed


def test_the_simple_alarm_cases_cover_both_verdicts(monkeypatch):
    verdicts = {_in_place(described, plan) for described, plan in SIMPLE_CASES.values()}
    assert verdicts == {True, False}
    assert _in_place(SIMPLE_DESCRIBED, SIMPLE) is True
    assert _in_place(dict(SIMPLE_DESCRIBED, Threshold=95.0), SIMPLE) is False


def _with_query(index, **changes):
    metrics = copy.deepcopy(MATH_DESCRIBED["Metrics"])
    metrics[index].update(changes)
    return dict(MATH_DESCRIBED, Metrics=metrics)


MATH_CASES = {
    "as made": (MATH_DESCRIBED, MATH),
    "threshold as a string": (MATH_DESCRIBED, dict(MATH, threshold="90")),
    "actions in another order": (dict(MATH_DESCRIBED, AlarmActions=[OTHER_TOPIC, TOPIC]), dict(MATH, alarm_actions=[TOPIC, OTHER_TOPIC])),
    "threshold changed by hand": (dict(MATH_DESCRIBED, Threshold=80.0), MATH),
    "description changed": (dict(MATH_DESCRIBED, AlarmDescription="other"), MATH),
    "comparison changed": (dict(MATH_DESCRIBED, ComparisonOperator="LessThanOrEqualToThreshold"), MATH),
    "evaluation periods changed": (dict(MATH_DESCRIBED, EvaluationPeriods=2), MATH),
    "treat missing data changed": (dict(MATH_DESCRIBED, TreatMissingData="missing"), MATH),
    "an OK action dropped": (dict(MATH_DESCRIBED, OKActions=[]), MATH),
    "expression changed": (_with_query(0, Expression="100 * succeeded"), MATH),
    "label changed": (_with_query(0, Label="other"), MATH),
    "return data absent means true": (_with_query(1, ReturnData=None), MATH),
    "a query's period changed": (_with_query(1, MetricStat=dict(MATH_DESCRIBED["Metrics"][1]["MetricStat"], Period=60)), MATH),
    "a query's statistic changed": (_with_query(1, MetricStat=dict(MATH_DESCRIBED["Metrics"][1]["MetricStat"], Stat="Average")), MATH),
    "a query gained a unit": (_with_query(1, MetricStat=dict(MATH_DESCRIBED["Metrics"][1]["MetricStat"], Unit="Count")), MATH),
    "a query dropped": (dict(MATH_DESCRIBED, Metrics=MATH_DESCRIBED["Metrics"][:2]), MATH),
    "queries in another order": (dict(MATH_DESCRIBED, Metrics=MATH_DESCRIBED["Metrics"][::-1]), MATH),
    "datapoints to alarm set by hand (the role leaves it)": (dict(MATH_DESCRIBED, DatapointsToAlarm=1), MATH),
    "actions disabled by hand": (dict(MATH_DESCRIBED, ActionsEnabled=False), MATH),
    "missing": (None, MATH),
}


@pytest.mark.parametrize("described, plan", MATH_CASES.values(), ids=MATH_CASES.keys())
def test_a_metric_math_alarm_is_in_place_exactly_when_its_module_changes_nothing(monkeypatch, described, plan):
    if described and any(q.get("ReturnData") is None for q in described["Metrics"]):
        described = dict(described, Metrics=[{k: v for k, v in q.items() if v is not None} for q in described["Metrics"]])
    changed = _module_changed(monkeypatch, cloudwatch_metric_math_alarm, "TickrAWSModule", _math_options(plan), described)
    assert _in_place(described, plan) is not changed


def test_the_math_alarm_cases_cover_both_verdicts():
    assert _in_place(MATH_DESCRIBED, MATH) is True
    assert _in_place(dict(MATH_DESCRIBED, Threshold=80.0), MATH) is False
    assert _in_place(_with_query(0, Expression="100 * succeeded"), MATH) is False


def test_only_the_wanted_alarms_found_are_named():
    found = [camel_dict_to_snake_dict(SIMPLE_DESCRIBED), camel_dict_to_snake_dict(MATH_DESCRIBED),
             camel_dict_to_snake_dict(dict(SIMPLE_DESCRIBED, AlarmName="tickr-unmanaged"))]
    wanted = [SIMPLE, MATH, dict(SIMPLE, name="tickr-rds-cpu-high")]
    assert alarms_in_place(found, wanted, **SHARED) == ["tickr-ecs-cpu-high", "tickr-payment-success-rate-low"]


@pytest.mark.parametrize("plan", [
    dict(SIMPLE, threshold="high"),                                    # not a number: the module fails on it
    dict(SIMPLE, dimensions=[{"name": "ClusterName", "value": "tickr-cluster"}]),  # a list: the module takes a dict
    dict(SIMPLE, dimensions={}),                                       # the module reports a change on every run
    dict(SIMPLE, unit="Percent"),                                      # an option the comparison does not know
    dict(SIMPLE, comparison="Above"),                                  # not one of the module's choices
    dict(MATH, metrics=[dict(q, return_data=True) for q in MATH["metrics"]]),  # the module fails: one return_data only
    dict(MATH, metrics=[dict(MATH["metrics"][0], extra="x")] + MATH["metrics"][1:]),
    dict(MATH, evaluation_periods="one"),
])
def test_a_value_the_comparison_cannot_judge_leaves_the_alarm_to_its_module(plan):
    found = [camel_dict_to_snake_dict(SIMPLE_DESCRIBED), camel_dict_to_snake_dict(MATH_DESCRIBED)]
    assert alarms_in_place(found, [plan], **SHARED) == []


def test_an_alarm_found_twice_is_left_to_its_module():
    found = [camel_dict_to_snake_dict(SIMPLE_DESCRIBED)] * 2
    assert alarms_in_place(found, [SIMPLE], **SHARED) == []
    assert alarms_in_place(found[:1], [SIMPLE], **SHARED) == ["tickr-ecs-cpu-high"]


# As amazon.aws.cloudwatchlogs_log_group_info returns them (tags not snake_cased).
TAGS = {"Project": "tickr", "Environment": "local", "ManagedBy": "ansible"}
GROUPS = [
    {"log_group_name": "/ecs/tickr-backend", "retention_in_days": 7, "tags": dict(TAGS), "stored_bytes": 0},
    {"log_group_name": "/rds/tickr/postgresql", "retention_in_days": 7, "tags": dict(TAGS, **{"aws:cloudformation:stack": "x"})},
    {"log_group_name": "/aws/lambda/other", "retention_in_days": 30, "tags": {}},
]
NAMES = ["/ecs/tickr-backend", "/rds/tickr/postgresql"]


def test_log_groups_with_their_retention_and_tags_are_in_place():
    assert log_groups_in_place(GROUPS, NAMES, 7, TAGS) == NAMES
    assert log_groups_in_place(GROUPS, NAMES, "7", TAGS) == NAMES


@pytest.mark.parametrize("groups, expected", [
    ([dict(GROUPS[0], retention_in_days=30), GROUPS[1]], ["/rds/tickr/postgresql"]),           # retention changed
    ([{k: v for k, v in GROUPS[0].items() if k != "retention_in_days"}, GROUPS[1]], ["/rds/tickr/postgresql"]),  # none
    ([dict(GROUPS[0], tags=dict(TAGS, Owner="me")), GROUPS[1]], ["/rds/tickr/postgresql"]),    # a tag added (purged)
    ([dict(GROUPS[0], tags=dict(TAGS, Project="other")), GROUPS[1]], ["/rds/tickr/postgresql"]),  # a tag changed
    ([dict(GROUPS[0], tags={"Project": "tickr"}), GROUPS[1]], ["/rds/tickr/postgresql"]),      # tags dropped
    ([{k: v for k, v in GROUPS[0].items() if k != "tags"}, GROUPS[1]], ["/rds/tickr/postgresql"]),  # tags not read
    ([GROUPS[1]], ["/rds/tickr/postgresql"]),                                                 # missing
    ([GROUPS[0], GROUPS[0], GROUPS[1]], ["/rds/tickr/postgresql"]),                           # found twice
])
def test_a_log_group_changed_or_missing_is_left_to_the_module(groups, expected):
    assert log_groups_in_place(groups, NAMES, 7, TAGS) == expected


def test_tag_values_compare_as_text_as_the_module_does():
    groups = [dict(GROUPS[0], tags={"CostCenter": "42"})]
    assert log_groups_in_place(groups, NAMES[:1], 7, {"CostCenter": 42}) == NAMES[:1]
    assert log_groups_in_place(groups, NAMES[:1], 7, {"CostCenter": 43}) == []


def test_retention_or_tags_omitted_are_not_compared():
    groups = [dict(GROUPS[0], retention_in_days=30, tags={"Owner": "me"})]
    assert log_groups_in_place(groups, NAMES[:1]) == NAMES[:1]
    assert log_groups_in_place(groups, NAMES[:1], 7) == []
    assert log_groups_in_place(groups, NAMES[:1], None, TAGS) == []


def test_a_retention_that_is_not_a_number_leaves_every_group_to_the_module():
    assert log_groups_in_place(GROUPS, NAMES, "a week", TAGS) == []
