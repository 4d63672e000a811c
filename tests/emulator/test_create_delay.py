"""TICKR_EMULATOR_CREATE_DELAY / emulator.py start --create-delay: slow resources stay in their creating state that
long, as on AWS (patches/create_delay.py)."""

import subprocess
import sys
import time

import pytest

from conftest import EMULATOR, Emulator

DELAY = 4


@pytest.fixture(scope="module")
def slow_emulator(tmp_path_factory):
    emulator = Emulator(tmp_path_factory.mktemp("slow-emulator"))
    emulator.env.pop("TICKR_EMULATOR_CREATE_DELAY", None)
    subprocess.run([sys.executable, str(EMULATOR), "start", "--create-delay", str(DELAY)], env=emulator.env,
                   check=True, capture_output=True)
    yield emulator
    emulator.stop()


def _distribution_config(reference):
    origin = {"Id": "images", "DomainName": "tickr-event-images.s3.eu-west-1.amazonaws.com", "OriginPath": "",
              "CustomHeaders": {"Quantity": 0}, "S3OriginConfig": {"OriginAccessIdentity": ""}}
    return {"CallerReference": reference, "Comment": "images", "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": {"TargetOriginId": "images", "ViewerProtocolPolicy": "redirect-to-https",
                                     "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                     "MinTTL": 0}}


def _sleep_until(moment):
    time.sleep(max(0.0, moment - time.time()))


def test_slow_resources_are_creating_then_available(slow_emulator):
    rds, elasticache = slow_emulator.client("rds"), slow_emulator.client("elasticache")
    cloudfront = slow_emulator.client("cloudfront", "us-east-1")
    # moto loads each service on its first request (seconds on a busy machine): not part of the delay under test.
    rds.describe_db_instances(), elasticache.describe_replication_groups(), cloudfront.list_distributions()

    rds.create_db_instance(DBInstanceIdentifier="tickr-postgres", Engine="postgres", DBInstanceClass="db.t3.small",
                           AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32)
    [db] = rds.describe_db_instances()["DBInstances"]
    assert db["DBInstanceStatus"] == "creating"
    assert "Endpoint" not in db  # AWS gives the address only once the instance is available

    elasticache.create_replication_group(ReplicationGroupId="tickr-redis", ReplicationGroupDescription="d",
                                         Engine="redis", CacheNodeType="cache.t3.micro", NumCacheClusters=1)
    [group] = elasticache.describe_replication_groups()["ReplicationGroups"]
    assert group["Status"] == "creating"
    assert group["NodeGroups"][0]["Status"] == "creating"
    assert "PrimaryEndpoint" not in group["NodeGroups"][0]
    members = elasticache.describe_cache_clusters()["CacheClusters"]
    assert [c["CacheClusterStatus"] for c in members] == ["creating"]

    distribution = cloudfront.create_distribution(DistributionConfig=_distribution_config("slow"))["Distribution"]
    created = time.time()
    assert distribution["Status"] == "InProgress"
    assert cloudfront.get_distribution(Id=distribution["Id"])["Distribution"]["Status"] == "InProgress"

    _sleep_until(created + DELAY + 1)
    [db] = rds.describe_db_instances()["DBInstances"]
    assert db["DBInstanceStatus"] == "available"
    assert db["Endpoint"]["Port"] == 5432 and db["Endpoint"]["Address"]
    [group] = elasticache.describe_replication_groups()["ReplicationGroups"]
    assert group["Status"] == "available"
    assert group["NodeGroups"][0]["Status"] == "available"
    assert group["NodeGroups"][0]["PrimaryEndpoint"]["Port"] == 6379
    members = elasticache.describe_cache_clusters()["CacheClusters"]
    assert [c["CacheClusterStatus"] for c in members] == ["available"]
    assert cloudfront.get_distribution(Id=distribution["Id"])["Distribution"]["Status"] == "Deployed"


def test_each_resource_counts_from_its_own_creation(slow_emulator):
    rds = slow_emulator.client("rds")
    rds.create_db_instance(DBInstanceIdentifier="tickr-late", Engine="postgres", DBInstanceClass="db.t3.small",
                           AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32)
    [db] = rds.describe_db_instances(DBInstanceIdentifier="tickr-late")["DBInstances"]
    assert db["DBInstanceStatus"] == "creating"


def test_without_the_delay_they_are_available_at_once(fresh_emulator):
    rds, elasticache = fresh_emulator.client("rds"), fresh_emulator.client("elasticache")
    rds.create_db_instance(DBInstanceIdentifier="tickr-postgres", Engine="postgres", DBInstanceClass="db.t3.small",
                           AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32)
    elasticache.create_replication_group(ReplicationGroupId="tickr-redis", ReplicationGroupDescription="d",
                                         Engine="redis", CacheNodeType="cache.t3.micro", NumCacheClusters=1)
    [db] = rds.describe_db_instances()["DBInstances"]
    assert db["DBInstanceStatus"] == "available" and db["Endpoint"]["Address"]
    [group] = elasticache.describe_replication_groups()["ReplicationGroups"]
    assert group["Status"] == "available" and group["NodeGroups"][0]["PrimaryEndpoint"]["Address"]
