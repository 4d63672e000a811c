"""tickr.aws.cloudwatch_metric_alarms against a fake CloudWatch: one DescribeAlarms for the whole list, a put only
for an alarm missing or different, nothing written in check mode, AWS's message reaches the user.

The cases are those the alarms_in_place filter was held to (it is gone: this module compares for itself)."""

import copy

import pytest

from ansible_collections.tickr.aws.plugins.modules import cloudwatch_metric_alarms
from ansible_collections.tickr.aws.plugins.modules.cloudwatch_metric_alarms import alarm_config, query_from_params, wanted_alarm

from cloudwatch_fakes import FakeClient, run_module

TOPIC = "arn:aws:sns:eu-west-1:123456789012:tickr-alerts"
OTHER_TOPIC = "arn:aws:sns:eu-west-1:123456789012:other"

# The role's simple alarm (vars/main.yml) and DescribeAlarms' answer once made.
SIMPLE = {
    "name": "tickr-ecs-cpu-high", "description": "ECS CPU above 80 %", "namespace": "AWS/ECS", "metric_name": "CPUUtilization",
    "statistic": "Average", "dimensions": {"ClusterName": "tickr-cluster", "ServiceName": "tickr-backend-service"},
    "comparison": "GreaterThanThreshold", "threshold": 80.0, "treat_missing_data": "missing", "period": 300,
    "evaluation_periods": 1,
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

# The role's payment alarm and DescribeAlarms' answer once made.
MATH = {
    "name": "tickr-payment-success-rate-low", "description": "Less than 90 % of payments succeeded",
    "comparison": "LessThanThreshold", "threshold": 90.0, "treat_missing_data": "notBreaching", "evaluation_periods": 1,
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
SHARED = {"alarm_actions": [TOPIC], "ok_actions": [TOPIC]}


def run(alarms, described, check_mode=False, **options):
    client = FakeClient({"describe_alarms": {"MetricAlarms": [d for d in described if d]}})
    result = run_module(cloudwatch_metric_alarms, dict(SHARED, alarms=alarms, **options), client, check_mode=check_mode)
    return result, client


def changed(described, plan):
    """Whether the module, in check mode, would put ``plan`` over ``described``; it never writes then."""
    result, client = run([plan], [described], check_mode=True)
    assert result["failed"] is False, result
    assert client.writes() == []
    return result["changed"]


SIMPLE_CASES = {
    # description: (described, plan, changed)
    "as made": (SIMPLE_DESCRIBED, SIMPLE, False),
    "threshold as an int and string": (SIMPLE_DESCRIBED, dict(SIMPLE, threshold="80"), False),
    "period as a string": (SIMPLE_DESCRIBED, dict(SIMPLE, period="300"), False),
    "threshold changed by hand": (dict(SIMPLE_DESCRIBED, Threshold=95.0), SIMPLE, True),
    "description changed": (dict(SIMPLE_DESCRIBED, AlarmDescription="other"), SIMPLE, True),
    "statistic changed": (dict(SIMPLE_DESCRIBED, Statistic="Maximum"), SIMPLE, True),
    "period changed": (dict(SIMPLE_DESCRIBED, Period=60), SIMPLE, True),
    "evaluation periods changed": (dict(SIMPLE_DESCRIBED, EvaluationPeriods=3), SIMPLE, True),
    "comparison changed": (dict(SIMPLE_DESCRIBED, ComparisonOperator="GreaterThanOrEqualToThreshold"), SIMPLE, True),
    "treat missing data changed": (dict(SIMPLE_DESCRIBED, TreatMissingData="breaching"), SIMPLE, True),
    "treat missing data absent means missing": ({k: v for k, v in SIMPLE_DESCRIBED.items() if k != "TreatMissingData"}, SIMPLE, False),
    "a dimension changed": (dict(SIMPLE_DESCRIBED, Dimensions=[{"Name": "ClusterName", "Value": "tickr-cluster"},
                                                               {"Name": "ServiceName", "Value": "other"}]), SIMPLE, True),
    "a dimension dropped": (dict(SIMPLE_DESCRIBED, Dimensions=SIMPLE_DESCRIBED["Dimensions"][:1]), SIMPLE, True),
    "dimensions in another order": (dict(SIMPLE_DESCRIBED, Dimensions=SIMPLE_DESCRIBED["Dimensions"][::-1]), SIMPLE, False),
    "an alarm action dropped": (dict(SIMPLE_DESCRIBED, AlarmActions=[]), SIMPLE, True),
    "an OK action added": (dict(SIMPLE_DESCRIBED, OKActions=[TOPIC, OTHER_TOPIC]), SIMPLE, True),
    "an insufficient data action added": (dict(SIMPLE_DESCRIBED, InsufficientDataActions=[TOPIC]), SIMPLE, True),
    "a unit set by hand": (dict(SIMPLE_DESCRIBED, Unit="Percent"), SIMPLE, True),
    "datapoints to alarm set by hand": (dict(SIMPLE_DESCRIBED, DatapointsToAlarm=1), SIMPLE, True),
    "actions disabled (kept as found)": (dict(SIMPLE_DESCRIBED, ActionsEnabled=False), SIMPLE, False),
    "missing": (None, SIMPLE, True),
}


@pytest.mark.parametrize("described, plan, expected", SIMPLE_CASES.values(), ids=SIMPLE_CASES.keys())
def test_a_simple_alarm_is_put_exactly_when_it_differs(described, plan, expected):
    assert changed(described, plan) is expected


def _with_query(index, **changes):
    metrics = copy.deepcopy(MATH_DESCRIBED["Metrics"])
    metrics[index].update(changes)
    return dict(MATH_DESCRIBED, Metrics=[{k: v for k, v in q.items() if v is not None} for q in metrics])


MATH_CASES = {
    "as made": (MATH_DESCRIBED, MATH, False),
    "threshold as a string": (MATH_DESCRIBED, dict(MATH, threshold="90"), False),
    "actions in another order": (dict(MATH_DESCRIBED, AlarmActions=[OTHER_TOPIC, TOPIC]), dict(MATH, alarm_actions=[TOPIC, OTHER_TOPIC]), False),
    "threshold changed by hand": (dict(MATH_DESCRIBED, Threshold=80.0), MATH, True),
    "description changed": (dict(MATH_DESCRIBED, AlarmDescription="other"), MATH, True),
    "comparison changed": (dict(MATH_DESCRIBED, ComparisonOperator="LessThanOrEqualToThreshold"), MATH, True),
    "evaluation periods changed": (dict(MATH_DESCRIBED, EvaluationPeriods=2), MATH, True),
    "treat missing data changed": (dict(MATH_DESCRIBED, TreatMissingData="missing"), MATH, True),
    "an OK action dropped": (dict(MATH_DESCRIBED, OKActions=[]), MATH, True),
    "expression changed": (_with_query(0, Expression="100 * succeeded"), MATH, True),
    "label changed": (_with_query(0, Label="other"), MATH, True),
    "return data absent means true": (_with_query(1, ReturnData=None), MATH, True),
    "a query's period changed": (_with_query(1, MetricStat=dict(MATH_DESCRIBED["Metrics"][1]["MetricStat"], Period=60)), MATH, True),
    "a query's statistic changed": (_with_query(1, MetricStat=dict(MATH_DESCRIBED["Metrics"][1]["MetricStat"], Stat="Average")), MATH, True),
    "a query gained a unit": (_with_query(1, MetricStat=dict(MATH_DESCRIBED["Metrics"][1]["MetricStat"], Unit="Count")), MATH, True),
    "a query dropped": (dict(MATH_DESCRIBED, Metrics=MATH_DESCRIBED["Metrics"][:2]), MATH, True),
    "queries in another order": (dict(MATH_DESCRIBED, Metrics=MATH_DESCRIBED["Metrics"][::-1]), MATH, True),
    # PutMetricAlarm replaces the whole alarm: a setting the alarm does not give is removed.
    "datapoints to alarm set by hand": (dict(MATH_DESCRIBED, DatapointsToAlarm=1), MATH, True),
    "actions disabled by hand (kept as found)": (dict(MATH_DESCRIBED, ActionsEnabled=False), MATH, False),
    "missing": (None, MATH, True),
}


@pytest.mark.parametrize("described, plan, expected", MATH_CASES.values(), ids=MATH_CASES.keys())
def test_a_metric_math_alarm_is_put_exactly_when_it_differs(described, plan, expected):
    assert changed(described, plan) is expected


def test_one_read_for_the_whole_list_and_a_put_only_for_what_differs():
    wanted = [SIMPLE, MATH, dict(SIMPLE, name="tickr-rds-cpu-high")]
    result, client = run(wanted, [dict(SIMPLE_DESCRIBED, Threshold=95.0), MATH_DESCRIBED,
                                  dict(SIMPLE_DESCRIBED, AlarmName="tickr-unmanaged")])
    assert result["changed"] is True and result["changed_alarms"] == ["tickr-ecs-cpu-high", "tickr-rds-cpu-high"]
    assert client.operations() == ["describe_alarms", "put_metric_alarm", "put_metric_alarm"]
    assert client.calls[0][1] == {"AlarmNames": [a["name"] for a in wanted], "AlarmTypes": ["MetricAlarm"]}
    put = client.calls[1][1]
    assert put["Threshold"] == 80.0 and put["AlarmActions"] == [TOPIC] and put["ActionsEnabled"] is True
    assert "Metrics" not in put
    assert [a["alarm_name"] for a in result["alarms"]] == [a["name"] for a in wanted]
    assert result["diff"]["before"]["tickr-ecs-cpu-high"]["threshold"] == 95.0
    assert result["diff"]["after"]["tickr-ecs-cpu-high"]["threshold"] == 80.0


def test_an_identical_list_makes_no_call_but_the_read():
    result, client = run([SIMPLE, MATH], [SIMPLE_DESCRIBED, MATH_DESCRIBED])
    assert result["changed"] is False and result["changed_alarms"] == []
    assert client.operations() == ["describe_alarms"]


def test_check_mode_predicts_without_writing():
    result, client = run([SIMPLE, MATH], [dict(SIMPLE_DESCRIBED, Threshold=95.0)], check_mode=True)
    assert result["changed_alarms"] == ["tickr-ecs-cpu-high", "tickr-payment-success-rate-low"]
    assert client.writes() == []


def test_an_alarm_gives_its_own_actions_over_the_shared_ones():
    result, client = run([dict(SIMPLE, alarm_actions=[OTHER_TOPIC])], [])
    assert client.calls[1][1]["AlarmActions"] == [OTHER_TOPIC] and client.calls[1][1]["OKActions"] == [TOPIC]


def test_aws_refusal_reaches_the_user_with_awss_message():
    client = FakeClient({"describe_alarms": {"MetricAlarms": []}}, fail_on="put_metric_alarm",
                        error=("ValidationError", "Period must be 10, 20, 30 or a multiple of 60"))
    result = run_module(cloudwatch_metric_alarms, dict(SHARED, alarms=[SIMPLE]), client)
    assert result["failed"] is True
    assert result["msg"] == "Failed to put the alarm: An error occurred (ValidationError) when calling the put_metric_alarm " \
                            "operation: Period must be 10, 20, 30 or a multiple of 60"
    assert result["error"]["code"] == "ValidationError"


@pytest.mark.parametrize("plan, message", [
    (dict(MATH, metrics=[dict(q, return_data=True) for q in MATH["metrics"]]), "exactly one of metrics must have return_data: true"),
    ({k: v for k, v in SIMPLE.items() if k != "period"}, "alarm tickr-ecs-cpu-high: period required"),
    (dict(MATH, namespace="AWS/ECS"), "mutually exclusive"),
])
def test_an_alarm_aws_would_refuse_fails_before_any_write(plan, message):
    result, client = run([plan], [])
    assert result["failed"] is True and message in result["msg"]
    assert client.writes() == []


@pytest.mark.parametrize("plan", [dict(SIMPLE, threshold="high"), dict(SIMPLE, comparison="Above"),
                                  dict(MATH, evaluation_periods="one"), dict(SIMPLE, unknown=1)])
def test_an_option_ansible_cannot_convert_fails_before_any_call(plan):
    result, client = run([plan], [])
    assert result["failed"] is True and client.calls == []


def test_absent_deletes_the_alarms_found_in_one_call():
    client = FakeClient({"describe_alarms": {"MetricAlarms": [SIMPLE_DESCRIBED]}})
    args = {"names": ["tickr-ecs-cpu-high", "tickr-gone"], "state": "absent"}
    result = run_module(cloudwatch_metric_alarms, args, client, check_mode=True)
    assert result["changed_alarms"] == ["tickr-ecs-cpu-high"] and client.writes() == []
    result = run_module(cloudwatch_metric_alarms, args, client)
    assert client.writes() == [("delete_alarms", {"AlarmNames": ["tickr-ecs-cpu-high"]})]


# The comparison's own pieces (from the removed tickr.aws.cloudwatch_metric_math_alarm's tests).
PARAMS_METRICS = [
    {"id": "rate", "expression": "100 * ok / total", "label": None, "return_data": True, "period": None, "metric_stat": None},
    {"id": "ok", "expression": None, "label": None, "return_data": False, "period": None,
     "metric_stat": {"metric": {"namespace": "Tickr", "metric_name": "PaymentsSucceeded", "dimensions": []}, "period": 300,
                     "stat": "Sum", "unit": None}},
]
DESCRIBED = {
    "AlarmName": "a", "AlarmArn": "arn:aws:cloudwatch:eu-west-1:1:alarm:a", "StateValue": "OK", "ActionsEnabled": True,
    "AlarmActions": ["arn:topic"], "OKActions": [], "InsufficientDataActions": [], "Dimensions": [], "EvaluationPeriods": 1,
    "Threshold": 90.0, "ComparisonOperator": "LessThanThreshold", "TreatMissingData": "notBreaching",
    "Metrics": [
        {"Id": "rate", "Expression": "100 * ok / total", "ReturnData": True},
        {"Id": "ok", "MetricStat": {"Metric": {"Namespace": "Tickr", "MetricName": "PaymentsSucceeded", "Dimensions": []},
                                    "Period": 300, "Stat": "Sum"}, "ReturnData": False},
    ],
}
NO_ACTIONS = {"alarm_actions": [], "ok_actions": [], "insufficient_data_actions": []}


def _alarm(**options):
    return dict(name="a", metrics=PARAMS_METRICS, comparison="LessThanThreshold", threshold=90.0, evaluation_periods=1,
                treat_missing_data="notBreaching", alarm_actions=["arn:topic"], **options)


def test_query_from_params_drops_unset_keys():
    assert query_from_params(PARAMS_METRICS[0]) == {"Id": "rate", "Expression": "100 * ok / total", "ReturnData": True}
    assert query_from_params(PARAMS_METRICS[1])["MetricStat"]["Metric"]["Dimensions"] == []


def test_same_alarm_is_no_change():
    assert wanted_alarm(_alarm(), NO_ACTIONS, DESCRIBED) == alarm_config(DESCRIBED)


def test_a_changed_expression_or_threshold_is_a_change():
    metrics = [dict(PARAMS_METRICS[0], expression="100 * ok / (total + 1)"), PARAMS_METRICS[1]]
    assert wanted_alarm(dict(_alarm(), metrics=metrics), NO_ACTIONS, DESCRIBED) != alarm_config(DESCRIBED)
    assert wanted_alarm(dict(_alarm(), threshold=95.0), NO_ACTIONS, DESCRIBED)["Threshold"] == 95.0


def test_missing_return_data_means_true_as_on_aws():
    described = dict(DESCRIBED, Metrics=[{"Id": "rate", "Expression": "1"}])
    alarm = dict(_alarm(), metrics=[dict(PARAMS_METRICS[0], expression="1")])
    assert wanted_alarm(alarm, NO_ACTIONS, described) == alarm_config(described)
