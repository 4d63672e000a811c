import json
from pathlib import Path

import yaml

from ansible_collections.tickr.aws.plugins.filter.audit import check, checklist_table, cost_table, monthly_cost
from ansible_collections.tickr.aws.plugins.filter.audit import rule_words, security_group_rules

ROOT = Path(__file__).resolve().parents[4]

ALB_SG = {
    "group_name": "tickr-alb-sg",
    "ip_permissions": [
        {"ip_protocol": "tcp", "from_port": 80, "to_port": 80, "ip_ranges": [{"cidr_ip": "0.0.0.0/0"}]},
        {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "ip_ranges": [{"cidr_ip": "0.0.0.0/0"}]},
    ],
    "ip_permissions_egress": [{"ip_protocol": "-1", "user_id_group_pairs": [{"group_id": "sg-ecs"}]}],
}


def test_security_group_rules_read_as_words():
    assert security_group_rules(ALB_SG, {"sg-ecs": "tickr-ecs-sg"}) == [
        "in tcp 443 from 0.0.0.0/0", "in tcp 80 from 0.0.0.0/0", "out all to tickr-ecs-sg"]


def test_security_group_rules_show_port_ranges_and_prefix_lists():
    group = {"ip_permissions": [{"ip_protocol": "tcp", "from_port": 0, "to_port": 65535,
                                 "ip_ranges": [{"cidr_ip": "0.0.0.0/0"}]}],
             "ip_permissions_egress": [{"ip_protocol": "tcp", "from_port": 443, "to_port": 443,
                                        "prefix_list_ids": [{"prefix_list_id": "pl-6da54004"}]}]}
    assert security_group_rules(group) == ["in tcp 0-65535 from 0.0.0.0/0", "out tcp 443 to prefix-list"]


def test_check_compares_lists_as_sets_and_names_the_difference():
    widened = security_group_rules(ALB_SG) + ["in tcp 5432 from 0.0.0.0/0"]
    line = check(widened, ["in tcp 80 from 0.0.0.0/0", "in tcp 443 from 0.0.0.0/0", "out all to sg-ecs"],
                 "Security", "tickr-alb-sg rules exactly as specified")
    assert not line["passed"]
    assert line["reason"] == "unexpected: in tcp 5432 from 0.0.0.0/0"
    assert check(["b", "a"], ["a", "b"], "VPC", "x")["passed"]
    assert check(["a"], ["a", "b"], "VPC", "x")["reason"] == "missing: b"


def test_check_compares_values_and_says_what_it_found():
    assert check(7, 7, "Database", "backups")["passed"]
    line = check(1, 7, "Database", "automated backups kept 7 days")
    assert (line["passed"], line["reason"]) == (False, "found 1, expected 7")


def test_checklist_table_lists_each_check_and_counts_failures():
    lines = checklist_table([check(1, 1, "VPC", "one VPC"), check(0, 1, "Account", "MFA on the root user")]).splitlines()
    assert lines[1].split() == ["VPC", "one", "VPC", "PASS"]
    assert "FAIL  found 0, expected 1" in lines[2]
    assert lines[-1] == "1 passed, 1 failed"


def _spec_v1():
    prices = yaml.safe_load((ROOT / "playbooks" / "vars" / "prices-eu-west-1.yml").read_text())
    stack = {"ecs_tasks": 2, "ecs_vcpu": 0.5, "ecs_memory_gb": 1, "rds_instance_class": "db.t3.small",
             "rds_multi_az": False, "rds_storage_gb": 20, "redis_node_type": "cache.t3.micro", "redis_nodes": 1,
             "custom_metrics": 4, "alarms": 5, "nat_gateways": 0, "interface_endpoints": 7, "azs": 2, "secrets": 3}
    return monthly_cost(dict(stack, **prices["tickr_usage"]), prices["tickr_prices"])


