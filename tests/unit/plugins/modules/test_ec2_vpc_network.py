import json
from unittest.mock import MagicMock

import botocore.exceptions
import jmespath
import pytest
from botocore.waiter import WaiterModel
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error

from ansible_collections.tickr.aws.plugins.filter.network import (
    nat_gateway_plans,
    route_table_plans,
    subnet_plans,
    vpc_endpoint_plans,
)
from ansible_collections.tickr.aws.plugins.module_utils.ec2 import _VPC_ENDPOINT_AVAILABLE
from ansible_collections.tickr.aws.plugins.modules import ec2_vpc_network
from ansible_collections.tickr.aws.plugins.modules.ec2_vpc_network import ONE_VPC, argument_spec, ensure

MUTATING = [
    "create_subnet", "modify_subnet_attribute", "create_tags", "delete_tags", "allocate_address", "create_nat_gateway",
    "delete_nat_gateway", "release_address", "create_route_table", "create_route", "replace_route", "delete_route",
    "associate_route_table", "disassociate_route_table", "create_security_group", "authorize_security_group_ingress",
    "authorize_security_group_egress", "revoke_security_group_ingress", "revoke_security_group_egress",
    "update_security_group_rule_descriptions_ingress", "update_security_group_rule_descriptions_egress",
    "create_vpc_endpoint", "modify_vpc_endpoint", "create_vpc", "modify_vpc_attribute", "create_internet_gateway",
    "attach_internet_gateway",
]
TAGS = {"Project": "tickr"}
PUBLIC = [{"az": "eu-west-1a", "cidr": "10.0.1.0/24"}, {"az": "eu-west-1b", "cidr": "10.0.2.0/24"}]
PRIVATE = [{"az": "eu-west-1a", "cidr": "10.0.11.0/24"}, {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}]
SUBNET_PLANS = subnet_plans(PUBLIC, PRIVATE, "tickr", TAGS)


def _tag_list(tags):
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _client(subnets=(), nats=(), tables=(), groups=(), endpoints=(), vpcs=(), igws=(), dns=None):
    client = MagicMock()
    found = {"describe_subnets": {"Subnets": list(subnets)}, "describe_nat_gateways": {"NatGateways": list(nats)},
             "describe_route_tables": {"RouteTables": list(tables)},
             "describe_security_groups": {"SecurityGroups": list(groups)},
             "describe_vpc_endpoints": {"VpcEndpoints": list(endpoints)},
             "describe_vpcs": {"Vpcs": list(vpcs)}, "describe_internet_gateways": {"InternetGateways": list(igws)}}
    # The VPC's DNS attributes as AWS holds them: ModifyVpcAttribute changes what DescribeVpcAttribute reads.
    dns = dict({"enableDnsSupport": True, "enableDnsHostnames": False}, **(dns or {}))
    client.describe_vpc_attribute.side_effect = lambda VpcId, Attribute: {
        "VpcId": VpcId, Attribute[0].upper() + Attribute[1:]: {"Value": dns[Attribute]}}
    client.modify_vpc_attribute.side_effect = lambda VpcId, **change: dns.update(
        {key[0].lower() + key[1:]: value["Value"] for key, value in change.items()})
    client.create_vpc.side_effect = lambda **p: {"Vpc": {"VpcId": "vpc-new", "CidrBlock": p["CidrBlock"], "State": "pending",
                                                         "IsDefault": False}}
    client.create_internet_gateway.side_effect = lambda **p: {"InternetGateway": {"InternetGatewayId": "igw-new",
                                                                                  "Attachments": []}}

    client.pages = {}  # the paginator of each Describe* call, to read its filters back

    def paginator(name):
        pages = client.pages.setdefault(name, MagicMock())
        pages.paginate.return_value.build_full_result.return_value = found[name]
        return pages

    client.get_paginator.side_effect = paginator
    client.create_subnet.side_effect = lambda **p: {"Subnet": {"SubnetId": "subnet-new-" + p["CidrBlock"],
                                                               "CidrBlock": p["CidrBlock"], "AvailabilityZone": p["AvailabilityZone"]}}
    client.create_security_group.side_effect = lambda **p: {"GroupId": "sg-new-" + p["GroupName"]}
    client.create_route_table.side_effect = lambda **p: {"RouteTable": {"RouteTableId": "rtb-new", "Routes": [], "Associations": []}}
    client.create_vpc_endpoint.side_effect = lambda **p: {"VpcEndpoint": {"VpcEndpointId": "vpce-new", "State": "available",
                                                                          "ServiceName": p["ServiceName"]}}
    for name in ("authorize_security_group_ingress", "authorize_security_group_egress", "revoke_security_group_ingress",
                 "revoke_security_group_egress", "update_security_group_rule_descriptions_ingress",
                 "update_security_group_rule_descriptions_egress", "modify_vpc_endpoint"):
        getattr(client, name).return_value = {"Return": True}
    return client


