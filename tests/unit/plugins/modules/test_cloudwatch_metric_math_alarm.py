from ansible_collections.tickr.aws.plugins.modules.cloudwatch_metric_math_alarm import alarm_config, desired_config, query_from_params

PARAMS_METRICS = [
    {"id": "rate", "expression": "100 * ok / total", "label": None, "return_data": True, "period": None, "metric_stat": None},
    {"id": "ok", "expression": None, "label": None, "return_data": False, "period": None,
     "metric_stat": {"metric": {"namespace": "Tickr", "metric_name": "PaymentsSucceeded", "dimensions": []}, "period": 300,
                     "stat": "Sum", "unit": None}},
]
# As DescribeAlarms returns the alarm built from PARAMS_METRICS.
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


def _params(**set_options):
    options = ["description", "metrics", "comparison", "threshold", "evaluation_periods", "datapoints_to_alarm",
               "treat_missing_data", "alarm_actions", "ok_actions", "insufficient_data_actions"]
    return dict(dict.fromkeys(options), name="a", **set_options)


def test_query_from_params_drops_unset_keys():
    assert query_from_params(PARAMS_METRICS[0]) == {"Id": "rate", "Expression": "100 * ok / total", "ReturnData": True}
    assert query_from_params(PARAMS_METRICS[1])["MetricStat"]["Metric"]["Dimensions"] == []


def test_same_alarm_is_no_change():
    params = _params(metrics=PARAMS_METRICS, comparison="LessThanThreshold", threshold=90.0, evaluation_periods=1,
                     treat_missing_data="notBreaching", alarm_actions=["arn:topic"], ok_actions=[])
    assert desired_config(DESCRIBED, params) == alarm_config(DESCRIBED)


def test_unset_options_keep_the_current_values():
    assert desired_config(DESCRIBED, _params()) == alarm_config(DESCRIBED)


def test_a_changed_expression_or_threshold_is_a_change():
    metrics = [dict(PARAMS_METRICS[0], expression="100 * ok / (total + 1)"), PARAMS_METRICS[1]]
    assert desired_config(DESCRIBED, _params(metrics=metrics)) != alarm_config(DESCRIBED)
    assert desired_config(DESCRIBED, _params(threshold=95.0))["Threshold"] == 95.0


def test_missing_return_data_means_true_as_on_aws():
    described = dict(DESCRIBED, Metrics=[{"Id": "rate", "Expression": "1"}])
    params = _params(metrics=[dict(PARAMS_METRICS[0], expression="1")])
    assert desired_config(described, params) == alarm_config(described)
