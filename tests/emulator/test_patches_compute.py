"""The compute fidelity patches (ECS, Application Auto Scaling, ACM) restore AWS's behaviour; stated over HTTP."""

import json
import time

import pytest
from botocore.exceptions import ClientError

SUBNET_CIDR = "10.0.1.0/24"


def _network(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=SUBNET_CIDR)["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="g", Description="g", VpcId=vpc)["GroupId"]
    return subnet, group


def _service(emulator, **extra):
    ecs = emulator.client("ecs")
    subnet, group = _network(emulator.client("ec2"))
    ecs.create_cluster(clusterName="c")
    ecs.register_task_definition(family="f", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256",
                                 memory="512", containerDefinitions=[{"name": "app", "image": "nginx"}])
    ecs.create_service(cluster="c", serviceName="s", taskDefinition="f", desiredCount=1, launchType="FARGATE",
                       networkConfiguration={"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group]}},
                       **extra)
    return ecs, ecs.describe_services(cluster="c", services=["s"])["services"][0]


def test_create_service_keeps_the_deployment_configuration(fresh_emulator):
    service = _service(
        fresh_emulator,
        deploymentConfiguration={"maximumPercent": 150, "minimumHealthyPercent": 50,
                                 "deploymentCircuitBreaker": {"enable": True, "rollback": True}},
        healthCheckGracePeriodSeconds=60,
    )[1]
    assert service["deploymentConfiguration"] == {
        "maximumPercent": 150, "minimumHealthyPercent": 50,
        "deploymentCircuitBreaker": {"enable": True, "rollback": True}}
    assert service["healthCheckGracePeriodSeconds"] == 60
    assert service["enableExecuteCommand"] is False


def test_create_service_reports_aws_default_deployment_configuration(fresh_emulator):
    service = _service(fresh_emulator)[1]
    assert service["deploymentConfiguration"] == {
        "maximumPercent": 200, "minimumHealthyPercent": 100,
        "deploymentCircuitBreaker": {"enable": False, "rollback": False}}
    assert service["healthCheckGracePeriodSeconds"] == 0


def test_clusters_report_empty_capacity_providers(fresh_emulator):
    ecs = fresh_emulator.client("ecs")
    ecs.create_cluster(clusterName="c")
    cluster = ecs.describe_clusters(clusters=["c"])["clusters"][0]
    assert cluster["capacityProviders"] == []
    assert cluster["defaultCapacityProviderStrategy"] == []


def test_scaling_policies_are_selected_by_name_and_exact_resource(fresh_emulator):
    ecs = _service(fresh_emulator)[0]
    network = ecs.describe_services(cluster="c", services=["s"])["services"][0]["networkConfiguration"]
    ecs.create_service(cluster="c", serviceName="s2", taskDefinition="f", desiredCount=1, launchType="FARGATE",
                       networkConfiguration=network)
    aas = fresh_emulator.client("application-autoscaling")
    for resource in ("service/c/s", "service/c/s2"):
        aas.register_scalable_target(ServiceNamespace="ecs", ResourceId=resource,
                                     ScalableDimension="ecs:service:DesiredCount", MinCapacity=1, MaxCapacity=2)
    for name, metric in (("cpu", "ECSServiceAverageCPUUtilization"), ("memory", "ECSServiceAverageMemoryUtilization")):
        aas.put_scaling_policy(
            PolicyName=name, ServiceNamespace="ecs", ResourceId="service/c/s", ScalableDimension="ecs:service:DesiredCount",
            PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={"TargetValue": 50.0,
                                                      "PredefinedMetricSpecification": {"PredefinedMetricType": metric}})
    found = aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId="service/c/s",
                                          ScalableDimension="ecs:service:DesiredCount", PolicyNames=["memory"],
                                          MaxResults=1)["ScalingPolicies"]
    assert [p["PolicyName"] for p in found] == ["memory"]
    all_found = aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId="service/c/s")["ScalingPolicies"]
    assert sorted(p["PolicyName"] for p in all_found) == ["cpu", "memory"]
    assert aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId="service/c/s2")["ScalingPolicies"] == []


def test_deregistering_a_scalable_target_takes_its_policies_and_a_missing_one_is_not_found(fresh_emulator):
    _service(fresh_emulator)
    aas = fresh_emulator.client("application-autoscaling")
    target = {"ServiceNamespace": "ecs", "ResourceId": "service/c/s", "ScalableDimension": "ecs:service:DesiredCount"}
    aas.register_scalable_target(MinCapacity=1, MaxCapacity=2, **target)
    aas.put_scaling_policy(
        PolicyName="cpu", PolicyType="TargetTrackingScaling", **target,
        TargetTrackingScalingPolicyConfiguration={"TargetValue": 50.0, "PredefinedMetricSpecification": {
            "PredefinedMetricType": "ECSServiceAverageCPUUtilization"}})
    assert fresh_emulator.client("cloudwatch").describe_alarms()["MetricAlarms"], "target tracking made its alarms"
    aas.deregister_scalable_target(**target)
    assert aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"] == []
    assert aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId="service/c/s")["ScalingPolicies"] == []
    assert fresh_emulator.client("cloudwatch").describe_alarms()["MetricAlarms"] == []
    with pytest.raises(ClientError) as error:
        aas.deregister_scalable_target(**target)
    assert error.value.response["Error"]["Code"] == "ObjectNotFoundException"


def test_dns_validated_certificates_go_from_pending_to_issued(fresh_emulator):
    acm = fresh_emulator.client("acm")
    arn = acm.request_certificate(DomainName="api.tickr.tn", ValidationMethod="DNS")["CertificateArn"]
    certificate = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    assert certificate["Status"] == "PENDING_VALIDATION"
    assert certificate["DomainValidationOptions"][0]["ResourceRecord"]["Type"] == "CNAME"
    deadline = time.time() + 30
    while certificate["Status"] != "ISSUED" and time.time() < deadline:
        time.sleep(1)
        certificate = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    assert certificate["Status"] == "ISSUED"


