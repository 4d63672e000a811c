"""playbooks/release.yml and rollback.yml on inventories/local: a release pins its image's digest in a revision that
differs from the running one only by the image, runs the migrations first and rolls the service; an infrastructure
rerun keeps it; a second release, then a rollback, return the first; a failing migration or a deployment alarm in
ALARM stops a release with the service left on what it ran."""

import json

import pytest

from conftest import create_data_secrets, push_backend_image, service_and_deployment

pytestmark = pytest.mark.integration

TAGS = ["--tags", "networking,ecs_service"]
CLUSTER, FAMILY = "tickr-cluster", "tickr-backend"
RELEASE, ROLLBACK = "playbooks/release.yml", "playbooks/rollback.yml"


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    create_data_secrets(emulator)
    push_backend_image(emulator)
    first = run_playbook(emulator.env, extra=TAGS)
    assert first.returncode == 0, first.output[-3000:]
    account = emulator.client("sts").get_caller_identity()["Account"]
    return emulator, f"{account}.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend"


def _release(run_playbook, emulator, image, *extra):
    return run_playbook(emulator.env, playbook=RELEASE, extra=["-e", json.dumps({"tickr_release_image": image}), *extra])


def _running(emulator):
    """The service's task definition and its backend's image."""
    service, primary = service_and_deployment(emulator)
    assert primary["rolloutState"] == "COMPLETED" and primary["taskDefinition"] == service["taskDefinition"]
    assert (service["desiredCount"], service["runningCount"]) == (2, 2)
    definition = emulator.client("ecs").describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
    return service["taskDefinition"], next(c["image"] for c in definition["containerDefinitions"] if c["name"] == "backend")


def _messages(run):
    return " ".join(run.failure_messages()) or run.output[-3000:]


def _debug_lines(run):
    return json.dumps(run.result)


def test_a_release_pins_the_digest_after_the_migrations_and_a_rerun_changes_nothing(deployed, run_playbook):
    emulator, repository = deployed
    ecs = emulator.client("ecs")
    before, image = _running(emulator)
    assert image == repository + ":latest"
    digest = push_backend_image(emulator, "v1.0.0")
    run = _release(run_playbook, emulator, "v1.0.0")
    assert run.returncode == 0, run.output[-3000:]
    arn, image = _running(emulator)
    assert image == f"{repository}@{digest}"
    assert arn.endswith(":2")
    old = ecs.describe_task_definition(taskDefinition=before)["taskDefinition"]
    new = ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
    assert {t["key"]: t["value"] for t in new["tags"]}["tickr:replaces"] == before
    # Nothing but the backend's image differs.
    for key in ("containerDefinitions", "taskDefinitionArn", "revision", "registeredAt"):
        old.pop(key, None)
        new["taskDefinition"].pop(key, None)
    assert new["taskDefinition"] == old
    # The migrations ran before, as a one-off task of the new revision in the service's subnets and group.
    stopped = ecs.list_tasks(cluster=CLUSTER, startedBy="tickr-release", desiredStatus="STOPPED")["taskArns"]
    assert len(stopped) == 1
    task = ecs.describe_tasks(cluster=CLUSTER, tasks=stopped)["tasks"][0]
    assert task["taskDefinitionArn"] == arn and task["overrides"]["containerOverrides"] == [
        {"name": "backend", "command": ["npm", "run", "migration:run"]}]
    assert next(c for c in task["containers"] if c["name"] == "backend")["exitCode"] == 0
    assert f"{repository}@{digest}" in _debug_lines(run) and "replacing" in _debug_lines(run)

    again = _release(run_playbook, emulator, "v1.0.0")
    assert again.returncode == 0, again.output[-3000:]
    assert again.changed == 0
    assert len(ecs.list_task_definitions(familyPrefix=FAMILY)["taskDefinitionArns"]) == 2


def test_an_infrastructure_rerun_keeps_the_released_digest(deployed, run_playbook):
    emulator, _repository = deployed
    released = _running(emulator)
    rerun = run_playbook(emulator.env, extra=TAGS)
    assert rerun.returncode == 0, rerun.output[-3000:]
    assert rerun.changed == 0
    check = run_playbook(emulator.env, extra=TAGS + ["--check"])
    assert check.returncode == 0 and check.changed == 0, check.output[-3000:]
    # A new image tag in the inventory starts new services only: the running one keeps its release.
    tagged = run_playbook(emulator.env, extra=TAGS + ["-e", "ecs_service_image_tag=v1.0.0"])
    assert tagged.returncode == 0 and tagged.changed == 0, tagged.output[-3000:]
    assert _running(emulator) == released


def test_a_second_release_by_digest_then_a_rollback_returns_the_first(deployed, run_playbook):
    emulator, repository = deployed
    first_arn, first_image = _running(emulator)
    digest = push_backend_image(emulator, "v2.0.0")
    run = _release(run_playbook, emulator, digest)
    assert run.returncode == 0, run.output[-3000:]
    assert _running(emulator)[1] == f"{repository}@{digest}"

    back = run_playbook(emulator.env, playbook=ROLLBACK)
    assert back.returncode == 0, back.output[-3000:]
    assert _running(emulator) == (first_arn, first_image)
    assert f"went back to {first_image} (tickr-backend:2)" in _debug_lines(back)


