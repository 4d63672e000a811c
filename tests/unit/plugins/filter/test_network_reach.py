"""tickr.aws.reachability and task_endpoint_errors: what the ECS tasks reach from their subnets, and the settings
that would leave an API without a route."""

import copy

import pytest

from ansible_collections.tickr.aws.plugins.filter.network import image_registry, reachability, task_endpoint_errors

REGION = "eu-west-1"
APIS = ["ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager", "email", "sns", "monitoring", "xray"]
INTERFACE = ("ecr.api", "ecr.dkr", "logs", "secretsmanager", "email", "sns", "monitoring", "xray")
TASKS = {"subnets": ["subnet-pa", "subnet-pb"], "security_groups": ["sg-ecs"]}
VPC = {"enable_dns_support": True, "enable_dns_hostnames": True}
ECR_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend:latest"
PUBLIC_IMAGE = "public.ecr.aws/xray/aws-xray-daemon:3.3.13"


def _https(**target):
    return {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, **target}


def _interface(service, subnets=("subnet-pa", "subnet-pb"), **extra):
    return dict({"vpc_endpoint_id": f"vpce-{service}", "vpc_endpoint_type": "Interface",
                 "service_name": f"com.amazonaws.{REGION}.{service}", "state": "available", "private_dns_enabled": True,
                 "subnet_ids": list(subnets), "groups": [{"group_id": "sg-vpce", "group_name": "tickr-endpoints-sg"}]}, **extra)


def _table(name, subnet, routes):
    return {"id": f"rtb-{name}", "associations": [{"subnet_id": subnet, "main": False}],
            "routes": [{"destination_cidr_block": "10.0.0.0/16", "gateway_id": "local"}] + routes}


def v1(interface=INTERFACE):
    """The spec's V1 as the network read returns it: no NAT, every endpoint, the spec's groups."""
    s3_route = {"destination_prefix_list_id": "pl-s3", "gateway_id": "vpce-s3"}
    return {
        "subnets": [
            {"id": "subnet-pa", "availability_zone": "eu-west-1a", "cidr_block": "10.0.11.0/24", "tags": {"Tier": "private"}},
            {"id": "subnet-pb", "availability_zone": "eu-west-1b", "cidr_block": "10.0.12.0/24", "tags": {"Tier": "private"}},
            {"id": "subnet-ua", "availability_zone": "eu-west-1a", "cidr_block": "10.0.1.0/24", "tags": {"Tier": "public"}},
        ],
        "route_tables": [_table("pa", "subnet-pa", [s3_route]), _table("pb", "subnet-pb", [s3_route])],
        "security_groups": [
            {"group_id": "sg-ecs", "group_name": "tickr-ecs-sg", "ip_permissions": [],
             "ip_permissions_egress": [_https(user_id_group_pairs=[{"group_id": "sg-vpce"}]),
                                       _https(prefix_list_ids=[{"prefix_list_id": "pl-s3"}])]},
            {"group_id": "sg-vpce", "group_name": "tickr-endpoints-sg",
             "ip_permissions": [_https(user_id_group_pairs=[{"group_id": "sg-ecs"}])], "ip_permissions_egress": []},
        ],
        "vpc_endpoints": [_interface(s) for s in interface]
        + [{"vpc_endpoint_id": "vpce-s3", "vpc_endpoint_type": "Gateway", "service_name": f"com.amazonaws.{REGION}.s3",
            "state": "available", "route_table_ids": ["rtb-pa", "rtb-pb"]}],
        "nat_gateways": [],
    }


def v2_nat_only(egress_anywhere=True):
    """V2 without interface endpoints: one NAT gateway, and (when asked) the ECS group's egress 443 anywhere."""
    network = v1(interface=[])
    for table in network["route_tables"]:
        table["routes"].append({"destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-1"})
    network["nat_gateways"] = [{"nat_gateway_id": "nat-1", "state": "available", "subnet_id": "subnet-ua"}]
    if egress_anywhere:
        network["security_groups"][0]["ip_permissions_egress"].append(_https(ip_ranges=[{"cidr_ip": "0.0.0.0/0"}]))
    return network


def _by_check(lines):
    return {line["check"]: line for line in lines}


def test_v1_reaches_every_api_and_its_private_ecr_image_through_the_endpoints():
    lines = reachability(v1(), REGION, TASKS, APIS, [ECR_IMAGE], VPC)
    assert [line["check"] for line in lines] == [
        "tasks -> ECR API (ecr.api)", "tasks -> ECR registry (ecr.dkr)", "tasks -> S3 (s3)", "tasks -> CloudWatch Logs (logs)",
        "tasks -> Secrets Manager (secretsmanager)", "tasks -> SES API (email)", "tasks -> SNS (sns)",
        "tasks -> CloudWatch metrics (monitoring)", "tasks -> X-Ray (tracing) (xray)", f"tasks -> image {ECR_IMAGE} (private ECR)"]
    assert all(line["passed"] and line["area"] == "Reach" for line in lines), [l for l in lines if not l["passed"]]


def test_without_the_ses_endpoint_nor_nat_the_ses_line_fails_naming_both():
    # Today's default list: every endpoint but SES's.
    network = v1(interface=[s for s in INTERFACE if s != "email"])
    line = _by_check(reachability(network, REGION, TASKS, APIS, [], VPC))["tasks -> SES API (email)"]
    assert not line["passed"]
    assert "no endpoint com.amazonaws.eu-west-1.email" in line["reason"]
    assert "not through NAT: subnet-pa has no 0.0.0.0/0 route to an available NAT gateway" in line["reason"]


