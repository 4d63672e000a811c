"""What a release needs from ECS, over HTTP: a one-off Fargate task stops with its command's exit code, and a
service deployment whose deployment alarm is in ALARM fails and rolls back."""

import pytest

from test_patches_ecs_deployments import BREAKER, Stack, _primary


@pytest.fixture
def stack(fresh_emulator):
    return Stack(fresh_emulator).endpoints("ecr.api", "ecr.dkr")


def _run(stack, task_definition, command=None):
    network = {"awsvpcConfiguration": {"subnets": stack.subnets, "securityGroups": [stack.tasks_group]}}
    overrides = {"containerOverrides": [{"name": "c0", "command": command}]} if command else {}
    arn = stack.ecs.run_task(cluster="c", taskDefinition=task_definition, launchType="FARGATE",
                             networkConfiguration=network, overrides=overrides)["tasks"][0]["taskArn"]
    return stack.ecs.describe_tasks(cluster="c", tasks=[arn])["tasks"][0]


@pytest.mark.parametrize("command, code", [
    (["npm", "run", "migration:run"], 0),
    (["sh", "-c", "echo migrating; exit 3"], 3),
])
def test_a_one_off_task_stops_with_its_command_s_exit_code(stack, command, code):
    task = _run(stack, stack.task_definition(stack.image()), command)
    assert (task["lastStatus"], task["desiredStatus"]) == ("STOPPED", "STOPPED")
    assert (task["stopCode"], task["stoppedReason"]) == ("EssentialContainerExited", "Essential container in task exited")
    assert [c["exitCode"] for c in task["containers"]] == [code]


def test_the_task_definition_s_command_counts_and_a_task_without_one_keeps_running(stack):
    image = stack.image()
    assert _run(stack, stack.task_definition(image, command=["sh", "-c", "exit 1"]))["containers"][0]["exitCode"] == 1
    server = _run(stack, stack.task_definition(image))
    assert server["lastStatus"] == "RUNNING" and "stopCode" not in server


def test_a_task_that_cannot_start_keeps_its_start_failure(stack):
    task = _run(stack, stack.task_definition(stack.image().replace(":1.0", ":9.9")), ["sh", "-c", "exit 0"])
    assert task["stopCode"] == "TaskFailedToStart" and "not found" in task["stoppedReason"]


def _alarm(stack, state):
    cloudwatch = stack.emulator.client("cloudwatch")
    cloudwatch.put_metric_alarm(AlarmName="api-errors", MetricName="HTTPCode_Target_5XX_Count", Namespace="AWS/ApplicationELB",
                                Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1,
                                ComparisonOperator="GreaterThanThreshold")
    cloudwatch.set_alarm_state(AlarmName="api-errors", StateValue=state, StateReason="test")


def _alarms(rollback=True):
    return {**BREAKER, "alarms": {"alarmNames": ["api-errors"], "enable": True, "rollback": rollback}}


def test_a_deployment_whose_alarm_is_in_alarm_rolls_back(stack):
    first = stack.task_definition(stack.image())
    stack.service(first, deploymentConfiguration=BREAKER)
    previous = _primary(stack.described())["id"]
    _alarm(stack, "ALARM")
    second = stack.task_definition(stack.image(tag="1.1"))
    stack.ecs.update_service(cluster="c", service="s", taskDefinition=second, deploymentConfiguration=_alarms())
    service = stack.described()
    assert service["deploymentConfiguration"]["alarms"] == {"alarmNames": ["api-errors"], "enable": True, "rollback": True}
    assert service["taskDefinition"] == first
    primary = _primary(service)
    assert (primary["taskDefinition"], primary["rolloutState"], primary["runningCount"]) == (first, "COMPLETED", 2)
    assert {t["taskDefinitionArn"] for t in stack.tasks()} == {first}
    messages = [e["message"] for e in service["events"]]
    rolling = messages.index(f"(service s) rolling back to deployment {previous}.")
    assert messages[rolling + 1].endswith("deployment failed: alarm detected.")


def test_without_rollback_the_alarmed_deployment_stays_failed(stack):
    first = stack.task_definition(stack.image())
    stack.service(first, deploymentConfiguration=BREAKER)
    _alarm(stack, "ALARM")
    second = stack.task_definition(stack.image(tag="1.1"))
    stack.ecs.update_service(cluster="c", service="s", taskDefinition=second, deploymentConfiguration=_alarms(False))
    primary = _primary(stack.described())
    assert (primary["taskDefinition"], primary["rolloutState"]) == (second, "FAILED")


def test_an_alarm_in_ok_lets_the_deployment_complete(stack):
    stack.service(stack.task_definition(stack.image()), deploymentConfiguration=BREAKER)
    _alarm(stack, "OK")
    second = stack.task_definition(stack.image(tag="1.1"))
    stack.ecs.update_service(cluster="c", service="s", taskDefinition=second, deploymentConfiguration=_alarms())
    primary = _primary(stack.described())
    assert (primary["taskDefinition"], primary["rolloutState"]) == (second, "COMPLETED")
