import pytest

from ansible_collections.tickr.aws.plugins.filter.network import (
    network_plan_errors,
    security_group_ids,
    subnet_ids_by_tier,
    subnet_plans,
    vpc_endpoint_plans,
)

SPEC = {
    "networking_public_subnets": [{"az": "eu-west-1a", "cidr": "10.0.1.0/24"}, {"az": "eu-west-1b", "cidr": "10.0.2.0/24"}],
    "networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.0.11.0/24"}, {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}],
}


def test_the_spec_plan_is_valid():
    assert network_plan_errors("10.0.0.0/16", "eu-west-1", SPEC) == []


@pytest.mark.parametrize(
    "vpc, tiers, expected",
    [
        ("10.0.0.0/33", SPEC, "networking_vpc_cidr: '10.0.0.0/33' is not an IPv4 CIDR"),
        ("10.0.0.1/16", SPEC, "networking_vpc_cidr: '10.0.0.1/16' is not an IPv4 CIDR block with its network address"),
        ("10.0.0.0/8", SPEC, "networking_vpc_cidr: '10.0.0.0/8' has a /8 mask; AWS takes /16 to /28"),
        ("10.0.0.0/16", dict(SPEC, networking_public_subnets=[{"az": "eu-west-1a", "cidr": "10.1.1.0/24"},
                                                              {"az": "eu-west-1b", "cidr": "10.0.2.0/24"}]),
         "networking_public_subnets[0].cidr: 10.1.1.0/24 is outside the VPC 10.0.0.0/16"),
        ("10.0.0.0/16", dict(SPEC, networking_private_subnets=[{"az": "eu-west-1a", "cidr": "10.0.2.0/25"},
                                                               {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}]),
         "networking_private_subnets[0].cidr: 10.0.2.0/25 overlaps 10.0.2.0/24 (networking_public_subnets[1].cidr)"),
        ("10.0.0.0/16", dict(SPEC, networking_private_subnets=[{"az": "eu-west-3a", "cidr": "10.0.11.0/24"},
                                                               {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}]),
         "networking_private_subnets[0].az: 'eu-west-3a' is not an availability zone of region eu-west-1"),
        ("10.0.0.0/16", dict(SPEC, networking_private_subnets=[{"az": "eu-west-1a", "cidr": "10.0.11.0/24"},
                                                               {"az": "eu-west-1a", "cidr": "10.0.12.0/24"}]),
         "networking_private_subnets: spans 1 availability zone(s); AWS needs at least 2"),
        ("10.0.0.0/16", dict(SPEC, networking_public_subnets=[{"az": "eu-west-1a", "cidr": "10.0.1.0/24"},
                                                              {"az": "eu-west-1b", "cidr": "10.0.2.0/24"},
                                                              {"az": "eu-west-1a", "cidr": "10.0.3.0/24"}]),
         "networking_public_subnets[2].az: 'eu-west-1a' is already the AZ of networking_public_subnets[0]; a tier takes "
         "one subnet per availability zone"),
        ("10.0.0.0/16", dict(SPEC, networking_private_subnets=[]), "networking_private_subnets: must be a non-empty list"),
        ("10.0.0.0/16", dict(SPEC, networking_private_subnets=[{"cidr": "10.0.11.0/24"}]),
         "networking_private_subnets[0]: must be a mapping with 'az' and 'cidr'"),
        ("10.0.0.0/16", dict(SPEC, networking_private_subnets=[{"az": "eu-west-1a", "cidr": "10.0.11.0/29"},
                                                               {"az": "eu-west-1b", "cidr": "10.0.12.0/30"}]),
         "networking_private_subnets[1].cidr: '10.0.12.0/30' has a /30 mask"),
    ],
)
def test_each_broken_rule_is_named(vpc, tiers, expected):
    errors = network_plan_errors(vpc, "eu-west-1", tiers)
    assert any(e.startswith(expected) for e in errors), errors


