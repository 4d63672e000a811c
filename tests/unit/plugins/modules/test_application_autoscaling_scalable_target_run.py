"""tickr.aws.application_autoscaling_scalable_target end to end, against a stubbed Application Auto Scaling: the
bounds and the policies read once, compared as community.aws.application_autoscaling_policy compares a policy, and
only what differs written; nothing written in check mode; AWS's message reaches the user."""

import copy

import pytest

from ansible_collections.tickr.aws.plugins.modules import application_autoscaling_scalable_target as module

from module_runner import run_module, stubbed

RESOURCE = "service/tickr-cluster/tickr-backend-service"
DIMENSION = "ecs:service:DesiredCount"
KEY = {"ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": DIMENSION}
CPU = {"TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
       "ScaleOutCooldown": 60, "ScaleInCooldown": 300}
MEMORY = dict(CPU, TargetValue=80.0, PredefinedMetricSpecification={"PredefinedMetricType": "ECSServiceAverageMemoryUtilization"})
# The role's arguments (roles/ecs_service/tasks/autoscaling.yml).
ARGS = dict(service_namespace="ecs", resource_id=RESOURCE, scalable_dimension=DIMENSION, min_capacity=2, max_capacity=10,
            policies=[{"policy_name": "tickr-backend-service-cpu", "policy_type": "TargetTrackingScaling",
                       "target_tracking_scaling_policy_configuration": CPU},
                      {"policy_name": "tickr-backend-service-memory", "policy_type": "TargetTrackingScaling",
                       "target_tracking_scaling_policy_configuration": MEMORY}])
NAMES = ["tickr-backend-service-cpu", "tickr-backend-service-memory"]
TARGET = dict(KEY, MinCapacity=2, MaxCapacity=10, RoleARN="arn:aws:iam::123456789012:role/x",
              CreationTime="2026-01-01T00:00:00Z")


def policy(name, configuration, **changes):
    """A policy as DescribeScalingPolicies returns it."""
    return dict(KEY, PolicyARN=f"arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:1:resource/ecs/x:policyName/{name}",
                PolicyName=name, PolicyType="TargetTrackingScaling", Alarms=[], CreationTime="2026-01-01T00:00:00Z",
                TargetTrackingScalingPolicyConfiguration=dict(copy.deepcopy(configuration), **changes))


IN_PLACE = [policy(NAMES[0], CPU), policy(NAMES[1], MEMORY)]


def queue_reads(stub, target, policies, names=None):
    stub.add_response("describe_scalable_targets", {"ScalableTargets": [target] if target else []},
                      {"ServiceNamespace": "ecs", "ResourceIds": [RESOURCE], "ScalableDimension": DIMENSION})
    if target:
        stub.add_response("describe_scaling_policies", {"ScalingPolicies": policies},
                          dict(KEY, PolicyNames=names or NAMES))


def put_params(name, configuration):
    return dict(KEY, PolicyName=name, PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=configuration)


def test_as_planned_is_one_read_of_each_and_unchanged():
    client, stub = stubbed("application-autoscaling")
    queue_reads(stub, TARGET, IN_PLACE)
    with stub:
        result = run_module(module, ARGS, client)
    stub.assert_no_pending_responses()
    assert result["changed"] is False and result["changed_policies"] == []
    assert [p["policy_name"] for p in result["scaling_policies"]] == NAMES
    assert result["scaling_policies"][0]["target_tracking_scaling_policy_configuration"] == CPU


@pytest.mark.parametrize("found", [
    [policy(NAMES[0], CPU, TargetValue=95.0), IN_PLACE[1]],
    [policy(NAMES[0], CPU, ScaleInCooldown=60), IN_PLACE[1]],
    [policy(NAMES[0], CPU, DisableScaleIn=True), IN_PLACE[1]],
    [policy(NAMES[0], MEMORY), IN_PLACE[1]],
    [dict(policy(NAMES[0], CPU), PolicyType="StepScaling"), IN_PLACE[1]],
    [IN_PLACE[1]],
])
def test_a_policy_that_differs_is_put_back_and_only_it(found):
    client, stub = stubbed("application-autoscaling")
    queue_reads(stub, TARGET, found)
    stub.add_response("put_scaling_policy", {"PolicyARN": IN_PLACE[0]["PolicyARN"]}, put_params(NAMES[0], CPU))
    stub.add_response("describe_scaling_policies", {"ScalingPolicies": IN_PLACE}, dict(KEY, PolicyNames=NAMES))
    with stub:
        result = run_module(module, ARGS, client)
    stub.assert_no_pending_responses()
    assert result["changed"] is True and result["changed_policies"] == [NAMES[0]]
    assert result["diff"]["after"]["scaling_policies"][NAMES[0]]["TargetTrackingScalingPolicyConfiguration"] == CPU


