# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters of playbooks/verify.yml: one checklist line per expectation, security group rules as plain words,
the checklist as a table, and the stack's monthly cost from a price table."""

import json

from ansible_collections.tickr.aws.plugins.plugin_utils.security_group_rules import (
    configured_permissions,
    found_permissions,
    as_words,
)

HOURS_PER_MONTH = 730


def check(actual, expected, area, name):
    """One line of the checklist: passed when ``actual`` equals ``expected`` (lists compare as sets)."""
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        extra = sorted(set(map(str, actual)) - set(map(str, expected)))
        missing = sorted(set(map(str, expected)) - set(map(str, actual)))
        passed = not extra and not missing
        reason = "; ".join(part for part in (
            f"unexpected: {', '.join(extra)}" if extra else "",
            f"missing: {', '.join(missing)}" if missing else "") if part)
    else:
        passed = actual == expected
        reason = f"found {actual!r}, expected {expected!r}"
    return {"area": area, "check": name, "passed": passed, "reason": "" if passed else reason}


def check_or_pending(actual, pending, expected, area, name, until):
    """A checklist line for a setting AWS may hold for a window: passed when ``actual`` equals ``expected``, and
    passed as pending when only ``pending`` (the value AWS holds, or None) does; the table says until when."""
    line = check(actual, expected, area, name)
    if not line["passed"] and pending is not None and pending == expected:
        line.update(passed=True, pending=until)
    return line


def security_group_rules(group, names=None):
    """A security group's rules (ec2_security_group_info's shape) as words: 'in tcp 443 from 0.0.0.0/0',
    'out all to tickr-ecs-sg'; groups named by ``names`` (id to name), prefix lists as 'prefix-list'."""
    return as_words(found_permissions(group), names)


def rule_words(rules, direction="out"):
    """Rules in amazon.aws.ec2_security_group's format as the words of ``security_group_rules``, to compare
    configured extra rules with what the account holds."""
    return as_words(configured_permissions(direction, rules))


def _as_list(value):
    return value if isinstance(value, list) else [value]


# The operators under which a tested value is one the request must have: a negated operator (StringNotEquals) admits
# every other value, an IfExists one a request without the key, a set operator (ForAllValues:) an empty set.
_MATCHING_OPERATORS = ("stringequals", "stringlike", "arnequals", "arnlike")


def _conditions(statement, operators=None):
    """The condition keys a statement tests, lowercased (IAM's condition keys are case-insensitive), with the
    values each is tested against; only under ``operators`` (lowercased names) when given."""
    found = {}
    for operator, tests in (statement.get("Condition") or {}).items():
        if operators is not None and operator.lower() not in operators:
            continue
        for key, values in tests.items():
            found.setdefault(key.lower(), set()).update(str(v) for v in _as_list(values))
    return found


def _bound(statement, keys, values, within):
    tested, matched = _conditions(statement), _conditions(statement, _MATCHING_OPERATORS)
    return (all(key.lower() in tested for key in keys)
            and all(matched.get(key.lower()) == {str(value)} for key, value in (values or {}).items())
            and all(matched.get(key.lower()) and matched[key.lower()] <= {str(v) for v in _as_list(allowed)}
                    for key, allowed in (within or {}).items()))


def _statement_words(statement):
    if statement.get("Sid"):
        return statement["Sid"]
    principal = statement.get("Principal", "*")
    if isinstance(principal, dict):
        return ", ".join(str(p) for values in principal.values() for p in _as_list(values))
    return str(principal)


def unbound_statements(document, keys, values=None, within=None):
    """The Allow statements of a policy document (a dict or its JSON) that do not test every condition key of
    ``keys``, test a key of ``values`` against anything but its value, or a key of ``within`` against anything
    outside its list (or not at all): each as its Sid, else its principals. ``values`` and ``within`` count only
    the tests a request must match (StringEquals, StringLike, ArnEquals, ArnLike). A service role's trust bound to
    the account and resource (``['aws:SourceAccount', 'aws:SourceArn']``, the confused deputy), an endpoint policy
    bound to the account's principals (``['aws:PrincipalAccount']``, ``{'aws:PrincipalAccount': account}``) or to
    some of its roles (``within={'aws:PrincipalArn': [role ARNs]}``) gives none."""
    if isinstance(document, str):
        document = json.loads(document) if document else {}
    return [_statement_words(statement) for statement in _as_list((document or {}).get("Statement", []))
            if statement.get("Effect") == "Allow" and not _bound(statement, _as_list(keys), values, within)]