def test_update_service_records_the_task_definition_arn(fresh_emulator):
    ecs, service = _service(fresh_emulator)
    assert service["taskDefinition"].endswith(":task-definition/f:1")
    ecs.register_task_definition(family="f", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256",
                                 memory="512", containerDefinitions=[{"name": "app", "image": "nginx:2"}])
    updated = ecs.update_service(cluster="c", service="s", taskDefinition="f:2")["service"]
    assert updated["taskDefinition"].startswith("arn:aws:ecs:eu-west-1:")
    assert updated["taskDefinition"].endswith(":task-definition/f:2")
    described = ecs.describe_services(cluster="c", services=["s"])["services"][0]
    assert described["taskDefinition"] == updated["taskDefinition"]


def test_a_new_alb_describes_every_attribute_at_aws_default(fresh_emulator):
    ec2, elbv2 = fresh_emulator.client("ec2"), fresh_emulator.client("elbv2")
    subnet, group = _network(ec2)
    vpc = ec2.describe_subnets(SubnetIds=[subnet])["Subnets"][0]["VpcId"]
    other = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone="eu-west-1b")["Subnet"]["SubnetId"]
    arn = elbv2.create_load_balancer(Name="alb", Subnets=[subnet, other], SecurityGroups=[group])["LoadBalancers"][0][
        "LoadBalancerArn"]
    attributes = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]}
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "false"
    assert attributes["routing.http.desync_mitigation_mode"] == "defensive"
    assert attributes["routing.http2.enabled"] == "true"
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}])
    attributes = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]}
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "true"


def _alb(emulator):
    ec2, elbv2 = emulator.client("ec2"), emulator.client("elbv2")
    subnet, group = _network(ec2)
    vpc = ec2.describe_subnets(SubnetIds=[subnet])["Subnets"][0]["VpcId"]
    other = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone="eu-west-1b")["Subnet"]["SubnetId"]
    return elbv2, elbv2.create_load_balancer(Name="alb", Subnets=[subnet, other], SecurityGroups=[group])[
        "LoadBalancers"][0]["LoadBalancerArn"]


def test_deletion_protection_refuses_delete_load_balancer_until_lifted(fresh_emulator):
    elbv2, arn = _alb(fresh_emulator)
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "deletion_protection.enabled", "Value": "true"}])
    with pytest.raises(ClientError) as refused:
        elbv2.delete_load_balancer(LoadBalancerArn=arn)
    assert refused.value.response["Error"]["Code"] == "OperationNotPermitted"
    assert "deletion protection is enabled" in refused.value.response["Error"]["Message"]
    assert elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"]
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "deletion_protection.enabled", "Value": "false"}])
    elbv2.delete_load_balancer(LoadBalancerArn=arn)
    assert elbv2.describe_load_balancers()["LoadBalancers"] == []


def _logs_policy(bucket, principal, resource):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": principal, "Action": "s3:PutObject", "Resource": resource}]})


def _enable_access_logs(elbv2, arn, bucket, prefix="alb"):
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "access_logs.s3.enabled", "Value": "true"},
        {"Key": "access_logs.s3.bucket", "Value": bucket},
        {"Key": "access_logs.s3.prefix", "Value": prefix}])


@pytest.mark.parametrize("policy, reason", [
    (None, "Access Denied for bucket: logs"),
    (_logs_policy("logs", {"AWS": "arn:aws:iam::123456789012:root"}, "arn:aws:s3:::logs/*"), "Access Denied"),
    (_logs_policy("logs", {"AWS": "arn:aws:iam::156460612806:root"}, "arn:aws:s3:::logs/other/*"), "Access Denied"),
])
def test_access_logs_need_a_bucket_policy_admitting_elb(fresh_emulator, policy, reason):
    elbv2, arn = _alb(fresh_emulator)
    s3 = fresh_emulator.client("s3")
    s3.create_bucket(Bucket="logs", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    if policy:
        s3.put_bucket_policy(Bucket="logs", Policy=policy)
    with pytest.raises(ClientError) as refused:
        _enable_access_logs(elbv2, arn, "logs")
    assert refused.value.response["Error"]["Code"] == "InvalidConfigurationRequest"
    assert reason in refused.value.response["Error"]["Message"]
    attributes = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]}
    assert attributes["access_logs.s3.enabled"] == "false"


def test_access_logs_to_a_missing_bucket_are_refused(fresh_emulator):
    elbv2, arn = _alb(fresh_emulator)
    with pytest.raises(ClientError) as refused:
        _enable_access_logs(elbv2, arn, "no-such-logs-bucket")
    assert refused.value.response["Error"]["Message"] == "The specified bucket does not exist"


@pytest.mark.parametrize("principal", [{"AWS": "arn:aws:iam::156460612806:root"},
                                       {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}])
def test_access_logs_go_to_a_bucket_admitting_the_region_elb_account(fresh_emulator, principal):
    elbv2, arn = _alb(fresh_emulator)
    s3 = fresh_emulator.client("s3")
    s3.create_bucket(Bucket="logs", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_bucket_policy(Bucket="logs", Policy=_logs_policy(
        "logs", principal, "arn:aws:s3:::logs/alb/AWSLogs/123456789012/*"))
    _enable_access_logs(elbv2, arn, "logs")
    attributes = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]}
    assert (attributes["access_logs.s3.enabled"], attributes["access_logs.s3.bucket"]) == ("true", "logs")
