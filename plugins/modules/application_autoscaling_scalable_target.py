#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: application_autoscaling_scalable_target
version_added: 0.1.0
short_description: Register or deregister an Application Auto Scaling scalable target, with its scaling policies
description:
  - Registers a resource (an ECS service's desired count, a DynamoDB table's capacity, ...) with Application Auto
    Scaling between a minimum and a maximum capacity, updates those bounds, or deregisters it.
  - Puts the target's scaling policies given in O(policies) in the same run, one read of them all, comparing each
    as community.aws's C(application_autoscaling_policy) does; policies not listed are left alone.
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
  policies:
    description:
      - Scaling policies of the target, put when missing or different; ignored with O(state=absent).
      - A policy is left alone when each attribute AWS returns for it equals the one given.
    type: list
    elements: dict
    suboptions:
      policy_name:
        description: The policy's name.
        type: str
        required: true
      policy_type:
        description: The policy's type.
        type: str
        required: true
        choices: [StepScaling, TargetTrackingScaling]
      target_tracking_scaling_policy_configuration:
        description: C(TargetTrackingScalingPolicyConfiguration) as the API takes it (CamelCase keys).
        type: dict
      step_scaling_policy_configuration:
        description: C(StepScalingPolicyConfiguration) as the API takes it (CamelCase keys).
        type: dict
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
- name: Scale the backend service between 2 and 10 tasks, on CPU
  tickr.aws.application_autoscaling_scalable_target:
    service_namespace: ecs
    resource_id: service/tickr-cluster/tickr-backend-service
    scalable_dimension: ecs:service:DesiredCount
    min_capacity: 2
    max_capacity: 10
    policies:
      - policy_name: tickr-backend-service-cpu
        policy_type: TargetTrackingScaling
        target_tracking_scaling_policy_configuration:
          TargetValue: 70.0
          PredefinedMetricSpecification:
            PredefinedMetricType: ECSServiceAverageCPUUtilization
          ScaleOutCooldown: 60
          ScaleInCooldown: 300

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
scaling_policies:
  description:
    - The policies named in O(policies) as C(DescribeScalingPolicies) returns them after the run, in snake_case
      (the configurations keep their CamelCase keys); in check mode, as they would be.
  returned: always
  type: list
  elements: dict
  sample:
    - policy_name: tickr-backend-service-cpu
      policy_type: TargetTrackingScaling
      target_tracking_scaling_policy_configuration: {TargetValue: 70.0, ScaleOutCooldown: 60, ScaleInCooldown: 300,
                                                     PredefinedMetricSpecification: {PredefinedMetricType: ECSServiceAverageCPUUtilization}}
changed_policies:
  description: The names of the policies put (in check mode, that would be put), in the order of O(policies).
  returned: always
  type: list
  elements: str
  sample: [tickr-backend-service-cpu]
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils.application_autoscaling import (
    AnsibleApplicationAutoScalingError,
    describe_scalable_target,
    describe_scaling_policies,
    deregister_scalable_target,
    policy_in_place,
    put_scaling_policy,
    register_scalable_target,
    target_key,
    wanted_policy,
)
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# Option -> the API's field.
CAPACITIES = {"min_capacity": "MinCapacity", "max_capacity": "MaxCapacity"}
CONFIGURATIONS = ("StepScalingPolicyConfiguration", "TargetTrackingScalingPolicyConfiguration")


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


def snake_policy(policy):
    """A policy in snake_case, its configuration as the API spells it (what the module's option takes)."""
    return camel_dict_to_snake_dict(policy, ignore_list=list(CONFIGURATIONS))


def policies_to_put(found, wanted):
    """The ``wanted`` policies (PutScalingPolicy's arguments) that differ from those ``found``, in their order."""
    found_by_name = {p["PolicyName"]: p for p in found}
    return [w for w in wanted if not policy_in_place(found_by_name.get(w["PolicyName"]), w)]