def test_the_spec_v1_costs_about_100_usd_before_the_endpoints():
    cost = _spec_v1()
    by_item = {i["item"]: i["usd"] for i in cost["items"]}
    assert 90 <= cost["spec_items_total"] <= 115
    assert 33 <= by_item["ECS Fargate"] <= 37            # spec: $35
    assert by_item["NAT gateway"] == 0
    assert by_item["VPC interface endpoints"] == round(7 * 2 * 0.011 * 730, 2)
    assert cost["total"] > 150                           # the endpoints push V1 over its budget


def test_cost_table_compares_the_total_with_the_budget():
    lines = cost_table(_spec_v1(), 150).splitlines()
    assert lines[-1].startswith("Total") and "over the 150.00 USD budget" in lines[-1]
    assert any("(not in the spec table)" in line for line in lines if line.startswith("VPC interface endpoints"))


def test_rule_words_say_configured_rules_as_the_account_reads_back():
    configured = [
        {"proto": "tcp", "ports": [443], "cidr_ip": ["203.0.113.10/32", "203.0.113.11/32"], "rule_desc": "payments"},
        {"proto": "tcp", "ports": ["8000-8010"], "group_name": "partner-sg"},
        {"proto": "udp", "from_port": 53, "to_port": 53, "cidr_ip": "10.0.0.2/32"},
        {"proto": "tcp", "ports": [443], "ip_prefix": "pl-6da54004"},
        {"proto": "-1", "cidr_ipv6": "::/0"},
    ]
    read_back = {"ip_permissions_egress": [
        {"ip_protocol": "tcp", "from_port": 443, "to_port": 443,
         "ip_ranges": [{"cidr_ip": "203.0.113.10/32"}, {"cidr_ip": "203.0.113.11/32"}], "prefix_list_ids": [{"prefix_list_id": "pl-6da54004"}]},
        {"ip_protocol": "tcp", "from_port": 8000, "to_port": 8010, "user_id_group_pairs": [{"group_id": "sg-p"}]},
        {"ip_protocol": "udp", "from_port": 53, "to_port": 53, "ip_ranges": [{"cidr_ip": "10.0.0.2/32"}]},
        {"ip_protocol": "-1", "ipv6_ranges": [{"cidr_ipv6": "::/0"}]},
    ]}
    assert rule_words(configured, "out") == security_group_rules(read_back, {"sg-p": "partner-sg"})
    assert rule_words([{"proto": "tcp", "ports": [22], "cidr_ip": "10.0.0.0/8"}], "in") == ["in tcp 22 from 10.0.0.0/8"]
    assert rule_words([]) == []


