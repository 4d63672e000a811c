"""tickr.aws.ecs_taskdefinition_image, ecs_service_rollout, ecs_service_image_info and ecs_task_run on a stubbed ECS:
a revision that differs from the running one only by the image and records the revision it replaced; a service
rolled to a revision, or back to the recorded one, with its deployment alarms; the image a service runs; a one-off
task's exit code; nothing written in check mode or when there is nothing to change."""

import pytest

from ansible_collections.tickr.aws.plugins.modules import (
    ecs_service_image_info,
    ecs_service_rollout,
    ecs_task_run,
    ecs_taskdefinition_image,
)

from module_runner import run_stubbed

TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:{}"
REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend"
NEW = REPO + "@sha256:" + "b" * 64
BACKEND = {"name": "backend", "image": REPO + ":latest", "essential": True, "environment": [{"name": "PORT", "value": "3000"}]}
COLLECTOR = {"name": "aws-otel-collector", "image": REPO + "-otel:v1", "essential": False}
SOURCE = {"taskDefinitionArn": TD.format(3), "family": "tickr-backend", "revision": 3, "status": "ACTIVE",
          "containerDefinitions": [BACKEND, COLLECTOR], "networkMode": "awsvpc", "cpu": "512", "memory": "1024",
          "requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"],
          "taskRoleArn": "arn:aws:iam::123456789012:role/tickrBackendTaskRole",
          "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
          "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"}]}
DESCRIBE = ("describe_task_definition", {"taskDefinition": SOURCE, "tags": [{"key": "team", "value": "platform"}]},
            {"taskDefinition": TD.format(3), "include": ["TAGS"]})
IMAGE_ARGS = {"task_definition": TD.format(3), "container": "backend", "image": NEW}


def test_a_new_image_registers_the_same_definition_with_that_image_and_the_revision_it_replaced():
    registered = {"family": "tickr-backend", "taskRoleArn": SOURCE["taskRoleArn"], "executionRoleArn": SOURCE["executionRoleArn"],
                  "networkMode": "awsvpc", "containerDefinitions": [dict(BACKEND, image=NEW), COLLECTOR],
                  "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024",
                  "tags": [{"key": "team", "value": "platform"}, {"key": "tickr:replaces", "value": TD.format(3)}]}
    result = run_stubbed(ecs_taskdefinition_image, "ecs", IMAGE_ARGS, [
        DESCRIBE,
        ("register_task_definition", {"taskDefinition": dict(SOURCE, taskDefinitionArn=TD.format(4), revision=4)}, registered),
    ])
    assert result["changed"] and not result["failed"]
    assert (result["task_definition"], result["replaced"]) == (TD.format(4), TD.format(3))
    assert (result["image"], result["previous_image"]) == (NEW, REPO + ":latest")


def test_the_image_already_running_registers_nothing():
    result = run_stubbed(ecs_taskdefinition_image, "ecs", dict(IMAGE_ARGS, image=REPO + ":latest"), [DESCRIBE])
    assert not result["changed"] and result["task_definition"] == TD.format(3)


def test_check_mode_registers_nothing():
    result = run_stubbed(ecs_taskdefinition_image, "ecs", IMAGE_ARGS, [DESCRIBE], check_mode=True)
    assert result["changed"] and result["task_definition"] == "" and result["replaced"] == TD.format(3)


def test_a_container_not_in_the_definition_is_named():
    result = run_stubbed(ecs_taskdefinition_image, "ecs", dict(IMAGE_ARGS, container="api"), [DESCRIBE])
    assert result["failed"] and result["msg"] == "Task definition tickr-backend:3 has no container api"


def _service(revision, alarms=None, desired=2):
    configuration = {"maximumPercent": 200, "minimumHealthyPercent": 100,
                     "deploymentCircuitBreaker": {"enable": True, "rollback": True}}
    if alarms:
        configuration["alarms"] = {"alarmNames": alarms, "enable": True, "rollback": True}
    return {"services": [{"serviceName": "s", "status": "ACTIVE", "taskDefinition": TD.format(revision),
                          "desiredCount": desired, "deploymentConfiguration": configuration}], "failures": []}


