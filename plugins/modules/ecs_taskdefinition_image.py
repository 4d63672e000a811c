#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecs_taskdefinition_image
version_added: 0.1.0
short_description: Register a revision of an ECS task definition that differs from it only by one container's image
description:
  - Reads O(task_definition) (C(DescribeTaskDefinition) with its tags) and registers a new revision of its family
    (C(RegisterTaskDefinition)) with every parameter it has, the image of container O(container) replaced by
    O(image). The new revision carries the source's tags and O(replaces_tag), whose value is the source's ARN, the
    revision it replaced, which tickr.aws.ecs_service_rollout's O(tickr.aws.ecs_service_rollout#module:rollback)
    returns to.
  - Nothing is registered when the container already runs O(image).
  - U(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html).
  - community.aws.ecs_taskdefinition registers a definition from its own parameters (not every field of an existing
    revision) and sets no tags.
  - In check mode nothing is registered; the result's C(changed) tells whether a revision would be.
author:
  - Tickr platform team (@tickr-tn)
options:
  task_definition:
    description: The revision to start from (ARN or C(family:revision)), usually the one a service runs.
    type: str
    required: true
  container:
    description: The name of the container whose image changes.
    type: str
    required: true
  image:
    description: The new image, e.g. C(123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend@sha256:...).
    type: str
    required: true
  replaces_tag:
    description: The tag key that records, on the new revision, the ARN of the revision it replaced.
    type: str
    default: "tickr:replaces"
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Pin the released image in a new revision of the running task definition
  tickr.aws.ecs_taskdefinition_image:
    task_definition: "{{ service.taskDefinition }}"
    container: backend
    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend@sha256:4a1c65...
  register: revision
"""

RETURN = r"""
task_definition:
  description: The ARN of the new revision; the source's when nothing changed; empty in check mode when it would change.
  returned: always
  type: str
  sample: arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:4
replaced:
  description: The revision the new one replaces (the source's ARN); when nothing changed, the one the source replaced, if recorded.
  returned: always
  type: str
  sample: arn:aws:ecs:eu-west-1:123456789012:task-definition/tickr-backend:3
image:
  description: The container's image in RV(task_definition).
  returned: always
  type: str
previous_image:
  description: The container's image in the source revision.
  returned: always
  type: str
"""

from ansible_collections.tickr.aws.plugins.module_utils import ecs
from ansible_collections.tickr.aws.plugins.module_utils.ecs import AnsibleECSError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def registration(client, source, tags, container, image, replaces_tag):
    """RegisterTaskDefinition's parameters: every one the source has (as the API names them), one image replaced,
    its tags and the record of the revision replaced."""
    accepted = client.meta.service_model.operation_model("RegisterTaskDefinition").input_shape.members
    definition = {k: v for k, v in source.items() if k in accepted and k != "tags"}
    definition["containerDefinitions"] = [dict(c, image=image) if c.get("name") == container else c
                                          for c in source.get("containerDefinitions", [])]
    kept = {k: v for k, v in tags.items() if k != replaces_tag}
    kept[replaces_tag] = source["taskDefinitionArn"]
    definition["tags"] = [{"key": k, "value": v} for k, v in kept.items()]
    return definition


def container_image(definition, container):
    return next((c.get("image") for c in definition.get("containerDefinitions", []) if c.get("name") == container), None)


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            task_definition=dict(type="str", required=True),
            container=dict(type="str", required=True),
            image=dict(type="str", required=True),
            replaces_tag=dict(type="str", default="tickr:replaces"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    client = module.client("ecs")
    try:
        source, tags = ecs.describe_task_definition(client, p["task_definition"])
        previous = container_image(source, p["container"])
        if previous is None:
            module.fail_json(msg=f"Task definition {source['taskDefinitionArn'].split('/')[-1]} has no container {p['container']}")
        if previous == p["image"]:
            module.exit_json(changed=False, task_definition=source["taskDefinitionArn"], replaced=tags.get(p["replaces_tag"], ""),
                             image=previous, previous_image=previous)
        if module.check_mode:
            module.exit_json(changed=True, task_definition="", replaced=source["taskDefinitionArn"], image=p["image"],
                             previous_image=previous)
        definition = registration(client, source, tags, p["container"], p["image"], p["replaces_tag"])
        registered = ecs.register_task_definition(client, definition)
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=True, task_definition=registered["taskDefinitionArn"], replaced=source["taskDefinitionArn"],
                     image=p["image"], previous_image=previous)


if __name__ == "__main__":
    main()