def role_trust_check(role_info, name):
    """The checklist line of a service role's trust, from amazon.aws.iam_role_info's result: every Allow statement
    bound with aws:SourceAccount and aws:SourceArn (the cross-service confused deputy); a role not found fails."""
    roles = (role_info or {}).get("iam_roles") or []
    unbound = (unbound_statements(roles[0].get("assume_role_policy_document"), ["aws:SourceAccount", "aws:SourceArn"])
               if roles else ["no such role"])
    return check(unbound, [], "Security", f"{name} trusted with aws:SourceAccount and aws:SourceArn")


def endpoint_policy_exceptions(endpoints, account, principals=None):
    """The statements of a VPC's endpoint policies that admit principals of any account, or, with ``principals``
    (IAM role names at the root path), any principal but those roles of ``account`` (aws:PrincipalArn), as
    '<service>: <Sid>' (the service's last name, s3 for com.amazonaws.eu-west-1.s3); deleted endpoints are left out."""
    within = ({"aws:PrincipalArn": [f"arn:aws:iam::{account}:role/{name}" for name in _as_list(principals)]}
              if principals else None)
    return [f"{endpoint['service_name'].split('.', 3)[-1]}: {words}" for endpoint in endpoints
            if endpoint.get("state", "").lower() not in ("deleted", "deleting")
            for words in unbound_statements(endpoint.get("policy_document") or "", ["aws:PrincipalAccount"],
                                            {"aws:PrincipalAccount": account}, within)]


def checklist_table(checks):
    """The checklist as a table (one string, a line per check): area, check, PASS/FAIL and the reason of a failure."""
    width = max([len(c["check"]) for c in checks] + [5])
    area_width = max([len(c["area"]) for c in checks] + [4])
    lines = [f"{'AREA'.ljust(area_width)}  {'CHECK'.ljust(width)}  RESULT"]
    for c in checks:
        if c.get("pending"):
            result = "PENDING until " + c["pending"]
        else:
            result = "PASS" if c["passed"] else "FAIL  " + c["reason"]
        lines.append(f"{c['area'].ljust(area_width)}  {c['check'].ljust(width)}  {result}")
    failed = sum(1 for c in checks if not c["passed"])
    pending = sum(1 for c in checks if c.get("pending"))
    lines.append(f"{len(checks) - failed - pending} passed, " + (f"{pending} pending, " if pending else "") + f"{failed} failed")
    return "\n".join(line.rstrip() for line in lines)