def test_each_policy_is_compared_as_community_aws_compares_it():
    """A policy found is in place exactly when community.aws.application_autoscaling_policy leaves it alone."""
    from ansible_collections.community.aws.plugins.modules import application_autoscaling_policy

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

    wanted = module.wanted_policy(KEY, ARGS["policies"][0])
    for found in ([IN_PLACE[0]], [policy(NAMES[0], CPU, TargetValue=95.0)], [policy(NAMES[0], CPU, DisableScaleIn=True)],
                  [dict(IN_PLACE[0], PolicyType="StepScaling")], [dict(IN_PLACE[0], ResourceId="service/tickr-cluster/other")], []):
        params = dict(policy_name=NAMES[0], service_namespace="ecs", resource_id=RESOURCE, scalable_dimension=DIMENSION,
                      policy_type="TargetTrackingScaling", target_tracking_scaling_policy_configuration=copy.deepcopy(CPU),
                      step_scaling_policy_configuration=None, minimum_tasks=2, maximum_tasks=10,
                      override_task_capacity=False, state="present")
        theirs = application_autoscaling_policy.create_scaling_policy(FakeAutoScaling(found), FakeModule(params))["changed"]
        ours = module.policies_to_put(found, [wanted]) != []
        assert ours is theirs, found


def test_new_bounds_are_sent_alone_and_the_policies_left_as_they_are():
    client, stub = stubbed("application-autoscaling")
    queue_reads(stub, TARGET, IN_PLACE)
    stub.add_response("register_scalable_target", {}, dict(KEY, MaxCapacity=12))
    stub.add_response("describe_scalable_targets", {"ScalableTargets": [dict(TARGET, MaxCapacity=12)]},
                      {"ServiceNamespace": "ecs", "ResourceIds": [RESOURCE], "ScalableDimension": DIMENSION})
    with stub:
        result = run_module(module, dict(ARGS, max_capacity=12), client)
    stub.assert_no_pending_responses()
    assert result["changed"] is True and result["changed_policies"] == []
    assert result["diff"]["before"]["max_capacity"] == 10 and result["diff"]["after"]["max_capacity"] == 12


@pytest.mark.parametrize("target, found, args", [
    (TARGET, [policy(NAMES[0], CPU, TargetValue=95.0), IN_PLACE[1]], ARGS),
    (TARGET, IN_PLACE, dict(ARGS, max_capacity=12)),
    (None, [], ARGS),
])
def test_check_mode_reads_only_and_predicts(target, found, args):
    client, stub = stubbed("application-autoscaling")
    queue_reads(stub, target, found)  # no write queued: one would fail the run
    with stub:
        result = run_module(module, args, client, check_mode=True)
    stub.assert_no_pending_responses()
    assert result["failed"] is False and result["changed"] is True
    assert result["diff"]["after"]["max_capacity"] == args["max_capacity"]
    assert [p["policy_name"] for p in result["scaling_policies"]] == NAMES or target is None


def test_a_new_target_is_registered_then_its_policies_put():
    client, stub = stubbed("application-autoscaling")
    queue_reads(stub, None, [])
    stub.add_response("register_scalable_target", {}, dict(KEY, MinCapacity=2, MaxCapacity=10))
    stub.add_response("describe_scalable_targets", {"ScalableTargets": [TARGET]},
                      {"ServiceNamespace": "ecs", "ResourceIds": [RESOURCE], "ScalableDimension": DIMENSION})
    stub.add_response("put_scaling_policy", {"PolicyARN": "arn:1"}, put_params(NAMES[0], CPU))
    stub.add_response("put_scaling_policy", {"PolicyARN": "arn:2"}, put_params(NAMES[1], MEMORY))
    stub.add_response("describe_scaling_policies", {"ScalingPolicies": IN_PLACE}, dict(KEY, PolicyNames=NAMES))
    with stub:
        result = run_module(module, ARGS, client)
    stub.assert_no_pending_responses()
    assert result["changed"] is True and result["changed_policies"] == NAMES
    assert result["diff"]["before"] == {"scaling_policies": {}}


def test_without_policies_the_diff_is_the_bounds_alone():
    client, stub = stubbed("application-autoscaling")
    queue_reads(stub, None, [])
    args = {k: v for k, v in ARGS.items() if k != "policies"}
    with stub:
        result = run_module(module, args, client, check_mode=True)
    assert result["diff"] == {"before": {}, "after": {"min_capacity": 2, "max_capacity": 10}}


def test_an_aws_error_reaches_the_user_with_its_message():
    client, stub = stubbed("application-autoscaling")
    queue_reads(stub, TARGET, [policy(NAMES[0], CPU, TargetValue=95.0), IN_PLACE[1]])
    stub.add_client_error("put_scaling_policy", "ValidationException", "TargetValue must be between 8.515920e-109 and 6.174597e+307")
    with stub:
        result = run_module(module, ARGS, client)
    assert result["failed"] is True
    assert "Failed to put the scaling policy" in result["msg"]
    assert "TargetValue must be between" in result["msg"]
    assert result["error"]["code"] == "ValidationException"


def test_absent_deregisters_once_and_not_in_check_mode():
    for check_mode in (True, False):
        client, stub = stubbed("application-autoscaling")
        queue_reads(stub, None, [])
        with stub:
            result = run_module(module, dict(KEY_ARGS, state="absent"), client, check_mode=check_mode)
        assert result["changed"] is False
    client, stub = stubbed("application-autoscaling")
    stub.add_response("describe_scalable_targets", {"ScalableTargets": [TARGET]},
                      {"ServiceNamespace": "ecs", "ResourceIds": [RESOURCE], "ScalableDimension": DIMENSION})
    with stub:
        result = run_module(module, dict(KEY_ARGS, state="absent"), client, check_mode=True)
    assert result["changed"] is True and result["diff"] == {"before": {"min_capacity": 2, "max_capacity": 10}, "after": {}}


KEY_ARGS = dict(service_namespace="ecs", resource_id=RESOURCE, scalable_dimension=DIMENSION)
