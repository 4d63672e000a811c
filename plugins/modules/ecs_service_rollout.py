#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecs_service_rollout
version_added: 0.1.0
short_description: Roll an ECS service to a task definition, with its deployment alarms, or back to the previous release
description:
  - Updates a running ECS service (C(UpdateService)) to run O(task_definition), or with O(rollback) the revision
    recorded as replaced on the revision it runs (the O(replaces_tag) tag that tickr.aws.ecs_taskdefinition_image
    sets), and sets its deployment configuration's circuit breaker (with rollback) and deployment alarms
    (O(deployment_alarms)); ECS fails the deployment, and rolls it back, when one of them goes into ALARM.
  - Changes nothing when the service already runs that revision with those alarms. A service with no task (one
    waiting for its first image) is given O(desired_count) tasks.
  - Does not wait; tickr.aws.ecs_service_deployment waits for the deployment and fails with ECS's reason.
  - U(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html),
    U(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentAlarms.html).
  - community.aws.ecs_service sets no deployment alarms and needs the whole service's settings.
  - In check mode nothing is updated; the result's C(changed) tells whether the service would be.
author:
  - Tickr platform team (@tickr-tn)
options:
  task_definition:
    description: The revision to run (ARN or C(family:revision)). Required unless O(rollback).
    type: str
  rollback:
    description: Run the revision that the running one replaced, as recorded in its O(replaces_tag) tag.
    type: bool
    default: false
  replaces_tag:
    description: The tag key that records the revision a revision replaced.
    type: str
    default: "tickr:replaces"
  deployment_alarms:
    description: CloudWatch alarm names that fail and roll back a deployment when one is in ALARM; empty leaves the
      service's alarms as they are.
    type: list
    elements: str
    default: []
  desired_count:
    description: The task count of a service that has none.
    type: int
extends_documentation_fragment:
  - tickr.aws.ecs
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Roll the service to the release
  tickr.aws.ecs_service_rollout:
    cluster: tickr-cluster
    service: tickr-backend-service
    task_definition: "{{ revision.task_definition }}"
    deployment_alarms: [tickr-api-error-rate-high]
    desired_count: 2

- name: Return to the previous release
  tickr.aws.ecs_service_rollout:
    cluster: "{{ tickr_ecs_cluster_name }}"
    service: "{{ tickr_ecs_service_name }}"
    rollback: true
"""

RETURN = r"""
task_definition:
  description: The ARN of the revision the service runs once updated.
  returned: always
  type: str
  sample: arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:3
previous_task_definition:
  description: The ARN of the revision the service ran before.
  returned: always
  type: str
  sample: arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:4
"""

from ansible_collections.tickr.aws.plugins.module_utils import ecs
from ansible_collections.tickr.aws.plugins.module_utils.ecs import AnsibleECSError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def deployment_configuration(current, alarms):
    """The service's deployment configuration with the circuit breaker (rollback) and, when named, the alarms."""
    wanted = dict(current or {})
    wanted["deploymentCircuitBreaker"] = {"enable": True, "rollback": True}
    if alarms:
        wanted["alarms"] = {"alarmNames": list(alarms), "enable": True, "rollback": True}
    return wanted


def target(module, client, running):
    """The ARN of the revision to run."""
    p = module.params
    if not p["rollback"]:
        return ecs.describe_task_definition(client, p["task_definition"])[0]["taskDefinitionArn"]
    recorded = ecs.describe_task_definition(client, running)[1].get(p["replaces_tag"])
    if not recorded:
        module.fail_json(msg=f"ECS service {p['service']} runs {running.split('/')[-1]}, which records no earlier release "
                             f"(tag {p['replaces_tag']}): there is nothing to roll back to")
    return recorded


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            cluster=dict(type="str", required=True),
            service=dict(type="str", required=True),
            task_definition=dict(type="str"),
            rollback=dict(type="bool", default=False),
            replaces_tag=dict(type="str", default="tickr:replaces"),
            deployment_alarms=dict(type="list", elements="str", default=[]),
            desired_count=dict(type="int"),
        ),
        required_if=[("rollback", False, ["task_definition"])],
        mutually_exclusive=[("rollback", "task_definition")],
        supports_check_mode=True,
    )
    p = module.params
    client = module.client("ecs")
    try:
        service = ecs.describe_service(client, p["cluster"], p["service"])
        if not service or service.get("status") != "ACTIVE":
            module.fail_json(msg=f"ECS service {p['service']} does not exist in cluster {p['cluster']}: run site.yml first")
        running = service["taskDefinition"]
        wanted = target(module, client, running)
        changes = {}
        if wanted != running:
            changes["taskDefinition"] = wanted
        configuration = deployment_configuration(service.get("deploymentConfiguration"), p["deployment_alarms"])
        if configuration != service.get("deploymentConfiguration"):
            changes["deploymentConfiguration"] = configuration
        if not service.get("desiredCount") and p["desired_count"]:
            changes["desiredCount"] = p["desired_count"]
        if changes and not module.check_mode:
            ecs.update_service(client, p["cluster"], p["service"], **changes)
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=bool(changes), task_definition=wanted, previous_task_definition=running)


if __name__ == "__main__":
    main()
