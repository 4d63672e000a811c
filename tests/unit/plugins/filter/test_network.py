import pytest

from ansible_collections.tickr.aws.plugins.filter.network import network_plan_errors, subnet_ids_by_tier

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
