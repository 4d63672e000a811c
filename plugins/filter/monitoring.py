# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters that tell which alarms and log groups are already as the monitoring role sets them.

Each mirrors the comparison of the module that would otherwise run, on what the matching ``*_info`` module read
(snake_case): a resource is "in place" only when that module, given the same options, would change nothing. Any
value these filters do not know how to compare leaves the resource out, so its module runs, as without them.
"""

from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean

# amazon.aws.cloudwatch_metric_alarm (10.1.2) leaves these out of its comparison (DescribeAlarms' names, snake_case).
_SIMPLE_ALARM_IGNORED = (
    "actions_enabled", "state_value", "state_reason", "state_reason_data", "state_updated_timestamp",
    "state_transitioned_timestamp", "alarm_arn", "alarm_configuration_updated_timestamp", "metrics",
)
# tickr.aws.cloudwatch_metric_math_alarm's options -> the alarm's fields it compares (its FIELDS, snake_case).
_MATH_ALARM_FIELDS = {
    "description": "alarm_description",
    "comparison": "comparison_operator",
    "threshold": "threshold",
    "evaluation_periods": "evaluation_periods",
    "datapoints_to_alarm": "datapoints_to_alarm",
    "treat_missing_data": "treat_missing_data",
    "alarm_actions": "alarm_actions",
    "ok_actions": "ok_actions",
    "insufficient_data_actions": "insufficient_data_actions",
}
_MATH_ALARM_PUT_FIELDS = ["alarm_name", "metrics", "actions_enabled"] + list(_MATH_ALARM_FIELDS.values())
_ACTIONS = ("alarm_actions", "ok_actions", "insufficient_data_actions")
_COMPARISONS = ("GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold")
_MISSING_DATA = ("breaching", "notBreaching", "ignore", "missing")
_QUERY_KEYS = {"id", "expression", "label", "return_data", "period", "metric_stat"}
_METRIC_STAT_KEYS = {"metric", "period", "stat", "unit"}
_METRIC_KEYS = {"namespace", "metric_name", "dimensions"}


class _Unsure(Exception):
    """A value the comparison cannot convert as the module would: the module decides."""


# Conversions as AnsibleModule applies them to the modules' options (str, int, float, bool, list of str).
def _str(value):
    if value is None:
        return None
    if isinstance(value, (dict, list, tuple, set, bool)):
        raise _Unsure(value)
    return str(value)


def _int(value):
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Unsure(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            raise _Unsure(value) from None
    raise _Unsure(value)


def _float(value):
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Unsure(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _Unsure(value) from None


def _bool(value):
    try:
        return boolean(value, strict=True)
    except TypeError:
        raise _Unsure(value) from None


def _str_list(value):
    if value is None:
        return None
    if not isinstance(value, (list, tuple)):
        raise _Unsure(value)
    return [_str(v) for v in value]


def _choice(value, choices):
    value = _str(value)
    if value is not None and value not in choices:
        raise _Unsure(value)
    return value


# amazon.aws.cloudwatch_metric_alarm: the alarm read back, less what it ignores, must equal its PutMetricAlarm request.
def _simple_alarm_request(plan, period, evaluation_periods, alarm_actions, ok_actions):
    """The module's request, snake_case, for the options the role's task gives it."""
    dimensions = plan.get("dimensions")
    if not isinstance(dimensions, dict) or not dimensions:
        raise _Unsure(dimensions)  # the module's option is a dict; an empty one makes it report a change each run
    request = {
        "alarm_name": _str(plan.get("name")),
        "metric_name": _str(plan.get("metric_name")),
        "namespace": _str(plan.get("namespace")),
        "statistic": _choice(plan.get("statistic"), ("SampleCount", "Average", "Sum", "Minimum", "Maximum")),
        "comparison_operator": _choice(plan.get("comparison"), _COMPARISONS),
        "threshold": _float(plan.get("threshold")),
        "period": _int(plan.get("period", period)),
        "evaluation_periods": _int(plan.get("evaluation_periods", evaluation_periods)),
        "alarm_description": _str(plan.get("description")),
        "dimensions": [{"name": key, "value": value} for key, value in dimensions.items()],
        "alarm_actions": _str_list(plan.get("alarm_actions", alarm_actions)) or [],
        "insufficient_data_actions": [],
        "ok_actions": _str_list(plan.get("ok_actions", ok_actions)) or [],
        "treat_missing_data": _choice(plan.get("treat_missing_data"), _MISSING_DATA) or "missing",
    }
    return {key: value for key, value in request.items() if value is not None}


def _simple_alarm_unchanged(alarm, plan, period, evaluation_periods, alarm_actions, ok_actions):
    known = {"name", "description", "namespace", "metric_name", "statistic", "dimensions", "comparison", "threshold",
             "treat_missing_data", "period", "evaluation_periods", "alarm_actions", "ok_actions"}
    if set(plan) - known:
        raise _Unsure(plan)  # an option this comparison does not know (unit, extended_statistic, ...)
    request = _simple_alarm_request(plan, period, evaluation_periods, alarm_actions, ok_actions)
    current = {key: value for key, value in alarm.items() if key not in _SIMPLE_ALARM_IGNORED}
    current.setdefault("treat_missing_data", "missing")
    if not current.get("dimensions"):
        current.pop("dimensions", None)
    return current == request


# tickr.aws.cloudwatch_metric_math_alarm: its alarm_config(current) against desired_config(current, options).
def _query_request(query):
    """query_from_params, snake_case, after AnsibleModule's defaults and conversions."""
    if not isinstance(query, dict) or set(query) - _QUERY_KEYS or query.get("id") is None:
        raise _Unsure(query)
    result = {"id": _str(query["id"]), "return_data": _bool(query.get("return_data", False))}
    for key, convert in (("expression", _str), ("label", _str), ("period", _int)):
        if query.get(key) is not None:
            result[key] = convert(query[key])
    stat = query.get("metric_stat")
    if stat:
        if not isinstance(stat, dict) or set(stat) - _METRIC_STAT_KEYS:
            raise _Unsure(stat)
        metric = stat.get("metric")
        if not isinstance(metric, dict) or set(metric) - _METRIC_KEYS:
            raise _Unsure(metric)
        dimensions = metric.get("dimensions") or []
        if not isinstance(dimensions, list) or any(not isinstance(d, dict) or set(d) != {"name", "value"} for d in dimensions):
            raise _Unsure(dimensions)
        if None in (metric.get("namespace"), metric.get("metric_name"), stat.get("period"), stat.get("stat")):
            raise _Unsure(stat)
        result["metric_stat"] = {
            "metric": {
                "namespace": _str(metric["namespace"]),
                "metric_name": _str(metric["metric_name"]),
                "dimensions": [{"name": _str(d["name"]), "value": _str(d["value"])} for d in dimensions],
            },
            "period": _int(stat["period"]),
            "stat": _str(stat["stat"]),
        }
        if stat.get("unit"):
            result["metric_stat"]["unit"] = _str(stat["unit"])
    return result


