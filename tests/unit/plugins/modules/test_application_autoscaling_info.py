"""application_autoscaling_info's pure logic: the calls' filters and the shape of what it returns."""

from ansible_collections.tickr.aws.plugins.modules.application_autoscaling_info import policy_filters, snake, target_filters


def test_targets_are_read_fifty_resources_a_call():
    ids = [f"service/c/s{i}" for i in range(120)]
    calls = target_filters("ecs", ids, "ecs:service:DesiredCount")
    assert [len(c["ResourceIds"]) for c in calls] == [50, 50, 20]
    assert all(c["ServiceNamespace"] == "ecs" and c["ScalableDimension"] == "ecs:service:DesiredCount" for c in calls)


def test_without_resources_every_target_of_the_namespace_is_read():
    assert target_filters("ecs", None, None) == [{"ServiceNamespace": "ecs"}]
    assert policy_filters("ecs", [], None) == [{"ServiceNamespace": "ecs"}]


def test_policies_are_read_one_resource_a_call():
    assert policy_filters("ecs", ["service/c/a", "service/c/b"], None) == [
        {"ServiceNamespace": "ecs", "ResourceId": "service/c/a"}, {"ServiceNamespace": "ecs", "ResourceId": "service/c/b"}]


def test_policy_configurations_keep_aws_keys():
    [policy] = snake([{"PolicyName": "cpu", "TargetTrackingScalingPolicyConfiguration": {
        "TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}])
    assert policy == {"policy_name": "cpu", "target_tracking_scaling_policy_configuration": {
        "TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}
