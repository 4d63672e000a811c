"""site.yml on inventories/local builds the spec's network exactly, idempotently, and refuses bad input."""

import json
import re

import pytest

pytestmark = pytest.mark.integration

ACCOUNT = "123456789012"
# inventories/local's ecs_service_execution_role_name and ecs_service_task_role_name, at IAM's root path.
OWN_ROLES_STATEMENT = {
    "Sid": "OnlyThisAccountsPrincipals", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
    "Condition": {"StringEquals": {"aws:PrincipalAccount": ACCOUNT},
                  "ArnEquals": {"aws:PrincipalArn": [f"arn:aws:iam::{ACCOUNT}:role/ecsTaskExecutionRole",
                                                     f"arn:aws:iam::{ACCOUNT}:role/tickrBackendTaskRole"]}}}
SPEC_SUBNETS = {
    ("public", "eu-west-1a"): "10.0.1.0/24",
    ("public", "eu-west-1b"): "10.0.2.0/24",
    ("private", "eu-west-1a"): "10.0.11.0/24",
    ("private", "eu-west-1b"): "10.0.12.0/24",
}


def _tag(resource, key):
    return {t["Key"]: t["Value"] for t in resource.get("Tags", [])}.get(key)


def _groups(ec2, vpc_id):
    found = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]
    return {g["GroupName"]: g for g in found}


def _rules(permissions, ids_to_names):
    """Flatten AWS permissions to comparable tuples: (proto, from, to, target)."""
    rules = set()
    for p in permissions:
        key = (p["IpProtocol"], p.get("FromPort"), p.get("ToPort"))
        for r in p.get("IpRanges", []):
            rules.add(key + (r["CidrIp"],))
        for g in p.get("UserIdGroupPairs", []):
            rules.add(key + (ids_to_names[g["GroupId"]],))
        for pl in p.get("PrefixListIds", []):
            rules.add(key + ("prefix-list:" + pl["PrefixListId"],))
    return rules


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    first = run_playbook(emulator.env, extra=["--tags", "networking"])
    assert first.returncode == 0, first.output[-3000:]
    return emulator, first


def test_vpc_and_subnets_match_the_spec(deployed):
    emulator, first = deployed
    assert first.changed > 0
    ec2 = emulator.client("ec2")
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"]
    assert len(vpcs) == 1
    vpc = vpcs[0]
    assert vpc["CidrBlock"] == "10.0.0.0/16"
    assert _tag(vpc, "Project") == "tickr" and _tag(vpc, "Environment") == "local"
    for attribute in ("enableDnsSupport", "enableDnsHostnames"):
        value = ec2.describe_vpc_attribute(VpcId=vpc["VpcId"], Attribute=attribute)
        assert value[attribute[0].upper() + attribute[1:]]["Value"] is True

    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])["Subnets"]
    actual = {(_tag(s, "Tier"), s["AvailabilityZone"]): s["CidrBlock"] for s in subnets}
    assert actual == SPEC_SUBNETS
    assert not any(s["MapPublicIpOnLaunch"] for s in subnets)


