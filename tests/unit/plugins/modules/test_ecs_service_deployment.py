import boto3
import pytest
from botocore.exceptions import WaiterError
from botocore.stub import Stubber
from botocore.waiter import create_waiter_with_client

from ansible_collections.tickr.aws.plugins.modules.ecs_service_deployment import (
    WAITER_NAME,
    attempts,
    deployment_result,
    failure_message,
    rolled_back,
    same_task_definition,
    stopped_reasons,
    waiter_model,
)

TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:{}"


def _service(state, revision=2, deployments=None, events=None):
    primary = {"id": "ecs-svc/2", "status": "PRIMARY", "rolloutState": state, "taskDefinition": TD.format(revision),
               "runningCount": 2 if state == "COMPLETED" else 0, "desiredCount": 2, "failedTasks": 0}
    if state == "FAILED":
        primary["rolloutStateReason"] = "ECS deployment circuit breaker: tasks failed to start."
    return {"serviceName": "tickr-backend-service", "status": "ACTIVE",
            "deployments": [primary] + (deployments or []), "events": events or []}


def _waiter(responses):
    client = boto3.client("ecs", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x")
    stubber = Stubber(client)
    for response in responses:
        stubber.add_response("describe_services", response, {"cluster": "c", "services": ["s"]})
    stubber.activate()
    return create_waiter_with_client(WAITER_NAME, waiter_model(0, 3), client), stubber


def test_the_waiter_succeeds_once_the_primary_deployment_completes():
    waiter, stubber = _waiter([{"services": [_service("IN_PROGRESS")], "failures": []},
                               {"services": [_service("COMPLETED")], "failures": []}])
    waiter.wait(cluster="c", services=["s"])
    stubber.assert_no_pending_responses()


def test_the_waiter_fails_at_once_when_the_circuit_breaker_fails_the_deployment():
    active = {"id": "ecs-svc/1", "status": "ACTIVE", "rolloutState": "COMPLETED", "taskDefinition": TD.format(1)}
    waiter, _stubber = _waiter([{"services": [_service("FAILED", deployments=[active])], "failures": []}])
    with pytest.raises(WaiterError) as error:
        waiter.wait(cluster="c", services=["s"])
    assert "Max attempts exceeded" not in str(error.value)


def test_the_waiter_gives_up_after_its_attempts():
    waiter, _stubber = _waiter([{"services": [_service("IN_PROGRESS")], "failures": []}] * 3)
    with pytest.raises(WaiterError, match="Max attempts exceeded"):
        waiter.wait(cluster="c", services=["s"])


def test_the_waiter_fails_on_a_missing_service():
    waiter, _stubber = _waiter([{"services": [], "failures": [{"arn": "s", "reason": "MISSING"}]}])
    with pytest.raises(WaiterError):
        waiter.wait(cluster="c", services=["s"])


def test_attempts_cover_the_timeout():
    assert attempts(900, 15) == 60
    assert attempts(10, 15) == 1
    assert attempts(0, 0) == 1


def test_a_rollback_is_a_primary_deployment_of_another_task_definition():
    assert rolled_back(_service("COMPLETED", revision=1), TD.format(2))
    assert not rolled_back(_service("COMPLETED", revision=2), TD.format(2))
    assert not rolled_back(_service("COMPLETED", revision=2), "tickr-backend:2")
    assert not rolled_back(_service("COMPLETED", revision=1), None)
    assert same_task_definition(TD.format(3), "tickr-backend:3")
    assert not same_task_definition(TD.format(3), "tickr-backend:30")


def test_stopped_reasons_are_distinct_newest_first_and_of_the_task_definition():
    tasks = [
        {"taskDefinitionArn": TD.format(2), "stoppedAt": "2026-12-02T06:00:00Z",
         "stoppedReason": "CannotPullContainerError: pull image manifest has been retried 7 time(s): not found",
         "containers": [{"name": "backend", "reason": "CannotPullContainerError: not found"}]},
        {"taskDefinitionArn": TD.format(2), "stoppedAt": "2026-12-02T06:01:00Z",
         "stoppedReason": "CannotPullContainerError: pull image manifest has been retried 7 time(s): not found",
         "containers": [{"name": "backend"}]},
        {"taskDefinitionArn": TD.format(1), "stoppedAt": "2026-12-02T06:02:00Z", "stoppedReason": "Scaling activity"},
    ]
    assert stopped_reasons(tasks, TD.format(2)) == [
        "CannotPullContainerError: pull image manifest has been retried 7 time(s): not found",
        "backend: CannotPullContainerError: not found"]
    assert stopped_reasons(tasks)[0] == "Scaling activity"
    assert stopped_reasons([], TD.format(2)) == []


def test_the_failure_message_names_ecs_reasons_and_events():
    events = [{"createdAt": "2026-12-02T06:00:01Z", "message": "(service tickr-backend-service) rolling back to deployment ecs-svc/1."},
              {"createdAt": "2026-12-02T06:00:00Z",
               "message": "(service tickr-backend-service) (deployment ecs-svc/2) deployment failed: tasks failed to start."}]
    message = failure_message("tickr-backend-service", _service("FAILED", events=events), TD.format(2),
                              ["CannotPullContainerError: not found"], "failed")
    assert message.startswith("The deployment of ECS service tickr-backend-service failed")
    assert "ECS deployment circuit breaker: tasks failed to start." in message
    assert "stopped tasks: CannotPullContainerError: not found" in message
    assert message.index("rolling back to deployment ecs-svc/1") < message.index("deployment failed: tasks failed")
    assert "0 of 2 tasks running" in message


def test_the_result_is_snake_case():
    assert deployment_result(_service("COMPLETED")["deployments"][0]) == {
        "id": "ecs-svc/2", "rollout_state": "COMPLETED", "rollout_state_reason": None, "running_count": 2,
        "desired_count": 2, "failed_tasks": 0, "task_definition": TD.format(2)}