def test_a_public_registry_image_needs_nat():
    lines = _by_check(reachability(v1(), REGION, TASKS, [], [PUBLIC_IMAGE], VPC))
    line = lines[f"tasks -> image {PUBLIC_IMAGE} (public.ecr.aws)"]
    assert not line["passed"] and "only a NAT gateway reaches it" in line["reason"] and "pull-through cache" in line["reason"]
    assert _by_check(reachability(v2_nat_only(), REGION, TASKS, [], [PUBLIC_IMAGE], VPC))[line["check"]]["passed"]


def test_v2_reaches_everything_through_its_nat_gateway():
    lines = reachability(v2_nat_only(), REGION, TASKS, APIS, [ECR_IMAGE, PUBLIC_IMAGE], VPC)
    assert all(line["passed"] for line in lines), [l for l in lines if not l["passed"]]


def test_nat_without_egress_anywhere_names_the_missing_egress():
    line = _by_check(reachability(v2_nat_only(egress_anywhere=False), REGION, TASKS, ["email"], [], VPC))["tasks -> SES API (email)"]
    assert not line["passed"] and "tickr-ecs-sg egress does not allow tcp 443 to 0.0.0.0/0" in line["reason"]


@pytest.mark.parametrize("break_it, words", [
    (lambda n: n["vpc_endpoints"][4].update(private_dns_enabled=False), "private DNS off"),
    (lambda n: n["vpc_endpoints"][4].update(state="pending"), "is pending, not available"),
    (lambda n: n["vpc_endpoints"][4].update(subnet_ids=["subnet-pa"]), "has no subnet in eu-west-1b"),
    (lambda n: n["security_groups"][1].update(ip_permissions=[]), "does not admit tcp 443 from tickr-ecs-sg"),
    (lambda n: n["security_groups"][0]["ip_permissions_egress"].pop(0), "tickr-ecs-sg egress does not allow tcp 443 to tickr-endpoints-sg"),
])
def test_a_broken_interface_endpoint_fails_with_what_is_wrong(break_it, words):
    network = copy.deepcopy(v1())
    assert network["vpc_endpoints"][4]["service_name"].endswith(".email")
    break_it(network)
    line = _by_check(reachability(network, REGION, TASKS, ["email"], [], VPC))["tasks -> SES API (email)"]
    assert not line["passed"] and words in line["reason"], line["reason"]


def test_private_dns_needs_the_vpc_dns_attributes():
    line = reachability(v1(), REGION, TASKS, ["sns"], [], {"enable_dns_support": True, "enable_dns_hostnames": False})[0]
    assert not line["passed"] and "DNS hostnames" in line["reason"]


def test_the_s3_gateway_must_be_on_the_tasks_route_tables():
    network = v1()
    network["route_tables"][1]["routes"] = network["route_tables"][1]["routes"][:1]
    lines = _by_check(reachability(network, REGION, TASKS, ["s3"], [ECR_IMAGE], VPC))
    assert not lines["tasks -> S3 (s3)"]["passed"]
    assert "vpce-s3 is not on the route table of subnet-pb" in lines["tasks -> S3 (s3)"]["reason"]
    image = lines[f"tasks -> image {ECR_IMAGE} (private ECR)"]
    assert not image["passed"] and image["reason"].startswith("s3: ")


def test_an_image_in_another_regions_ecr_is_not_served_by_this_regions_endpoints():
    other = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tickr-backend:latest"
    line = reachability(v1(), REGION, TASKS, [], [other], VPC)[0]
    assert not line["passed"] and "123456789012.dkr.ecr.us-east-1.amazonaws.com" in line["check"]


@pytest.mark.parametrize("image, registry", [
    (ECR_IMAGE, ("123456789012.dkr.ecr.eu-west-1.amazonaws.com", True)),
    (PUBLIC_IMAGE, ("public.ecr.aws", False)),
    ("nginx:1.27", ("docker.io", False)),
    ("library/nginx", ("docker.io", False)),
    ("ghcr.io/org/app:1", ("ghcr.io", False)),
])
def test_image_registry(image, registry):
    assert image_registry(image, REGION) == registry


def test_without_nat_every_task_api_needs_its_endpoint_one_message_each():
    errors = task_endpoint_errors(APIS, [s for s in INTERFACE if s not in ("email", "xray")], [], False)
    assert errors == [
        "networking_gateway_endpoints: has no 's3' endpoint; without a NAT gateway (networking_nat_gateway: false) "
        "the ECS tasks reach the S3 only through it (networking_task_apis)",
        "networking_interface_endpoints: has no 'email' endpoint; without a NAT gateway (networking_nat_gateway: false) "
        "the ECS tasks reach the SES API only through it (networking_task_apis)",
        "networking_interface_endpoints: has no 'xray' endpoint; without a NAT gateway (networking_nat_gateway: false) "
        "the ECS tasks reach the X-Ray (tracing) only through it (networking_task_apis)",
    ]
    assert task_endpoint_errors(APIS, INTERFACE, ["s3"], False) == []
    assert task_endpoint_errors(APIS, [], [], True) == []
