"""tickr.aws.ecs_service_deployment: the waiter on the PRIMARY deployment's rolloutState, the failure message in
ECS's words, and the module run on a stubbed ECS (no call in check mode, AWS's message reaching the user)."""

import datetime

import boto3
import pytest
from botocore.exceptions import WaiterError
from botocore.stub import Stubber

from ansible_collections.tickr.aws.plugins.module_utils.ecs import get_waiter
from ansible_collections.tickr.aws.plugins.modules import ecs_service_deployment
from ansible_collections.tickr.aws.plugins.modules.ecs_service_deployment import (
    attempts,
    deployment_result,
    failure_message,
    rolled_back,
    same_task_definition,
    stopped_reasons,
)

from module_runner import run_module, stubbed

TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:{}"


def _service(state, revision=2, deployments=None, events=None):
    primary = {"id": "ecs-svc/2", "status": "PRIMARY", "rolloutState": state, "taskDefinition": TD.format(revision),
               "runningCount": 2 if state == "COMPLETED" else 0, "desiredCount": 2, "failedTasks": 0}
    if state == "FAILED":
        primary["rolloutStateReason"] = "ECS deployment circuit breaker: tasks failed to start."
    return {"serviceName": "tickr-backend-service", "status": "ACTIVE",
            "deployments": [primary] + (deployments or []), "events": events or []}


class _Waiter:
    """The deployment's waiter, three attempts without a pause."""

    def __init__(self, waiter):
        self._waiter = waiter

    def wait(self, **params):
        self._waiter.wait(WaiterConfig={"Delay": 0, "MaxAttempts": 3}, **params)


def _waiter(responses):
    client = boto3.client("ecs", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x")
    stubber = Stubber(client)
    for response in responses:
        stubber.add_response("describe_services", response, {"cluster": "c", "services": ["s"]})
    stubber.activate()
    return _Waiter(get_waiter(client, "primary_deployment_completed")), stubber


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


ARGS = {"cluster": "c", "service": "s", "task_definition": TD.format(2), "delay": 0, "timeout": 3}
DESCRIBE = {"cluster": "c", "services": ["s"]}
STOPPED = {"taskArn": "arn:aws:ecs:eu-west-1:123456789012:task/c/1", "taskDefinitionArn": TD.format(2),
           "stoppedAt": datetime.datetime(2026, 12, 2, 6, 0, tzinfo=datetime.timezone.utc),
           "stoppedReason": "CannotPullContainerError: pull image manifest has been retried 7 time(s): not found"}
EVENTS = [{"id": "e1", "createdAt": datetime.datetime(2026, 12, 2, 6, 0, 1, tzinfo=datetime.timezone.utc),
           "message": "(service s) (deployment ecs-svc/2) deployment failed: tasks failed to start."}]


def _described(*services):
    return [{"services": [service], "failures": []} for service in services]


def _run(answers, args=None, check_mode=False):
    """The module's result, ECS answering ``answers`` (operation, response or error code) in turn."""
    client, stub = stubbed("ecs")
    expected = {"describe_services": DESCRIBE, "list_tasks": {"cluster": "c", "serviceName": "s", "desiredStatus": "STOPPED"},
                "describe_tasks": {"cluster": "c", "tasks": [STOPPED["taskArn"]]}}
    for operation, answer in answers:
        if isinstance(answer, str):
            stub.add_client_error(operation, service_error_code=answer, service_message=f"ECS refused: {answer}",
                                  http_status_code=400, expected_params=expected[operation])
        else:
            stub.add_response(operation, answer, expected[operation])
    with stub:
        result = run_module(ecs_service_deployment, dict(ARGS, **(args or {})), client, check_mode=check_mode)
    stub.assert_no_pending_responses()
    return result


def test_check_mode_makes_no_call():
    assert _run([], check_mode=True) == {"changed": False, "deployment": {}, "failed": False}


def test_a_completed_deployment_is_returned():
    answers = [("describe_services", a) for a in _described(_service("IN_PROGRESS"), _service("COMPLETED"), _service("COMPLETED"))]
    result = _run(answers)
    assert result["failed"] is False and result["changed"] is False
    assert result["deployment"] == deployment_result(_service("COMPLETED")["deployments"][0])


def test_a_failed_deployment_fails_with_ecss_reasons():
    failed = _service("FAILED", events=EVENTS)
    answers = [("describe_services", {"services": [failed], "failures": []}),
               ("describe_services", {"services": [failed], "failures": []}),
               ("list_tasks", {"taskArns": [STOPPED["taskArn"]]}),
               ("describe_tasks", {"tasks": [STOPPED], "failures": []})]
    result = _run(answers)
    assert result["failed"] is True
    assert result["msg"].startswith("The deployment of ECS service s failed. PRIMARY deployment ecs-svc/2: FAILED "
                                    "(ECS deployment circuit breaker: tasks failed to start.), 0 of 2 tasks running")
    assert "stopped tasks: CannotPullContainerError: pull image manifest has been retried 7 time(s): not found" in result["msg"]
    assert result["msg"].endswith("latest service events: (service s) (deployment ecs-svc/2) deployment failed: tasks failed to start.")
    assert result["deployment"]["rollout_state"] == "FAILED"


def test_the_timeout_is_named():
    answers = [("describe_services", a) for a in _described(*[_service("IN_PROGRESS")] * 4)] + [("list_tasks", {"taskArns": []})]
    result = _run(answers)
    assert result["failed"] is True
    assert result["msg"].startswith("The deployment of ECS service s did not complete within 3 s. PRIMARY deployment ecs-svc/2: IN_PROGRESS")


def test_a_rollback_fails():
    answers = [("describe_services", a) for a in _described(_service("COMPLETED", revision=1), _service("COMPLETED", revision=1),
                                                            _service("COMPLETED", revision=1))] + [("list_tasks", {"taskArns": []})]
    result = _run(answers)
    assert result["msg"].startswith("The deployment of ECS service s failed and ECS rolled it back (the service runs "
                                    "tickr-backend:1, not tickr-backend:2)")


def test_a_missing_service_is_named():
    result = _run([("describe_services", {"services": [], "failures": [{"arn": "s", "reason": "MISSING"}]})])
    assert (result["failed"], result["msg"]) == (True, "ECS service s does not exist in cluster c")


def test_aws_refusal_reaches_the_user_with_awss_message():
    result = _run([("describe_services", "AccessDeniedException")])
    assert result["failed"] is True
    assert result["msg"] == ("Failed to describe the ECS service: An error occurred (AccessDeniedException) when calling the "
                             "DescribeServices operation: ECS refused: AccessDeniedException")


def test_reasons_that_cannot_be_read_still_say_the_deployment_failed():
    failed = {"services": [_service("FAILED")], "failures": []}
    result = _run([("describe_services", failed), ("describe_services", failed), ("list_tasks", "AccessDeniedException")])
    assert result["failed"] is True
    assert result["msg"] == ("The deployment of ECS service s failed; its reasons could not be read: An error occurred "
                             "(AccessDeniedException) when calling the ListTasks operation: ECS refused: AccessDeniedException")
