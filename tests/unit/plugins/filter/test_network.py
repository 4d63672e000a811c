import pytest

from ansible_collections.tickr.aws.plugins.filter.network import (
    network_plan_errors,
    route_table_ids,
    route_table_plans,
    route_tables_in_place,
    security_group_ids,
    security_groups_in_place,
    subnets_in_place,
    subnet_ids_by_tier,
    vpc_endpoint_ids,
    vpc_endpoints_in_place,
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


def _endpoint(service, state="available", kind="Interface", tags=None, routes=()):
    tags = {"Project": "tickr", "Name": f"tickr-vpce-{service}"} if tags is None else tags
    return {"service_name": f"com.amazonaws.eu-west-1.{service}", "vpc_endpoint_id": f"vpce-{service}", "state": state,
            "vpc_endpoint_type": kind, "route_table_ids": list(routes), "tags": [{"key": k, "value": v} for k, v in tags.items()]}


def test_vpc_endpoints_in_place_are_those_the_module_would_not_change():
    found = [
        _endpoint("logs"),
        _endpoint("sns", state="deleted"),                                   # gone: the module must create it
        _endpoint("xray", tags={"Project": "tickr", "Name": "hand-made"}),     # tags differ: the module retags it
        _endpoint("s3", kind="Gateway", routes=["rtb-b", "rtb-a"]),
        _endpoint("dynamodb", kind="Gateway", routes=["rtb-a"]),             # not on every private route table
    ]
    in_place = vpc_endpoints_in_place(found, "eu-west-1", {"Project": "tickr"}, "tickr", ["rtb-a", "rtb-b"])
    assert in_place == {"logs": "vpce-logs", "s3": "vpce-s3"}


def test_vpc_endpoint_ids_add_what_the_loops_created():
    results = [{"item": "logs", "skipped": True}, {"item": "sns", "result": {"vpc_endpoint_id": "vpce-new"}}]
    assert vpc_endpoint_ids({"logs": "vpce-logs"}, results) == {"logs": "vpce-logs", "sns": "vpce-new"}


def test_vpc_endpoint_ids_read_async_status_results_by_their_job_item():
    results = [{"item": {"ansible_job_id": "j1", "item": "ecr.api"}, "finished": 1, "result": {"vpc_endpoint_id": "vpce-ecr"}}]
    assert vpc_endpoint_ids({}, results) == {"ecr.api": "vpce-ecr"}


def test_subnets_in_place_are_those_the_module_would_not_change():
    tags = {"Project": "tickr"}

    def subnet(cidr, az, tier, **extra):
        return dict({"cidr_block": cidr, "availability_zone": az, "id": "subnet-" + cidr, "map_public_ip_on_launch": False,
                     "tags": {"Project": "tickr", "Name": f"tickr-{tier}-{az}", "Tier": tier}}, **extra)

    found = [
        subnet("10.0.1.0/24", "eu-west-1a", "public"),
        subnet("10.0.2.0/24", "eu-west-1b", "public", map_public_ip_on_launch=True),     # the module turns it off
        subnet("10.0.11.0/24", "eu-west-1a", "private", tags={"Name": "by-hand"}),      # the module retags it
    ]
    wanted = [dict(p, tier=tier) for tier in ("public", "private") for p in SPEC[f"networking_{tier}_subnets"]]
    in_place = subnets_in_place(found, wanted, tags, "tickr")
    assert [s["cidr_block"] for s in in_place] == ["10.0.1.0/24"]


def _group(name, inbound, outbound=(), tags=None, description=None):
    return {"group_name": f"tickr-{name}-sg", "group_id": f"sg-{name}",
            "description": description or f"tickr {name} security group",
            "tags": {"Project": "tickr", "Name": f"tickr-{name}-sg"} if tags is None else tags,
            "ip_permissions": list(inbound), "ip_permissions_egress": list(outbound)}


RDS_IN = {"ip_protocol": "tcp", "from_port": 5432, "to_port": 5432,
          "user_id_group_pairs": [{"group_id": "sg-ecs", "user_id": "123456789012", "description": "PostgreSQL from ECS"}]}
ALB_IN = [{"ip_protocol": "tcp", "from_port": port, "to_port": port, "ip_ranges": [{"cidr_ip": "0.0.0.0/0", "description": desc}]}
          for port, desc in ((80, "HTTP from the internet"), (443, "HTTPS from the internet"))]
ALB_OUT = {"ip_protocol": "-1", "user_id_group_pairs": [{"group_id": "sg-ecs", "description": "To the ECS tasks"}]}
PLANS = [
    {"name": "alb", "rules": [{"proto": "tcp", "ports": [80], "cidr_ip": "0.0.0.0/0", "rule_desc": "HTTP from the internet"},
                              {"proto": "tcp", "ports": ["443"], "cidr_ip": "0.0.0.0/0", "rule_desc": "HTTPS from the internet"}],
     "rules_egress": [{"proto": "all", "group_id": "sg-ecs", "rule_desc": "To the ECS tasks"}]},
    {"name": "rds", "rules": [{"proto": "tcp", "ports": ["5432"], "group_id": "sg-ecs", "rule_desc": "PostgreSQL from ECS"}],
     "rules_egress": []},
]


@pytest.mark.parametrize("found, expected", [
    ([_group("alb", ALB_IN, [ALB_OUT]), _group("rds", [RDS_IN])], ["alb", "rds"]),
    ([_group("alb", ALB_IN, [ALB_OUT])], ["alb"]),                                           # rds missing
    ([_group("alb", ALB_IN[:1], [ALB_OUT]), _group("rds", [RDS_IN])], ["rds"]),              # a rule missing
    ([_group("alb", ALB_IN, [ALB_OUT]),                                                      # a rule widened by hand
      _group("rds", [RDS_IN, {"ip_protocol": "tcp", "from_port": 5432, "to_port": 5432,
                              "ip_ranges": [{"cidr_ip": "0.0.0.0/0"}]}])], ["alb"]),
    ([_group("alb", ALB_IN, [ALB_OUT, {"ip_protocol": "-1", "ip_ranges": [{"cidr_ip": "0.0.0.0/0"}]}]),  # default egress
      _group("rds", [RDS_IN], tags={"Name": "tickr-rds-sg"})], []),                          # tags differ
    ([_group("alb", [dict(ALB_IN[0], ip_ranges=[{"cidr_ip": "0.0.0.0/0", "description": "old"}]), ALB_IN[1]], [ALB_OUT]),
      _group("rds", [RDS_IN], description="hand made")], []),                                # descriptions differ
])
def test_security_groups_in_place_are_those_the_module_would_not_change(found, expected):
    assert security_groups_in_place(found, PLANS, {"Project": "tickr"}, "tickr") == expected


SUBNET_IDS = {"public": {"eu-west-1a": "subnet-pa", "eu-west-1b": "subnet-pb"},
              "private": {"eu-west-1a": "subnet-xa", "eu-west-1b": "subnet-xb"}}


def test_route_table_plans_send_public_to_the_gateway_and_private_nowhere_in_v1():
    plans = route_table_plans(SUBNET_IDS, "tickr", {"Project": "tickr"}, "igw-1")
    assert [(p["name"], p["subnets"], p["routes"]) for p in plans] == [
        ("tickr-public", ["subnet-pa", "subnet-pb"], [{"dest": "0.0.0.0/0", "gateway_id": "igw-1"}]),
        ("tickr-private-eu-west-1a", ["subnet-xa"], []),
        ("tickr-private-eu-west-1b", ["subnet-xb"], []),
    ]
    assert plans[1]["tags"] == {"Project": "tickr", "Name": "tickr-private-eu-west-1a", "Tier": "private"}


def test_route_table_plans_use_the_az_nat_else_the_first():
    plans = route_table_plans(SUBNET_IDS, "tickr", {}, "igw-1", {"eu-west-1a": "nat-a"})
    assert [p["routes"] for p in plans[1:]] == [[{"dest": "0.0.0.0/0", "nat_gateway_id": "nat-a"}]] * 2


def _table(table_id, name, tier, subnets, routes=(), tags=None):
    return {"id": table_id,
            "tags": {"Project": "tickr", "Name": name, "Tier": tier} if tags is None else tags,
            "associations": [{"main": False, "subnet_id": s, "association_state": {"state": "associated"}} for s in subnets],
            "routes": [{"destination_cidr_block": "10.0.0.0/16", "gateway_id": "local", "origin": "CreateRouteTable"},
                       {"destination_prefix_list_id": "pl-s3", "gateway_id": "vpce-1", "origin": "CreateRoute"}]
            + [{"destination_cidr_block": dest, "gateway_id": target, "origin": "CreateRoute"} for dest, target in routes]}


def test_route_tables_in_place_are_those_the_module_would_not_change():
    plans = route_table_plans(SUBNET_IDS, "tickr", {"Project": "tickr"}, "igw-1")
    found = [
        _table("rtb-pub", "tickr-public", "public", ["subnet-pa", "subnet-pb"], [("0.0.0.0/0", "igw-1")]),
        _table("rtb-a", "tickr-private-eu-west-1a", "private", ["subnet-xa"]),
        _table("rtb-b", "tickr-private-eu-west-1b", "private", ["subnet-xb"]),
    ]
    assert route_tables_in_place(found, plans) == {
        "tickr-public": "rtb-pub", "tickr-private-eu-west-1a": "rtb-a", "tickr-private-eu-west-1b": "rtb-b"}


@pytest.mark.parametrize("drift", [
    {"routes": []},                                                    # default route deleted by hand
    {"routes": [("0.0.0.0/0", "igw-other")]},                          # sent elsewhere
    {"routes": [("0.0.0.0/0", "igw-1"), ("192.168.0.0/16", "igw-1")]},  # a route the module purges
    {"subnets": ["subnet-pa"]},                                        # a subnet left out
    {"subnets": ["subnet-pa", "subnet-pb", "subnet-xa"]},              # a private subnet on the public table
    {"tags": {"Project": "tickr", "Name": "tickr-public", "Tier": "public", "Owner": "by-hand"}},  # purged tag
])
def test_a_drifted_route_table_is_not_in_place(drift):
    plans = route_table_plans(SUBNET_IDS, "tickr", {"Project": "tickr"}, "igw-1")[:1]
    table = dict({"subnets": ["subnet-pa", "subnet-pb"], "routes": [("0.0.0.0/0", "igw-1")]}, **drift)
    found = [_table("rtb-pub", "tickr-public", "public", table["subnets"], table["routes"], drift.get("tags"))]
    assert route_tables_in_place(found, plans) == {}


def test_two_tables_with_the_same_tags_are_not_in_place():
    plans = route_table_plans(SUBNET_IDS, "tickr", {"Project": "tickr"}, "igw-1")[1:2]
    found = [_table("rtb-a", "tickr-private-eu-west-1a", "private", ["subnet-xa"]),
             _table("rtb-a2", "tickr-private-eu-west-1a", "private", [])]
    assert route_tables_in_place(found, plans) == {}


def test_route_table_ids_join_those_in_place_and_those_just_made():
    plans = route_table_plans(SUBNET_IDS, "tickr", {}, "igw-1")
    results = [{"item": plans[0], "skipped": True},
               {"item": {"item": plans[2]}, "route_table": {"id": "rtb-new", "tags": {"Name": "tickr-private-eu-west-1b"}}}]
    assert route_table_ids(plans, {"tickr-private-eu-west-1a": "rtb-z"}, results, "private") == ["rtb-new", "rtb-z"]
    assert route_table_ids(plans, {}, results, "public") == []