def test_a_failing_migration_stops_the_release_with_nothing_changed(deployed, run_playbook):
    emulator, _repository = deployed
    before = service_and_deployment(emulator)[0]
    push_backend_image(emulator, "v3.0.0")
    run = _release(run_playbook, emulator, "v3.0.0", "-e", json.dumps({"ecs_service_migration_command": ["sh", "-c", "exit 3"]}))
    assert run.returncode != 0
    message = _messages(run)
    assert "The release of v3.0.0 stops" in message and "exited with code 3" in message, message
    assert "its log: /ecs/tickr-backend ecs/backend/" in message, message
    assert f"still runs {before['taskDefinition'].split('/')[-1]}" in message, message
    after = service_and_deployment(emulator)[0]
    assert after["taskDefinition"] == before["taskDefinition"]
    assert [d["id"] for d in after["deployments"]] == [d["id"] for d in before["deployments"]]


def test_a_deployment_alarm_in_alarm_rolls_the_release_back(deployed, run_playbook):
    emulator, _repository = deployed
    before = _running(emulator)
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_metric_alarm(AlarmName="tickr-api-error-rate-high", MetricName="HTTPCode_Target_5XX_Count",
                                Namespace="AWS/ApplicationELB", Statistic="Sum", Period=300, EvaluationPeriods=1,
                                Threshold=5, ComparisonOperator="GreaterThanThreshold")
    cloudwatch.set_alarm_state(AlarmName="tickr-api-error-rate-high", StateValue="ALARM", StateReason="5XX")
    push_backend_image(emulator, "v3.0.0")
    run = _release(run_playbook, emulator, "v3.0.0")
    assert run.returncode != 0
    message = _messages(run)
    assert "The deployment of ECS service tickr-backend-service failed and ECS rolled it back" in message, message
    assert "rolling back to deployment" in message, message
    service = service_and_deployment(emulator)[0]
    assert service["deploymentConfiguration"]["alarms"] == {
        "alarmNames": ["tickr-api-error-rate-high"], "enable": True, "rollback": True}
    assert _running(emulator) == before


@pytest.mark.parametrize("image, rule", [
    ("v9-never-pushed", "ecs_service_release_image: the repository tickr-backend holds no image v9-never-pushed; push it first"),
    ("bad tag!", 'ecs_service_release_image: "bad tag!" is neither an image tag'),
    ("", "ecs_service_release_image: missing; playbooks/release.yml takes -e tickr_release_image=<tag or sha256:digest>"),
])
def test_an_image_that_cannot_be_released_is_named_before_any_change(deployed, run_playbook, image, rule):
    emulator, _repository = deployed
    revisions = emulator.client("ecs").list_task_definitions(familyPrefix=FAMILY)["taskDefinitionArns"]
    run = _release(run_playbook, emulator, image)
    assert run.returncode != 0 and rule in _messages(run), _messages(run)
    assert emulator.client("ecs").list_task_definitions(familyPrefix=FAMILY)["taskDefinitionArns"] == revisions


def test_ecs_exec_is_one_switch_of_the_inventory(deployed, run_playbook):
    emulator, _repository = deployed
    on = TAGS + ["-e", "tickr_ecs_exec=true"]
    run = run_playbook(emulator.env, extra=on)
    assert run.returncode == 0, run.output[-3000:]
    endpoints = emulator.client("ec2").describe_vpc_endpoints()["VpcEndpoints"]
    assert "com.amazonaws.eu-west-1.ssmmessages" in {e["ServiceName"] for e in endpoints}, "no NAT in V1"
    assert service_and_deployment(emulator)[0]["enableExecuteCommand"] is True
    policy = emulator.client("iam").get_role_policy(RoleName="tickrBackendTaskRole", PolicyName="tickr-backend-app")
    [statement] = [s for s in policy["PolicyDocument"]["Statement"] if s["Sid"] == "OpenECSExecChannels"]
    assert sorted(statement["Action"]) == ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                                           "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
    again = run_playbook(emulator.env, extra=on)
    assert again.returncode == 0 and again.changed == 0, again.output[-3000:]


def test_on_an_empty_repository_a_first_release_starts_the_spec_s_two_tasks(fresh_emulator, run_playbook):
    """The last test: it empties the account. A real account's first site.yml finds no image to run."""
    emulator = fresh_emulator
    create_data_secrets(emulator)
    first = run_playbook(emulator.env, extra=TAGS)
    assert first.returncode == 0, first.output[-3000:]
    assert "waiting for its first image" in _debug_lines(first)
    service, _primary = service_and_deployment(emulator)
    assert (service["desiredCount"], service["runningCount"]) == (0, 0)

    digest = push_backend_image(emulator, "v1.0.0")
    run = _release(run_playbook, emulator, "v1.0.0")
    assert run.returncode == 0, run.output[-3000:]
    assert _running(emulator)[1].endswith(f"/tickr-backend@{digest}")
