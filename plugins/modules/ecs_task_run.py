#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecs_task_run
version_added: 0.1.0
short_description: Run a one-off Fargate task with a command, wait for it to stop and fail on a non-zero exit code
description:
  - Runs one task of O(task_definition) on Fargate (C(RunTask)) in O(subnets) with O(security_groups), container
    O(container) running O(command) instead of its image's, and waits (botocore's C(tasks_stopped) waiter) for
    it to stop.
  - Fails when the container exits with a code other than 0, or the task does not start, naming the exit code (or
    ECS's C(stoppedReason)) and the container's CloudWatch Logs group and stream (with the C(awslogs) log
    driver, C(<awslogs-stream-prefix>/<container>/<task id>)).
  - U(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html),
    U(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html).
  - community.aws.ecs_task does not run a task while any task of the family runs (a service's, for one).
  - Always changed (the command ran). In check mode nothing runs.
author:
  - Tickr platform team (@tickr-tn)
options:
  cluster:
    description: The cluster to run the task in (name or ARN).
    type: str
    required: true
  task_definition:
    description: The revision to run (ARN or C(family:revision)).
    type: str
    required: true
  container:
    description: The container that runs O(command); the task stops when it exits (it must be essential).
    type: str
    required: true
  command:
    description: The command, as the container's C(command) takes it.
    type: list
    elements: str
    required: true
  subnets:
    description: The task's subnets.
    type: list
    elements: str
    required: true
  security_groups:
    description: The task's security groups.
    type: list
    elements: str
    required: true
  started_by:
    description: What ECS records as having started the task.
    type: str
    default: tickr.aws
  timeout:
    description: Seconds to wait for the task to stop before failing.
    type: int
    default: 1800
  delay:
    description: Seconds between two C(DescribeTasks) calls.
    type: int
    default: 6
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Run the database migrations
  tickr.aws.ecs_task_run:
    cluster: tickr-cluster
    task_definition: "{{ revision.task_definition }}"
    container: backend
    command: [npm, run, migration:run]
    subnets: "{{ running.subnets }}"
    security_groups: "{{ running.security_groups }}"
"""

RETURN = r"""
task_arn:
  description: The task's ARN; empty in check mode.
  returned: always
  type: str
exit_code:
  description: The container's exit code; null when it did not start (or in check mode).
  returned: always
  type: int
stopped_reason:
  description: ECS's C(stoppedReason).
  returned: always
  type: str
log_stream:
  description: The container's log group and stream, C(<group> <stream>); empty without the awslogs driver.
  returned: always
  type: str
  sample: /ecs/tickr-backend ecs/backend/0f4b1d6e8a2c4c8f9b1e2d3c4b5a6f7e
"""

from ansible_collections.tickr.aws.plugins.module_utils import ecs
from ansible_collections.tickr.aws.plugins.module_utils.ecs import AnsibleECSError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def log_stream(definition, container, task_arn):
    """The awslogs group and stream of a container of a task: <group> <prefix>/<container>/<task id>."""
    found = next((c for c in definition.get("containerDefinitions", []) if c.get("name") == container), {})
    log = found.get("logConfiguration") or {}
    options = log.get("options") or {}
    if log.get("logDriver") != "awslogs" or not options.get("awslogs-stream-prefix"):
        return ""
    return f"{options.get('awslogs-group')} {options['awslogs-stream-prefix']}/{container}/{task_arn.split('/')[-1]}"


def outcome(task, container):
    """(exit code or None, ECS's stopped reason) of the container in a stopped task."""
    found = next((c for c in task.get("containers", []) if c.get("name") == container), {})
    return found.get("exitCode"), task.get("stoppedReason") or found.get("reason") or ""


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            cluster=dict(type="str", required=True),
            task_definition=dict(type="str", required=True),
            container=dict(type="str", required=True),
            command=dict(type="list", elements="str", required=True),
            subnets=dict(type="list", elements="str", required=True),
            security_groups=dict(type="list", elements="str", required=True),
            started_by=dict(type="str", default="tickr.aws"),
            timeout=dict(type="int", default=1800),
            delay=dict(type="int", default=6),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if module.check_mode:
        module.exit_json(changed=True, task_arn="", exit_code=None, stopped_reason="", log_stream="")
    client = module.client("ecs")
    try:
        definition = ecs.describe_task_definition(client, p["task_definition"])[0]
        task = ecs.run_task(
            client, cluster=p["cluster"], taskDefinition=definition["taskDefinitionArn"], count=1, launchType="FARGATE",
            startedBy=p["started_by"],
            networkConfiguration={"awsvpcConfiguration": {"subnets": p["subnets"], "securityGroups": p["security_groups"],
                                                          "assignPublicIp": "DISABLED"}},
            overrides={"containerOverrides": [{"name": p["container"], "command": p["command"]}]})
        stream = log_stream(definition, p["container"], task["taskArn"])
        stopped = ecs.wait_for_task_stopped(client, p["cluster"], task["taskArn"], p["delay"],
                                            max(1, -(-p["timeout"] // max(1, p["delay"]))))
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)
    result = dict(changed=True, task_arn=task["taskArn"], log_stream=stream)
    task_id = task["taskArn"].split("/")[-1]
    logs = f"; its log: {stream}" if stream else ""
    if stopped is None:
        module.fail_json(msg=f"Task {task_id} ({' '.join(p['command'])}) still runs after {p['timeout']} s{logs}",
                         exit_code=None, stopped_reason="", **result)
    code, reason = outcome(stopped, p["container"])
    result.update(exit_code=code, stopped_reason=reason)
    if code is None:
        module.fail_json(msg=f"Task {task_id} ({' '.join(p['command'])}) did not run: {reason}{logs}", **result)
    if code != 0:
        module.fail_json(msg=f"Task {task_id} ({' '.join(p['command'])}) exited with code {code}{logs}", **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