SERVICE = {"cluster": "c", "services": ["s"]}
ROLLOUT = {"cluster": "c", "service": "s", "task_definition": TD.format(4), "deployment_alarms": ["tickr-api-error-rate-high"]}


def _described(revision, tags=()):
    return ("describe_task_definition", {"taskDefinition": dict(SOURCE, taskDefinitionArn=TD.format(revision)),
                                         "tags": [{"key": k, "value": v} for k, v in tags]},
            {"taskDefinition": TD.format(revision), "include": ["TAGS"]})


def test_the_service_rolls_to_the_revision_with_its_deployment_alarms():
    configuration = _service(4, ["tickr-api-error-rate-high"])["services"][0]["deploymentConfiguration"]
    result = run_stubbed(ecs_service_rollout, "ecs", ROLLOUT, [
        ("describe_services", _service(3), SERVICE),
        _described(4),
        ("update_service", {"service": {}}, {"cluster": "c", "service": "s", "taskDefinition": TD.format(4),
                                             "deploymentConfiguration": configuration}),
    ])
    assert result["changed"] and (result["task_definition"], result["previous_task_definition"]) == (TD.format(4), TD.format(3))


def test_a_service_already_there_is_not_updated_and_check_mode_updates_nothing():
    unchanged = run_stubbed(ecs_service_rollout, "ecs", ROLLOUT, [
        ("describe_services", _service(4, ["tickr-api-error-rate-high"]), SERVICE), _described(4)])
    assert not unchanged["changed"]
    check = run_stubbed(ecs_service_rollout, "ecs", ROLLOUT, [("describe_services", _service(3), SERVICE), _described(4)],
                        check_mode=True)
    assert check["changed"] and not check["failed"]


def test_a_service_with_no_task_gets_the_desired_count():
    result = run_stubbed(ecs_service_rollout, "ecs", dict(ROLLOUT, deployment_alarms=[], desired_count=2), [
        ("describe_services", _service(3, desired=0), SERVICE),
        _described(4),
        ("update_service", {"service": {}}, {"cluster": "c", "service": "s", "taskDefinition": TD.format(4),
                                             "desiredCount": 2}),
    ])
    assert result["changed"]


def test_rollback_returns_to_the_recorded_revision():
    result = run_stubbed(ecs_service_rollout, "ecs", {"cluster": "c", "service": "s", "rollback": True}, [
        ("describe_services", _service(4), SERVICE),
        _described(4, [("tickr:replaces", TD.format(3))]),
        ("update_service", {"service": {}}, {"cluster": "c", "service": "s", "taskDefinition": TD.format(3)}),
    ])
    assert result["changed"] and result["task_definition"] == TD.format(3)


@pytest.mark.parametrize("found, message", [
    ({"services": [], "failures": [{"arn": "s", "reason": "MISSING"}]}, "ECS service s does not exist in cluster c: run site.yml first"),
])
def test_a_missing_service_is_named(found, message):
    result = run_stubbed(ecs_service_rollout, "ecs", ROLLOUT, [("describe_services", found, SERVICE)])
    assert result["failed"] and result["msg"] == message


def test_rollback_without_a_record_says_there_is_nothing_to_go_back_to():
    result = run_stubbed(ecs_service_rollout, "ecs", {"cluster": "c", "service": "s", "rollback": True}, [
        ("describe_services", _service(1), SERVICE), _described(1)])
    assert result["failed"]
    assert result["msg"] == ("ECS service s runs tickr-backend:1, which records no earlier release (tag tickr:replaces): "
                             "there is nothing to roll back to")


# --- ecs_service_image_info ----------------------------------------------------------------------------------

INFO = {"cluster": "c", "service": "s", "container": "backend"}