def monthly_cost(stack, prices):
    """The stack's monthly cost in USD, item by item, from an on-demand price table (playbooks/vars/prices-*.yml).

    ``stack`` gives the sizes (tasks, vCPU, memory, instance classes, storage, endpoints, NAT gateways) and the
    usage assumptions (GB of logs, mails, requests); returns items with their detail, whether the spec's cost table
    counts them, and the totals."""
    hours = HOURS_PER_MONTH
    items = []

    def add(name, detail, usd, in_spec=True):
        items.append({"item": name, "detail": detail, "usd": round(usd, 2), "in_spec": in_spec})

    tasks, vcpu, memory = stack["ecs_tasks"], stack["ecs_vcpu"], stack["ecs_memory_gb"]
    add("ECS Fargate", f"{tasks} tasks x {vcpu} vCPU / {memory} GB",
        tasks * hours * (vcpu * prices["fargate_vcpu_hour"] + memory * prices["fargate_gb_hour"]))
    rds_hour = prices["rds_instance_hour"][stack["rds_instance_class"]] * (2 if stack["rds_multi_az"] else 1)
    add("RDS PostgreSQL", f"{stack['rds_instance_class']}{' multi-AZ' if stack['rds_multi_az'] else ''}, "
        f"{stack['rds_storage_gb']} GB gp3",
        rds_hour * hours + stack["rds_storage_gb"] * prices["rds_gp3_gb_month"])
    add("ElastiCache Redis", f"{stack['redis_nodes']} x {stack['redis_node_type']}",
        stack["redis_nodes"] * prices["elasticache_node_hour"][stack["redis_node_type"]] * hours)
    add("S3", f"{stack['s3_storage_gb']} GB, {stack['s3_put_requests']} PUT, {stack['s3_get_requests']} GET",
        stack["s3_storage_gb"] * prices["s3_gb_month"] + stack["s3_put_requests"] / 1000 * prices["s3_put_per_1000"]
        + stack["s3_get_requests"] / 1000 * prices["s3_get_per_1000"])
    add("ALB", f"1 ALB, {stack['alb_lcu']} LCU", hours * (prices["alb_hour"] + stack["alb_lcu"] * prices["alb_lcu_hour"]))
    add("SES", f"{stack['ses_emails']} emails", stack["ses_emails"] / 1000 * prices["ses_per_1000"])
    add("CloudWatch", f"{stack['logs_gb']} GB logs, {stack['custom_metrics']} metrics, {stack['alarms']} alarms",
        stack["logs_gb"] * prices["logs_ingest_gb"] + stack["custom_metrics"] * prices["custom_metric_month"]
        + stack["alarms"] * prices["alarm_month"])
    # Each NAT gateway holds an Elastic IP, billed as a public IPv4 address, and processes what the tasks exchange.
    nats = stack["nat_gateways"]
    nat_traffic = float(stack.get("aws_traffic_gb", 0)) if nats else 0.0
    add("NAT gateway", f"{nats} NAT gateways" + (f", {nat_traffic:g} GB" if nats else ""),
        nats * (prices["nat_gateway_hour"] + prices.get("public_ipv4_hour", 0)) * hours
        + nat_traffic * prices.get("nat_gateway_gb", 0), in_spec=False)
    add("VPC interface endpoints", f"{stack['interface_endpoints']} endpoints x {stack['azs']} AZ",
        stack["interface_endpoints"] * stack["azs"] * prices["interface_endpoint_az_hour"] * hours, in_spec=False)
    add("Secrets Manager", f"{stack['secrets']} secrets", stack["secrets"] * prices["secret_month"], in_spec=False)
    # The safety nets production turns on: flow logs are vended logs ingested by CloudWatch Logs; ELB's access logs
    # are S3 storage (kept the stack's retention) and its PUTs (a file per ALB node every 5 minutes, 2 nodes).
    if stack.get("flow_logs"):
        add("VPC flow logs", f"{stack['flow_logs_gb']} GB to CloudWatch Logs",
            float(stack["flow_logs_gb"]) * prices["logs_vended_ingest_gb"], in_spec=False)
    if stack.get("alb_access_logs"):
        kept = min(int(stack.get("log_retention_days", 30)), 30) / 30
        puts = 2 * 12 * 24 * 30
        add("ALB access logs", f"{stack['alb_access_logs_gb']} GB a month to S3, kept {stack.get('log_retention_days', 30)} days",
            float(stack["alb_access_logs_gb"]) * kept * prices["s3_gb_month"] + puts / 1000 * prices["s3_put_per_1000"],
            in_spec=False)
    spec_total = round(sum(i["usd"] for i in items if i["in_spec"]), 2)
    total = round(sum(i["usd"] for i in items), 2)
    return {"items": items, "spec_items_total": spec_total, "total": total}


