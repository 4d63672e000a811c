"""scalable_target_in_place and scaling_policies_in_place must call "in place" exactly what the modules would leave
unchanged.

Each policy case runs community.aws.application_autoscaling_policy's own comparison (create_scaling_policy) against
a fake Application Auto Scaling that describes the policy found, and compares its verdict with the filter's on the
same policy as tickr.aws.application_autoscaling_info returns it."""

import copy

import pytest

from ansible_collections.community.aws.plugins.modules import application_autoscaling_policy
from ansible_collections.tickr.aws.plugins.filter.ecs import scalable_target_in_place, scaling_policies_in_place
from ansible_collections.tickr.aws.plugins.modules.application_autoscaling_info import snake

RESOURCE = "service/tickr-cluster/tickr-backend-service"
DIMENSION = "ecs:service:DesiredCount"
# The role's cpu policy (roles/ecs_service/vars/main.yml) and DescribeScalingPolicies' answer once the module put it.
WANTED = {
    "policy_name": "tickr-backend-service-cpu", "service_namespace": "ecs", "resource_id": RESOURCE,
    "scalable_dimension": DIMENSION, "policy_type": "TargetTrackingScaling",
    "target_tracking_scaling_policy_configuration": {
        "TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
        "ScaleOutCooldown": 60, "ScaleInCooldown": 300},
}
FOUND = {
    "PolicyARN": "arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:1:resource/ecs/x:policyName/cpu",
    "PolicyName": "tickr-backend-service-cpu", "ServiceNamespace": "ecs", "ResourceId": RESOURCE,
    "ScalableDimension": DIMENSION, "PolicyType": "TargetTrackingScaling",
    "TargetTrackingScalingPolicyConfiguration": copy.deepcopy(WANTED["target_tracking_scaling_policy_configuration"]),
    "Alarms": [], "CreationTime": "2026-01-01T00:00:00+00:00",
}


class FakeModule:
    def __init__(self, params):
        self.params = params

    def fail_json_aws(self, exception, msg=None):
        raise AssertionError(msg)


class FakeAutoScaling:
    def __init__(self, policies):
        self.policies = policies

    def describe_scaling_policies(self, PolicyNames, **kwargs):
        return {"ScalingPolicies": [copy.deepcopy(p) for p in self.policies if p["PolicyName"] in PolicyNames][:1]}

    def put_scaling_policy(self, **kwargs):
        pass


def module_changes(found):
    params = dict(WANTED, step_scaling_policy_configuration=None, minimum_tasks=2, maximum_tasks=10,
                  override_task_capacity=False, state="present")
    result = application_autoscaling_policy.create_scaling_policy(FakeAutoScaling(found), FakeModule(copy.deepcopy(params)))
    return result["changed"]


def configured(**changes):
    return dict(copy.deepcopy(FOUND), TargetTrackingScalingPolicyConfiguration=dict(
        FOUND["TargetTrackingScalingPolicyConfiguration"], **changes))


@pytest.mark.parametrize("found", [
    [FOUND],
    [configured(TargetValue=95.0)],
    [configured(ScaleInCooldown=60)],
    [configured(DisableScaleIn=True)],
    [configured(PredefinedMetricSpecification={"PredefinedMetricType": "ECSServiceAverageMemoryUtilization"})],
    [dict(FOUND, PolicyType="StepScaling")],
    [dict(FOUND, PolicyName="tickr-backend-service-memory")],
    [],
])
def test_policies_in_place_are_those_the_module_leaves_alone(found):
    in_place = scaling_policies_in_place(snake(found), [WANTED])
    assert (in_place == [WANTED["policy_name"]]) is not module_changes(found)


def test_a_policy_of_another_service_is_not_in_place():
    other = dict(FOUND, ResourceId="service/tickr-cluster/other")
    assert scaling_policies_in_place(snake([other]), [WANTED]) == []


@pytest.mark.parametrize("bounds, in_place", [((2, 10), True), ((2, 12), False), ((1, 10), False)])
def test_scalable_target_in_place_needs_exactly_the_bounds(bounds, in_place):
    targets = snake([{"ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": DIMENSION,
                      "MinCapacity": bounds[0], "MaxCapacity": bounds[1], "RoleARN": "arn:aws:iam::1:role/x"}])
    assert scalable_target_in_place(targets, RESOURCE, DIMENSION, "2", 10) is in_place


def test_no_target_is_not_in_place():
    assert scalable_target_in_place([], RESOURCE, DIMENSION, 2, 10) is False