def policies_after(found, puts, wanted):
    """The policies as they would be once ``puts`` are put, in the order of ``wanted``."""
    by_name = {p["PolicyName"]: p for p in found}
    by_name.update((p["PolicyName"], p) for p in puts)
    return [by_name[w["PolicyName"]] for w in wanted if w["PolicyName"] in by_name]


def policy_configurations(policies):
    """The policies as the diff shows them: each name with its configuration."""
    return {p["PolicyName"]: {k: p[k] for k in ("PolicyType",) + CONFIGURATIONS if k in p} for p in policies}


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            service_namespace=dict(type="str", required=True),
            resource_id=dict(type="str", required=True),
            scalable_dimension=dict(type="str", required=True),
            min_capacity=dict(type="int"),
            max_capacity=dict(type="int"),
            policies=dict(type="list", elements="dict", options=dict(
                policy_name=dict(type="str", required=True),
                policy_type=dict(type="str", required=True, choices=["StepScaling", "TargetTrackingScaling"]),
                target_tracking_scaling_policy_configuration=dict(type="dict"),
                step_scaling_policy_configuration=dict(type="dict"),
            )),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    key = target_key(p["service_namespace"], p["resource_id"], p["scalable_dimension"])
    label = f"scalable target {p['resource_id']} ({p['scalable_dimension']})"
    errors = capacity_errors(p["min_capacity"], p["max_capacity"])
    if errors:
        module.fail_json(msg=f"{label}: {'; '.join(errors)}")
    client = module.client("application-autoscaling")
    try:
        current = describe_scalable_target(client, key)
        if p["state"] == "absent":
            changed = current is not None
            if changed and not module.check_mode:
                changed = deregister_scalable_target(client, key)  # False: deregistered meanwhile
            module.exit_json(changed=changed, scalable_target={}, scaling_policies=[], changed_policies=[],
                             diff={"before": capacities(current), "after": {}})
        present(module, client, key, label, current)
    except AnsibleApplicationAutoScalingError as e:
        module.fail_json_aws_error(e)


def present(module, client, key, label, current):
    p = module.params
    desired = desired_capacities(p)
    if current is None:
        missing = missing_to_register(desired)
        if missing:
            module.fail_json(msg=f"{label}: {' and '.join(missing)} required to register a new target")
        changes = desired
    else:
        changes = capacity_changes(current, desired)
        # The bound left alone must still fit the other one: AWS would refuse the call.
        errors = capacity_errors(*(dict(current, **changes).get(f) for f in CAPACITIES.values()))
        if changes and errors:
            module.fail_json(msg=f"{label}: {'; '.join(errors)} (the registered target keeps the option not given)")
    wanted = [wanted_policy(key, policy) for policy in p["policies"] or []]
    # A target not registered yet has no policies.
    found = describe_scaling_policies(client, key, [w["PolicyName"] for w in wanted]) if wanted and current else []
    puts = policies_to_put(found, wanted)

    target = dict(current or key, **changes)
    if changes and not module.check_mode:
        register_scalable_target(client, **dict(key, **changes))
        target = describe_scalable_target(client, key) or target
    for policy in puts if not module.check_mode else []:
        put_scaling_policy(client, **policy)
    if puts and not module.check_mode:
        after = describe_scaling_policies(client, key, [w["PolicyName"] for w in wanted])
    else:
        after = policies_after(found, puts, wanted)

    module.exit_json(
        changed=bool(changes or puts), scalable_target=snake(target),
        scaling_policies=[snake_policy(policy) for policy in after], changed_policies=[w["PolicyName"] for w in puts],
        diff=diff(capacities(current), capacities(target), found, after, p["policies"] is not None))


def diff(before, after, policies_before, policies_after, with_policies):
    """The bounds before and after, and the policies' configurations when the module was given policies."""
    if with_policies:
        before = dict(before, scaling_policies=policy_configurations(policies_before))
        after = dict(after, scaling_policies=policy_configurations(policies_after))
    return {"before": before, "after": after}


if __name__ == "__main__":
    main()
