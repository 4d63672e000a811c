#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: cloudwatch_metric_alarms
version_added: 0.1.0
short_description: Create, correct or delete a list of CloudWatch metric alarms in one run
description:
  - Reads the alarms of O(alarms) with one C(DescribeAlarms), then puts those missing or different; an alarm is
    either on one metric (O(alarms[].metric_name)) or on a metric math expression (O(alarms[].metrics)).
  - C(PutMetricAlarm) replaces a whole alarm, so an alarm is compared whole, as this module would put it; a setting
    found that the alarm does not give (a unit, datapoints to alarm set by hand) is a difference, and is removed.
    Actions, dimensions and the dimensions of each query compare in any order. Whether the alarm's actions are
    enabled is kept as found.
  - One run for the whole list, where amazon.aws.cloudwatch_metric_alarm takes one run per alarm; it also
    compares the metrics of a metric math alarm, which amazon.aws.cloudwatch_metric_alarm 10.1.2 rewrites on every
    run.
author:
  - Tickr platform team (@tickr-tn)
options:
  alarms:
    description:
      - The alarms, required with O(state=present).
      - Each gives O(alarms[].comparison), O(alarms[].threshold),
        O(alarms[].evaluation_periods), and either O(alarms[].metrics) or O(alarms[].namespace),
        O(alarms[].metric_name), O(alarms[].statistic) and O(alarms[].period).
    type: list
    elements: dict
    suboptions:
      name:
        description: The alarm's name.
        type: str
        required: true
      description:
        description: The alarm's description.
        type: str
      namespace:
        description: The namespace of the alarm's metric.
        type: str
      metric_name:
        description: The alarm's metric.
        type: str
      statistic:
        description: The metric's statistic.
        type: str
        choices: [SampleCount, Average, Sum, Minimum, Maximum]
      dimensions:
        description: The metric's dimensions, name to value.
        type: dict
      period:
        description: The period of the alarm's metric, in seconds.
        type: int
      unit:
        description: The metric's unit.
        type: str
      metrics:
        description:
          - The metric data queries of a metric math alarm, as C(PutMetricAlarm)'s C(Metrics) in snake_case.
            Exactly one has O(alarms[].metrics[].return_data=true), whose value the alarm compares with the
            threshold.
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
        description: How the value compares with O(alarms[].threshold).
        type: str
        choices: [GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold]
      threshold:
        description: The threshold.
        type: float
      evaluation_periods:
        description: Periods over which the value is compared.
        type: int
      datapoints_to_alarm:
        description: Breaching periods among O(alarms[].evaluation_periods) that fire the alarm.
        type: int
      treat_missing_data:
        description: How periods without data count.
        type: str
        choices: [breaching, notBreaching, ignore, missing]
        default: missing
      alarm_actions:
        description: ARNs notified when the alarm fires. Omitted, O(alarm_actions).
        type: list
        elements: str
      ok_actions:
        description: ARNs notified when the alarm returns to OK. Omitted, O(ok_actions).
        type: list
        elements: str
      insufficient_data_actions:
        description: ARNs notified when the alarm lacks data. Omitted, O(insufficient_data_actions).
        type: list
        elements: str
  names:
    description: The names of the alarms to delete, with O(state=absent).
    type: list
    elements: str
  alarm_actions:
    description: ARNs notified when an alarm that gives no O(alarms[].alarm_actions) fires.
    type: list
    elements: str
    default: []
  ok_actions:
    description: ARNs notified when an alarm that gives no O(alarms[].ok_actions) returns to OK.
    type: list
    elements: str
    default: []
  insufficient_data_actions:
    description: ARNs notified when an alarm that gives no O(alarms[].insufficient_data_actions) lacks data.
    type: list
    elements: str
    default: []
  state:
    description: Whether the alarms should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Alarm on the service's CPU and on the ALB's error rate, notifying a topic
  tickr.aws.cloudwatch_metric_alarms:
    alarm_actions: ["arn:aws:sns:eu-west-1:123456789012:tickr-alerts"]
    ok_actions: ["arn:aws:sns:eu-west-1:123456789012:tickr-alerts"]
    alarms:
      - name: tickr-ecs-cpu-high
        namespace: AWS/ECS
        metric_name: CPUUtilization
        statistic: Average
        dimensions: {ClusterName: tickr-cluster, ServiceName: tickr-backend-service}
        period: 300
        evaluation_periods: 1
        comparison: GreaterThanThreshold
        threshold: 80
      - name: tickr-api-error-rate-high
        comparison: GreaterThanThreshold
        threshold: 5
        evaluation_periods: 1
        treat_missing_data: notBreaching
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