def _module(check_mode=False, **params):
    """The module as AnsibleAWSModule hands it over: parameters checked, suboptions' defaults set."""
    module = MagicMock()
    module.check_mode = check_mode
    checked = ArgumentSpecValidator(argument_spec()).validate(dict({"vpc_id": "vpc-1", "wait": False}, **params))
    assert not checked.error_messages, checked.error_messages
    module.params = checked.validated_parameters
    module.fail_json.side_effect = SystemExit
    return module


def _mutations(client):
    return [name for name in MUTATING if getattr(client, name).called]


@pytest.fixture(autouse=True)
def _waiters(monkeypatch):
    monkeypatch.setattr(ec2_vpc_network, "get_waiter", MagicMock())
    monkeypatch.setattr(ec2_vpc_network, "vpc_endpoint_available_waiter", MagicMock())


# Subnets

def _subnet(cidr, az, tier, **extra):
    return dict({"CidrBlock": cidr, "AvailabilityZone": az, "SubnetId": "subnet-" + cidr, "MapPublicIpOnLaunch": False,
                 "Tags": _tag_list({"Project": "tickr", "Name": f"tickr-{tier}-{az}", "Tier": tier})}, **extra)


ALL_SUBNETS = [_subnet(p["cidr"], p["az"], p["tags"]["Tier"]) for p in SUBNET_PLANS]


def test_subnets_as_planned_need_no_call():
    client = _client(subnets=ALL_SUBNETS)
    result = ensure(_module(subnets=SUBNET_PLANS), client)
    assert result["changed"] is False and _mutations(client) == []
    assert [s["id"] for s in result["subnets"]] == [s["SubnetId"] for s in ALL_SUBNETS]
    assert result["subnets"][0]["tags"] == {"Project": "tickr", "Name": "tickr-public-eu-west-1a", "Tier": "public"}


def test_subnets_that_drifted_are_set_back_and_missing_ones_created():
    found = [
        ALL_SUBNETS[0],
        _subnet("10.0.2.0/24", "eu-west-1b", "public", MapPublicIpOnLaunch=True),              # public IPs turned on
        dict(ALL_SUBNETS[2], Tags=_tag_list({"Name": "by-hand"})),                             # retagged by hand
    ]
    client = _client(subnets=found)
    result = ensure(_module(subnets=SUBNET_PLANS), client)
    assert result["actions"] == ["subnet 10.0.2.0/24: MapPublicIpOnLaunch off", "subnet 10.0.11.0/24: tags",
                                 "subnet 10.0.12.0/24: create in eu-west-1b"]
    client.modify_subnet_attribute.assert_called_once_with(SubnetId="subnet-10.0.2.0/24", MapPublicIpOnLaunch={"Value": False})
    tagged = client.create_tags.call_args.kwargs
    assert tagged["Resources"] == ["subnet-10.0.11.0/24"]
    assert {t["Key"]: t["Value"] for t in tagged["Tags"]} == {"Project": "tickr", "Name": "tickr-private-eu-west-1a",
                                                              "Tier": "private"}
    assert client.create_subnet.call_args.kwargs["AvailabilityZone"] == "eu-west-1b"
    assert result["subnets"][3]["id"] == "subnet-new-10.0.12.0/24"


def test_a_subnet_in_another_az_fails_before_any_change():
    client = _client(subnets=[_subnet("10.0.1.0/24", "eu-west-1c", "public")])
    module = _module(subnets=SUBNET_PLANS)
    with pytest.raises(SystemExit):
        ensure(module, client)
    assert "AWS cannot move a subnet" in module.fail_json.call_args.kwargs["msg"]
    assert _mutations(client) == []


# Route tables

def _table(table_id, name, tier, subnets, routes=(), tags=None):
    return {"RouteTableId": table_id,
            "Tags": _tag_list({"Project": "tickr", "Name": name, "Tier": tier} if tags is None else tags),
            "Associations": [{"Main": False, "SubnetId": s, "RouteTableAssociationId": "rtbassoc-" + s,
                              "AssociationState": {"State": "associated"}} for s in subnets],
            "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable"},
                       {"DestinationPrefixListId": "pl-s3", "GatewayId": "vpce-1", "Origin": "CreateRoute"}]
            + [{"DestinationCidrBlock": dest, "GatewayId": target, "Origin": "CreateRoute", "State": "active"}
               for dest, target in routes]}


PUBLIC_IDS = ["subnet-10.0.1.0/24", "subnet-10.0.2.0/24"]
TABLES = [
    _table("rtb-pub", "tickr-public", "public", PUBLIC_IDS, [("0.0.0.0/0", "igw-1")]),
    _table("rtb-a", "tickr-private-eu-west-1a", "private", ["subnet-10.0.11.0/24"]),
    _table("rtb-b", "tickr-private-eu-west-1b", "private", ["subnet-10.0.12.0/24"]),
]


