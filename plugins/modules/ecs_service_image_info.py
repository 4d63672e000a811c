#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecs_service_image_info
version_added: 0.1.0
short_description: Find the image one container of an ECS service runs
description:
  - Reads the service (C(DescribeServices)) and the task definition it runs (C(DescribeTaskDefinition)), and gives
    the image of container O(container), the revision, and the service's network configuration and task count.
  - A cluster or a service that does not exist (or is C(INACTIVE)) is no error; RV(exists) is false and
    RV(image) empty, so that a role can tell a new service from a running one.
  - community.aws.ecs_service_info fails on a cluster that does not exist and does not read the task definition.
author:
  - Tickr platform team (@tickr-tn)
options:
  container:
    description: The name of the container whose image to give.
    type: str
    required: true
extends_documentation_fragment:
  - tickr.aws.ecs
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Find the image the backend runs
  tickr.aws.ecs_service_image_info:
    cluster: "{{ tickr_ecs_cluster_name }}"
    service: "{{ tickr_ecs_service_name }}"
    container: backend
  register: running
"""

RETURN = r"""
exists:
  description: Whether the service exists and is C(ACTIVE).
  returned: always
  type: bool
image:
  description: The container's image in the revision the service runs; empty when there is no service.
  returned: always
  type: str
  sample: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend@sha256:4a1c65...
task_definition:
  description: The ARN of the revision the service runs; empty when there is no service.
  returned: always
  type: str
desired_count:
  description: The service's desired task count (0 when there is no service).
  returned: always
  type: int
running_count:
  description: The service's running task count (0 when there is no service).
  returned: always
  type: int
subnets:
  description: The subnets of the service's tasks (C(awsvpc)).
  returned: always
  type: list
  elements: str
security_groups:
  description: The security groups of the service's tasks (C(awsvpc)).
  returned: always
  type: list
  elements: str
log_configuration:
  description: The container's C(logConfiguration), as the task definition gives it.
  returned: always
  type: dict
cpu:
  description: The task size's CPU units in the revision the service runs, as the task definition gives it; empty when there is no service.
  returned: always
  type: str
  sample: "512"
memory:
  description: The task size's memory in MiB in the revision the service runs, as the task definition gives it; empty when there is no service.
  returned: always
  type: str
  sample: "1024"
"""

from ansible_collections.tickr.aws.plugins.module_utils import ecs
from ansible_collections.tickr.aws.plugins.module_utils.ecs import AnsibleECSError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

NONE = dict(exists=False, image="", task_definition="", desired_count=0, running_count=0, subnets=[], security_groups=[],
            log_configuration={}, cpu="", memory="")


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            cluster=dict(type="str", required=True),
            service=dict(type="str", required=True),
            container=dict(type="str", required=True),
        ),
        supports_check_mode=True,
    )
    p = module.params
    client = module.client("ecs")
    try:
        service = ecs.describe_service(client, p["cluster"], p["service"])
        if not service or service.get("status") != "ACTIVE" or not service.get("taskDefinition"):
            module.exit_json(changed=False, **NONE)
        definition = ecs.describe_task_definition(client, service["taskDefinition"])[0]
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)
    container = next((c for c in definition.get("containerDefinitions", []) if c.get("name") == p["container"]), {})
    awsvpc = (service.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
    module.exit_json(changed=False, exists=True, image=container.get("image", ""), task_definition=service["taskDefinition"],
                     desired_count=service.get("desiredCount", 0), running_count=service.get("runningCount", 0),
                     subnets=awsvpc.get("subnets", []),
                     security_groups=awsvpc.get("securityGroups", []),
                     log_configuration=container.get("logConfiguration") or {},
                     cpu=str(definition.get("cpu", "")), memory=str(definition.get("memory", "")))


if __name__ == "__main__":
    main()
