#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecs_service_deployment
version_added: 0.1.0
short_description: Wait for an ECS service's deployment to complete, and fail with ECS's reason when it does not
description:
  - Waits, up to O(timeout) seconds, for the C(PRIMARY) deployment of an ECS service (rolling update, C(ECS)
    deployment controller) to reach the C(COMPLETED) rollout state, polling C(DescribeServices) through a botocore
    waiter.
  - Fails when the deployment's rollout state is C(FAILED) (the deployment circuit breaker stopped it), when ECS
    rolled the service back to an earlier deployment (the C(PRIMARY) deployment no longer runs O(task_definition)),
    or when the wait times out. The message names ECS's words - the deployment's C(rolloutStateReason), the
    C(stoppedReason) of the service's stopped tasks (C(ListTasks) with C(desiredStatus=STOPPED), C(DescribeTasks))
    and the service's latest events.
  - U(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html) (rolloutState),
    U(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html),
    U(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html).
  - amazon.aws and community.aws have no such module (community.aws.ecs_service waits for nothing, its
    C(wait) only for a deleted service).
  - Changes nothing. In check mode it does not wait and reports nothing.
author:
  - Tickr platform team (@tickr-tn)
options:
  task_definition:
    description:
      - The task definition the deployment rolls out (ARN, or C(family:revision)). When given, a C(PRIMARY)
        deployment running another task definition means ECS rolled the deployment back, and the module fails.
    type: str
  timeout:
    description: How long to wait, in seconds, before failing.
    type: int
    default: 900
  delay:
    description: Seconds between two C(DescribeServices) calls.
    type: int
    default: 15
extends_documentation_fragment:
  - tickr.aws.ecs
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Wait for the new task definition to run
  tickr.aws.ecs_service_deployment:
    cluster: tickr-cluster
    service: tickr-backend-service
    task_definition: "{{ taskdef.taskdefinition.taskDefinitionArn }}"
    timeout: 900
  when: service is changed
"""

RETURN = r"""
deployment:
  description: The service's C(PRIMARY) deployment once completed. Empty in check mode.
  returned: always
  type: dict
  contains:
    id:
      description: The deployment's id.
      type: str
      sample: ecs-svc/1234567890123456789
    rollout_state:
      description: C(COMPLETED) on success.
      type: str
      sample: COMPLETED
    rollout_state_reason:
      description: ECS's description of the rollout state.
      type: str
      sample: ECS deployment ecs-svc/1234567890123456789 completed.
    running_count:
      description: Tasks of the deployment that run.
      type: int
      sample: 2
    desired_count:
      description: Tasks the deployment asks for.
      type: int
      sample: 2
    failed_tasks:
      description: Tasks of the deployment that failed to start.
      type: int
      sample: 0
    task_definition:
      description: The task definition the deployment runs.
      type: str
      sample: arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:3
"""

from ansible_collections.tickr.aws.plugins.module_utils import ecs
from ansible_collections.tickr.aws.plugins.module_utils.ecs import AnsibleECSError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# How many stopped tasks and events the failure message quotes: enough to name the cause, not a page of them.
STOPPED_TASKS_QUOTED = 10
EVENTS_QUOTED = 5


def attempts(timeout, delay):
    return max(1, -(-int(timeout) // max(1, int(delay))))


def primary_deployment(service):
    return next((d for d in (service or {}).get("deployments", []) if d.get("status") == "PRIMARY"), {})


def same_task_definition(arn, wanted):
    """Whether a task definition ARN is the one asked for, given as an ARN or family:revision."""
    if not wanted:
        return True
    return (arn or "") == wanted or (arn or "").split("/")[-1] == wanted.split("/")[-1]


def rolled_back(service, task_definition):
    """ECS rolled back when the PRIMARY deployment runs another task definition than the one deployed."""
    primary = primary_deployment(service)
    return bool(primary) and not same_task_definition(primary.get("taskDefinition"), task_definition)


def stopped_reasons(tasks, task_definition=None):
    """The distinct reasons of stopped tasks (of the task definition asked for, when given), newest first: the task's
    stoppedReason, then each container's reason that adds to it."""
    reasons = []
    ordered = sorted(tasks or [], key=lambda t: str(t.get("stoppedAt") or t.get("createdAt") or ""), reverse=True)
    for task in ordered:
        if not same_task_definition(task.get("taskDefinitionArn"), task_definition):
            continue
        stopped = task.get("stoppedReason") or ""
        found = [stopped] + [f"{c.get('name')}: {c['reason']}" for c in task.get("containers", [])
                             if c.get("reason") and c["reason"] not in stopped]
        for reason in found:
            if reason and reason not in reasons:
                reasons.append(reason)
    return reasons


