#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: application_autoscaling_scalable_target
version_added: 0.1.0
short_description: Register or deregister an Application Auto Scaling scalable target
description:
  - Registers a resource (an ECS service's desired count, a DynamoDB table's capacity, ...) with Application Auto
    Scaling between a minimum and a maximum capacity, updates those bounds, or deregisters it.
  - Deregistering a target also deletes its scaling policies and scheduled actions (AWS does so).
  - community.aws's C(application_autoscaling_policy) registers a target as a side effect of creating a policy but
    never deregisters it; amazon.aws and community.aws have no module to deregister one.
  - With O(state=present) in check mode the module reads the target and reports what it would change, which makes it
    usable as a read-only check (its C(diff.before) is the target as registered).
author:
  - Tickr platform team (@tickr-tn)
options:
  service_namespace:
    description: The namespace of the AWS service of the resource, for example V(ecs) or V(dynamodb).
    type: str
    required: true
  resource_id:
    description: The resource's identifier, for an ECS service V(service/<cluster>/<service>).
    type: str
    required: true
  scalable_dimension:
    description: The dimension scaled, for an ECS service V(ecs:service:DesiredCount).
    type: str
    required: true
  min_capacity:
    description:
      - The minimum capacity auto scaling may scale in to. Required to register a new target.
      - Left alone on a registered target when omitted.
      - Must not exceed O(max_capacity).
    type: int
  max_capacity:
    description:
      - The maximum capacity auto scaling may scale out to. Required to register a new target.
      - Left alone on a registered target when omitted.
    type: int
  state:
    description: Whether the target should be registered.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Scale the backend service between 2 and 10 tasks
  tickr.aws.application_autoscaling_scalable_target:
    service_namespace: ecs
    resource_id: service/tickr-cluster/tickr-backend-service
    scalable_dimension: ecs:service:DesiredCount
    min_capacity: 2
    max_capacity: 10

- name: Deregister it (its scaling policies go with it)
  tickr.aws.application_autoscaling_scalable_target:
    service_namespace: ecs
    resource_id: service/tickr-cluster/tickr-backend-service
    scalable_dimension: ecs:service:DesiredCount
    state: absent

- name: Read the target without changing it
  tickr.aws.application_autoscaling_scalable_target:
    service_namespace: ecs
    resource_id: service/tickr-cluster/tickr-backend-service
    scalable_dimension: ecs:service:DesiredCount
    min_capacity: 2
    max_capacity: 10
  check_mode: true
  register: scaling
"""

RETURN = r"""
scalable_target:
  description:
    - The target as C(DescribeScalableTargets) returns it, in snake_case; empty when absent.
    - In check mode, the target as it would be after the change (without the fields only AWS assigns when it is new).
  returned: always
  type: dict
  sample:
    service_namespace: ecs
    resource_id: service/tickr-cluster/tickr-backend-service
    scalable_dimension: ecs:service:DesiredCount
    min_capacity: 2
    max_capacity: 10
    role_arn: >-
      arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService
    scalable_target_arn: arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/0123456789abcdef0123
    creation_time: "2026-11-24T09:21:00+00:00"
    suspended_state: {dynamic_scaling_in_suspended: false, dynamic_scaling_out_suspended: false, scheduled_scaling_suspended: false}
"""

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# Option -> the API's field.
CAPACITIES = {"min_capacity": "MinCapacity", "max_capacity": "MaxCapacity"}


# Pure logic, unit-tested.
def capacity_errors(min_capacity, max_capacity):
    """What is wrong with the bounds asked for (None: not given), each message naming the options."""
    errors = [f"{option} must be 0 or more, got {value}"
              for option, value in (("min_capacity", min_capacity), ("max_capacity", max_capacity))
              if value is not None and value < 0]
    if min_capacity is not None and max_capacity is not None and min_capacity > max_capacity:
        errors.append(f"min_capacity ({min_capacity}) must not exceed max_capacity ({max_capacity})")
    return errors


def desired_capacities(params):
    """The API fields the user set; unset options are left out, hence left alone."""
    return {field: params[option] for option, field in CAPACITIES.items() if params.get(option) is not None}


def capacity_changes(current, desired):
    """The capacities of a registered target to send: those asked for that differ from the target's."""
    return {field: value for field, value in desired.items() if current.get(field) != value}


def missing_to_register(desired):
    """The options a new target needs and was not given."""
    return [option for option, field in CAPACITIES.items() if field not in desired]


def capacities(target):
    """The bounds of a target (as the diff shows them); empty when there is none."""
    if not target:
        return {}
    return {option: target.get(field) for option, field in CAPACITIES.items()}


def snake(target):
    return camel_dict_to_snake_dict(target) if target else {}


# AWS calls.
def describe_target(client, key):
    found = client.describe_scalable_targets(
        ServiceNamespace=key["ServiceNamespace"], ResourceIds=[key["ResourceId"]],
        ScalableDimension=key["ScalableDimension"], aws_retry=True)["ScalableTargets"]
    found = [t for t in found if t.get("ResourceId") == key["ResourceId"]]
    return found[0] if found else None


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            service_namespace=dict(type="str", required=True),
            resource_id=dict(type="str", required=True),
            scalable_dimension=dict(type="str", required=True),
            min_capacity=dict(type="int"),
            max_capacity=dict(type="int"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    key = {"ServiceNamespace": p["service_namespace"], "ResourceId": p["resource_id"],
           "ScalableDimension": p["scalable_dimension"]}
    label = f"scalable target {p['resource_id']} ({p['scalable_dimension']})"
    errors = capacity_errors(p["min_capacity"], p["max_capacity"])
    if errors:
        module.fail_json(msg=f"{label}: {'; '.join(errors)}")
    # Another change to the same target in flight (a policy being put, for one) answers ConcurrentUpdateException.
    client = module.client("application-autoscaling",
                           retry_decorator=AWSRetry.jittered_backoff(catch_extra_error_codes=["ConcurrentUpdateException"]))
    try:
        current = describe_target(client, key)
        before = capacities(current)
        if p["state"] == "absent":
            changed = current is not None
            if changed and not module.check_mode:
                try:
                    client.deregister_scalable_target(aws_retry=True, **key)
                except is_boto3_error_code("ObjectNotFoundException"):
                    changed = False  # deregistered meanwhile
            module.exit_json(changed=changed, scalable_target={}, diff={"before": before, "after": {}})

        desired = desired_capacities(p)
        if current is None:
            missing = missing_to_register(desired)
            if missing:
                module.fail_json(msg=f"{label}: {' and '.join(missing)} required to register a new target")
            target = dict(key, **desired)
            if not module.check_mode:
                client.register_scalable_target(aws_retry=True, **target)
                target = describe_target(client, key) or target
            module.exit_json(changed=True, scalable_target=snake(target),
                             diff={"before": {}, "after": capacities(target)})

        changes = capacity_changes(current, desired)
        target = dict(current, **changes)
        # The bound left alone must still fit the other one: AWS would refuse the call.
        errors = capacity_errors(target.get("MinCapacity"), target.get("MaxCapacity"))
        if changes and errors:
            module.fail_json(msg=f"{label}: {'; '.join(errors)} (the registered target keeps the option not given)")
        if changes and not module.check_mode:
            client.register_scalable_target(aws_retry=True, **dict(key, **changes))
            target = describe_target(client, key) or target
        module.exit_json(changed=bool(changes), scalable_target=snake(target),
                         diff={"before": before, "after": capacities(target)})
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg=f"Could not manage the {label}")


if __name__ == "__main__":
    main()
