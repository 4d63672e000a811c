"""site.yml's ecs_service role on inventories/local builds the spec's "ECS Fargate" section exactly, idempotently,
keeps the running image (a release rolls a new one as one revision), refuses bad input and never prints the JWT secret; destroy.yml --tags ecs_service
then leaves no scalable target behind."""

import json

import pytest

from conftest import push_backend_image, role_readers, secret_readers, service_and_deployment

pytestmark = pytest.mark.integration

TAGS = ["--tags", "networking,ecs_service"]
CLUSTER, SERVICE, FAMILY = "tickr-cluster", "tickr-backend-service", "tickr-backend"


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    # What the rds and redis roles leave behind: their secrets, found by name.
    sm = emulator.client("secretsmanager")
    sm.create_secret(Name="tickr/db/password", SecretString="db-password-from-the-rds-role")
    sm.create_secret(Name="tickr/redis/auth-token", SecretString="redis-token-from-the-redis-role")
    # As a user does before the first run: the image the service runs, in the stack's repository.
    push_backend_image(emulator)
    first = run_playbook(emulator.env, extra=TAGS + ["-vvv"])
    assert first.returncode == 0, first.output[-3000:]
    return emulator, first


def _secret_arns(emulator):
    return {s["Name"]: s["ARN"] for s in emulator.client("secretsmanager").list_secrets()["SecretList"]}


