"""ECS services as AWS runs them: behind a listener, Fargate tasks that start only when their images, logs and secrets
are reachable from their subnets, deployments that complete, fail or roll back; over HTTP."""

import datetime
import sys
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "emulator"))

from push_image import push_image  # noqa: E402  (as a user pushes an image)

ACCOUNT = "123456789012"
REGION = "eu-west-1"
REGISTRY = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com"
XRAY = "public.ecr.aws/xray/aws-xray-daemon:3.3.13"
BREAKER = {"deploymentCircuitBreaker": {"enable": True, "rollback": True}}


class Stack:
    """A VPC with two private subnets (two AZs) sharing one route table, as V1 has them."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.ec2 = emulator.client("ec2")
        self.ecs = emulator.client("ecs")
        self.vpc = self.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        self.subnets = [self.ec2.create_subnet(VpcId=self.vpc, CidrBlock=f"10.0.{i}.0/24",
                                               AvailabilityZone=f"{REGION}{az}")["Subnet"]["SubnetId"]
                        for i, az in ((1, "a"), (2, "b"))]
        self.route_table = self.ec2.create_route_table(VpcId=self.vpc)["RouteTable"]["RouteTableId"]
        for subnet in self.subnets:
            self.ec2.associate_route_table(RouteTableId=self.route_table, SubnetId=subnet)
        self.tasks_group = self.ec2.create_security_group(GroupName="tasks", Description="tasks", VpcId=self.vpc)["GroupId"]
        self.endpoints_group = self.ec2.create_security_group(GroupName="endpoints", Description="endpoints",
                                                              VpcId=self.vpc)["GroupId"]
        self.ec2.authorize_security_group_ingress(GroupId=self.endpoints_group, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": self.tasks_group}]}])
        self.ecs.create_cluster(clusterName="c")
        self.revision = 0

    def endpoints(self, *services, s3=True, private_dns=True, group=None):
        for service in services:
            self.ec2.create_vpc_endpoint(VpcId=self.vpc, ServiceName=f"com.amazonaws.{REGION}.{service}",
                                         VpcEndpointType="Interface", SubnetIds=self.subnets,
                                         SecurityGroupIds=[group or self.endpoints_group],
                                         PrivateDnsEnabled=private_dns)
        if s3:
            self.ec2.create_vpc_endpoint(VpcId=self.vpc, ServiceName=f"com.amazonaws.{REGION}.s3",
                                         VpcEndpointType="Gateway", RouteTableIds=[self.route_table])
        return self

    def nat(self):
        public = self.ec2.create_subnet(VpcId=self.vpc, CidrBlock="10.0.100.0/24")["Subnet"]["SubnetId"]
        igw = self.ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        self.ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=self.vpc)
        public_table = self.ec2.create_route_table(VpcId=self.vpc)["RouteTable"]["RouteTableId"]
        self.ec2.create_route(RouteTableId=public_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        self.ec2.associate_route_table(RouteTableId=public_table, SubnetId=public)
        allocation = self.ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat = self.ec2.create_nat_gateway(SubnetId=public, AllocationId=allocation)["NatGateway"]["NatGatewayId"]
        self.ec2.create_route(RouteTableId=self.route_table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        return self

    def task_definition(self, *images, **container):
        self.revision += 1
        definitions = [{"name": f"c{i}", "image": image, "essential": True, **container} for i, image in enumerate(images)]
        return self.ecs.register_task_definition(
            family="app", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
            executionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/exec",
            containerDefinitions=definitions)["taskDefinition"]["taskDefinitionArn"]

    def service(self, task_definition, desired=2, **extra):
        return self.ecs.create_service(
            cluster="c", serviceName="s", taskDefinition=task_definition, desiredCount=desired, launchType="FARGATE",
            networkConfiguration={"awsvpcConfiguration": {"subnets": self.subnets, "securityGroups": [self.tasks_group],
                                                          "assignPublicIp": "DISABLED"}},
            **extra)["service"]

    def described(self):
        return self.ecs.describe_services(cluster="c", services=["s"])["services"][0]

    def tasks(self, status="RUNNING"):
        arns = self.ecs.list_tasks(cluster="c", serviceName="s", desiredStatus=status)["taskArns"]
        return self.ecs.describe_tasks(cluster="c", tasks=arns)["tasks"] if arns else []

    def stopped_reason(self):
        """The reason of a stopped task of the PRIMARY deployment (earlier ones' tasks stay listed)."""
        primary = _primary(self.described())["id"]
        return next(t["stoppedReason"] for t in self.tasks("STOPPED") if t["startedBy"] == primary)

    def image(self, repository="tickr/backend", tag="1.0"):
        push_image(self.emulator.client("ecr"), repository, tag, create_repository=True)
        return f"{REGISTRY}/{repository}:{tag}"


@pytest.fixture
def stack(fresh_emulator):
    return Stack(fresh_emulator)


def _primary(service):
    return next(d for d in service["deployments"] if d["status"] == "PRIMARY")


# --- target groups behind a listener -------------------------------------------------------------------------

def _load_balancer(stack):
    elbv2 = stack.emulator.client("elbv2")
    lb = elbv2.create_load_balancer(Name="alb", Subnets=stack.subnets, SecurityGroups=[stack.tasks_group],
                                    Scheme="internal", Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    group = elbv2.create_target_group(Name="tg", Protocol="HTTP", Port=8080, VpcId=stack.vpc,
                                      TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{
        "Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    return elbv2, lb, group


def test_a_service_on_a_target_group_behind_no_listener_is_refused(stack):
    elbv2, lb, group = _load_balancer(stack)
    stack.endpoints("ecr.api", "ecr.dkr")
    definition = stack.task_definition(stack.image())
    load_balancers = [{"targetGroupArn": group, "containerName": "c0", "containerPort": 8080}]
    with pytest.raises(ClientError) as error:
        stack.service(definition, loadBalancers=load_balancers)
    assert error.value.response["Error"]["Code"] == "InvalidParameterException"
    assert error.value.response["Error"]["Message"] == (
        f"The target group with targetGroupArn {group} does not have an associated load balancer.")
    assert stack.ecs.describe_services(cluster="c", services=["s"])["failures"][0]["reason"] == "MISSING"

    # A listener rule that forwards (weighted) associates the target group.
    listener = elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=8081, DefaultActions=[{
        "Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}])["Listeners"][0]["ListenerArn"]
    weighted = {"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": group, "Weight": 1}]}}
    elbv2.create_rule(ListenerArn=listener, Priority=1, Conditions=[{"Field": "path-pattern", "Values": ["/*"]}],
                      Actions=[weighted])
    assert stack.service(definition, loadBalancers=load_balancers)["loadBalancers"][0]["targetGroupArn"] == group


def test_update_service_refuses_a_target_group_behind_no_listener(stack):
    elbv2, lb, group = _load_balancer(stack)
    stack.endpoints("ecr.api", "ecr.dkr")
    definition = stack.task_definition(stack.image())
    stack.service(definition)
    with pytest.raises(ClientError) as error:
        stack.ecs.update_service(cluster="c", service="s", loadBalancers=[
            {"targetGroupArn": group, "containerName": "c0", "containerPort": 8080}])
    assert "does not have an associated load balancer" in error.value.response["Error"]["Message"]
    elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=8080, DefaultActions=[
        {"Type": "forward", "TargetGroupArn": group}])
    stack.ecs.update_service(cluster="c", service="s", loadBalancers=[
        {"targetGroupArn": group, "containerName": "c0", "containerPort": 8080}])


# --- Fargate tasks start when they can pull ------------------------------------------------------------------

def test_a_pushed_image_through_the_endpoints_runs_and_the_deployment_completes(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    definition = stack.task_definition(stack.image())
    stack.service(definition, deploymentConfiguration=BREAKER)
    service = stack.described()
    deployment = _primary(service)
    assert (deployment["rolloutState"], deployment["runningCount"], deployment["failedTasks"]) == ("COMPLETED", 2, 0)
    assert deployment["rolloutStateReason"] == f"ECS deployment {deployment['id']} completed."
    assert (service["runningCount"], service["pendingCount"], len(service["deployments"])) == (2, 0, 1)
    tasks = stack.tasks()
    assert len(tasks) == 2
    assert {t["lastStatus"] for t in tasks} == {"RUNNING"}
    assert {t["taskDefinitionArn"] for t in tasks} == {definition}
    assert {t["group"] for t in tasks} == {"service:s"}
    assert {t["startedBy"] for t in tasks} == {deployment["id"]}
    assert {t["availabilityZone"] for t in tasks} == {"eu-west-1a", "eu-west-1b"}, "tasks spread over the subnets"
    assert stack.tasks("STOPPED") == []
    messages = [e["message"] for e in service["events"]]
    assert messages[0] == "(service s) has reached a steady state."
    assert messages[-1].startswith("(service s) has started 2 tasks: (task ")
    # DescribeTasks again: ECS tasks stay RUNNING (moto alone moves them on at each call).
    assert {t["lastStatus"] for t in stack.tasks()} == {"RUNNING"}


def test_an_image_missing_from_the_repository_fails_the_deployment(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.image()
    missing = f"{REGISTRY}/tickr/backend:2.0"
    stack.service(stack.task_definition(missing), deploymentConfiguration=BREAKER)
    deployment = _primary(stack.described())
    assert (deployment["rolloutState"], deployment["runningCount"]) == ("FAILED", 0)
    assert deployment["rolloutStateReason"] == "ECS deployment circuit breaker: tasks failed to start."
    assert deployment["failedTasks"] == 3, "the threshold: half the desired count, at least 3"
    stopped = stack.tasks("STOPPED")
    assert len(stopped) == 3
    task = stopped[0]
    assert (task["lastStatus"], task["desiredStatus"], task["stopCode"]) == ("STOPPED", "STOPPED", "TaskFailedToStart")
    assert task["stoppedReason"] == (
        f"CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref {missing}: "
        f"{missing}: not found")
    assert task["containers"][0]["reason"] == task["stoppedReason"]
    assert stack.tasks() == []
    events = [e["message"] for e in stack.described()["events"]]
    assert events[0] == f"(service s) (deployment {deployment['id']}) deployment failed: tasks failed to start."


def test_without_the_circuit_breaker_a_failing_deployment_stays_in_progress(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.service(stack.task_definition(f"{REGISTRY}/tickr/none:1"))
    deployment = _primary(stack.described())
    assert (deployment["rolloutState"], deployment["runningCount"], deployment["failedTasks"]) == ("IN_PROGRESS", 0, 2)
    assert len(stack.tasks("STOPPED")) == 2


def test_ecr_public_without_nat_times_out_and_runs_with_nat(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    definition = stack.task_definition(stack.image(), XRAY)
    stack.service(definition, deploymentConfiguration=BREAKER)
    assert _primary(stack.described())["rolloutState"] == "FAILED"
    task = stack.tasks("STOPPED")[0]
    assert task["stoppedReason"].startswith(
        f"CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref {XRAY}: "
        'failed to do request: Head "https://public.ecr.aws/v2/xray/aws-xray-daemon/manifests/3.3.13": dial tcp ')
    assert task["stoppedReason"].endswith(":443: i/o timeout")
    reasons = {c["name"]: c.get("reason") for c in task["containers"]}
    assert reasons["c0"] is None and reasons["c1"] == task["stoppedReason"]

    stack.nat()
    stack.ecs.update_service(cluster="c", service="s", forceNewDeployment=True)
    deployment = _primary(stack.described())
    assert (deployment["rolloutState"], deployment["runningCount"]) == ("COMPLETED", 2)


def test_docker_hub_images_need_nat_too(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.service(stack.task_definition("nginx"), desired=1)
    reason = stack.tasks("STOPPED")[0]["stoppedReason"]
    assert "failed to resolve ref docker.io/library/nginx:latest" in reason
    assert 'Head "https://registry-1.docker.io/v2/library/nginx/manifests/latest"' in reason


@pytest.mark.parametrize("missing, expected", [
    ("ecr.api", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval "
                "failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: "
                'send request failed caused by: Post "https://api.ecr.eu-west-1.amazonaws.com/": dial tcp '),
    ("ecr.dkr", "CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref "
                f'{REGISTRY}/tickr/backend:1.0: failed to do request: Head "https://{REGISTRY}/v2/tickr/backend/'
                'manifests/1.0": dial tcp '),
    ("s3", "CannotPullContainerError: ref pull has been retried 7 time(s): failed to copy: httpReadSeeker: failed open: "
           'failed to do request: Get "https://prod-eu-west-1-starport-layer-bucket.s3.eu-west-1.amazonaws.com/'),
])
def test_private_ecr_needs_both_ecr_endpoints_and_the_s3_gateway(stack, missing, expected):
    stack.endpoints(*[s for s in ("ecr.api", "ecr.dkr") if s != missing], s3=missing != "s3")
    stack.service(stack.task_definition(stack.image()), desired=1)
    assert stack.tasks() == []
    assert stack.tasks("STOPPED")[0]["stoppedReason"].startswith(expected)


def test_an_endpoint_without_private_dns_or_closed_to_the_tasks_does_not_serve_them(stack):
    closed = stack.ec2.create_security_group(GroupName="closed", Description="closed", VpcId=stack.vpc)["GroupId"]
    stack.endpoints("ecr.api", group=closed)
    stack.endpoints("ecr.dkr", s3=False, private_dns=False)
    stack.service(stack.task_definition(stack.image()), desired=1)
    assert "unable to retrieve ecr registry auth" in stack.tasks("STOPPED")[0]["stoppedReason"]


def test_awslogs_needs_the_logs_endpoint_and_its_log_group(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    logging = {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": REGION,
                                                   "awslogs-stream-prefix": "app"}}
    definition = stack.task_definition(stack.image(), logConfiguration=logging)
    stack.service(definition, desired=1)
    reason = stack.tasks("STOPPED")[0]["stoppedReason"]
    assert reason.startswith("ResourceInitializationError: failed to validate logger args: create stream has been "
                             "retried 1 times: failed to create Cloudwatch log stream: RequestError: send request failed "
                             'caused by: Post "https://logs.eu-west-1.amazonaws.com/": dial tcp ')

    stack.endpoints("logs", s3=False)
    stack.ecs.update_service(cluster="c", service="s", forceNewDeployment=True)
    assert "ResourceNotFoundException: The specified log group does not exist." in stack.stopped_reason()

    stack.emulator.client("logs").create_log_group(logGroupName="/ecs/app")
    stack.ecs.update_service(cluster="c", service="s", forceNewDeployment=True)
    assert _primary(stack.described())["rolloutState"] == "COMPLETED"


def test_secrets_need_the_secrets_manager_endpoint_and_the_secret(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    arn = stack.emulator.client("secretsmanager").create_secret(Name="db", SecretString="{}")["ARN"]
    definition = stack.task_definition(stack.image(), secrets=[{"name": "DB", "valueFrom": f"{arn}:password::"}])
    stack.service(definition, desired=1)
    reason = stack.tasks("STOPPED")[0]["stoppedReason"]
    assert reason.startswith("ResourceInitializationError: unable to pull secrets or registry auth: execution resource "
                             "retrieval failed: unable to retrieve secret from asm: service call has been retried 5 "
                             f"time(s): failed to fetch secret {arn}:password:: from secrets manager: RequestCanceled")

    stack.endpoints("secretsmanager", s3=False)
    stack.ecs.update_service(cluster="c", service="s", forceNewDeployment=True)
    assert _primary(stack.described())["rolloutState"] == "COMPLETED"

    gone = stack.task_definition(stack.image(), secrets=[{"name": "DB", "valueFrom": arn.replace(":db-", ":gone-")}])
    stack.ecs.update_service(cluster="c", service="s", taskDefinition=gone)
    assert "Secrets Manager can't find the specified secret." in stack.stopped_reason()


def test_a_task_that_fetches_its_secrets_marks_them_read_that_day(stack):
    """AWS (API_DescribeSecret.html, LastAccessedDate; patches/secretsmanager_last_accessed_date): the ECS agent reads
    the task's secrets with the execution role, and Secrets Manager records the day, rounded to 00:00 UTC."""
    sm = stack.emulator.client("secretsmanager")
    arn = sm.create_secret(Name="db", SecretString="{}")["ARN"]
    unread = sm.create_secret(Name="other", SecretString="{}")["ARN"]
    stack.endpoints("ecr.api", "ecr.dkr")
    definition = stack.task_definition(stack.image(), secrets=[{"name": "DB", "valueFrom": f"{arn}:password::"}])
    stack.service(definition, desired=1)
    assert stack.tasks("STOPPED"), "no Secrets Manager endpoint: the agent could not fetch it"
    assert "LastAccessedDate" not in sm.describe_secret(SecretId=arn)

    stack.endpoints("secretsmanager", s3=False)
    stack.ecs.update_service(cluster="c", service="s", forceNewDeployment=True)
    assert _primary(stack.described())["rolloutState"] == "COMPLETED"
    accessed = sm.describe_secret(SecretId=arn)["LastAccessedDate"]
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert accessed == datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc)
    assert "LastAccessedDate" not in sm.describe_secret(SecretId=unread)


def test_a_desired_count_of_zero_completes_with_no_task(stack):
    stack.service(stack.task_definition("nginx"), desired=0)
    deployment = _primary(stack.described())
    assert (deployment["rolloutState"], deployment["runningCount"]) == ("COMPLETED", 0)
    assert stack.tasks() == [] and stack.tasks("STOPPED") == []


def test_scaling_a_completed_deployment_starts_and_stops_tasks_without_a_new_deployment(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.service(stack.task_definition(stack.image()), desired=1)
    first = _primary(stack.described())["id"]
    stack.ecs.update_service(cluster="c", service="s", desiredCount=3)
    service = stack.described()
    assert (_primary(service)["id"], _primary(service)["runningCount"], service["runningCount"]) == (first, 3, 3)
    stack.ecs.update_service(cluster="c", service="s", desiredCount=0)
    assert stack.tasks() == [] and len(stack.tasks("STOPPED")) == 3
    assert {t["stopCode"] for t in stack.tasks("STOPPED")} == {"ServiceSchedulerInitiated"}


# --- new deployments, rollback ------------------------------------------------------------------------------

def test_a_new_task_definition_replaces_the_tasks(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.service(stack.task_definition(stack.image()), deploymentConfiguration=BREAKER)
    old = {t["taskArn"] for t in stack.tasks()}
    second = stack.task_definition(stack.image(tag="1.1"))
    stack.ecs.update_service(cluster="c", service="s", taskDefinition=second)
    service = stack.described()
    assert [d["taskDefinition"] for d in service["deployments"]] == [second]
    assert _primary(service)["rolloutState"] == "COMPLETED"
    running = stack.tasks()
    assert {t["taskDefinitionArn"] for t in running} == {second} and not old & {t["taskArn"] for t in running}
    assert {t["taskArn"] for t in stack.tasks("STOPPED")} == old


def test_a_bad_new_task_definition_is_rolled_back_to_the_previous_deployment(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    good = stack.task_definition(stack.image())
    stack.service(good, deploymentConfiguration=BREAKER)
    previous = _primary(stack.described())["id"]
    bad = stack.task_definition(f"{REGISTRY}/tickr/backend:9.9")
    updated = stack.ecs.update_service(cluster="c", service="s", taskDefinition=bad)["service"]
    service = stack.described()
    assert updated["taskDefinition"] == service["taskDefinition"] == good
    assert len(service["deployments"]) == 1
    primary = _primary(service)
    assert (primary["taskDefinition"], primary["rolloutState"], primary["runningCount"]) == (good, "COMPLETED", 2)
    assert primary["id"] != previous
    assert {t["taskDefinitionArn"] for t in stack.tasks()} == {good}
    failed = stack.tasks("STOPPED")
    assert {t["taskDefinitionArn"] for t in failed} == {bad} and len(failed) == 3
    messages = [e["message"] for e in service["events"]]
    assert messages[0] == "(service s) has reached a steady state."
    rolling = messages.index(f"(service s) rolling back to deployment {previous}.")
    assert messages[rolling + 1].endswith("deployment failed: tasks failed to start.")


def test_without_rollback_the_failed_deployment_stays_primary(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    good = stack.task_definition(stack.image())
    stack.service(good, deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": False}})
    bad = stack.task_definition(f"{REGISTRY}/tickr/backend:9.9")
    stack.ecs.update_service(cluster="c", service="s", taskDefinition=bad)
    service = stack.described()
    primary = _primary(service)
    assert (primary["taskDefinition"], primary["rolloutState"], primary["runningCount"]) == (bad, "FAILED", 0)
    active = [d for d in service["deployments"] if d["status"] == "ACTIVE"]
    assert [(d["taskDefinition"], d["runningCount"]) for d in active] == [(good, 2)]
    assert service["taskDefinition"] == bad


# --- pull through cache, RunTask, ListTasks ------------------------------------------------------------------

def test_an_image_through_a_pull_through_cache_rule_is_cached_and_runs(stack):
    ecr = stack.emulator.client("ecr")
    stack.endpoints("ecr.api", "ecr.dkr")
    cached = f"{REGISTRY}/ecr-public/xray/aws-xray-daemon:3.3.13"
    stack.service(stack.task_definition(cached), desired=1)
    assert "not found" in stack.stopped_reason(), "no rule: no such repository"

    ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
    stack.ecs.update_service(cluster="c", service="s", forceNewDeployment=True)
    assert _primary(stack.described())["rolloutState"] == "COMPLETED"
    images = ecr.describe_images(repositoryName="ecr-public/xray/aws-xray-daemon")["imageDetails"]
    assert [i["imageTags"] for i in images] == [["3.3.13"]]


def test_run_task_on_fargate_follows_the_same_start_rules(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    network = {"awsvpcConfiguration": {"subnets": stack.subnets, "securityGroups": [stack.tasks_group]}}
    bad = stack.ecs.run_task(cluster="c", taskDefinition=stack.task_definition(XRAY), launchType="FARGATE",
                             networkConfiguration=network)["tasks"][0]
    assert (bad["lastStatus"], bad["stopCode"]) == ("STOPPED", "TaskFailedToStart")
    assert "i/o timeout" in bad["stoppedReason"]
    good = stack.ecs.run_task(cluster="c", taskDefinition=stack.task_definition(stack.image()), launchType="FARGATE",
                              networkConfiguration=network)["tasks"][0]
    assert good["lastStatus"] == "RUNNING"


def test_list_tasks_filters_on_the_service_and_lists_running_tasks_by_default(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.service(stack.task_definition(stack.image()), desired=1)
    stack.ecs.create_service(cluster="c", serviceName="other", taskDefinition=stack.task_definition("nginx"),
                             desiredCount=1, launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {
                                 "subnets": stack.subnets, "securityGroups": [stack.tasks_group]}})
    assert len(stack.ecs.list_tasks(cluster="c", serviceName="s")["taskArns"]) == 1
    assert stack.ecs.list_tasks(cluster="c", serviceName="other")["taskArns"] == []
    assert len(stack.ecs.list_tasks(cluster="c", serviceName="other", desiredStatus="STOPPED")["taskArns"]) == 1
    with pytest.raises(ClientError) as error:
        stack.ecs.list_tasks(cluster="c", serviceName="nope")
    assert error.value.response["Error"]["Code"] == "ServiceNotFoundException"


def test_deleting_a_service_stops_its_tasks(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.service(stack.task_definition(stack.image()))
    interfaces = len(stack.ec2.describe_network_interfaces()["NetworkInterfaces"])
    stack.ecs.delete_service(cluster="c", service="s", force=True)
    assert stack.ecs.list_tasks(cluster="c")["taskArns"] == []
    assert len(stack.ec2.describe_network_interfaces()["NetworkInterfaces"]) == interfaces - 2


def test_the_s3_gateway_serves_tasks_whose_security_groups_let_443_out_to_its_prefix_list(stack):
    stack.endpoints("ecr.api", "ecr.dkr")
    stack.ec2.revoke_security_group_egress(GroupId=stack.tasks_group, IpPermissions=[
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    stack.ec2.authorize_security_group_egress(GroupId=stack.tasks_group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "UserIdGroupPairs": [{"GroupId": stack.endpoints_group}]}])
    stack.service(stack.task_definition(stack.image()), desired=1)
    assert "starport-layer-bucket" in stack.stopped_reason()

    prefix_list = stack.ec2.describe_managed_prefix_lists(Filters=[
        {"Name": "prefix-list-name", "Values": [f"com.amazonaws.{REGION}.s3"]}])["PrefixLists"][0]["PrefixListId"]
    stack.ec2.authorize_security_group_egress(GroupId=stack.tasks_group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": prefix_list}]}])
    stack.ecs.update_service(cluster="c", service="s", forceNewDeployment=True)
    assert _primary(stack.described())["rolloutState"] == "COMPLETED"