def test_route_table_plans_send_public_to_the_gateway_and_private_nowhere_in_v1():
    plans = route_table_plans(SUBNET_PLANS, "tickr", TAGS, "igw-1")
    assert [(p["tags"]["Name"], p["subnets"], p["routes"]) for p in plans] == [
        ("tickr-public", ["10.0.1.0/24", "10.0.2.0/24"], [{"dest": "0.0.0.0/0", "gateway_id": "igw-1"}]),
        ("tickr-private-eu-west-1a", ["10.0.11.0/24"], []),
        ("tickr-private-eu-west-1b", ["10.0.12.0/24"], []),
    ]
    assert plans[1]["tags"] == {"Project": "tickr", "Name": "tickr-private-eu-west-1a", "Tier": "private"}


def test_route_table_plans_use_the_az_nat_else_the_first():
    plans = route_table_plans(SUBNET_PLANS, "tickr", {}, "igw-1", ["eu-west-1a"])
    assert [p["routes"] for p in plans[1:]] == [[{"dest": "0.0.0.0/0", "nat_gateway_subnet": "10.0.1.0/24"}]] * 2
    assert nat_gateway_plans(PUBLIC, ["eu-west-1a"], "tickr", TAGS) == [
        {"subnet": "10.0.1.0/24", "tags": {"Project": "tickr", "Name": "tickr-nat-eu-west-1a"}}]


def test_route_tables_as_planned_need_no_call():
    client = _client(subnets=ALL_SUBNETS, tables=TABLES)
    result = ensure(_module(subnets=SUBNET_PLANS, route_tables=route_table_plans(SUBNET_PLANS, "tickr", TAGS, "igw-1")), client)
    assert result["changed"] is False and _mutations(client) == []
    assert [t["id"] for t in result["route_tables"]] == ["rtb-pub", "rtb-a", "rtb-b"]


@pytest.mark.parametrize("drift, calls", [
    ({"routes": []}, ["create_route"]),                                                      # default route deleted by hand
    ({"routes": [("0.0.0.0/0", "igw-other")]}, ["replace_route"]),                           # sent elsewhere
    ({"routes": [("0.0.0.0/0", "igw-1"), ("192.168.0.0/16", "igw-1")]}, ["delete_route"]),  # a route it purges
    ({"subnets": PUBLIC_IDS[:1]}, ["associate_route_table"]),                               # a subnet left out
    ({"subnets": PUBLIC_IDS + ["subnet-10.0.11.0/24"]}, ["disassociate_route_table"]),      # a private subnet on it
    ({"tags": {"Project": "tickr", "Name": "tickr-public", "Tier": "public", "Owner": "by-hand"}}, ["delete_tags"]),
])
def test_a_drifted_route_table_is_set_back(drift, calls):
    table = dict({"subnets": PUBLIC_IDS, "routes": [("0.0.0.0/0", "igw-1")]}, **drift)
    found = [_table("rtb-pub", "tickr-public", "public", table["subnets"], table["routes"], drift.get("tags"))]
    client = _client(subnets=ALL_SUBNETS, tables=found)
    plans = route_table_plans(SUBNET_PLANS, "tickr", TAGS, "igw-1")[:1]
    result = ensure(_module(route_tables=plans), client)
    assert result["changed"] is True
    assert _mutations(client) == calls


def test_two_tables_with_the_same_tags_fail():
    client = _client(subnets=ALL_SUBNETS, tables=[TABLES[1], dict(TABLES[1], RouteTableId="rtb-a2", Associations=[])])
    module = _module(route_tables=route_table_plans(SUBNET_PLANS, "tickr", TAGS, "igw-1")[1:2])
    with pytest.raises(SystemExit):
        ensure(module, client)
    assert "match 2 tables" in module.fail_json.call_args.kwargs["msg"]


# Security groups

def _group(name, inbound, outbound=(), tags=None, description=None):
    return {"GroupName": f"tickr-{name}-sg", "GroupId": f"sg-{name}", "Description": description or f"tickr {name} security group",
            "Tags": _tag_list({"Project": "tickr", "Name": f"tickr-{name}-sg"} if tags is None else tags),
            "IpPermissions": list(inbound), "IpPermissionsEgress": list(outbound)}


RDS_IN = {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
          "UserIdGroupPairs": [{"GroupId": "sg-ecs", "UserId": "123456789012", "Description": "PostgreSQL from ECS"}]}