def test_task_definition_is_the_spec(deployed):
    emulator, first = deployed
    assert first.changed > 0
    ecs = emulator.client("ecs")
    account = emulator.client("sts").get_caller_identity()["Account"]
    td = ecs.describe_task_definition(taskDefinition=FAMILY)["taskDefinition"]
    assert td["family"] == FAMILY and td["revision"] == 1
    assert td["networkMode"] == "awsvpc"
    assert td["requiresCompatibilities"] == ["FARGATE"]
    assert (td["cpu"], td["memory"]) == ("512", "1024")
    assert td["executionRoleArn"] == f"arn:aws:iam::{account}:role/ecsTaskExecutionRole"
    assert td["taskRoleArn"] == f"arn:aws:iam::{account}:role/tickrBackendTaskRole"
    containers = {c["name"]: c for c in td["containerDefinitions"]}
    assert sorted(containers) == ["aws-otel-collector", "backend"]
    registry = f"{account}.dkr.ecr.eu-west-1.amazonaws.com/"
    assert all(c["image"].startswith(registry) for c in containers.values()), "every image in the private ECR (no NAT in V1)"
    backend = containers["backend"]
    assert backend["image"] == f"{account}.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend:latest"
    assert backend["essential"] is True
    assert backend["portMappings"] == [{"containerPort": 3000, "protocol": "tcp"}]
    env = {e["name"]: e["value"] for e in backend["environment"]}
    assert env["NODE_ENV"] == "production" and env["PORT"] == "3000"
    assert env["S3_BUCKET"] == "tickr-event-images" and env["SES_CONFIGURATION_SET"] == "tickr-transactional"
    assert "AWS_XRAY_DAEMON_ADDRESS" not in env
    assert env["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://localhost:4318" and env["OTEL_SERVICE_NAME"] == "tickr-backend"
    assert not any("secret" in v.lower() or "password" in v.lower() for v in env.values())
    arns = _secret_arns(emulator)
    assert {s["name"]: s["valueFrom"] for s in backend["secrets"]} == {
        "DB_PASSWORD": arns["tickr/db/password"],
        "JWT_SECRET": arns["tickr/jwt/secret"],
        "REDIS_AUTH_TOKEN": arns["tickr/redis/auth-token"],
    }
    assert backend["logConfiguration"] == {"logDriver": "awslogs", "options": {
        "awslogs-group": "/ecs/tickr-backend", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "ecs"}}
    assert backend["healthCheck"] == {"command": ["CMD-SHELL", "curl -f http://localhost:3000/health || exit 1"],
                                      "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60}
    assert backend["dependsOn"] == [{"containerName": "aws-otel-collector", "condition": "START"}]
    collector = containers["aws-otel-collector"]
    assert collector["image"] == registry + "ecr-public/aws-observability/aws-otel-collector:v0.50.0"
    assert collector["essential"] is False and not collector.get("portMappings")
    assert collector["command"] == ["--config=env:OTEL_COLLECTOR_CONFIG"]
    config = json.loads({e["name"]: e["value"] for e in collector["environment"]}["OTEL_COLLECTOR_CONFIG"])
    assert config["service"]["pipelines"] == {"traces": {"receivers": ["otlp"], "processors": ["resourcedetection", "batch/traces"],
                                                         "exporters": ["awsxray"]}}
    assert config["extensions"]["awsproxy"]["endpoint"] == "0.0.0.0:2000"
    rules = emulator.client("ecr").describe_pull_through_cache_rules()["pullThroughCacheRules"]
    assert [(r["ecrRepositoryPrefix"], r["upstreamRegistryUrl"]) for r in rules] == [("ecr-public", "public.ecr.aws")]


def test_ecr_logs_and_secret(deployed):
    emulator = deployed[0]
    ecr = emulator.client("ecr")
    repo = ecr.describe_repositories(repositoryNames=["tickr-backend"])["repositories"][0]
    assert repo["imageScanningConfiguration"]["scanOnPush"] is True
    rules = json.loads(ecr.get_lifecycle_policy(repositoryName="tickr-backend")["lifecyclePolicyText"])["rules"]
    assert [r["selection"]["tagStatus"] for r in rules] == ["untagged"]
    assert rules[0]["action"]["type"] == "expire"
    groups = emulator.client("logs").describe_log_groups(logGroupNamePrefix="/ecs/tickr-backend")["logGroups"]
    assert [(g["logGroupName"], g["retentionInDays"]) for g in groups] == [("/ecs/tickr-backend", 7)]
    secret = emulator.client("secretsmanager").get_secret_value(SecretId="tickr/jwt/secret")["SecretString"]
    assert len(secret) == 64


def test_only_the_tasks_may_read_the_jwt_secret(deployed):
    # No deployer reads it: the execution role alone, whose own policy names the secret.
    assert secret_readers(deployed[0], "tickr/jwt/secret") == role_readers("ecsTaskExecutionRole")


def test_iam_roles_are_least_privilege(deployed):
    emulator = deployed[0]
    iam = emulator.client("iam")
    account = emulator.client("sts").get_caller_identity()["Account"]
    for role in ("ecsTaskExecutionRole", "tickrBackendTaskRole"):
        trust = iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"]
        assert trust["Statement"][0]["Principal"] == {"Service": "ecs-tasks.amazonaws.com"}
        # Only for this account's ECS tasks in the region (the cross-service confused deputy).
        assert trust["Statement"][0]["Condition"] == {"ArnLike": {"aws:SourceArn": f"arn:aws:ecs:eu-west-1:{account}:*"},
                                                      "StringEquals": {"aws:SourceAccount": account}}
    attached = iam.list_attached_role_policies(RoleName="ecsTaskExecutionRole")["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]
    assert sorted(iam.list_role_policies(RoleName="ecsTaskExecutionRole")["PolicyNames"]) == [
        "tickr-backend-pull-through-cache", "tickr-backend-secrets"]
    cache = iam.get_role_policy(RoleName="ecsTaskExecutionRole", PolicyName="tickr-backend-pull-through-cache")["PolicyDocument"]
    assert cache["Statement"] == [{"Sid": "PullThroughTheCache", "Effect": "Allow",
                                   "Action": ["ecr:CreateRepository", "ecr:BatchImportUpstreamImage"],
                                   "Resource": f"arn:aws:ecr:eu-west-1:{account}:repository/ecr-public/*"}]
    execution = iam.get_role_policy(RoleName="ecsTaskExecutionRole", PolicyName="tickr-backend-secrets")["PolicyDocument"]
    assert [s["Action"] for s in execution["Statement"]] == ["secretsmanager:GetSecretValue"]
    assert sorted(execution["Statement"][0]["Resource"]) == sorted(_secret_arns(emulator).values())

    assert iam.list_attached_role_policies(RoleName="tickrBackendTaskRole")["AttachedPolicies"] == []
    app = iam.get_role_policy(RoleName="tickrBackendTaskRole", PolicyName="tickr-backend-app")["PolicyDocument"]
    by_sid = {s["Sid"]: s for s in app["Statement"]}
    assert by_sid["PutEventImages"]["Action"] == "s3:PutObject"
    assert by_sid["PutEventImages"]["Resource"] == "arn:aws:s3:::tickr-event-images/*"
    ses = f"arn:aws:ses:eu-west-1:{account}:"
    assert by_sid["SendTemplatedEmailFromTheStacksIdentities"]["Action"] == "ses:SendTemplatedEmail"
    assert sorted(by_sid["SendTemplatedEmailFromTheStacksIdentities"]["Resource"]) == sorted([
        ses + "identity/tickr.tn", ses + "identity/noreply@tickr.tn", ses + "identity/support@tickr.tn",
        ses + "configuration-set/tickr-transactional", ses + "template/*"])
    assert by_sid["PublishSms"]["Action"] == "sns:Publish"
    assert by_sid["PutTickrMetrics"]["Condition"] == {"StringEquals": {"cloudwatch:namespace": "Tickr"}}
    assert sorted(by_sid["SendTracesToXRay"]["Action"]) == ["xray:GetSamplingRules", "xray:GetSamplingTargets",
                                                            "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    actions = [a for s in app["Statement"] for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])]
    assert not any(a.endswith("*") for a in actions), "no wildcard actions"


def test_alb_target_group_and_listeners(deployed):
    emulator = deployed[0]
    elb, ec2 = emulator.client("elbv2"), emulator.client("ec2")
    groups = {g["GroupName"]: g["GroupId"] for g in ec2.describe_security_groups(
        Filters=[{"Name": "group-name", "Values": ["tickr-alb-sg", "tickr-ecs-sg"]}])["SecurityGroups"]}
    public = {s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "tag:Tier", "Values": ["public"]}])["Subnets"]}
    lb = elb.describe_load_balancers(Names=["tickr-alb"])["LoadBalancers"][0]
    assert lb["Scheme"] == "internet-facing" and lb["Type"] == "application"
    assert {z["SubnetId"] for z in lb["AvailabilityZones"]} == public
    assert lb["SecurityGroups"] == [groups["tickr-alb-sg"]]
    tg = elb.describe_target_groups(Names=["tickr-backend-tg"])["TargetGroups"][0]
    assert (tg["TargetType"], tg["Port"], tg["Protocol"]) == ("ip", 3000, "HTTP")
    assert tg["HealthCheckPath"] == "/health"
    listeners = {l["Port"]: l for l in elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]}
    assert sorted(listeners) == [80, 443]
    assert listeners[80]["Protocol"] == "HTTP"
    redirect = listeners[80]["DefaultActions"][0]
    assert redirect["Type"] == "redirect"
    assert (redirect["RedirectConfig"]["Protocol"], redirect["RedirectConfig"]["Port"],
            redirect["RedirectConfig"]["StatusCode"]) == ("HTTPS", "443", "HTTP_301")
    https = listeners[443]
    assert https["Protocol"] == "HTTPS"
    assert https["DefaultActions"] == [{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}]
    certificate = emulator.client("acm").describe_certificate(
        CertificateArn=https["Certificates"][0]["CertificateArn"])["Certificate"]
    assert certificate["DomainName"] == "api.tickr.tn" and certificate["Status"] == "ISSUED"
    assert certificate["DomainValidationOptions"][0]["ValidationMethod"] == "DNS"