def test_routes_igw_and_no_nat_in_v1(deployed):
    emulator = deployed[0]
    ec2 = emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]["VpcId"]
    igws = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])
    assert len(igws["InternetGateways"]) == 1
    igw_id = igws["InternetGateways"][0]["InternetGatewayId"]
    subnets = {s["SubnetId"]: _tag(s, "Tier")
               for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]}
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["RouteTables"]
    for table in tables:
        tiers = {subnets[a["SubnetId"]] for a in table["Associations"] if a.get("SubnetId")}
        defaults = [r for r in table["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
        if tiers == {"public"}:
            assert [r["GatewayId"] for r in defaults] == [igw_id]
        elif tiers == {"private"}:
            assert defaults == [], "V1 private subnets have no default route"
            assert any(r.get("DestinationPrefixListId") for r in table["Routes"]), "S3 gateway endpoint route"
    associated = [a["SubnetId"] for t in tables for a in t["Associations"] if a.get("SubnetId")]
    assert sorted(associated) == sorted(subnets), "every subnet has exactly one explicit route table"
    assert ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NatGateways"] == []


def test_security_groups_are_exactly_the_spec(deployed):
    emulator = deployed[0]
    ec2 = emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]["VpcId"]
    groups = _groups(ec2, vpc_id)
    names = {g["GroupId"]: name for name, g in groups.items()}
    s3_pl = ec2.describe_prefix_lists(
        Filters=[{"Name": "prefix-list-name", "Values": ["com.amazonaws.eu-west-1.s3"]}])["PrefixLists"][0]
    expected = {
        "tickr-alb-sg": (
            {("tcp", 80, 80, "0.0.0.0/0"), ("tcp", 443, 443, "0.0.0.0/0")},
            {("-1", None, None, "tickr-ecs-sg")},
        ),
        "tickr-ecs-sg": (
            {("tcp", 3000, 3000, "tickr-alb-sg")},
            {("tcp", 5432, 5432, "tickr-rds-sg"), ("tcp", 6379, 6379, "tickr-redis-sg"),
             ("tcp", 443, 443, "tickr-endpoints-sg"), ("tcp", 443, 443, "prefix-list:" + s3_pl["PrefixListId"])},
        ),
        "tickr-rds-sg": ({("tcp", 5432, 5432, "tickr-ecs-sg")}, set()),
        "tickr-redis-sg": ({("tcp", 6379, 6379, "tickr-ecs-sg")}, set()),
        "tickr-endpoints-sg": ({("tcp", 443, 443, "tickr-ecs-sg")}, set()),
    }
    for name, (ingress, egress) in expected.items():
        assert name in groups, name
        assert _rules(groups[name]["IpPermissions"], names) == ingress, name
        assert _rules(groups[name]["IpPermissionsEgress"], names) == egress, name


def test_endpoints_for_a_private_fargate_service(deployed):
    emulator = deployed[0]
    ec2 = emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]["VpcId"]
    endpoints = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["VpcEndpoints"]
    by_service = {e["ServiceName"].replace("com.amazonaws.eu-west-1.", ""): e for e in endpoints}
    assert sorted(by_service) == sorted(["s3", "ecr.api", "ecr.dkr", "logs", "secretsmanager", "email", "sns",
                                         "monitoring", "xray"])
    assert by_service["s3"]["VpcEndpointType"] == "Gateway"
    assert len(by_service["s3"]["RouteTableIds"]) == 2
    endpoints_sg = _groups(ec2, vpc_id)["tickr-endpoints-sg"]["GroupId"]
    for name, endpoint in by_service.items():
        if name != "s3":
            assert endpoint["VpcEndpointType"] == "Interface"
            assert len(endpoint["SubnetIds"]) == 2
            assert [g["GroupId"] for g in endpoint["Groups"]] == [endpoints_sg]
            assert endpoint["PrivateDnsEnabled"] is True, name
    # Every endpoint admits only the ECS tasks' two roles of the account (site.yml's networking_endpoint_principals);
    # the S3 gateway also ECR's image layers, from ECR's bucket.
    for name, endpoint in by_service.items():
        statements = json.loads(endpoint["PolicyDocument"])["Statement"]
        assert statements[0] == OWN_ROLES_STATEMENT, name
        assert [s.get("Sid") for s in statements] == (["OnlyThisAccountsPrincipals", "EcrImageLayers"] if name == "s3"
                                                      else ["OnlyThisAccountsPrincipals"]), name
    assert json.loads(by_service["s3"]["PolicyDocument"])["Statement"][1]["Resource"] == (
        "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*")