ALB_IN = [{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": desc}]}
          for port, desc in ((80, "HTTP from the internet"), (443, "HTTPS from the internet"))]
ALB_OUT = {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-ecs", "Description": "To the ECS tasks"}]}
ECS = _group("ecs", [], [])
GROUP_PLANS = [
    {"name": "tickr-alb-sg", "description": "tickr alb security group", "tags": {"Project": "tickr", "Name": "tickr-alb-sg"},
     "rules": [{"proto": "tcp", "ports": [80], "cidr_ip": "0.0.0.0/0", "rule_desc": "HTTP from the internet"},
               {"proto": "tcp", "ports": ["443"], "cidr_ip": "0.0.0.0/0", "rule_desc": "HTTPS from the internet"}],
     "rules_egress": [{"proto": "all", "group_name": "tickr-ecs-sg", "rule_desc": "To the ECS tasks"}]},
    {"name": "tickr-rds-sg", "description": "tickr rds security group", "tags": {"Project": "tickr", "Name": "tickr-rds-sg"},
     "rules": [{"proto": "tcp", "ports": ["5432"], "group_name": "tickr-ecs-sg", "rule_desc": "PostgreSQL from ECS"}],
     "rules_egress": []},
]


@pytest.mark.parametrize("found, calls", [
    ([_group("alb", ALB_IN, [ALB_OUT]), _group("rds", [RDS_IN])], []),
    ([_group("alb", ALB_IN, [ALB_OUT])],                                                      # rds missing
     ["create_security_group", "authorize_security_group_ingress", "revoke_security_group_egress"]),
    ([_group("alb", ALB_IN[:1], [ALB_OUT]), _group("rds", [RDS_IN])], ["authorize_security_group_ingress"]),  # a rule missing
    ([_group("alb", ALB_IN, [ALB_OUT]),                                                       # a rule widened by hand
      _group("rds", [RDS_IN, {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])],
     ["revoke_security_group_ingress"]),
    ([_group("alb", ALB_IN, [ALB_OUT, {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]),  # default egress
      _group("rds", [RDS_IN], tags={"Name": "tickr-rds-sg"})],                                # tags differ
     ["create_tags", "revoke_security_group_egress"]),
    ([_group("alb", [dict(ALB_IN[0], IpRanges=[{"CidrIp": "0.0.0.0/0", "Description": "old"}]), ALB_IN[1]], [ALB_OUT]),
      _group("rds", [RDS_IN])], ["update_security_group_rule_descriptions_ingress"]),          # a description differs
])
def test_security_groups_get_exactly_their_rules_and_tags(found, calls):
    client = _client(groups=found + [ECS])
    result = ensure(_module(security_groups=GROUP_PLANS), client)
    assert _mutations(client) == calls
    assert result["changed"] is bool(calls)
    assert [g["group_name"] for g in result["security_groups"]] == ["tickr-alb-sg", "tickr-rds-sg"]


def test_rules_name_groups_by_their_ids_and_keep_their_descriptions():
    client = _client(groups=[ECS])
    ensure(_module(security_groups=GROUP_PLANS[1:]), client)
    client.authorize_security_group_ingress.assert_called_once_with(GroupId="sg-new-tickr-rds-sg", IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
         "UserIdGroupPairs": [{"GroupId": "sg-ecs", "Description": "PostgreSQL from ECS"}]}])
    client.revoke_security_group_egress.assert_called_once_with(GroupId="sg-new-tickr-rds-sg", IpPermissions=[
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])


def test_a_group_described_otherwise_is_warned_about():
    module = _module(security_groups=GROUP_PLANS[1:])
    ensure(module, _client(groups=[_group("rds", [RDS_IN], description="hand made"), ECS]))
    assert "cannot change a group's description" in module.warn.call_args.args[0]


# VPC endpoints

def _endpoint(service, state="available", kind="Interface", tags=None, routes=()):
    tags = {"Project": "tickr", "Name": f"tickr-vpce-{service}"} if tags is None else tags
    return {"ServiceName": f"com.amazonaws.eu-west-1.{service}", "VpcEndpointId": f"vpce-{service}", "State": state,
            "VpcEndpointType": kind, "RouteTableIds": list(routes), "Tags": _tag_list(tags)}


def test_vpc_endpoints_are_found_live_retagged_rerouted_or_created():
    found = [
        _endpoint("logs"),
        _endpoint("sns", state="deleted"),                                   # gone: created again
        _endpoint("xray", tags={"Project": "tickr", "Name": "hand-made"}),     # tags differ: retagged
        _endpoint("s3", kind="Gateway", routes=["rtb-b", "rtb-a"]),
        _endpoint("dynamodb", kind="Gateway", routes=["rtb-a"]),             # not on every private route table
    ]
    plans = vpc_endpoint_plans(["s3", "dynamodb"], ["logs", "sns", "xray"], "eu-west-1", "tickr", TAGS, PRIVATE)
    client = _client(subnets=ALL_SUBNETS, tables=TABLES, groups=[_group("endpoints", [])], endpoints=found)
    result = ensure(_module(vpc_endpoints=plans), client)
    assert result["actions"] == ["VPC endpoint com.amazonaws.eu-west-1.dynamodb: route tables ['rtb-a', 'rtb-b']",
                                 "VPC endpoint com.amazonaws.eu-west-1.sns: create (Interface)",
                                 "VPC endpoint com.amazonaws.eu-west-1.xray: tags"]
    client.modify_vpc_endpoint.assert_called_once_with(VpcEndpointId="vpce-dynamodb", AddRouteTableIds=["rtb-b"])
    created = client.create_vpc_endpoint.call_args.kwargs
    assert created["SubnetIds"] == ["subnet-10.0.11.0/24", "subnet-10.0.12.0/24"]
    assert created["SecurityGroupIds"] == ["sg-endpoints"]
    assert [e["vpc_endpoint_id"] for e in result["vpc_endpoints"]] == ["vpce-s3", "vpce-dynamodb", "vpce-logs", "vpce-new",
                                                                       "vpce-xray"]


def test_endpoint_policies_are_set_exactly_where_given():
    account_only = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}}]}
    full_access = {"Statement": [{"Action": "*", "Effect": "Allow", "Principal": "*", "Resource": "*"}]}
    found = [dict(_endpoint("logs"), PolicyDocument=json.dumps(full_access)),            # AWS's default: replaced
             dict(_endpoint("sns"), PolicyDocument=json.dumps(account_only)),             # already so: left alone
             dict(_endpoint("xray"), PolicyDocument=json.dumps(full_access))]             # no policy asked: left alone
    plans = vpc_endpoint_plans([], ["logs", "sns", "xray", "ecr.api"], "eu-west-1", "tickr", TAGS, PRIVATE,
                               {"logs": account_only, "sns": account_only, "ecr.api": account_only})
    client = _client(subnets=ALL_SUBNETS, tables=TABLES, groups=[_group("endpoints", [])], endpoints=found)
    result = ensure(_module(vpc_endpoints=plans), client)
    assert result["actions"] == ["VPC endpoint com.amazonaws.eu-west-1.logs: policy",
                                 "VPC endpoint com.amazonaws.eu-west-1.ecr.api: create (Interface)"]
    client.modify_vpc_endpoint.assert_called_once_with(VpcEndpointId="vpce-logs", PolicyDocument=json.dumps(account_only))
    assert json.loads(client.create_vpc_endpoint.call_args.kwargs["PolicyDocument"]) == account_only


