"""V1 to V2 on a running stack, as an operator walks it: the inventory's V2 values on a converged V1 stack keep every
resource that holds data or serves traffic, RDS holds its changes for the maintenance window (pending, not failed,
not sent again), Redis gains its replica in place, the CDN comes in front of the same bucket, the private subnets
route through a NAT gateway, and a rerun changes nothing."""

import json

import pytest

from conftest import push_backend_image

pytestmark = pytest.mark.integration
V2 = {"rds_instance_class": "db.t3.medium", "rds_multi_az": True, "redis_num_nodes": 2, "tickr_log_retention_days": 30,
      "cdn_enabled": True, "networking_nat_gateway": True}
INSTANCE = "tickr-postgres"
GROUP = "tickr-redis"


def _identities(emulator):
    """What must survive the walk: the ids AWS gives each resource that holds data or serves traffic."""
    rds = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"][0]
    cache = emulator.client("elasticache").describe_replication_groups(ReplicationGroupId=GROUP)["ReplicationGroups"][0]
    alb = emulator.client("elbv2").describe_load_balancers(Names=["tickr-alb"])["LoadBalancers"][0]
    service = emulator.client("ecs").describe_services(cluster="tickr-cluster", services=["tickr-backend-service"])["services"][0]
    vpc = emulator.client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"][0]
    secrets = emulator.client("secretsmanager")
    images = emulator.client("s3").list_objects_v2(Bucket="tickr-event-images").get("Contents", [])
    return {
        "images": sorted((o["Key"], o["ETag"]) for o in images),
        "db": (rds["InstanceCreateTime"], rds["Endpoint"]["Address"]),
        "cache": cache["ARN"], "primary": cache["NodeGroups"][0]["PrimaryEndpoint"]["Address"],
        "alb": alb["LoadBalancerArn"], "service": (service["serviceArn"], service["taskDefinition"]),
        "vpc": vpc["VpcId"],
        "secrets": {name: secrets.get_secret_value(SecretId=name)["SecretString"]
                    for name in ("tickr/db/password", "tickr/redis/auth-token")},
    }


def _upload_an_image(emulator):
    """As the app would. The bucket refuses plain HTTP, the emulator's only protocol: its policy is lifted meanwhile."""
    s3 = emulator.client("s3")
    policy = s3.get_bucket_policy(Bucket="tickr-event-images")["Policy"]
    s3.delete_bucket_policy(Bucket="tickr-event-images")
    s3.put_object(Bucket="tickr-event-images", Key="events/1/cover.jpg", Body=b"jpeg")
    s3.put_bucket_policy(Bucket="tickr-event-images", Policy=policy)


@pytest.fixture(scope="module")
def walked(emulator, run_playbook):
    emulator.reset()
    push_backend_image(emulator)
    v1 = run_playbook(emulator.env)
    assert v1.returncode == 0, v1.failure_messages() or v1.output[-3000:]
    _upload_an_image(emulator)
    before = _identities(emulator)
    v2 = run_playbook(emulator.env, extra=["-e", json.dumps(V2)])
    assert v2.returncode == 0, v2.failure_messages() or v2.output[-3000:]
    rerun = run_playbook(emulator.env, extra=["-e", json.dumps(V2)])
    return emulator, before, v2, rerun


def test_the_walk_keeps_every_resource_that_holds_data_or_serves_traffic(walked):
    emulator, before, v2 = walked[:3]
    assert v2.changed > 0
    assert before["images"] and _identities(emulator) == before


def test_rds_holds_the_class_and_multi_az_for_the_window_and_the_summary_says_so(walked):
    emulator, v2 = walked[0], walked[2]
    db = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"][0]
    assert db["DBInstanceClass"] == "db.t3.small" and db["MultiAZ"] is False
    assert db["PendingModifiedValues"] == {"DBInstanceClass": "db.t3.medium", "MultiAZ": True}
    summary = json.dumps(v2.result)
    assert "class db.t3.medium, Multi-AZ on until sun:04:00-sun:05:00" in summary


def test_redis_gains_its_replica_in_place_with_failover_and_multi_az(walked):
    emulator = walked[0]
    group = emulator.client("elasticache").describe_replication_groups(ReplicationGroupId=GROUP)["ReplicationGroups"][0]
    assert group["MemberClusters"] == [f"{GROUP}-001", f"{GROUP}-002"]
    assert group["AutomaticFailover"] == "enabled" and group["MultiAZ"] == "enabled"