def test_an_endpoint_admitting_the_whole_account_is_narrowed_in_place(deployed, run_playbook):
    """A stack whose endpoints admit any principal of the account gets the roles' condition on a rerun, each
    endpoint modified (ModifyVpcEndpoint), none replaced."""
    emulator = deployed[0]
    ec2 = emulator.client("ec2")
    endpoint = ec2.describe_vpc_endpoints(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpce-secretsmanager"]}])["VpcEndpoints"][0]
    account_only = dict(OWN_ROLES_STATEMENT, Condition={"StringEquals": {"aws:PrincipalAccount": ACCOUNT}})
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"],
                            PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [account_only]}))
    ids = sorted(e["VpcEndpointId"] for e in ec2.describe_vpc_endpoints()["VpcEndpoints"])

    rerun = run_playbook(emulator.env, extra=["--tags", "networking"])
    assert rerun.returncode == 0, rerun.failure_messages() or rerun.output[-3000:]
    actions = [action for play in rerun.result["plays"] for task in play["tasks"]
               for res in task["hosts"].values() for action in res.get("actions", [])]
    assert (rerun.changed, actions) == (1, ["VPC endpoint com.amazonaws.eu-west-1.secretsmanager: policy"]), actions
    assert sorted(e["VpcEndpointId"] for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]) == ids
    found = ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"][0]
    assert json.loads(found["PolicyDocument"])["Statement"] == [OWN_ROLES_STATEMENT]
    again = run_playbook(emulator.env, extra=["--tags", "networking"])
    assert again.returncode == 0 and again.changed == 0, again.failure_messages() or again.output[-3000:]


def test_second_run_and_check_mode_change_nothing(deployed, run_playbook):
    emulator = deployed[0]
    second = run_playbook(emulator.env, extra=["--tags", "networking"])
    assert second.returncode == 0, second.output[-3000:]
    assert second.changed == 0
    check = run_playbook(emulator.env, extra=["--tags", "networking", "--check", "--diff"])
    assert check.returncode == 0, check.output[-3000:]
    assert check.changed == 0
    vpcs = emulator.client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"]
    assert len(vpcs) == 1