# Check mode and errors

def test_check_mode_on_an_empty_vpc_reports_everything_and_writes_nothing():
    plans = dict(subnets=SUBNET_PLANS, nat_gateways=nat_gateway_plans(PUBLIC, ["eu-west-1a"], "tickr", TAGS),
                 route_tables=route_table_plans(SUBNET_PLANS, "tickr", TAGS, "igw-1", ["eu-west-1a"]),
                 security_groups=GROUP_PLANS + [dict(GROUP_PLANS[1], name="tickr-ecs-sg")],
                 vpc_endpoints=vpc_endpoint_plans(["s3"], ["logs"], "eu-west-1", "tickr", TAGS, PRIVATE))
    client = _client(nats=[{"NatGatewayId": "nat-old", "SubnetId": "subnet-gone", "State": "available"}])
    result = ensure(_module(check_mode=True, wait=True, **plans), client)
    assert _mutations(client) == []
    assert result["changed"] is True
    assert "subnet 10.0.1.0/24: create in eu-west-1a" in result["actions"]
    assert "NAT gateway nat-old: delete, and release its Elastic IP" in result["actions"]
    assert "VPC endpoint com.amazonaws.eu-west-1.logs: create (Interface)" in result["actions"]


def test_check_mode_on_drift_reports_it_and_writes_nothing():
    client = _client(subnets=[_subnet("10.0.1.0/24", "eu-west-1a", "public", MapPublicIpOnLaunch=True)],
                     groups=[_group("alb", ALB_IN[:1], []), ECS])
    result = ensure(_module(check_mode=True, subnets=SUBNET_PLANS[:1], security_groups=GROUP_PLANS[:1]), client)
    assert _mutations(client) == []
    assert result["actions"] == ["subnet 10.0.1.0/24: MapPublicIpOnLaunch off",
                                 "security group tickr-alb-sg: authorize in tcp 443-443 0.0.0.0/0",
                                 "security group tickr-alb-sg: authorize out all sg-ecs"]


def _main_error(monkeypatch, module, client):
    """The error main() hands to fail_json_aws_error, the module's client being ``client``."""
    module.client.return_value = client
    module.exit_json.side_effect = SystemExit
    module.fail_json_aws_error.side_effect = SystemExit
    monkeypatch.setattr(ec2_vpc_network, "TickrAWSModule", lambda **kwargs: module)
    with pytest.raises(SystemExit):
        ec2_vpc_network.main()
    return module.fail_json_aws_error.call_args.args[0]


def test_an_aws_error_reaches_the_user_with_aws_message(monkeypatch):
    client = _client()
    client.create_subnet.side_effect = botocore.exceptions.ClientError(
        {"Error": {"Code": "InvalidSubnet.Range", "Message": "The CIDR '10.9.0.0/24' is invalid."}}, "CreateSubnet")
    error = _main_error(monkeypatch, _module(subnets=SUBNET_PLANS[:1]), client)
    assert isinstance(error, AnsibleEC2Error)
    assert "The CIDR '10.9.0.0/24' is invalid." in str(error.exception)
    assert error.message == "Failed to create subnet"