def _normalised_query(query):
    """normalise_query: AWS omits empty dimensions and defaults ReturnData to true."""
    if not isinstance(query, dict):
        raise _Unsure(query)
    result = {key: value for key, value in query.items() if value is not None and key != "metric_stat"}
    result["return_data"] = bool(query.get("return_data", True))
    if query.get("metric_stat"):
        stat = dict(query["metric_stat"])
        metric = dict(stat["metric"])
        metric["dimensions"] = sorted(({"name": d["name"], "value": d["value"]} for d in metric.get("dimensions") or []),
                                      key=lambda d: d["name"])
        stat["metric"] = metric
        result["metric_stat"] = stat
    return result


def _math_alarm_config(alarm):
    """alarm_config: the settings PutMetricAlarm takes, normalised."""
    config = {key: alarm[key] for key in _MATH_ALARM_PUT_FIELDS if alarm.get(key) is not None}
    for key in _ACTIONS:
        config[key] = sorted(config.get(key) or [])
    config["metrics"] = [_normalised_query(query) for query in config.get("metrics") or []]
    if "threshold" in config:
        config["threshold"] = float(config["threshold"])
    config.setdefault("treat_missing_data", "missing")
    config.setdefault("actions_enabled", True)
    return config


def _math_alarm_unchanged(alarm, plan, evaluation_periods, alarm_actions, ok_actions):
    known = {"name", "metrics"} | set(_MATH_ALARM_FIELDS)
    if set(plan) - known:
        raise _Unsure(plan)
    options = {
        "description": _str(plan.get("description")),
        "comparison": _choice(plan.get("comparison"), _COMPARISONS),
        "threshold": _float(plan.get("threshold")),
        "evaluation_periods": _int(plan.get("evaluation_periods", evaluation_periods)),
        "datapoints_to_alarm": _int(plan.get("datapoints_to_alarm")),
        "treat_missing_data": _choice(plan.get("treat_missing_data"), _MISSING_DATA),
        "alarm_actions": _str_list(plan.get("alarm_actions", alarm_actions)),
        "ok_actions": _str_list(plan.get("ok_actions", ok_actions)),
        "insufficient_data_actions": _str_list(plan.get("insufficient_data_actions")),
    }
    metrics = plan.get("metrics")
    if not isinstance(metrics, list):
        raise _Unsure(metrics)
    queries = [_query_request(query) for query in metrics]
    if sum(1 for query in queries if query["return_data"]) != 1:
        raise _Unsure(metrics)  # the module fails on these: let it say why
    desired = dict(alarm)
    for option, field in _MATH_ALARM_FIELDS.items():
        if options[option] is not None:
            desired[field] = options[option]
    desired["metrics"] = queries
    return _math_alarm_config(alarm) == _math_alarm_config(desired)