def test_cluster_service_and_autoscaling(deployed):
    emulator = deployed[0]
    ecs, ec2 = emulator.client("ecs"), emulator.client("ec2")
    cluster = ecs.describe_clusters(clusters=[CLUSTER], include=["SETTINGS"])["clusters"][0]
    assert cluster["status"] == "ACTIVE"
    assert cluster["settings"] == [{"name": "containerInsights", "value": "enabled"}]
    service = ecs.describe_services(cluster=CLUSTER, services=[SERVICE])["services"][0]
    assert service["launchType"] == "FARGATE" and service["desiredCount"] == 2
    assert service["taskDefinition"].endswith("task-definition/tickr-backend:1")
    assert service["deploymentController"] == {"type": "ECS"}
    assert service["deploymentConfiguration"] == {
        "maximumPercent": 200, "minimumHealthyPercent": 100,
        "deploymentCircuitBreaker": {"enable": True, "rollback": True}}
    private = {s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "tag:Tier", "Values": ["private"]}])["Subnets"]}
    ecs_sg = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["tickr-ecs-sg"]}])["SecurityGroups"][0]
    vpc = service["networkConfiguration"]["awsvpcConfiguration"]
    assert set(vpc["subnets"]) == private
    assert vpc["securityGroups"] == [ecs_sg["GroupId"]]
    assert vpc["assignPublicIp"] == "DISABLED"
    tg = emulator.client("elbv2").describe_target_groups(Names=["tickr-backend-tg"])["TargetGroups"][0]
    assert service["loadBalancers"] == [{"targetGroupArn": tg["TargetGroupArn"], "containerName": "backend",
                                         "containerPort": 3000}]
    # The run waited for ECS's deployment: the spec's 2 tasks run.
    service, primary = service_and_deployment(emulator)
    assert service["runningCount"] == 2
    assert (primary["rolloutState"], primary["runningCount"], primary["desiredCount"]) == ("COMPLETED", 2, 2)
    running = ecs.list_tasks(cluster=CLUSTER, serviceName=SERVICE, desiredStatus="RUNNING")["taskArns"]
    assert len(running) == 2

    aas = emulator.client("application-autoscaling")
    resource = f"service/{CLUSTER}/{SERVICE}"
    targets = aas.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource])["ScalableTargets"]
    assert [(t["MinCapacity"], t["MaxCapacity"]) for t in targets] == [(2, 10)]
    policies = aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource)["ScalingPolicies"]
    tracking = {p["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"]["PredefinedMetricType"]:
                p["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] for p in policies}
    assert tracking == {"ECSServiceAverageCPUUtilization": 70.0, "ECSServiceAverageMemoryUtilization": 80.0}
    assert {p["PolicyType"] for p in policies} == {"TargetTrackingScaling"}


def test_jwt_secret_is_never_printed(deployed):
    emulator, first = deployed
    secret = emulator.client("secretsmanager").get_secret_value(SecretId="tickr/jwt/secret")["SecretString"]
    assert secret not in first.output


def test_second_run_check_mode_and_a_new_image_tag(deployed, run_playbook):
    emulator = deployed[0]
    ecs = emulator.client("ecs")
    jwt_before = emulator.client("secretsmanager").get_secret_value(SecretId="tickr/jwt/secret")["SecretString"]
    second = run_playbook(emulator.env, extra=TAGS)
    assert second.returncode == 0, second.output[-3000:]
    assert second.changed == 0
    check = run_playbook(emulator.env, extra=TAGS + ["--check", "--diff"])
    assert check.returncode == 0, check.output[-3000:]
    assert check.changed == 0
    assert ecs.list_task_definitions(familyPrefix=FAMILY)["taskDefinitionArns"][-1].endswith(":1")

    # A new tag in the inventory starts new services only; the running one keeps its image until a release.
    push_backend_image(emulator, "v1.2.3")
    tagged = run_playbook(emulator.env, extra=TAGS + ["-e", "ecs_service_image_tag=v1.2.3"])
    assert tagged.returncode == 0 and tagged.changed == 0, tagged.output[-3000:]
    deploy = run_playbook(emulator.env, playbook="playbooks/release.yml", extra=["-e", "tickr_release_image=v1.2.3"])
    assert deploy.returncode == 0, deploy.output[-3000:]
    revisions = [arn.rsplit(":", 1)[1] for arn in ecs.list_task_definitions(familyPrefix=FAMILY)["taskDefinitionArns"]]
    assert revisions == ["1", "2"], "exactly one new revision"
    latest = ecs.describe_task_definition(taskDefinition=f"{FAMILY}:2")["taskDefinition"]
    backend = [c for c in latest["containerDefinitions"] if c["name"] == "backend"][0]
    digest = emulator.client("ecr").describe_images(repositoryName=FAMILY, imageIds=[{"imageTag": "v1.2.3"}])["imageDetails"][0]
    assert backend["image"].endswith("/tickr-backend@" + digest["imageDigest"])
    service, primary = service_and_deployment(emulator)
    assert service["taskDefinition"].endswith("task-definition/tickr-backend:2")
    assert primary["taskDefinition"] == service["taskDefinition"] and primary["rolloutState"] == "COMPLETED"

    again = run_playbook(emulator.env, extra=TAGS)
    assert again.returncode == 0, again.output[-3000:]
    assert again.changed == 0
    assert len(ecs.list_task_definitions(familyPrefix=FAMILY)["taskDefinitionArns"]) == 2
    jwt_after = emulator.client("secretsmanager").get_secret_value(SecretId="tickr/jwt/secret")["SecretString"]
    assert jwt_after == jwt_before, "the JWT secret is generated once"


SCALING_PLAY = """
- name: Drive tickr.aws.application_autoscaling_scalable_target on the deployed service
  hosts: tickr_stacks
  gather_facts: false
  module_defaults:
    group/tickr.aws.aws:
      region: "{{{{ tickr_region }}}}"
  tasks:
{tasks}
"""


def _scaling_tasks(*tasks):
    """Tasks of the scalable target module on the service: (name, min, max, extra task keywords)."""
    lines = []
    for name, low, high, extra in tasks:
        lines += [f"    - name: {name}", "      tickr.aws.application_autoscaling_scalable_target:",
                  "        service_namespace: ecs", f"        resource_id: service/{CLUSTER}/{SERVICE}",
                  "        scalable_dimension: ecs:service:DesiredCount",
                  f"        min_capacity: {low}", f"        max_capacity: {high}"]
        lines += [f"      {key}: {value}" for key, value in extra.items()]
    return SCALING_PLAY.format(tasks="\n".join(lines))


def _results(run):
    return {task["task"]["name"]: task["hosts"]["tickr-local"] for play in run.result["plays"] for task in play["tasks"]}


def _bounds(emulator):
    targets = emulator.client("application-autoscaling").describe_scalable_targets(
        ServiceNamespace="ecs", ResourceIds=[f"service/{CLUSTER}/{SERVICE}"])["ScalableTargets"]
    return [(t["MinCapacity"], t["MaxCapacity"]) for t in targets]


def test_scalable_target_module_reads_in_check_mode_and_refuses_min_above_max(deployed, run_playbook, proxy_factory,
                                                                              tmp_path):
    emulator = deployed[0]
    playbook = tmp_path / "check.yml"
    playbook.write_text(_scaling_tasks(("same", 2, 10, {"check_mode": "true"}), ("drift", 2, 12, {"check_mode": "true"}),
                                       ("refused", 5, 3, {"ignore_errors": "true"})))
    proxy = proxy_factory()
    run = run_playbook(proxy.env, playbook=str(playbook))
    assert run.returncode == 0, run.output[-3000:]
    results = _results(run)
    assert results["same"]["changed"] is False
    assert results["same"]["diff"] == {"before": {"min_capacity": 2, "max_capacity": 10},
                                       "after": {"min_capacity": 2, "max_capacity": 10}}
    assert (results["same"]["scalable_target"]["min_capacity"], results["same"]["scalable_target"]["max_capacity"]) == (2, 10)
    assert results["drift"]["changed"] is True
    assert results["drift"]["diff"]["after"] == {"min_capacity": 2, "max_capacity": 12}
    assert results["refused"]["failed"] is True
    assert "min_capacity (5) must not exceed max_capacity (3)" in results["refused"]["msg"]
    stats = proxy.stats()
    assert stats["mutating"] == 0, stats["mutations"]
    assert _bounds(emulator) == [(2, 10)]


def test_scalable_target_module_updates_the_bounds_once(deployed, run_playbook, tmp_path):
    emulator = deployed[0]
    playbook = tmp_path / "update.yml"
    playbook.write_text(_scaling_tasks(("raise", 2, 12, {}), ("raise again", 2, 12, {})))
    run = run_playbook(emulator.env, playbook=str(playbook))
    assert run.returncode == 0, run.output[-3000:]
    results = _results(run)
    assert results["raise"]["changed"] is True and results["raise again"]["changed"] is False
    assert results["raise"]["diff"] == {"before": {"min_capacity": 2, "max_capacity": 10},
                                        "after": {"min_capacity": 2, "max_capacity": 12}}
    assert results["raise again"]["scalable_target"]["max_capacity"] == 12
    assert _bounds(emulator) == [(2, 12)]
    playbook.write_text(_scaling_tasks(("back", 2, 10, {})))
    back = run_playbook(emulator.env, playbook=str(playbook))
    assert back.returncode == 0 and back.changed == 1, back.output[-3000:]
    assert _bounds(emulator) == [(2, 10)]


def test_the_role_applies_new_bounds_and_keeps_the_count_auto_scaling_chose(deployed, run_playbook, proxy_factory):
    emulator = deployed[0]
    ecs = emulator.client("ecs")
    ecs.update_service(cluster=CLUSTER, service=SERVICE, desiredCount=3)  # as auto scaling would under load
    current = TAGS
    raised = current + ["-e", "ecs_service_autoscaling_max=12"]
    proxy = proxy_factory()
    check = run_playbook(proxy.env, extra=raised + ["--check", "--diff"])
    assert check.returncode == 0 and check.changed == 1, check.failure_messages() or check.output[-3000:]
    assert proxy.stats()["mutating"] == 0, proxy.stats()["mutations"]
    assert _bounds(emulator) == [(2, 10)]
    for extra, bounds in ((raised, (2, 12)), (current, (2, 10))):
        run = run_playbook(emulator.env, extra=extra)
        assert run.returncode == 0 and run.changed == 1, run.failure_messages() or run.output[-3000:]
        assert _bounds(emulator) == [bounds]
        assert ecs.describe_services(cluster=CLUSTER, services=[SERVICE])["services"][0]["desiredCount"] == 3


def test_a_rerun_takes_back_a_scaling_policy_changed_by_hand(deployed, run_playbook, proxy_factory):
    # The bounds and policies are read and compared in one module run: a policy changed by hand is put back, and the
    # bounds and the other policy, as planned, are left alone.
    emulator = deployed[0]
    aas = emulator.client("application-autoscaling")
    resource = f"service/{CLUSTER}/{SERVICE}"
    aas.put_scaling_policy(
        PolicyName=f"{SERVICE}-cpu", ServiceNamespace="ecs", ResourceId=resource, ScalableDimension="ecs:service:DesiredCount",
        PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 95.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
            "ScaleOutCooldown": 60, "ScaleInCooldown": 300})
    current = TAGS
    proxy = proxy_factory()
    check = run_playbook(proxy.env, extra=current + ["--check"])
    assert check.returncode == 0 and check.changed == 1, check.failure_messages() or check.output[-3000:]
    assert proxy.stats()["mutating"] == 0, proxy.stats()["mutations"]
    rerun = run_playbook(emulator.env, extra=current)
    assert rerun.returncode == 0 and rerun.changed == 1, rerun.failure_messages() or rerun.output[-3000:]
    [policy] = aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource,
                                             PolicyNames=[f"{SERVICE}-cpu"])["ScalingPolicies"]
    assert policy["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 70.0


def test_destroy_deregisters_the_scalable_target(deployed, run_playbook):
    """The last test on the deployed service: it takes it down."""
    emulator = deployed[0]
    destroy = ["-e", "tickr_destroy_confirm=tickr-local", "--tags", "ecs_service"]
    run = run_playbook(emulator.env, playbook="playbooks/destroy.yml", extra=destroy)
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    assert _bounds(emulator) == []
    aas = emulator.client("application-autoscaling")
    assert aas.describe_scaling_policies(ServiceNamespace="ecs")["ScalingPolicies"] == []
    again = run_playbook(emulator.env, playbook="playbooks/destroy.yml", extra=destroy)
    assert again.returncode == 0 and again.changed == 0, again.failure_messages() or again.output[-3000:]


@pytest.mark.parametrize(
    "extra_vars, variable, rule",
    [
        ({"ecs_service_cpu": 512, "ecs_service_memory": 512}, "ecs_service_memory", "not a Fargate memory value for ecs_service_cpu=512"),
        ({"ecs_service_cpu": 300}, "ecs_service_cpu", "not a Fargate cpu value"),
        ({"ecs_service_log_retention_days": 10}, "ecs_service_log_retention_days", "not a retention CloudWatch Logs accepts"),
        ({"ecs_service_image_tag": "bad tag!"}, "ecs_service_image_tag", "is not a Docker image tag"),
        ({"ecs_service_desired_count": 12}, "ecs_service_desired_count", "must lie between ecs_service_autoscaling_min"),
        ({"ecs_service_autoscaling_cpu_target": 150}, "ecs_service_autoscaling_cpu_target", "is not a percentage above 0 and at most 100"),
        ({"ecs_service_missing_secrets": "maybe"}, "ecs_service_missing_secrets", "must be one of: fail, warn"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable, rule):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "ecs_service", "-e", json.dumps(extra_vars)])
    assert run.returncode != 0
    messages = " ".join(run.failure_messages())
    assert variable in messages and rule in messages, messages
    assert fresh_emulator.client("ecr").describe_repositories()["repositories"] == []
    assert fresh_emulator.client("secretsmanager").list_secrets()["SecretList"] == []
    assert fresh_emulator.client("ecs").list_clusters()["clusterArns"] == []


def test_missing_database_secret_fails_clearly_when_asked(fresh_emulator, run_playbook):
    network = run_playbook(fresh_emulator.env, extra=["--tags", "networking"])
    assert network.returncode == 0, network.output[-3000:]
    run = run_playbook(fresh_emulator.env, extra=["--tags", "ecs_service", "-e", "ecs_service_missing_secrets=fail"])
    assert run.returncode != 0
    messages = " ".join(run.failure_messages())
    assert "tickr/db/password" in messages and "run the rds and redis roles first" in messages, messages
    assert fresh_emulator.client("ecr").describe_repositories()["repositories"] == []
    assert fresh_emulator.client("secretsmanager").list_secrets()["SecretList"] == []