@pytest.mark.parametrize("states, outcome", [
    (["available", "Available"], "success"), (["pending", "available"], "retry"), (["available", "failed"], "failure"),
])
def test_the_endpoint_waiter_reads_the_states_in_either_case(states, outcome):
    waiter = WaiterModel(_VPC_ENDPOINT_AVAILABLE).get_waiter("VpcEndpointAvailable")
    response = {"VpcEndpoints": [{"State": state} for state in states]}
    matched = [a.state for a in waiter.acceptors if a.matcher == "path" and jmespath.search(a.argument, response) is a.expected]
    assert (matched or ["retry"])[0] == outcome


# The VPC and its internet gateway

VPC_PLAN = {"name": "tickr-vpc", "cidr_block": "10.0.0.0/16", "tags": {"Project": "tickr"}}
IGW_PLAN = {"tags": {"Project": "tickr", "Name": "tickr-igw"}}
VPC_TAGS = {"Project": "tickr", "Name": "tickr-vpc"}
# What amazon.aws.ec2_vpc_net and ec2_vpc_igw built for the role before this module took the VPC over.
FOUND_VPC = {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "State": "available", "IsDefault": False,
             "Tags": _tag_list(VPC_TAGS)}
FOUND_IGW = {"InternetGatewayId": "igw-1", "Attachments": [{"VpcId": "vpc-1", "State": "available"}],
             "Tags": _tag_list(IGW_PLAN["tags"])}
BOTH_ON = {"enableDnsSupport": True, "enableDnsHostnames": True}


def _vpc_module(check_mode=False, **params):
    """The module given the VPC to find or create (vpc) rather than its id."""
    module = MagicMock()
    module.check_mode = check_mode
    checked = ArgumentSpecValidator(argument_spec(), mutually_exclusive=ONE_VPC, required_one_of=ONE_VPC).validate(
        dict({"vpc": VPC_PLAN, "internet_gateway": IGW_PLAN, "wait": False}, **params))
    assert not checked.error_messages, checked.error_messages
    module.params = checked.validated_parameters
    module.fail_json.side_effect = SystemExit
    return module


def _only_reads(client):
    """Every call made on the client is a read (any other call, known to MUTATING or not, fails)."""
    return {c[0] for c in client.method_calls} <= {"get_paginator", "describe_vpc_attribute"}


def _described(client):
    """The Describe* calls made, in order, by paginator name or method (DescribeVpcAttribute by attribute)."""
    calls = [c.args[0] for c in client.get_paginator.call_args_list]
    return calls + [c.kwargs["Attribute"] for c in client.describe_vpc_attribute.call_args_list]


def _public_table():
    return route_table_plans(SUBNET_PLANS, "tickr", TAGS)[:1]


def test_route_table_plans_without_a_gateway_id_name_the_vpc_s_internet_gateway():
    assert _public_table()[0]["routes"] == [{"dest": "0.0.0.0/0", "internet_gateway": True}]


def test_an_empty_account_gets_the_vpc_its_attributes_and_its_gateway():
    client = _client()
    result = ensure(_vpc_module(subnets=SUBNET_PLANS[:2], route_tables=_public_table()), client)
    assert result["actions"] == ["VPC tickr-vpc: create 10.0.0.0/16", "VPC tickr-vpc: enableDnsHostnames on",
                                 "internet gateway tickr-igw: create and attach", "subnet 10.0.1.0/24: create in eu-west-1a",
                                 "subnet 10.0.2.0/24: create in eu-west-1b", "route table tickr-public: create",
                                 "route table tickr-public: route 0.0.0.0/0 to igw-new",
                                 "route table tickr-public: associate 10.0.1.0/24", "route table tickr-public: associate 10.0.2.0/24"]
    vpc_call = client.create_vpc.call_args.kwargs
    assert vpc_call["CidrBlock"] == "10.0.0.0/16"
    assert vpc_call["TagSpecifications"] == [{"ResourceType": "vpc", "Tags": _tag_list(VPC_TAGS)}]
    # CreateVpc's defaults are known (support on, hostnames off): one write, read back once, nothing else read.
    client.modify_vpc_attribute.assert_called_once_with(VpcId="vpc-new", EnableDnsHostnames={"Value": True})
    assert _described(client) == ["describe_vpcs", "describe_route_tables", "describe_security_groups", "enableDnsHostnames"]
    assert client.create_internet_gateway.call_args.kwargs["TagSpecifications"] == [
        {"ResourceType": "internet-gateway", "Tags": _tag_list(IGW_PLAN["tags"])}]
    client.attach_internet_gateway.assert_called_once_with(InternetGatewayId="igw-new", VpcId="vpc-new")
    client.create_route.assert_called_once_with(RouteTableId="rtb-new", DestinationCidrBlock="0.0.0.0/0", GatewayId="igw-new")
    assert {c.kwargs["VpcId"] for c in client.create_subnet.call_args_list} == {"vpc-new"}
    assert result["vpc"]["id"] == "vpc-new" and result["vpc"]["cidr_block"] == "10.0.0.0/16"
    assert result["vpc"]["tags"] == VPC_TAGS and result["vpc"]["name"] == "tickr-vpc"
    assert result["internet_gateway"]["gateway_id"] == "igw-new" and result["internet_gateway"]["vpc_id"] == "vpc-new"
    waited = [c.args[1] for c in ec2_vpc_network.get_waiter.call_args_list]
    assert waited[:4] == ["vpc_exists", "vpc_available", "internet_gateway_exists", "internet_gateway_attached"]


