#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: application_autoscaling_info
version_added: 0.1.0
short_description: Read Application Auto Scaling scalable targets and scaling policies
description:
  - Returns the scalable targets and the scaling policies of resources (an ECS service's desired count, ...)
    through C(DescribeScalableTargets) and C(DescribeScalingPolicies), so that a role reads a service's bounds and
    policies in one run and runs M(tickr.aws.application_autoscaling_scalable_target) and
    M(community.aws.application_autoscaling_policy) only for what differs.
  - A resource that is not registered has no target and no policy; that is not an error.
  - amazon.aws and community.aws have no module that reads scalable targets or scaling policies.
author:
  - Tickr platform team (@tickr-tn)
options:
  service_namespace:
    description: The namespace of the AWS service of the resources, for example V(ecs).
    type: str
    required: true
  resource_ids:
    description:
      - The resources' identifiers, for an ECS service V(service/<cluster>/<service>).
      - Omitted, every resource of the namespace in the region.
    type: list
    elements: str
  scalable_dimension:
    description:
      - Only this dimension, for an ECS service V(ecs:service:DesiredCount).
      - Omitted, every dimension.
    type: str
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the backend service's bounds and policies
  tickr.aws.application_autoscaling_info:
    service_namespace: ecs
    resource_ids:
      - service/tickr-cluster/tickr-backend-service
    scalable_dimension: ecs:service:DesiredCount
  register: scaling

- name: Show the bounds
  ansible.builtin.debug:
    msg: "{{ scaling.scalable_targets[0].min_capacity }} to {{ scaling.scalable_targets[0].max_capacity }} tasks"
  when: scaling.scalable_targets | length > 0
"""

RETURN = r"""
scalable_targets:
  description: The registered targets, as C(DescribeScalableTargets) returns them, keys in snake case.
  returned: always
  type: list
  elements: dict
  contains:
    resource_id:
      description: The resource's identifier.
      type: str
      sample: service/tickr-cluster/tickr-backend-service
    scalable_dimension:
      description: The dimension scaled.
      type: str
      sample: ecs:service:DesiredCount
    min_capacity:
      description: The minimum capacity.
      type: int
      sample: 2
    max_capacity:
      description: The maximum capacity.
      type: int
      sample: 10
scaling_policies:
  description:
    - The policies, as C(DescribeScalingPolicies) returns them, keys in snake case, except inside
      C(target_tracking_scaling_policy_configuration) and C(step_scaling_policy_configuration), which keep AWS's
      keys, as M(community.aws.application_autoscaling_policy) takes and compares them.
  returned: always
  type: list
  elements: dict
  contains:
    policy_name:
      description: The policy's name.
      type: str
      sample: tickr-backend-service-cpu
    policy_type:
      description: V(TargetTrackingScaling), V(StepScaling) or V(PredictiveScaling).
      type: str
      sample: TargetTrackingScaling
    resource_id:
      description: The resource's identifier.
      type: str
      sample: service/tickr-cluster/tickr-backend-service
    scalable_dimension:
      description: The dimension scaled.
      type: str
      sample: ecs:service:DesiredCount
    target_tracking_scaling_policy_configuration:
      description: The target tracking configuration, AWS's keys.
      type: dict
      returned: for a target tracking policy
      sample: {"TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}
"""

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# Kept as AWS gives them: community.aws.application_autoscaling_policy takes and compares them so.
KEEP_AWS_KEYS = ["TargetTrackingScalingPolicyConfiguration", "StepScalingPolicyConfiguration",
                 "PredictiveScalingPolicyConfiguration"]
# DescribeScalableTargets takes at most 50 resource ids a call.
IDS_PER_CALL = 50


# Pure logic, unit-tested.
def target_filters(namespace, resource_ids, dimension):
    """DescribeScalableTargets' parameters: every resource when none is named, else batches AWS accepts."""
    base = {"ServiceNamespace": namespace, **({"ScalableDimension": dimension} if dimension else {})}
    if not resource_ids:
        return [base]
    return [dict(base, ResourceIds=resource_ids[i:i + IDS_PER_CALL]) for i in range(0, len(resource_ids), IDS_PER_CALL)]


def policy_filters(namespace, resource_ids, dimension):
    """DescribeScalingPolicies' parameters: it takes one resource id a call."""
    base = {"ServiceNamespace": namespace, **({"ScalableDimension": dimension} if dimension else {})}
    return [dict(base, ResourceId=resource_id) for resource_id in resource_ids] if resource_ids else [base]


def snake(items):
    return [camel_dict_to_snake_dict(item, ignore_list=KEEP_AWS_KEYS) for item in items]


# AWS calls.
@AWSRetry.jittered_backoff()
def describe_all(client, operation, key, params):
    return client.get_paginator(operation).paginate(**params).build_full_result().get(key, [])


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            service_namespace=dict(type="str", required=True),
            resource_ids=dict(type="list", elements="str"),
            scalable_dimension=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    where = (p["service_namespace"], p["resource_ids"], p["scalable_dimension"])
    client = module.client("application-autoscaling")
    targets, policies = [], []
    try:
        for params in target_filters(*where):
            targets.extend(describe_all(client, "describe_scalable_targets", "ScalableTargets", params))
        for params in policy_filters(*where):
            policies.extend(describe_all(client, "describe_scaling_policies", "ScalingPolicies", params))
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg="Could not read the scalable targets and scaling policies")
    module.exit_json(changed=False, scalable_targets=snake(targets), scaling_policies=snake(policies))


if __name__ == "__main__":
    main()
