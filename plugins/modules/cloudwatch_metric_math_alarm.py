#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: cloudwatch_metric_math_alarm
version_added: 0.1.0
short_description: Create, update or delete a CloudWatch alarm on a metric math expression
description:
  - Manages a CloudWatch metric alarm whose value is a metric math expression over several metrics, for
    example an error rate, 100 * 5XX / requests.
  - amazon.aws.cloudwatch_metric_alarm (10.1.2) accepts C(metrics) but drops C(Metrics) from the alarm it
    reads back and not from the alarm it wants, so it rewrites a metric math alarm and reports a change on every
    run. This module compares the metrics too.
  - An option left unset keeps the alarm's current value.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The alarm's name.
    type: str
    required: true
  description:
    description: The alarm's description.
    type: str
  metrics:
    description:
      - The metric data queries, as C(PutMetricAlarm)'s C(Metrics) in snake_case. Exactly one must have
        O(metrics[].return_data=true), whose value the alarm compares with O(threshold).
      - Required to create an alarm.
    type: list
    elements: dict
    suboptions:
      id:
        description: The query's id, used in expressions (lower case first letter).
        type: str
        required: true
      expression:
        description: A metric math expression over other queries' ids.
        type: str
      label:
        description: A human-readable label.
        type: str
      return_data:
        description: Whether this query is the alarm's value.
        type: bool
        default: false
      period:
        description: The period of an expression query, in seconds.
        type: int
      metric_stat:
        description: A metric, its statistic and period.
        type: dict
        suboptions:
          metric:
            description: The metric.
            type: dict
            required: true
            suboptions:
              namespace:
                description: The metric's namespace.
                type: str
                required: true
              metric_name:
                description: The metric's name.
                type: str
                required: true
              dimensions:
                description: The metric's dimensions.
                type: list
                elements: dict
                default: []
                suboptions:
                  name:
                    description: The dimension's name.
                    type: str
                    required: true
                  value:
                    description: The dimension's value.
                    type: str
                    required: true
          period:
            description: The period, in seconds.
            type: int
            required: true
          stat:
            description: The statistic (V(Sum), V(Average), V(p95), ...).
            type: str
            required: true
          unit:
            description: The metric's unit.
            type: str
  comparison:
    description: How the value compares with O(threshold). Required to create an alarm.
    type: str
    choices: [GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold]
  threshold:
    description: The threshold. Required to create an alarm.
    type: float
  evaluation_periods:
    description: Periods over which the value is compared. Required to create an alarm.
    type: int
  datapoints_to_alarm:
    description: Breaching periods among O(evaluation_periods) that fire the alarm.
    type: int
  treat_missing_data:
    description: How periods without data count.
    type: str
    choices: [breaching, notBreaching, ignore, missing]
  alarm_actions:
    description: ARNs notified when the alarm fires.
    type: list
    elements: str
  ok_actions:
    description: ARNs notified when the alarm returns to OK.
    type: list
    elements: str
  insufficient_data_actions:
    description: ARNs notified when the alarm lacks data.
    type: list
    elements: str
  state:
    description: Whether the alarm should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Alarm when more than 5 % of the ALB's requests fail over 5 minutes
  tickr.aws.cloudwatch_metric_math_alarm:
    name: tickr-api-error-rate-high
    comparison: GreaterThanThreshold
    threshold: 5
    evaluation_periods: 1
    treat_missing_data: notBreaching
    alarm_actions: ["arn:aws:sns:eu-west-1:123456789012:tickr-alerts"]
    metrics:
      - id: error_rate
        expression: 100 * FILL(errors, 0) / requests
        return_data: true
      - id: errors
        metric_stat:
          metric:
            namespace: AWS/ApplicationELB
            metric_name: HTTPCode_Target_5XX_Count
            dimensions: [{name: LoadBalancer, value: app/tickr-alb/50dc6c495c0c9188}]
          period: 300
          stat: Sum
      - id: requests
        metric_stat:
          metric:
            namespace: AWS/ApplicationELB
            metric_name: RequestCount
            dimensions: [{name: LoadBalancer, value: app/tickr-alb/50dc6c495c0c9188}]
          period: 300
          stat: Sum
"""

RETURN = r"""
alarm:
  description: The alarm as C(DescribeAlarms) returns it, in snake_case; empty when absent.
  returned: always
  type: dict
  sample: {"alarm_name": "tickr-api-error-rate-high", "comparison_operator": "GreaterThanThreshold", "threshold": 5.0,
           "evaluation_periods": 1, "metrics": [{"id": "error_rate", "expression": "100 * FILL(errors, 0) / requests"}]}