def test_a_vpc_and_gateway_built_by_amazon_aws_are_taken_over_with_reads_only():
    client = _client(vpcs=[FOUND_VPC], igws=[FOUND_IGW], dns=BOTH_ON, subnets=ALL_SUBNETS[:2],
                     tables=[_table("rtb-pub", "tickr-public", "public", PUBLIC_IDS, [("0.0.0.0/0", "igw-1")])])
    result = ensure(_vpc_module(subnets=SUBNET_PLANS[:2], route_tables=_public_table()), client)
    assert result["changed"] is False and result["actions"] == [] and _mutations(client) == []
    # Found as amazon.aws.ec2_vpc_net finds it: by Name tag and CIDR block.
    vpcs = client.pages["describe_vpcs"].paginate.call_args.kwargs
    assert vpcs == {"Filters": [{"Name": "tag:Name", "Values": ["tickr-vpc"]}, {"Name": "cidr-block", "Values": ["10.0.0.0/16"]}]}
    igws = client.pages["describe_internet_gateways"].paginate.call_args.kwargs
    assert igws == {"Filters": [{"Name": "attachment.vpc-id", "Values": ["vpc-1"]}]}
    # One read per kind, and the two DNS attributes DescribeVpcs does not return.
    assert sorted(_described(client)) == sorted([
        "describe_vpcs", "describe_route_tables", "describe_security_groups", "describe_subnets", "describe_nat_gateways",
        "describe_vpc_endpoints", "describe_internet_gateways", "enableDnsSupport", "enableDnsHostnames"])
    assert result["vpc"]["id"] == "vpc-1" and result["vpc"]["state"] == "available"
    assert result["vpc"]["dns_support"] is True and result["vpc"]["dns_hostnames"] is True
    assert result["internet_gateway"]["gateway_id"] == "igw-1" and result["internet_gateway"]["tags"] == IGW_PLAN["tags"]
    assert result["route_tables"][0]["id"] == "rtb-pub"


@pytest.mark.parametrize("dns, plan, writes", [
    # Support first, then hostnames: AWS turns hostnames on only with DNS support on.
    ({"enableDnsSupport": False, "enableDnsHostnames": False}, {},
     [{"EnableDnsSupport": {"Value": True}}, {"EnableDnsHostnames": {"Value": True}}]),
    ({"enableDnsSupport": True, "enableDnsHostnames": False}, {}, [{"EnableDnsHostnames": {"Value": True}}]),
    # Off: hostnames first.
    (BOTH_ON, {"dns_support": False, "dns_hostnames": False},
     [{"EnableDnsHostnames": {"Value": False}}, {"EnableDnsSupport": {"Value": False}}]),
])
def test_dns_attributes_that_differ_are_set_in_aws_order(dns, plan, writes):
    client = _client(vpcs=[FOUND_VPC], igws=[FOUND_IGW], dns=dns)
    result = ensure(_vpc_module(vpc=dict(VPC_PLAN, **plan)), client)
    assert result["changed"] is True
    assert [c.kwargs for c in client.modify_vpc_attribute.call_args_list] == [dict(VpcId="vpc-1", **w) for w in writes]
    assert _mutations(client) == ["modify_vpc_attribute"]


def test_tags_of_the_vpc_and_gateway_are_made_exact():
    vpc = dict(FOUND_VPC, Tags=_tag_list({"Name": "tickr-vpc", "Owner": "by-hand"}))
    igw = dict(FOUND_IGW, Tags=_tag_list({"Name": "tickr-igw"}))
    client = _client(vpcs=[vpc], igws=[igw], dns=BOTH_ON)
    result = ensure(_vpc_module(), client)
    assert result["actions"] == ["VPC tickr-vpc: tags", "internet gateway tickr-igw: tags"]
    assert [c.kwargs["Resources"] for c in client.create_tags.call_args_list] == [["vpc-1"], ["igw-1"]]
    client.delete_tags.assert_called_once_with(Resources=["vpc-1"], Tags=[{"Key": "Owner"}])
    assert result["vpc"]["tags"] == VPC_TAGS


def test_a_vpc_without_its_gateway_gets_one_attached():
    client = _client(vpcs=[FOUND_VPC], dns=BOTH_ON)
    result = ensure(_vpc_module(), client)
    assert result["actions"] == ["internet gateway tickr-igw: create and attach"]
    client.attach_internet_gateway.assert_called_once_with(InternetGatewayId="igw-new", VpcId="vpc-1")
    assert _mutations(client) == ["create_internet_gateway", "attach_internet_gateway"]