def test_unbound_statements_name_the_allow_statements_missing_a_condition_key():
    from ansible_collections.tickr.aws.plugins.filter.audit import unbound_statements
    bound = {"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"},
                           "ArnLike": {"aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*"}}}
    half = dict(bound, Condition={"StringEquals": {"aws:SourceAccount": "123456789012"}})
    bare = {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
    deny = {"Sid": "Tls", "Effect": "Deny", "Principal": "*", "Action": "*"}
    keys = ["aws:SourceAccount", "aws:SourceArn"]
    assert unbound_statements({"Statement": [bound, deny]}, keys) == []
    assert unbound_statements({"Statement": [bound, half, dict(bare, Sid="Tasks")]}, keys) == [
        "vpc-flow-logs.amazonaws.com", "Tasks"]
    # Endpoint policies come back as JSON; condition keys are case-insensitive.
    policy = '{"Statement": [{"Sid": "Own", "Effect": "Allow", "Principal": "*", "Action": "*", ' \
             '"Condition": {"StringEquals": {"aws:principalaccount": "123456789012"}}}, ' \
             '{"Sid": "EcrImageLayers", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}'
    assert unbound_statements(policy, ["aws:PrincipalAccount"]) == ["EcrImageLayers"]
    assert unbound_statements("", ["aws:PrincipalAccount"]) == []


def test_endpoint_policy_exceptions_name_statements_open_to_other_accounts():
    from ansible_collections.tickr.aws.plugins.filter.audit import endpoint_policy_exceptions
    own = {"Sid": "OnlyThisAccountsPrincipals", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
           "Condition": {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}}
    layers = {"Sid": "EcrImageLayers", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
    other = dict(own, Condition={"StringEquals": {"aws:PrincipalAccount": "999999999999"}})
    endpoints = [
        {"service_name": "com.amazonaws.eu-west-1.s3", "state": "available",
         "policy_document": json.dumps({"Statement": [own, layers]})},
        {"service_name": "com.amazonaws.eu-west-1.ecr.api", "state": "available",
         "policy_document": json.dumps({"Statement": [own]})},
        {"service_name": "com.amazonaws.eu-west-1.logs", "state": "deleted", "policy_document": "{}"},
    ]
    assert endpoint_policy_exceptions(endpoints, "123456789012") == ["s3: EcrImageLayers"]
    endpoints[1]["policy_document"] = json.dumps({"Statement": [other]})
    assert endpoint_policy_exceptions(endpoints, "123456789012") == ["s3: EcrImageLayers",
                                                                     "ecr.api: OnlyThisAccountsPrincipals"]
    # AWS's default endpoint policy admits everyone.
    endpoints[1]["policy_document"] = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]})
    assert endpoint_policy_exceptions(endpoints, "123456789012")[1] == "ecr.api: *"