def test_a_rerun_takes_back_what_was_changed_by_hand(deployed, run_playbook):
    """A rerun skips what is in place (subnets, route tables, groups, endpoints): drift must still be found and undone."""
    emulator = deployed[0]
    ec2 = emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]["VpcId"]
    rds = _groups(ec2, vpc_id)["tickr-rds-sg"]
    widened = [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
    ec2.authorize_security_group_ingress(GroupId=rds["GroupId"], IpPermissions=widened)
    subnet = ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": ["tickr-private-eu-west-1a"]}])["Subnets"][0]
    ec2.create_tags(Resources=[subnet["SubnetId"]], Tags=[{"Key": "Tier", "Value": "public"}])
    endpoint = ec2.describe_vpc_endpoints(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpce-logs"]}])["VpcEndpoints"][0]
    ec2.delete_tags(Resources=[endpoint["VpcEndpointId"]], Tags=[{"Key": "Project"}])
    public = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": ["tickr-public"]}])["RouteTables"][0]
    public_igw = [r["GatewayId"] for r in public["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"][0]
    ec2.delete_route(RouteTableId=public["RouteTableId"], DestinationCidrBlock="0.0.0.0/0")
    private = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": ["tickr-private-eu-west-1b"]}])["RouteTables"][0]
    ec2.create_tags(Resources=[private["RouteTableId"]], Tags=[{"Key": "Owner", "Value": "by-hand"}])

    rerun = run_playbook(emulator.env, extra=["--tags", "networking"])
    assert rerun.returncode == 0, rerun.failure_messages() or rerun.output[-3000:]
    # One task sets the whole network: its actions name each drift (rules, subnets, route tables, endpoints).
    assert rerun.changed == 1, rerun.output[-3000:]
    actions = [action for play in rerun.result["plays"] for task in play["tasks"]
               for res in task["hosts"].values() for action in res.get("actions", [])]
    assert actions == ["subnet 10.0.11.0/24: tags", "route table tickr-public: route 0.0.0.0/0 to " + public_igw,
                       "route table tickr-private-eu-west-1b: tags",
                       "security group tickr-rds-sg: revoke in tcp 5432-5432 0.0.0.0/0",
                       "VPC endpoint com.amazonaws.eu-west-1.logs: tags"], actions
    public = ec2.describe_route_tables(RouteTableIds=[public["RouteTableId"]])["RouteTables"][0]
    assert [r.get("GatewayId", "") for r in public["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"][0].startswith("igw-")
    private = ec2.describe_route_tables(RouteTableIds=[private["RouteTableId"]])["RouteTables"][0]
    assert _tag(private, "Owner") is None
    rules = _rules(_groups(ec2, vpc_id)["tickr-rds-sg"]["IpPermissions"], {rds["GroupId"]: "tickr-rds-sg"} | {
        g["GroupId"]: name for name, g in _groups(ec2, vpc_id).items()})
    assert ("tcp", 5432, 5432, "0.0.0.0/0") not in rules
    assert _tag(ec2.describe_subnets(SubnetIds=[subnet["SubnetId"]])["Subnets"][0], "Tier") == "private"
    endpoint = ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"][0]
    assert _tag(endpoint, "Project") == "tickr"


BACKEND_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend:latest"
PUBLIC_IMAGE = "public.ecr.aws/xray/aws-xray-daemon:3.3.13"
TASK_APIS = ["ECR API (ecr.api)", "ECR registry (ecr.dkr)", "S3 (s3)", "CloudWatch Logs (logs)",
             "Secrets Manager (secretsmanager)", "SES API (email)", "SNS (sns)", "CloudWatch metrics (monitoring)",
             "X-Ray (tracing) (xray)"]


def _register_task_definition(emulator, images):
    """The task definition the ECS role would register (its family and images): the ECS role is not run here."""
    emulator.client("ecs").register_task_definition(
        family="tickr-backend", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
        containerDefinitions=[{"name": f"container-{i}", "image": image, "essential": i == 0} for i, image in enumerate(images)])


def _reach_lines(run):
    """``{check: (PASS or FAIL, reason)}`` of the checklist's Reach lines."""
    lines = {}
    for match in re.finditer(r"Reach\s+(tasks -> .+?)\s{2,}(PASS|FAIL)(?:  (.*))?$", run.stdout, re.MULTILINE):
        lines[match.group(1)] = (match.group(2), match.group(3) or "")
    return lines


def test_verify_finds_a_route_to_every_api_and_image_of_the_tasks_in_v1(deployed, run_playbook):
    """V1 has no NAT: every API (SES's too) and the backend's private ECR image go through the endpoints."""
    emulator = deployed[0]
    _register_task_definition(emulator, [BACKEND_IMAGE])
    run = run_playbook(emulator.env, playbook="playbooks/verify.yml", json_output=False)
    lines = _reach_lines(run)
    assert sorted(lines) == sorted([f"tasks -> {api}" for api in TASK_APIS] + [f"tasks -> image {BACKEND_IMAGE} (private ECR)"]), \
        run.stdout[-4000:]
    assert all(result == "PASS" for result, reason in lines.values()), lines
    # The V1 choice side by side in verify's output: the endpoints it needs against one NAT gateway.
    assert re.search(r"Interface endpoints\s+128\.58 USD  8 x 2 AZ", run.stdout), run.stdout[-4000:]
    assert re.search(r"One NAT gateway\s+39\.17 USD", run.stdout), run.stdout[-4000:]
    # The X-Ray daemon's image on ECR Public has no endpoint: without NAT the line fails and says so.
    _register_task_definition(emulator, [BACKEND_IMAGE, PUBLIC_IMAGE])
    run = run_playbook(emulator.env, playbook="tests/integration/playbooks/verify_reach.yml",
                       extra=["-e", "networking_reach_task_definition=tickr-backend"], json_output=False)
    result, reason = _reach_lines(run)[f"tasks -> image {PUBLIC_IMAGE} (public.ecr.aws)"]
    assert result == "FAIL" and "only a NAT gateway reaches it" in reason, reason


def _ecs_line(run):
    """The checklist table's line for the ECS group (the failure message at the end names it too)."""
    return [line for line in run.stdout.splitlines()
            if "tickr-ecs-sg rules exactly as specified" in line and (" PASS" in line or " FAIL " in line)]


def test_verify_expects_the_configured_extra_egress_rules(deployed, run_playbook):
    emulator = deployed[0]
    extra = ["-e", json.dumps({"networking_ecs_extra_egress_rules": [
        {"proto": "tcp", "ports": [443], "cidr_ip": "203.0.113.10/32", "rule_desc": "payment provider"}]})]
    converge = run_playbook(emulator.env, extra=["--tags", "networking", *extra])
    assert converge.returncode == 0 and converge.changed == 1, converge.failure_messages() or converge.output[-3000:]
    with_rule = run_playbook(emulator.env, playbook="playbooks/verify.yml", extra=extra, json_output=False)
    [line] = _ecs_line(with_rule)
    assert " PASS" in line, line
    without = run_playbook(emulator.env, playbook="playbooks/verify.yml", json_output=False)
    [line] = _ecs_line(without)
    assert " FAIL " in line and "unexpected: out tcp 443 to 203.0.113.10/32" in line, line


def test_one_read_of_the_vpc_gives_what_the_amazon_aws_info_modules_give(deployed, run_playbook):
    """The role reads the VPC once (tickr.aws.ec2_vpc_network_info): its filters must see what they saw before."""
    emulator = deployed[0]
    ec2 = emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]["VpcId"]
    public = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "cidr-block", "Values": ["10.0.1.0/24"]}])
    # V1 has no NAT gateway: one is made here so that their shape is compared too, and deleted afterwards.
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=public["Subnets"][0]["SubnetId"], AllocationId=allocation,
                                 TagSpecifications=[{"ResourceType": "natgateway", "Tags": [{"Key": "Name", "Value": "probe"}]}])
    try:
        in_vpc = [{"Name": "vpc-id", "Values": [vpc_id]}]
        expected = {
            "subnets": len(ec2.describe_subnets(Filters=in_vpc)["Subnets"]),
            "route_tables": len(ec2.describe_route_tables(Filters=in_vpc)["RouteTables"]),
            "security_groups": len(ec2.describe_security_groups(Filters=in_vpc)["SecurityGroups"]),
            "vpc_endpoints": len(ec2.describe_vpc_endpoints(Filters=in_vpc)["VpcEndpoints"]),
            "nat_gateways": 1,
        }
        assert expected["subnets"] == 4 and expected["route_tables"] >= 3 and expected["security_groups"] >= 5
        assert expected["vpc_endpoints"] == 9
        run = run_playbook(emulator.env, playbook="tests/integration/playbooks/vpc_network_info.yml",
                           extra=["-e", json.dumps({"vpc_id": vpc_id, "expected": expected})])
        assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    finally:
        ec2.delete_nat_gateway(NatGatewayId=nat["NatGateway"]["NatGatewayId"])
        ec2.release_address(AllocationId=allocation)