def test_check_mode_on_an_empty_account_reports_the_vpc_and_all_it_would_hold_and_writes_nothing():
    plans = dict(subnets=SUBNET_PLANS, route_tables=route_table_plans(SUBNET_PLANS, "tickr", TAGS),
                 security_groups=GROUP_PLANS, vpc_endpoints=vpc_endpoint_plans(["s3"], ["logs"], "eu-west-1", "tickr", TAGS, PRIVATE))
    client = _client()
    result = ensure(_vpc_module(check_mode=True, **plans), client)
    assert _mutations(client) == [] and _only_reads(client)
    # Nothing to read in a VPC that does not exist yet.
    assert _described(client) == ["describe_vpcs"]
    assert result["actions"][:3] == ["VPC tickr-vpc: create 10.0.0.0/16", "VPC tickr-vpc: enableDnsHostnames on",
                                     "internet gateway tickr-igw: create and attach"]
    assert "route table tickr-public: route 0.0.0.0/0 to the internet gateway" in result["actions"]
    assert "VPC endpoint com.amazonaws.eu-west-1.logs: create (Interface)" in result["actions"]
    assert result["changed"] is True and result["vpc"]["id"] is None and result["vpc"]["cidr_block"] == "10.0.0.0/16"
    assert result["internet_gateway"]["gateway_id"] is None
    assert [s.get("id") for s in result["subnets"]] == [None] * 4


def test_check_mode_on_a_drifted_vpc_reports_it_and_writes_nothing():
    client = _client(vpcs=[dict(FOUND_VPC, Tags=_tag_list({"Name": "tickr-vpc"}))],
                     dns={"enableDnsSupport": False, "enableDnsHostnames": False})
    result = ensure(_vpc_module(check_mode=True), client)
    assert _mutations(client) == [] and _only_reads(client)
    assert result["actions"] == ["VPC tickr-vpc: tags", "VPC tickr-vpc: enableDnsSupport on", "VPC tickr-vpc: enableDnsHostnames on",
                                 "internet gateway tickr-igw: create and attach"]
    assert result["vpc"]["id"] == "vpc-1"


def test_two_vpcs_with_the_name_and_cidr_fail_before_any_change():
    client = _client(vpcs=[FOUND_VPC, dict(FOUND_VPC, VpcId="vpc-2")])
    module = _vpc_module()
    with pytest.raises(SystemExit):
        ensure(module, client)
    assert "2 VPCs have this Name tag and CIDR block (vpc-1, vpc-2)" in module.fail_json.call_args.kwargs["msg"]
    assert _mutations(client) == []


@pytest.mark.parametrize("params, message", [
    ({"vpc": dict(VPC_PLAN, dns_support=False)}, "dns_hostnames needs dns_support"),
    ({"route_tables": [{"tags": {"Name": "tickr-public"}, "routes": [{"dest": "0.0.0.0/0", "internet_gateway": False}]}]},
     "route 0.0.0.0/0 names no target"),
])
def test_a_plan_no_call_can_fix_fails_before_any_call(params, message):
    client = _client()
    module = _vpc_module(**params)
    with pytest.raises(SystemExit):
        ensure(module, client)
    assert message in module.fail_json.call_args.kwargs["msg"]
    assert client.method_calls == []


def test_a_route_to_the_internet_gateway_of_a_vpc_without_one_fails_before_any_change():
    client = _client(subnets=ALL_SUBNETS[:2])
    module = _module(route_tables=_public_table())
    with pytest.raises(SystemExit):
        ensure(module, client)
    assert "VPC vpc-1 has none (give internet_gateway" in module.fail_json.call_args.kwargs["msg"]
    assert _mutations(client) == []


def test_a_route_to_the_internet_gateway_finds_the_attached_one_without_managing_it():
    client = _client(subnets=ALL_SUBNETS[:2], igws=[FOUND_IGW])
    result = ensure(_module(route_tables=_public_table()), client)
    client.create_route.assert_called_once_with(RouteTableId="rtb-new", DestinationCidrBlock="0.0.0.0/0", GatewayId="igw-1")
    assert "internet_gateway" not in result and "vpc" not in result


@pytest.mark.parametrize("call, code, message, failed", [
    ("create_vpc", "VpcLimitExceeded", "The maximum number of VPCs has been reached.", "Failed to create vpc"),
    ("describe_vpc_attribute", "UnauthorizedOperation", "You are not authorized to perform this operation.",
     "Failed to describe vpc attribute"),
    ("attach_internet_gateway", "Resource.AlreadyAssociated", "resource igw-new is already attached to network vpc-9",
     "Failed to attach internet gateway"),
])
def test_an_aws_error_on_the_vpc_or_gateway_reaches_the_user_with_aws_message(monkeypatch, call, code, message, failed):
    client = _client(vpcs=[] if call == "create_vpc" else [FOUND_VPC])
    getattr(client, call).side_effect = botocore.exceptions.ClientError(
        {"Error": {"Code": code, "Message": message}}, call)
    error = _main_error(monkeypatch, _vpc_module(), client)
    assert isinstance(error, AnsibleEC2Error)
    assert message in str(error.exception)
    assert error.message == failed