def test_subnets_grouped_by_tier_then_az_in_order():
    subnets = [
        {"id": "subnet-4", "availability_zone": "eu-west-1b", "tags": {"Tier": "private"}},
        {"id": "subnet-1", "availability_zone": "eu-west-1a", "tags": {"Tier": "public"}},
        {"id": "subnet-3", "availability_zone": "eu-west-1a", "tags": {"Tier": "private"}},
        {"id": "subnet-2", "availability_zone": "eu-west-1b", "tags": {"Tier": "public"}},
        {"id": "subnet-9", "availability_zone": "eu-west-1c", "tags": {}},
    ]
    grouped = subnet_ids_by_tier(subnets)
    assert grouped == {
        "public": {"eu-west-1a": "subnet-1", "eu-west-1b": "subnet-2"},
        "private": {"eu-west-1a": "subnet-3", "eu-west-1b": "subnet-4"},
        "untiered": {"eu-west-1c": "subnet-9"},
    }
    assert list(grouped["private"].values()) == ["subnet-3", "subnet-4"]


def test_security_group_ids_take_found_groups_then_created_ones():
    found = [{"group_name": "tickr-alb-sg", "group_id": "sg-alb"}, {"group_name": "other-sg", "group_id": "sg-x"}]
    created = [{"skipped": True, "item": "alb"}, {"item": "ecs", "group_name": "tickr-ecs-sg", "group_id": "sg-ecs"},
               {"item": "rds", "changed": True}]  # --check on a missing group: no id yet
    assert security_group_ids(["alb", "ecs", "rds"], "tickr", found, created) == {"alb": "sg-alb", "ecs": "sg-ecs", "rds": ""}


def test_subnet_plans_name_and_tier_each_subnet_public_first():
    plans = subnet_plans(SPEC["networking_public_subnets"], SPEC["networking_private_subnets"], "tickr", {"Project": "tickr"})
    assert [(p["cidr"], p["az"], p["tags"]) for p in plans[1:3]] == [
        ("10.0.2.0/24", "eu-west-1b", {"Project": "tickr", "Name": "tickr-public-eu-west-1b", "Tier": "public"}),
        ("10.0.11.0/24", "eu-west-1a", {"Project": "tickr", "Name": "tickr-private-eu-west-1a", "Tier": "private"}),
    ]


def test_vpc_endpoint_plans_put_gateways_on_the_private_tables_and_interfaces_in_the_private_subnets():
    plans = vpc_endpoint_plans(["s3"], ["logs"], "eu-west-1", "tickr", {"Project": "tickr"},
                               list(reversed(SPEC["networking_private_subnets"])))
    assert plans == [
        {"service": "com.amazonaws.eu-west-1.s3", "type": "Gateway", "tags": {"Project": "tickr", "Name": "tickr-vpce-s3"},
         "route_tables": ["tickr-private-eu-west-1a", "tickr-private-eu-west-1b"]},
        {"service": "com.amazonaws.eu-west-1.logs", "type": "Interface",
         "tags": {"Project": "tickr", "Name": "tickr-vpce-logs"}, "subnets": ["10.0.12.0/24", "10.0.11.0/24"],
         "security_groups": ["tickr-endpoints-sg"]},
    ]


def test_vpc_endpoint_plans_give_each_endpoint_its_policy_or_the_common_one():
    common, s3 = {"Statement": ["account"]}, {"Statement": ["account", "ecr layers"]}
    plans = vpc_endpoint_plans(["s3"], ["logs", "sns"], "eu-west-1", "tickr", {}, SPEC["networking_private_subnets"],
                               {"*": common, "s3": s3})
    assert [p["policy"] for p in plans] == [s3, common, common]
    named = vpc_endpoint_plans([], ["logs", "sns"], "eu-west-1", "tickr", {}, SPEC["networking_private_subnets"], {"sns": s3})
    assert ["policy" in p for p in named] == [False, True]