def cost_table(cost, budget):
    """The estimate of tickr.aws.monthly_cost as a table (one string), with its totals against the budget."""
    width = max(len(i["item"]) for i in cost["items"])
    lines = [f"{i['item'].ljust(width)}  {i['usd']:>8.2f} USD  {i['detail']}{'' if i['in_spec'] else '  (not in the spec table)'}"
             for i in cost["items"]]
    lines.append(f"{'Spec table items'.ljust(width)}  {cost['spec_items_total']:>8.2f} USD  (the spec says ~100)")
    budget = float(budget)
    verdict = (f"over the {budget:.2f} USD budget by {cost['total'] - budget:.2f}" if cost["total"] > budget
               else f"within the {budget:.2f} USD budget")
    lines.append(f"{'Total'.ljust(width)}  {cost['total']:>8.2f} USD  {verdict}")
    return "\n".join(line.rstrip() for line in lines)


def endpoints_vs_nat(stack, prices):
    """The V1 choice in figures: the interface endpoints the tasks need without NAT, against one NAT gateway.

    ``stack`` gives ``interface_endpoints`` (how many), ``azs`` (each endpoint is billed in each AZ) and
    ``aws_traffic_gb`` (what the tasks exchange with AWS's APIs a month, S3 aside: the gateway endpoint is free
    either way). The endpoints cost their hours per AZ plus PrivateLink's data processing; the NAT gateway its hours,
    its public IPv4 address and its data processing. Returns both, each with its hourly and data parts, and the
    cheaper one."""
    hours = HOURS_PER_MONTH
    count, azs, traffic = int(stack["interface_endpoints"]), int(stack["azs"]), float(stack["aws_traffic_gb"])
    endpoint_hours = count * azs * prices["interface_endpoint_az_hour"] * hours
    endpoint_data = traffic * prices["interface_endpoint_gb"] if count else 0.0
    nat_hours = hours * (prices["nat_gateway_hour"] + prices["public_ipv4_hour"])
    nat_data = traffic * prices["nat_gateway_gb"]
    choice = {
        "endpoints": {"count": count, "azs": azs, "hourly_usd": round(endpoint_hours, 2), "data_usd": round(endpoint_data, 2),
                      "usd": round(endpoint_hours + endpoint_data, 2)},
        "nat": {"count": 1, "hourly_usd": round(nat_hours, 2), "data_usd": round(nat_data, 2), "usd": round(nat_hours + nat_data, 2)},
        "traffic_gb": traffic,
    }
    choice["cheaper"] = "endpoints" if choice["endpoints"]["usd"] <= choice["nat"]["usd"] else "nat"
    return choice


def endpoints_vs_nat_table(choice, prices):
    """tickr.aws.endpoints_vs_nat as a small table (one string): each way's monthly cost and how it is made up."""
    endpoints, nat, gb = choice["endpoints"], choice["nat"], choice["traffic_gb"]
    rows = [
        ("Interface endpoints", endpoints["usd"],
         f"{endpoints['count']} x {endpoints['azs']} AZ x {prices['interface_endpoint_az_hour']} USD/h"
         f" + {gb:g} GB x {prices['interface_endpoint_gb']} USD"),
        ("One NAT gateway", nat["usd"],
         f"{prices['nat_gateway_hour']} USD/h + IPv4 {prices['public_ipv4_hour']} USD/h + {gb:g} GB x {prices['nat_gateway_gb']} USD"
         "; the ECS group then needs egress 443 to 0.0.0.0/0"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name.ljust(width)}  {usd:>8.2f} USD  {detail}" for name, usd, detail in rows]
    cheaper = "the interface endpoints" if choice["cheaper"] == "endpoints" else "one NAT gateway"
    lines.append(f"{'Cheaper'.ljust(width)}  {abs(endpoints['usd'] - nat['usd']):>8.2f} USD  less a month with {cheaper}")
    return "\n".join(line.rstrip() for line in lines)


class FilterModule:
    def filters(self):
        return {
            "check": check,
            "check_or_pending": check_or_pending,
            "security_group_rules": security_group_rules,
            "rule_words": rule_words,
            "unbound_statements": unbound_statements,
            "role_trust_check": role_trust_check,
            "endpoint_policy_exceptions": endpoint_policy_exceptions,
            "checklist_table": checklist_table,
            "monthly_cost": monthly_cost,
            "cost_table": cost_table,
            "endpoints_vs_nat": endpoints_vs_nat,
            "endpoints_vs_nat_table": endpoints_vs_nat_table,
        }