"""

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# Option -> PutMetricAlarm field, for the alarm's own settings.
FIELDS = {
    "description": "AlarmDescription",
    "comparison": "ComparisonOperator",
    "threshold": "Threshold",
    "evaluation_periods": "EvaluationPeriods",
    "datapoints_to_alarm": "DatapointsToAlarm",
    "treat_missing_data": "TreatMissingData",
    "alarm_actions": "AlarmActions",
    "ok_actions": "OKActions",
    "insufficient_data_actions": "InsufficientDataActions",
}
# What PutMetricAlarm takes back from DescribeAlarms for a metric math alarm.
PUT_FIELDS = ["AlarmName", "Metrics", "ActionsEnabled"] + list(FIELDS.values())
REQUIRED_TO_CREATE = ["metrics", "comparison", "threshold", "evaluation_periods"]


# Pure logic, unit-tested.
def query_from_params(query):
    """One metric data query, from the module's snake_case suboptions to the API's shape (unset keys dropped)."""
    result = {"Id": query["id"], "ReturnData": bool(query.get("return_data"))}
    for option, field in (("expression", "Expression"), ("label", "Label"), ("period", "Period")):
        if query.get(option) is not None:
            result[field] = query[option]
    stat = query.get("metric_stat")
    if stat:
        metric = stat["metric"]
        result["MetricStat"] = {
            "Metric": {
                "Namespace": metric["namespace"],
                "MetricName": metric["metric_name"],
                "Dimensions": [{"Name": d["name"], "Value": d["value"]} for d in metric.get("dimensions") or []],
            },
            "Period": stat["period"],
            "Stat": stat["stat"],
        }
        if stat.get("unit"):
            result["MetricStat"]["Unit"] = stat["unit"]
    return result


def normalise_query(query):
    """A query as data to compare: AWS omits empty dimensions and defaults ReturnData to true."""
    result = {k: v for k, v in query.items() if v is not None and k != "MetricStat"}
    result["ReturnData"] = bool(query.get("ReturnData", True))
    if query.get("MetricStat"):
        stat = dict(query["MetricStat"])
        metric = dict(stat["Metric"])
        metric["Dimensions"] = sorted(({"Name": d["Name"], "Value": d["Value"]} for d in metric.get("Dimensions") or []),
                                      key=lambda d: d["Name"])
        stat["Metric"] = metric
        result["MetricStat"] = stat
    return result


def alarm_config(alarm):
    """The settings of an alarm that PutMetricAlarm takes, normalised for comparison."""
    config = {k: alarm[k] for k in PUT_FIELDS if alarm.get(k) is not None}
    for key in ("AlarmActions", "OKActions", "InsufficientDataActions"):
        config[key] = sorted(config.get(key) or [])
    config["Metrics"] = [normalise_query(q) for q in config.get("Metrics") or []]
    if "Threshold" in config:
        config["Threshold"] = float(config["Threshold"])
    config.setdefault("TreatMissingData", "missing")
    config.setdefault("ActionsEnabled", True)
    return config


def desired_config(current, params):
    """The alarm's settings once the options that were set are applied over the current ones."""
    config = dict(current or {"AlarmName": params["name"]})
    for option, field in FIELDS.items():
        if params.get(option) is not None:
            config[field] = params[option]
    if params.get("metrics") is not None:
        config["Metrics"] = [query_from_params(q) for q in params["metrics"]]
    return alarm_config(config)


# AWS calls.
def describe_alarm(client, name):
    alarms = client.describe_alarms(AlarmNames=[name], AlarmTypes=["MetricAlarm"], aws_retry=True)["MetricAlarms"]
    return alarms[0] if alarms else None


def main():
    dimension = dict(name=dict(type="str", required=True), value=dict(type="str", required=True))
    metric = dict(namespace=dict(type="str", required=True), metric_name=dict(type="str", required=True),
                  dimensions=dict(type="list", elements="dict", default=[], options=dimension))
    metric_stat = dict(metric=dict(type="dict", required=True, options=metric), period=dict(type="int", required=True),
                       stat=dict(type="str", required=True), unit=dict(type="str"))
    query = dict(id=dict(type="str", required=True), expression=dict(type="str"), label=dict(type="str"),
                 return_data=dict(type="bool", default=False), period=dict(type="int"),
                 metric_stat=dict(type="dict", options=metric_stat))
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            description=dict(type="str"),
            metrics=dict(type="list", elements="dict", options=query),
            comparison=dict(type="str", choices=["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
                                                 "LessThanOrEqualToThreshold"]),
            threshold=dict(type="float"),
            evaluation_periods=dict(type="int"),
            datapoints_to_alarm=dict(type="int"),
            treat_missing_data=dict(type="str", choices=["breaching", "notBreaching", "ignore", "missing"]),
            alarm_actions=dict(type="list", elements="str"),
            ok_actions=dict(type="list", elements="str"),
            insufficient_data_actions=dict(type="list", elements="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    name = p["name"]
    if p["metrics"] is not None and sum(1 for q in p["metrics"] if q["return_data"]) != 1:
        module.fail_json(msg=f"alarm {name}: exactly one of metrics must have return_data: true")
    client = module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())
    try:
        current = describe_alarm(client, name)
        before = camel_dict_to_snake_dict(alarm_config(current)) if current else {}
        if p["state"] == "absent":
            if current and not module.check_mode:
                client.delete_alarms(AlarmNames=[name], aws_retry=True)
            module.exit_json(changed=current is not None, alarm={}, diff={"before": before, "after": {}})

        if current is None:
            missing = [o for o in REQUIRED_TO_CREATE if p[o] is None]
            if missing:
                module.fail_json(msg=f"{', '.join(missing)} required to create alarm {name}")
        desired = desired_config(current, p)
        changed = current is None or alarm_config(current) != desired
        if changed and not module.check_mode:
            client.put_metric_alarm(aws_retry=True, **desired)
            current = describe_alarm(client, name)
        after = current if not module.check_mode else desired
        module.exit_json(changed=changed, alarm=camel_dict_to_snake_dict(after or {}),
                         diff={"before": before, "after": camel_dict_to_snake_dict(desired)})
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg=f"Could not manage the alarm {name}")


if __name__ == "__main__":
    main()
