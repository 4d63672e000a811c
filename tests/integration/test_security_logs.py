"""The production safety nets, switched on in inventories/local: VPC flow logs, the ALB's access logs and its deletion
protection are built as the README's Security section says, a rerun changes nothing, verify.yml checks each (and
each line fails once the account differs), and destroy.yml refuses a protected ALB without the second flag, then
takes all of it down."""

import json
import re

import pytest

from conftest import create_data_secrets, push_backend_image

pytestmark = pytest.mark.integration

ON = ["-e", json.dumps({"networking_flow_logs": True, "ecs_service_alb_access_logs": True,
                        "ecs_service_alb_deletion_protection": True})]
TAGS = ["--tags", "networking,ecs_service"]
LOG_GROUP, FLOW_ROLE, BUCKET = "/vpc/tickr-flow-logs", "tickr-vpc-flow-logs", "tickr-alb-access-logs"
ACCOUNT = "123456789012"
BOUND_CHECKS = [
    "VPC endpoints admit only the stack's roles (aws:PrincipalAccount, aws:PrincipalArn)",
    "VPC flow logs of every flow",
    "VPC flow logs kept 7 days",
    "tickr-vpc-flow-logs trusted with aws:SourceAccount and aws:SourceArn",
    "ecsTaskExecutionRole trusted with aws:SourceAccount and aws:SourceArn",
    "tickrBackendTaskRole trusted with aws:SourceAccount and aws:SourceArn",
    "ALB deletion protection on",
    "ALB access logs to tickr-alb-access-logs",
    "ALB access logs expire after 7 days",
]


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    create_data_secrets(emulator)
    push_backend_image(emulator)
    first = run_playbook(emulator.env, extra=TAGS + ON)
    assert first.returncode == 0, first.failure_messages() or first.output[-3000:]
    return emulator


def _alb(emulator):
    elbv2 = emulator.client("elbv2")
    arn = elbv2.describe_load_balancers(Names=["tickr-alb"])["LoadBalancers"][0]["LoadBalancerArn"]
    attributes = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]}
    return elbv2, arn, attributes


def _verify_lines(run):
    """The checklist's result (PASS, or FAIL and its reason) of each check of BOUND_CHECKS."""
    lines = {}
    for line in run.stdout.splitlines():
        for check in BOUND_CHECKS:
            found = re.search(re.escape(check) + r"\s+(PASS|FAIL\s+.*)$", line)
            if found:
                lines[check] = found.group(1).strip()
    return lines


def test_flow_logs_publish_every_flow_through_a_bound_role(deployed):
    ec2, logs, iam = (deployed.client(s) for s in ("ec2", "logs", "iam"))
    vpc = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]["VpcId"]
    [flow_log] = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"]
    assert (flow_log["TrafficType"], flow_log["LogDestinationType"], flow_log["LogGroupName"]) == (
        "ALL", "cloud-watch-logs", LOG_GROUP)
    assert flow_log["DeliverLogsPermissionArn"] == f"arn:aws:iam::{ACCOUNT}:role/{FLOW_ROLE}"
    assert {t["Key"]: t["Value"] for t in flow_log["Tags"]}["Project"] == "tickr"
    [group] = logs.describe_log_groups(logGroupNamePrefix=LOG_GROUP)["logGroups"]
    assert group["retentionInDays"] == 7
    trust = iam.get_role(RoleName=FLOW_ROLE)["Role"]["AssumeRolePolicyDocument"]
    [statement] = trust["Statement"]
    assert statement["Principal"] == {"Service": "vpc-flow-logs.amazonaws.com"}
    assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT},
                                      "ArnLike": {"aws:SourceArn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:vpc-flow-log/*"}}
    [policy] = iam.list_role_policies(RoleName=FLOW_ROLE)["PolicyNames"]
    document = iam.get_role_policy(RoleName=FLOW_ROLE, PolicyName=policy)["PolicyDocument"]
    group_arn = f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:{LOG_GROUP}"
    assert document["Statement"][0]["Resource"] == [group_arn, group_arn + ":*"]


def test_alb_logs_to_its_own_bucket_and_is_protected(deployed):
    attributes = _alb(deployed)[2]
    assert attributes["deletion_protection.enabled"] == "true"
    assert (attributes["access_logs.s3.enabled"], attributes["access_logs.s3.bucket"], attributes["access_logs.s3.prefix"]) == (
        "true", BUCKET, "tickr-alb")
    s3 = deployed.client("s3")
    rule = s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert all(s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"].values())
    statements = {s["Sid"]: s for s in json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])["Statement"]}
    assert sorted(statements) == ["DenyInsecureTransport", "ElbAccessLogsWrite"]
    assert statements["ElbAccessLogsWrite"]["Principal"] == {"AWS": "arn:aws:iam::156460612806:root"}
    assert statements["ElbAccessLogsWrite"]["Resource"] == f"arn:aws:s3:::{BUCKET}/tickr-alb/AWSLogs/{ACCOUNT}/*"
    [expiry] = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    assert expiry["Expiration"] == {"Days": 7} and expiry["Status"] == "Enabled"