def test_the_image_the_service_runs_with_its_network():
    service = _service(3)
    service["services"][0]["networkConfiguration"] = {"awsvpcConfiguration": {"subnets": ["subnet-1"], "securityGroups": ["sg-1"]}}
    service["services"][0]["runningCount"] = 1
    result = run_stubbed(ecs_service_image_info, "ecs", INFO, [("describe_services", service, SERVICE), _described(3)])
    assert (result["exists"], result["image"], result["task_definition"]) == (True, REPO + ":latest", TD.format(3))
    assert (result["subnets"], result["security_groups"], result["desired_count"]) == (["subnet-1"], ["sg-1"], 2)
    assert result["running_count"] == 1
    assert (result["cpu"], result["memory"]) == ("512", "1024")


@pytest.mark.parametrize("answer", ["ClusterNotFoundException", {"services": [], "failures": [{"arn": "s", "reason": "MISSING"}]}])
def test_no_cluster_or_no_service_is_no_error(answer):
    result = run_stubbed(ecs_service_image_info, "ecs", INFO, [("describe_services", answer, SERVICE)])
    assert not result["failed"] and (result["exists"], result["image"], result["cpu"]) == (False, "", "")


# --- ecs_task_run ----------------------------------------------------------------------------------------------

LOGGED = dict(SOURCE, containerDefinitions=[dict(BACKEND, logConfiguration={"logDriver": "awslogs", "options": {
    "awslogs-group": "/ecs/tickr-backend", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "ecs"}})])
TASK = "arn:aws:ecs:eu-west-1:123456789012:task/c/0f4b1d6e"
RUN = {"cluster": "c", "task_definition": TD.format(4), "container": "backend", "command": ["npm", "run", "migration:run"],
       "subnets": ["subnet-1"], "security_groups": ["sg-1"], "delay": 0, "timeout": 1}


def _task_run(exit_code=None, reason="Essential container in task exited"):
    container = {"name": "backend"} if exit_code is None else {"name": "backend", "exitCode": exit_code}
    stopped = {"tasks": [{"taskArn": TASK, "lastStatus": "STOPPED", "stoppedReason": reason, "containers": [container]}]}
    return [
        ("describe_task_definition", {"taskDefinition": dict(LOGGED, taskDefinitionArn=TD.format(4))},
         {"taskDefinition": TD.format(4), "include": ["TAGS"]}),
        ("run_task", {"tasks": [{"taskArn": TASK}], "failures": []}, {
            "cluster": "c", "taskDefinition": TD.format(4), "count": 1, "launchType": "FARGATE", "startedBy": "tickr.aws",
            "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "securityGroups": ["sg-1"],
                                                             "assignPublicIp": "DISABLED"}},
            "overrides": {"containerOverrides": [{"name": "backend", "command": ["npm", "run", "migration:run"]}]}}),
        ("describe_tasks", stopped, {"cluster": "c", "tasks": [TASK]}),
        ("describe_tasks", stopped, {"cluster": "c", "tasks": [TASK]}),
    ]


def test_a_command_that_exits_0_passes_with_its_log_stream():
    result = run_stubbed(ecs_task_run, "ecs", RUN, _task_run(0))
    assert not result["failed"] and result["changed"] and result["exit_code"] == 0
    assert result["log_stream"] == "/ecs/tickr-backend ecs/backend/0f4b1d6e"


def test_a_non_zero_exit_fails_naming_the_code_and_the_log_stream():
    result = run_stubbed(ecs_task_run, "ecs", RUN, _task_run(3))
    assert result["failed"] and result["exit_code"] == 3
    assert result["msg"] == "Task 0f4b1d6e (npm run migration:run) exited with code 3; its log: /ecs/tickr-backend ecs/backend/0f4b1d6e"


def test_a_task_that_did_not_start_fails_with_ecs_reason():
    result = run_stubbed(ecs_task_run, "ecs", RUN, _task_run(None, "CannotPullContainerError: not found"))
    assert result["failed"] and "did not run: CannotPullContainerError: not found" in result["msg"]


def test_check_mode_runs_nothing():
    result = run_stubbed(ecs_task_run, "ecs", RUN, [], check_mode=True)
    assert result["changed"] and result["task_arn"] == ""