- name: Delete them
  tickr.aws.cloudwatch_metric_alarms:
    names: [tickr-ecs-cpu-high, tickr-api-error-rate-high]
    state: absent
"""

RETURN = r"""
alarms:
  description: The alarms as this module puts them (or would, in check mode), in snake_case, in the order given.
  returned: when O(state=present)
  type: list
  elements: dict
  sample: [{"alarm_name": "tickr-api-error-rate-high", "comparison_operator": "GreaterThanThreshold", "threshold": 5.0,
            "evaluation_periods": 1, "metrics": [{"id": "error_rate", "expression": "100 * FILL(errors, 0) / requests"}]}]
changed_alarms:
  description: The names of the alarms created, corrected or deleted (that would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: ["tickr-ecs-cpu-high"]
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import cloudwatch
from ansible_collections.tickr.aws.plugins.module_utils.cloudwatch import AnsibleCloudWatchError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# What PutMetricAlarm takes, option -> field; DescribeAlarms returns the same fields.
FIELDS = {
    "description": "AlarmDescription",
    "namespace": "Namespace",
    "metric_name": "MetricName",
    "statistic": "Statistic",
    "period": "Period",
    "unit": "Unit",
    "comparison": "ComparisonOperator",
    "threshold": "Threshold",
    "evaluation_periods": "EvaluationPeriods",
    "datapoints_to_alarm": "DatapointsToAlarm",
    "treat_missing_data": "TreatMissingData",
}
ACTIONS = {"alarm_actions": "AlarmActions", "ok_actions": "OKActions", "insufficient_data_actions": "InsufficientDataActions"}
PUT_FIELDS = ["AlarmName", "ActionsEnabled", "Dimensions", "Metrics", "ExtendedStatistic", "ThresholdMetricId",
              "EvaluateLowSampleCountPercentile"] + list(FIELDS.values()) + list(ACTIONS.values())
REQUIRED = ["comparison", "threshold", "evaluation_periods"]
REQUIRED_ON_ONE_METRIC = ["namespace", "metric_name", "statistic", "period"]


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


def _dimensions(dimensions):
    return sorted(({"Name": d["Name"], "Value": d["Value"]} for d in dimensions or []), key=lambda d: (d["Name"], d["Value"]))


def normalise_query(query):
    """A query as data to compare: AWS omits empty dimensions and defaults ReturnData to true."""
    result = {k: v for k, v in query.items() if v is not None and k != "MetricStat"}
    result["ReturnData"] = bool(query.get("ReturnData", True))
    if query.get("MetricStat"):
        stat = {k: v for k, v in query["MetricStat"].items() if v is not None}
        metric = dict(stat["Metric"])
        metric["Dimensions"] = _dimensions(metric.get("Dimensions"))
        stat["Metric"] = metric
        result["MetricStat"] = stat
    return result


def alarm_config(alarm):
    """The settings of an alarm (found or wanted) that PutMetricAlarm takes, normalised for comparison."""
    config = {k: alarm[k] for k in PUT_FIELDS if alarm.get(k) not in (None, [])}
    for key in ACTIONS.values():
        config[key] = sorted(config.get(key) or [])
    if "Dimensions" in config:
        config["Dimensions"] = _dimensions(config["Dimensions"])
    if "Metrics" in config:
        config["Metrics"] = [normalise_query(q) for q in config["Metrics"]]
    if "Threshold" in config:
        config["Threshold"] = float(config["Threshold"])
    config.setdefault("TreatMissingData", "missing")
    config.setdefault("ActionsEnabled", True)
    return config


def wanted_alarm(alarm, defaults, found):
    """PutMetricAlarm's request for one of O(alarms), normalised; actions enabled or not as found."""
    request = {"AlarmName": alarm["name"], "ActionsEnabled": (found or {}).get("ActionsEnabled", True)}
    for option, field in FIELDS.items():
        if alarm.get(option) is not None:
            request[field] = alarm[option]
    for option, field in ACTIONS.items():
        request[field] = alarm[option] if alarm.get(option) is not None else defaults[option]
    if alarm.get("dimensions"):
        request["Dimensions"] = [{"Name": k, "Value": str(v)} for k, v in alarm["dimensions"].items()]
    if alarm.get("metrics"):
        request["Metrics"] = [query_from_params(q) for q in alarm["metrics"]]
    return alarm_config(request)


def alarm_errors(alarm):
    """Why PutMetricAlarm would refuse the alarm, before any call: one message, or None."""
    name = alarm["name"]
    required = REQUIRED + ([] if alarm.get("metrics") else REQUIRED_ON_ONE_METRIC)
    missing = [o for o in required if alarm.get(o) is None]
    if missing:
        return f"alarm {name}: {', '.join(missing)} required"
    if alarm.get("metrics"):
        if any(alarm.get(o) is not None for o in REQUIRED_ON_ONE_METRIC + ["dimensions", "unit"]):
            return f"alarm {name}: metrics and namespace, metric_name, statistic, dimensions, period or unit are mutually exclusive"
        if sum(1 for q in alarm["metrics"] if q.get("return_data")) != 1:
            return f"alarm {name}: exactly one of metrics must have return_data: true"
    return None


def ensure_present(module, client, alarms, found):
    defaults = {option: module.params[option] for option in ACTIONS}
    errors = [e for e in (alarm_errors(a) for a in alarms) if e]
    if errors:
        module.fail_json(msg="; ".join(errors))
    result, changed, before, after = [], [], {}, {}
    for alarm in alarms:
        name = alarm["name"]
        current = found.get(name)
        wanted = wanted_alarm(alarm, defaults, current)
        if current is None or alarm_config(current) != wanted:
            changed.append(name)
            before[name] = camel_dict_to_snake_dict(alarm_config(current)) if current else {}
            after[name] = camel_dict_to_snake_dict(wanted)
            if not module.check_mode:
                cloudwatch.put_metric_alarm(client, wanted)
        result.append(camel_dict_to_snake_dict(wanted))
    module.exit_json(changed=bool(changed), changed_alarms=changed, alarms=result, diff={"before": before, "after": after})


def ensure_absent(module, client, names, found):
    changed = [name for name in names if name in found]
    if changed and not module.check_mode:
        cloudwatch.delete_alarms(client, changed)
    module.exit_json(changed=bool(changed), changed_alarms=changed,
                     diff={"before": {n: camel_dict_to_snake_dict(alarm_config(found[n])) for n in changed}, "after": {}})


def main():
    dimension = dict(name=dict(type="str", required=True), value=dict(type="str", required=True))
    metric = dict(namespace=dict(type="str", required=True), metric_name=dict(type="str", required=True),
                  dimensions=dict(type="list", elements="dict", default=[], options=dimension))
    metric_stat = dict(metric=dict(type="dict", required=True, options=metric), period=dict(type="int", required=True),
                       stat=dict(type="str", required=True), unit=dict(type="str"))
    query = dict(id=dict(type="str", required=True), expression=dict(type="str"), label=dict(type="str"),
                 return_data=dict(type="bool", default=False), period=dict(type="int"),
                 metric_stat=dict(type="dict", options=metric_stat))
    alarm = dict(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        namespace=dict(type="str"),
        metric_name=dict(type="str"),
        statistic=dict(type="str", choices=["SampleCount", "Average", "Sum", "Minimum", "Maximum"]),
        dimensions=dict(type="dict"),
        period=dict(type="int"),
        unit=dict(type="str"),
        metrics=dict(type="list", elements="dict", options=query),
        comparison=dict(type="str", choices=["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
                                             "LessThanOrEqualToThreshold"]),
        threshold=dict(type="float"),
        evaluation_periods=dict(type="int"),
        datapoints_to_alarm=dict(type="int"),
        treat_missing_data=dict(type="str", choices=["breaching", "notBreaching", "ignore", "missing"], default="missing"),
        alarm_actions=dict(type="list", elements="str"),
        ok_actions=dict(type="list", elements="str"),
        insufficient_data_actions=dict(type="list", elements="str"),
    )
    module = TickrAWSModule(
        argument_spec=dict(
            alarms=dict(type="list", elements="dict", options=alarm),
            names=dict(type="list", elements="str"),
            alarm_actions=dict(type="list", elements="str", default=[]),
            ok_actions=dict(type="list", elements="str", default=[]),
            insufficient_data_actions=dict(type="list", elements="str", default=[]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_if=[("state", "present", ["alarms"]), ("state", "absent", ["names"])],
        mutually_exclusive=[("alarms", "names")],
        supports_check_mode=True,
    )
    alarms = list({a["name"]: a for a in module.params["alarms"] or []}.values())
    names = [a["name"] for a in alarms] or list(dict.fromkeys(module.params["names"] or []))
    client = module.client("cloudwatch")
    try:
        found = {a["AlarmName"]: a for a in cloudwatch.describe_metric_alarms(client, names)} if names else {}
        if module.params["state"] == "absent":
            ensure_absent(module, client, names, found)
        ensure_present(module, client, alarms, found)
    except AnsibleCloudWatchError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