def test_the_cdn_serves_the_same_bucket_and_the_private_subnets_route_through_nat(walked):
    emulator = walked[0]
    [distribution] = emulator.client("cloudfront", "us-east-1").list_distributions()["DistributionList"]["Items"]
    [origin] = distribution["Origins"]["Items"]
    assert origin["DomainName"].startswith("tickr-event-images.s3.") and distribution["Aliases"]["Items"] == ["cdn.tickr.tn"]
    ec2 = emulator.client("ec2")
    [nat] = [n for n in ec2.describe_nat_gateways()["NatGateways"] if n["State"] in ("pending", "available")]
    private = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": ["tickr-private*"]}])["RouteTables"]
    assert private and {r.get("NatGatewayId") for t in private for r in t["Routes"]
                        if r.get("DestinationCidrBlock") == "0.0.0.0/0"} == {nat["NatGatewayId"]}


def test_every_log_group_keeps_30_days(walked):
    emulator = walked[0]
    groups = emulator.client("logs").describe_log_groups()["logGroups"]
    assert groups and {g["logGroupName"]: g.get("retentionInDays") for g in groups} == {
        g["logGroupName"]: 30 for g in groups}


def test_a_rerun_sends_nothing_again(walked):
    rerun = walked[3]
    assert rerun.returncode == 0, rerun.failure_messages()
    assert rerun.changed == 0, rerun.output[rerun.output.find("WHAT CHANGED"):][:3000]


def test_verify_reports_the_held_changes_as_pending_then_passes_after_the_window(walked, run_playbook):
    emulator = walked[0]
    verify = run_playbook(emulator.env, playbook="playbooks/verify.yml", extra=["-e", json.dumps(V2)], json_output=False)
    assert verify.returncode == 0, verify.output[-3000:]
    assert "class db.t3.medium" in verify.stdout and "PENDING until sun:04:00-sun:05:00" in verify.stdout
    emulator.maintenance_window()
    db = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"][0]
    assert db["DBInstanceClass"] == "db.t3.medium" and db["MultiAZ"] is True
    verify = run_playbook(emulator.env, playbook="playbooks/verify.yml", extra=["-e", json.dumps(V2)], json_output=False)
    # The held changes pass; what stays pending is SES's (its DKIM records in DNS), which no window applies.
    assert verify.returncode == 0 and "PENDING until sun:04:00-sun:05:00" not in verify.stdout, verify.output[-3000:]


def test_multi_az_redis_with_one_node_is_refused_before_anything_changes(walked, run_playbook):
    emulator = walked[0]
    run = run_playbook(emulator.env, extra=["-e", json.dumps(dict(V2, redis_num_nodes=1, redis_multi_az=True))])
    assert run.returncode != 0
    assert "redis_multi_az: Multi-AZ needs a replica to fail over to; set redis_num_nodes to 2 or more (it is 1)" in run.output
    assert run.changed == 0


def test_destroy_keeps_the_event_images_unless_the_bucket_is_named(walked, run_playbook):
    emulator = walked[0]
    confirm = ["-e", "tickr_destroy_confirm=tickr-local"]
    refused = run_playbook(emulator.env, playbook="playbooks/destroy.yml", extra=confirm)
    assert refused.returncode != 0
    assert any(m.startswith("s3_bucket_destroy_with_objects: tickr-event-images holds event images")
               for m in refused.failure_messages()), refused.failure_messages()
    assert refused.changed == 0 and _identities(emulator) == walked[1]
    # The bucket refuses plain HTTP, the emulator's only protocol, for the deletion of its objects too.
    emulator.client("s3").delete_bucket_policy(Bucket="tickr-event-images")
    named = run_playbook(emulator.env, playbook="playbooks/destroy.yml",
                         extra=confirm + ["--tags", "s3_bucket", "-e", "s3_bucket_destroy_with_objects=tickr-event-images"])
    assert named.returncode == 0, named.failure_messages()
    assert "tickr-event-images" not in [b["Name"] for b in emulator.client("s3").list_buckets()["Buckets"]]