def test_unbound_statements_bind_a_key_to_values_only_under_a_matching_operator():
    from ansible_collections.tickr.aws.plugins.filter.audit import unbound_statements
    roles = ["arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "arn:aws:iam::123456789012:role/tickrBackendTaskRole"]
    account = {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}

    def policy(**condition):
        return {"Statement": [{"Sid": "Own", "Effect": "Allow", "Principal": "*", "Action": "*",
                               "Condition": dict(account, **condition)}]}

    def unbound(document):
        return unbound_statements(document, ["aws:PrincipalAccount"], {"aws:PrincipalAccount": "123456789012"},
                                  {"aws:PrincipalArn": roles})

    assert unbound(policy(ArnEquals={"aws:PrincipalArn": roles})) == []
    # One of the roles, or the roles by StringEquals (AWS's gateway endpoint example), admits no one else.
    assert unbound(policy(ArnEquals={"aws:PrincipalArn": roles[0]})) == []
    assert unbound(policy(StringEquals={"aws:PrincipalAccount": "123456789012", "aws:principalarn": roles})) == []
    # Not tested, another role, a wildcard over every role, or a negated test: other principals get through.
    assert unbound(policy()) == ["Own"]
    assert unbound(policy(ArnEquals={"aws:PrincipalArn": roles + ["arn:aws:iam::123456789012:role/admin"]})) == ["Own"]
    assert unbound(policy(ArnLike={"aws:PrincipalArn": "arn:aws:iam::123456789012:role/*"})) == ["Own"]
    assert unbound(policy(ArnNotEquals={"aws:PrincipalArn": roles})) == ["Own"]
    assert unbound(policy(ArnEqualsIfExists={"aws:PrincipalArn": roles})) == ["Own"]
    # The account must be matched too, not merely named.
    negated = {"Statement": [{"Sid": "Own", "Effect": "Allow", "Principal": "*", "Action": "*", "Condition": {
        "StringNotEquals": {"aws:PrincipalAccount": "123456789012"}, "ArnEquals": {"aws:PrincipalArn": roles}}}]}
    assert unbound(negated) == ["Own"]


def test_endpoint_policy_exceptions_with_principals_name_statements_open_to_other_roles():
    from ansible_collections.tickr.aws.plugins.filter.audit import endpoint_policy_exceptions
    names = ["ecsTaskExecutionRole", "tickrBackendTaskRole"]
    arns = [f"arn:aws:iam::123456789012:role/{name}" for name in names]
    account_only = {"Sid": "OnlyThisAccountsPrincipals", "Effect": "Allow", "Principal": "*", "Action": "*",
                    "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}}
    roles_only = dict(account_only, Condition=dict(account_only["Condition"], ArnEquals={"aws:PrincipalArn": arns}))
    layers = {"Sid": "EcrImageLayers", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
    endpoints = [
        {"service_name": "com.amazonaws.eu-west-1.s3", "state": "available",
         "policy_document": json.dumps({"Statement": [roles_only, layers]})},
        {"service_name": "com.amazonaws.eu-west-1.logs", "state": "available",
         "policy_document": json.dumps({"Statement": [roles_only]})},
    ]
    assert endpoint_policy_exceptions(endpoints, "123456789012", names) == ["s3: EcrImageLayers"]
    # The account's statement alone passes without principals and fails with them.
    endpoints[1]["policy_document"] = json.dumps({"Statement": [account_only]})
    assert endpoint_policy_exceptions(endpoints, "123456789012") == ["s3: EcrImageLayers"]
    assert endpoint_policy_exceptions(endpoints, "123456789012", names) == [
        "s3: EcrImageLayers", "logs: OnlyThisAccountsPrincipals"]
    # The roles' ARNs are this account's: the same names in another account are other principals.
    assert endpoint_policy_exceptions(endpoints[:1], "999999999999", names) == [
        "s3: OnlyThisAccountsPrincipals", "s3: EcrImageLayers"]
    assert endpoint_policy_exceptions(endpoints, "123456789012", []) == ["s3: EcrImageLayers"]


def test_flow_logs_and_access_logs_are_priced_when_on():
    cost = _spec_v1()
    assert "VPC flow logs" not in [i["item"] for i in cost["items"]]
    prices = yaml.safe_load((ROOT / "playbooks" / "vars" / "prices-eu-west-1.yml").read_text())
    stack = {"ecs_tasks": 2, "ecs_vcpu": 0.5, "ecs_memory_gb": 1, "rds_instance_class": "db.t3.small",
             "rds_multi_az": False, "rds_storage_gb": 20, "redis_node_type": "cache.t3.micro", "redis_nodes": 1,
             "custom_metrics": 4, "alarms": 5, "nat_gateways": 0, "interface_endpoints": 7, "azs": 2, "secrets": 3,
             "flow_logs": True, "alb_access_logs": True, "log_retention_days": 7}
    on = monthly_cost(dict(stack, **prices["tickr_usage"]), prices["tickr_prices"])
    by_item = {i["item"]: i for i in on["items"]}
    assert by_item["VPC flow logs"]["usd"] == round(2 * 0.57, 2) and not by_item["VPC flow logs"]["in_spec"]
    assert by_item["ALB access logs"]["usd"] == round(1 * 7 / 30 * 0.023 + 17280 / 1000 * 0.005, 2)
    assert on["total"] == round(cost["total"] + by_item["VPC flow logs"]["usd"] + by_item["ALB access logs"]["usd"], 2)


def test_a_role_trust_check_passes_a_bound_trust_and_fails_an_open_or_missing_role():
    from ansible_collections.tickr.aws.plugins.filter.audit import role_trust_check

    bound = {"Sid": "Ecs", "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
             "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"},
                           "ArnLike": {"aws:SourceArn": "arn:aws:ecs:eu-west-1:123456789012:*"}}}
    found = {"iam_roles": [{"assume_role_policy_document": {"Statement": [bound]}}]}
    assert role_trust_check(found, "r")["passed"] is True
    assert role_trust_check(found, "r")["check"] == "r trusted with aws:SourceAccount and aws:SourceArn"
    opened = {"iam_roles": [{"assume_role_policy_document": {"Statement": [dict(bound, Condition={})]}}]}
    assert role_trust_check(opened, "r")["reason"] == "unexpected: Ecs"
    assert role_trust_check({"iam_roles": []}, "r")["reason"] == "unexpected: no such role"