@pytest.mark.parametrize(
    "extra_vars, variable, rule",
    [
        ({"networking_vpc_cidr": "10.0.0.0/33"}, "networking_vpc_cidr", "not an IPv4 CIDR"),
        ({"networking_vpc_cidr": "10.0.0.0/12"}, "networking_vpc_cidr", "AWS takes /16 to /28"),
        ({"networking_public_subnets": [{"az": "eu-west-1a", "cidr": "10.9.1.0/24"},
                                        {"az": "eu-west-1b", "cidr": "10.0.2.0/24"}]},
         "networking_public_subnets[0].cidr", "outside the VPC"),
        ({"networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.0.1.0/24"},
                                         {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}]},
         "networking_private_subnets[0].cidr", "overlaps"),
        ({"networking_private_subnets": [{"az": "us-east-1a", "cidr": "10.0.11.0/24"},
                                         {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}]},
         "networking_private_subnets[0].az", "not an availability zone of region eu-west-1"),
        ({"networking_public_subnets": [{"az": "eu-west-1a", "cidr": "10.0.1.0/24"}]},
         "networking_public_subnets", "at least 2"),
        ({"networking_nat_gateway_mode": "sometimes"}, "networking_nat_gateway_mode", "must be one of: single, per_az"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable, rule):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "networking", "-e", json.dumps(extra_vars)])
    assert run.returncode != 0
    messages = " ".join(run.failure_messages())
    assert variable in messages and rule in messages, messages
    ec2 = fresh_emulator.client("ec2")
    assert ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"] == []
    assert ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["tickr-*"]}])["SecurityGroups"] == []


