"""TICKR_EMULATOR_CREATE_DELAY: slow resources stay in their creating state that long, as on AWS."""

import os
import time

import pytest

from conftest import Emulator

DELAY = 4


@pytest.fixture(scope="module")
def slow_emulator(tmp_path_factory):
    os.environ["TICKR_EMULATOR_CREATE_DELAY"] = str(DELAY)
    try:
        emulator = Emulator(tmp_path_factory.mktemp("slow-emulator"))
    finally:
        del os.environ["TICKR_EMULATOR_CREATE_DELAY"]
    emulator.start()
    yield emulator
    emulator.stop()


def test_db_instances_and_replication_groups_are_creating_then_available(slow_emulator):
    rds, elasticache = slow_emulator.client("rds"), slow_emulator.client("elasticache")
    rds.create_db_instance(DBInstanceIdentifier="tickr-postgres", Engine="postgres", DBInstanceClass="db.t3.small",
                           AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32)
    elasticache.create_replication_group(ReplicationGroupId="tickr-redis", ReplicationGroupDescription="d",
                                         Engine="redis", CacheNodeType="cache.t3.micro", NumCacheClusters=1)
    created = time.time()
    assert rds.describe_db_instances()["DBInstances"][0]["DBInstanceStatus"] == "creating"
    assert elasticache.describe_replication_groups()["ReplicationGroups"][0]["Status"] == "creating"
    assert elasticache.describe_cache_clusters()["CacheClusters"][0]["CacheClusterStatus"] == "creating"
    time.sleep(max(0.0, created + DELAY + 0.5 - time.time()))
    assert rds.describe_db_instances()["DBInstances"][0]["DBInstanceStatus"] == "available"
    assert elasticache.describe_replication_groups()["ReplicationGroups"][0]["Status"] == "available"
    assert elasticache.describe_cache_clusters()["CacheClusters"][0]["CacheClusterStatus"] == "available"


def test_without_the_delay_they_are_available_at_once(fresh_emulator):
    rds = fresh_emulator.client("rds")
    rds.create_db_instance(DBInstanceIdentifier="tickr-postgres", Engine="postgres", DBInstanceClass="db.t3.small",
                           AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32)
    assert rds.describe_db_instances()["DBInstances"][0]["DBInstanceStatus"] == "available"