def event_messages(service, count=EVENTS_QUOTED):
    """The service's latest events, newest first (DescribeServices lists them so)."""
    events = sorted((service or {}).get("events", []), key=lambda e: str(e.get("createdAt") or ""), reverse=True)
    return [e.get("message") for e in events[:count] if e.get("message")]


def failure_message(service_name, service, task_definition, reasons, why):
    primary = primary_deployment(service)
    parts = [f"The deployment of ECS service {service_name} {why}"]
    state = primary.get("rolloutState")
    if state:
        parts.append(f"PRIMARY deployment {primary.get('id')}: {state}"
                     + (f" ({primary['rolloutStateReason']})" if primary.get("rolloutStateReason") else "")
                     + f", {primary.get('runningCount', 0)} of {primary.get('desiredCount', 0)} tasks running"
                     + f", task definition {primary.get('taskDefinition', '').split('/')[-1]}")
    if reasons:
        parts.append("stopped tasks: " + " | ".join(reasons))
    events = event_messages(service)
    if events:
        parts.append("latest service events: " + " | ".join(events))
    return ". ".join(parts)


def deployment_result(deployment):
    return {
        "id": deployment.get("id"),
        "rollout_state": deployment.get("rolloutState"),
        "rollout_state_reason": deployment.get("rolloutStateReason"),
        "running_count": deployment.get("runningCount", 0),
        "desired_count": deployment.get("desiredCount", 0),
        "failed_tasks": deployment.get("failedTasks", 0),
        "task_definition": deployment.get("taskDefinition"),
    }


def deployment_failed(module, client, why):
    """Fails with ECS's words: the PRIMARY deployment, the stopped tasks' reasons and the service's latest events."""
    cluster, name, wanted = module.params["cluster"], module.params["service"], module.params["task_definition"]
    try:
        service = ecs.describe_service(client, cluster, name)
        reasons = stopped_reasons(ecs.stopped_tasks(client, cluster, name), wanted)
    except AnsibleECSError as e:
        raise AnsibleECSError(message=f"The deployment of ECS service {name} {why}; its reasons could not be read",
                              exception=e.exception) from e
    module.fail_json(msg=failure_message(name, service, wanted, reasons[:STOPPED_TASKS_QUOTED], why),
                     deployment=deployment_result(primary_deployment(service)))


def wait_for_deployment(module, client):
    """Exits with the PRIMARY deployment once it completed with the task definition asked for; fails otherwise."""
    p = module.params
    cluster, name, wanted = p["cluster"], p["service"], p["task_definition"]
    outcome = ecs.wait_for_primary_deployment(client, cluster, name, p["delay"], attempts(p["timeout"], p["delay"]))
    if outcome == "timeout":
        deployment_failed(module, client, f"did not complete within {p['timeout']} s")
    if outcome == "missing":
        module.fail_json(msg=f"ECS service {name} does not exist in cluster {cluster}")
    if outcome == "failed":
        deployment_failed(module, client, "failed")
    service = ecs.describe_service(client, cluster, name)
    if rolled_back(service, wanted):
        running = primary_deployment(service).get("taskDefinition", "").split("/")[-1]
        deployment_failed(module, client, f"failed and ECS rolled it back (the service runs {running}, not {wanted.split('/')[-1]})")
    module.exit_json(changed=False, deployment=deployment_result(primary_deployment(service)))


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            cluster=dict(type="str", required=True),
            service=dict(type="str", required=True),
            task_definition=dict(type="str"),
            timeout=dict(type="int", default=900),
            delay=dict(type="int", default=15),
        ),
        supports_check_mode=True,
    )
    if module.check_mode:
        module.exit_json(changed=False, deployment={})
    client = module.client("ecs")
    try:
        wait_for_deployment(module, client)
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