def test_verify_finds_the_routes_through_the_nat_gateway_in_v2(fresh_emulator, run_playbook):
    """V2 with a NAT gateway and no interface endpoint: every API and any registry go through NAT, once the ECS group
    may send 443 anywhere; without that egress rule, each line fails and names it."""
    nat = {"networking_nat_gateway": True, "networking_interface_endpoints": [], "networking_reach_task_definition": "tickr-backend",
           "networking_ecs_extra_egress_rules": [{"proto": "tcp", "ports": [443], "cidr_ip": "0.0.0.0/0",
                                                  "rule_desc": "HTTPS through the NAT gateway"}]}
    converge = run_playbook(fresh_emulator.env, extra=["--tags", "networking", "-e", json.dumps(nat)])
    assert converge.returncode == 0, converge.failure_messages() or converge.output[-3000:]
    ec2 = fresh_emulator.client("ec2")
    endpoints = ec2.describe_vpc_endpoints()["VpcEndpoints"]
    assert [e["VpcEndpointType"] for e in endpoints] == ["Gateway"], "only the S3 gateway endpoint"
    _register_task_definition(fresh_emulator, [BACKEND_IMAGE, PUBLIC_IMAGE])
    run = run_playbook(fresh_emulator.env, playbook="tests/integration/playbooks/verify_reach.yml",
                       extra=["-e", json.dumps(nat)], json_output=False)
    lines = _reach_lines(run)
    assert len(lines) == len(TASK_APIS) + 2, run.stdout[-4000:]
    assert all(result == "PASS" for result, reason in lines.values()), lines

    no_egress = dict(nat, networking_ecs_extra_egress_rules=[])
    converge = run_playbook(fresh_emulator.env, extra=["--tags", "networking", "-e", json.dumps(no_egress)])
    assert converge.returncode == 0, converge.failure_messages() or converge.output[-3000:]
    run = run_playbook(fresh_emulator.env, playbook="tests/integration/playbooks/verify_reach.yml",
                       extra=["-e", json.dumps(no_egress)], json_output=False)
    result, reason = _reach_lines(run)["tasks -> SES API (email)"]
    assert result == "FAIL" and "tickr-ecs-sg egress does not allow tcp 443 to 0.0.0.0/0" in reason, reason


def _actions(run):
    return [action for play in run.result["plays"] for task in play["tasks"]
            for res in task["hosts"].values() for action in res.get("actions", [])]


def test_a_vpc_and_gateway_amazon_aws_built_are_taken_over_not_built_again(fresh_emulator, run_playbook):
    """The role built the VPC with amazon.aws.ec2_vpc_net and the gateway with ec2_vpc_igw before: a converge finds
    both (the VPC by Name tag and CIDR, as ec2_vpc_net does) and builds the rest in them."""
    before = run_playbook(fresh_emulator.env, playbook="tests/integration/playbooks/vpc_by_amazon_aws.yml")
    assert before.returncode == 0, before.failure_messages() or before.output[-3000:]
    ec2 = fresh_emulator.client("ec2")
    [vpc] = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"]
    [igw] = ec2.describe_internet_gateways()["InternetGateways"]

    converge = run_playbook(fresh_emulator.env, extra=["--tags", "networking"])
    assert converge.returncode == 0, converge.failure_messages() or converge.output[-3000:]
    actions = _actions(converge)
    assert not [a for a in actions if a.startswith(("VPC tickr-vpc", "internet gateway"))], actions
    assert "route table tickr-public: route 0.0.0.0/0 to " + igw["InternetGatewayId"] in actions, actions
    assert [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]] == [vpc["VpcId"]]
    assert [g["InternetGatewayId"] for g in ec2.describe_internet_gateways()["InternetGateways"]] == [igw["InternetGatewayId"]]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])["Subnets"]
    assert sorted(s["CidrBlock"] for s in subnets) == sorted(SPEC_SUBNETS.values())

    again = run_playbook(fresh_emulator.env, extra=["--tags", "networking"])
    assert again.returncode == 0 and again.changed == 0, again.failure_messages() or again.output[-3000:]