def alarms_in_place(found, wanted, period=None, evaluation_periods=None, alarm_actions=None, ok_actions=None):
    """The names of the wanted alarms their module would leave as they are.

    ``found`` is amazon.aws.cloudwatch_metric_alarm_info's ``metric_alarms``. ``wanted`` lists the alarms in the
    modules' options (``name``, ``description``, ``comparison``, ``threshold``, ``treat_missing_data``, ...): one
    with ``metrics`` is compared as tickr.aws.cloudwatch_metric_math_alarm compares it, any other as
    amazon.aws.cloudwatch_metric_alarm does (``namespace``, ``metric_name``, ``statistic``, ``dimensions`` as a
    dict, ``period``). ``period`` (simple alarms only), ``evaluation_periods``, ``alarm_actions`` and ``ok_actions``
    apply to every alarm that does not give its own."""
    by_name = {}
    for alarm in found or []:
        if isinstance(alarm, dict) and alarm.get("alarm_name"):
            by_name.setdefault(alarm["alarm_name"], []).append(alarm)
    in_place = []
    for plan in wanted or []:
        if not isinstance(plan, dict):
            continue
        alarms = by_name.get(plan.get("name"), [])
        if len(alarms) != 1:
            continue
        try:
            if "metrics" in plan:
                unchanged = _math_alarm_unchanged(alarms[0], plan, evaluation_periods, alarm_actions, ok_actions)
            else:
                unchanged = _simple_alarm_unchanged(alarms[0], plan, period, evaluation_periods, alarm_actions, ok_actions)
        except (_Unsure, KeyError, TypeError, ValueError, AttributeError):
            unchanged = False
        if unchanged:
            in_place.append(plan["name"])
    return in_place


def log_groups_in_place(found, names, retention=None, tags=None):
    """The names of the log groups amazon.aws.cloudwatchlogs_log_group would leave as they are.

    ``found`` is amazon.aws.cloudwatchlogs_log_group_info's ``log_groups`` (with their tags). The module, given
    ``retention`` and ``tags`` (``purge_tags`` left true), changes a group found unless its retention is that many
    days and its tags are exactly these (``aws:`` tags aside, which it never removes). With ``tags`` omitted (None)
    the module leaves tags alone; with ``retention`` omitted, the retention."""
    try:
        retention = _int(retention)
    except _Unsure:
        return []
    if tags is not None and not isinstance(tags, dict):
        return []
    by_name = {}
    for group in found or []:
        if isinstance(group, dict) and group.get("log_group_name"):
            by_name.setdefault(group["log_group_name"], []).append(group)
    in_place = []
    for name in names or []:
        groups = by_name.get(name, [])
        if len(groups) != 1:
            continue
        group = groups[0]
        if retention is not None and group.get("retention_in_days") != retention:
            continue
        if tags is not None and not _tags_unchanged(group.get("tags"), tags):
            continue
        in_place.append(name)
    return in_place


def _tags_unchanged(current, tags):
    """compare_aws_tags(current, tags, purge_tags=True) finds nothing to set or remove."""
    if not isinstance(current, dict):
        return False
    if any(key not in tags and not str(key).startswith("aws:") for key in current):
        return False
    return all(to_text(value) == current.get(key) for key, value in tags.items())


class FilterModule:
    def filters(self):
        return {
            "alarms_in_place": alarms_in_place,
            "log_groups_in_place": log_groups_in_place,
        }