def test_second_run_and_check_mode_change_nothing(deployed, run_playbook):
    second = run_playbook(deployed.env, extra=TAGS + ON)
    assert second.returncode == 0 and second.changed == 0, second.failure_messages() or second.output[-3000:]
    check = run_playbook(deployed.env, extra=TAGS + ON + ["--check", "--diff"])
    assert check.returncode == 0 and check.changed == 0, check.failure_messages() or check.output[-3000:]


def test_verify_checks_each_safety_net_and_fails_when_one_is_undone(deployed, run_playbook):
    run = run_playbook(deployed.env, playbook="playbooks/verify.yml", extra=ON, json_output=False)
    lines = _verify_lines(run)
    assert lines == dict.fromkeys(BOUND_CHECKS, "PASS"), run.stdout[-5000:]

    # Each undone by hand, as an operator or another tool would.
    ec2, iam, logs, s3 = (deployed.client(s) for s in ("ec2", "iam", "logs", "s3"))
    elbv2, arn = _alb(deployed)[:2]
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "deletion_protection.enabled", "Value": "false"}, {"Key": "access_logs.s3.enabled", "Value": "false"}])
    s3.put_bucket_lifecycle_configuration(Bucket=BUCKET, LifecycleConfiguration={"Rules": [
        {"ID": "expire-access-logs", "Filter": {"Prefix": ""}, "Status": "Enabled", "Expiration": {"Days": 30}}]})
    logs.put_retention_policy(logGroupName=LOG_GROUP, retentionInDays=14)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]["VpcId"]
    ec2.delete_flow_logs(FlowLogIds=[f["FlowLogId"] for f in ec2.describe_flow_logs()["FlowLogs"]])
    unbound = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}]})
    iam.update_assume_role_policy(RoleName=FLOW_ROLE, PolicyDocument=unbound)
    iam.update_assume_role_policy(RoleName="tickrBackendTaskRole", PolicyDocument=unbound.replace(
        "vpc-flow-logs", "ecs-tasks"))
    endpoint = next(e for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["VpcEndpoints"]
                    if e["ServiceName"].endswith(".logs"))
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"], PolicyDocument=json.dumps(
        {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}))
    # Any principal of the account, not only the ECS tasks' roles.
    ecr_api = next(e for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["VpcEndpoints"]
                   if e["ServiceName"].endswith(".ecr.api"))
    ec2.modify_vpc_endpoint(VpcEndpointId=ecr_api["VpcEndpointId"], PolicyDocument=json.dumps({"Statement": [
        {"Sid": "WholeAccount", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
         "Condition": {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}}}]}))

    run = run_playbook(deployed.env, playbook="playbooks/verify.yml", extra=ON, json_output=False)
    assert run.returncode != 0
    lines = _verify_lines(run)
    # Every line undone fails; the execution role, left as it was, still passes.
    expected = dict.fromkeys(BOUND_CHECKS, "FAIL")
    expected["ecsTaskExecutionRole trusted with aws:SourceAccount and aws:SourceArn"] = "PASS"
    assert {check: result.split()[0] for check, result in lines.items()} == expected, lines
    assert lines["VPC endpoints admit only the stack's roles (aws:PrincipalAccount, aws:PrincipalArn)"] == (
        "FAIL  unexpected: ecr.api: WholeAccount, logs: *"), lines

    # A rerun takes every one back.
    rerun = run_playbook(deployed.env, extra=TAGS + ON)
    assert rerun.returncode == 0, rerun.failure_messages() or rerun.output[-3000:]
    run = run_playbook(deployed.env, playbook="playbooks/verify.yml", extra=ON, json_output=False)
    assert _verify_lines(run) == dict.fromkeys(BOUND_CHECKS, "PASS"), run.stdout[-5000:]


def test_destroy_refuses_a_protected_alb_without_the_second_flag_then_takes_it_all_down(deployed, run_playbook):
    confirm = ["-e", "tickr_destroy_confirm=tickr-local"]
    refused = run_playbook(deployed.env, playbook="playbooks/destroy.yml", extra=confirm)
    assert refused.returncode != 0 and refused.changed == 0
    assert any("tickr-alb has deletion protection on" in m and "tickr_destroy_production_confirmed=true" in m
               for m in refused.failure_messages()), refused.failure_messages()
    assert _alb(deployed)[2]["deletion_protection.enabled"] == "true"

    done = run_playbook(deployed.env, playbook="playbooks/destroy.yml",
                        extra=confirm + ["-e", "tickr_destroy_production_confirmed=true"])
    assert done.returncode == 0, done.failure_messages() or done.output[-3000:]
    assert deployed.client("elbv2").describe_load_balancers()["LoadBalancers"] == []
    assert BUCKET not in [b["Name"] for b in deployed.client("s3").list_buckets()["Buckets"]]
    assert deployed.client("ec2").describe_flow_logs()["FlowLogs"] == []
    assert FLOW_ROLE not in [r["RoleName"] for r in deployed.client("iam").list_roles()["Roles"]]
    assert deployed.client("logs").describe_log_groups(logGroupNamePrefix=LOG_GROUP)["logGroups"] == []