def test_check_mode_on_an_empty_account_reports_the_network_and_builds_nothing(fresh_emulator, run_playbook):
    check = run_playbook(fresh_emulator.env, extra=["--tags", "networking", "--check"])
    assert check.returncode == 0, check.failure_messages() or check.output[-3000:]
    actions = _actions(check)
    assert actions[:3] == ["VPC tickr-vpc: create 10.0.0.0/16", "VPC tickr-vpc: enableDnsHostnames on",
                           "internet gateway tickr-igw: create and attach"], actions
    assert "subnet 10.0.1.0/24: create in eu-west-1a" in actions and "security group tickr-ecs-sg: create" in actions
    ec2 = fresh_emulator.client("ec2")
    assert [v for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]] == []
    assert ec2.describe_internet_gateways()["InternetGateways"] == []


def test_destroy_takes_the_network_down_gateway_and_vpc_included(fresh_emulator, run_playbook):
    converge = run_playbook(fresh_emulator.env, extra=["--tags", "networking"])
    assert converge.returncode == 0, converge.failure_messages() or converge.output[-3000:]
    destroy = ["-e", "tickr_destroy_confirm=tickr-local", "--tags", "networking"]
    run = run_playbook(fresh_emulator.env, playbook="playbooks/destroy.yml", extra=destroy)
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    ec2 = fresh_emulator.client("ec2")
    assert [v for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]] == []
    assert ec2.describe_internet_gateways()["InternetGateways"] == []
    assert ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["tickr-*"]}])["SecurityGroups"] == []
    again = run_playbook(fresh_emulator.env, playbook="playbooks/destroy.yml", extra=destroy)
    assert again.returncode == 0 and again.changed == 0, again.failure_messages() or again.output[-3000:]


def _nat_routes(ec2):
    """Each private route table's (Name tag) NAT gateway for 0.0.0.0/0, and the live NAT gateways by AZ of their subnet."""
    tables = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": ["tickr-private*"]}])["RouteTables"]
    routes = {next(t["Value"] for t in table["Tags"] if t["Key"] == "Name"):
              next((r.get("NatGatewayId") for r in table["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"), None)
              for table in tables}
    live = [n for n in ec2.describe_nat_gateways()["NatGateways"] if n["State"] in ("pending", "available")]
    azs = {s["SubnetId"]: s["AvailabilityZone"] for s in ec2.describe_subnets()["Subnets"]}
    return routes, {azs[n["SubnetId"]]: n["NatGatewayId"] for n in live}


def test_nat_gateways_go_from_none_to_one_to_one_per_az_keeping_the_one_that_stays(fresh_emulator, run_playbook):
    """V1 to V2's network: no NAT, then one shared, then one per AZ, and back; a gateway that stays is never made
    again and the private routes move to the gateway of their AZ."""
    ec2 = fresh_emulator.client("ec2")
    steps = [{"networking_nat_gateway": False}, {"networking_nat_gateway": True, "networking_nat_gateway_mode": "single"},
             {"networking_nat_gateway": True, "networking_nat_gateway_mode": "per_az"},
             {"networking_nat_gateway": True, "networking_nat_gateway_mode": "single"}]
    seen = []
    for step in steps:
        run = run_playbook(fresh_emulator.env, extra=["--tags", "networking", "-e", json.dumps(step)])
        assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
        seen.append(_nat_routes(ec2))
    (v1_routes, v1_nats), (one_routes, one_nats), (per_az_routes, per_az_nats), (back_routes, back_nats) = seen
    assert v1_nats == {} and set(v1_routes.values()) == {None}
    [shared] = one_nats.values()
    assert set(one_routes.values()) == {shared}
    assert per_az_nats["eu-west-1a"] == shared and per_az_nats["eu-west-1b"] != shared
    assert sorted(per_az_routes.values()) == sorted(per_az_nats.values())
    assert back_nats == {"eu-west-1a": shared} and set(back_routes.values()) == {shared}
