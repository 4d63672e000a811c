import pytest

from ansible_collections.tickr.aws.plugins.modules.elasticache_parameter_group import parameter_changes
from ansible_collections.tickr.aws.plugins.modules.elasticache_replication_group import (
    compare,
    create_params,
    current_state,
    version_matches,
)

GROUP = {
    "ReplicationGroupId": "tickr-redis", "Description": "cache", "Status": "available", "MemberClusters": ["tickr-redis-001"],
    "NodeGroups": [{"PrimaryEndpoint": {"Address": "master.tickr-redis", "Port": 6379}}], "AutomaticFailover": "disabled",
    "MultiAZ": "disabled", "SnapshotRetentionLimit": 0, "SnapshotWindow": "05:00-06:00", "CacheNodeType": "cache.t3.micro",
    "TransitEncryptionEnabled": True, "AtRestEncryptionEnabled": True, "AuthTokenEnabled": True, "ARN": "arn:rg",
}
CLUSTER = {
    "CacheClusterId": "tickr-redis-001", "EngineVersion": "7.1.0", "CacheSubnetGroupName": "tickr-redis",
    "CacheParameterGroup": {"CacheParameterGroupName": "tickr-redis7"}, "PreferredMaintenanceWindow": "sun:05:00-sun:06:00",
    "SecurityGroups": [{"SecurityGroupId": "sg-2", "Status": "active"}, {"SecurityGroupId": "sg-1", "Status": "active"}],
}
CURRENT = current_state(GROUP, CLUSTER)
SPEC = {
    "name": "tickr-redis", "description": "cache", "engine": "redis", "engine_version": "7.1", "cache_node_type": "cache.t3.micro",
    "num_cache_clusters": 1, "cache_parameter_group_name": "tickr-redis7", "cache_subnet_group_name": "tickr-redis",
    "security_group_ids": ["sg-1", "sg-2"], "port": 6379, "at_rest_encryption_enabled": True, "transit_encryption_enabled": True,
    "auth_token": "t" * 32, "preferred_maintenance_window": None, "snapshot_retention_limit": 0, "snapshot_window": None,
    "automatic_failover_enabled": False, "multi_az_enabled": False, "tags": {"Project": "tickr"},
}


@pytest.mark.parametrize("desired,current,expected", [
    ("7.1", "7.1.0", True), ("7", "7.1.0", True), ("7.x", "7.0.7", True), ("7.1.0", "7.1.0", True),
    ("7.0", "7.1.0", False), ("6.2", "7.1.0", False), ("7.1", None, False), (None, "7.1.0", True),
])
def test_version_matches_by_prefix(desired, current, expected):
    assert version_matches(desired, current) is expected


def test_current_state_reads_the_group_and_its_primary():
    assert CURRENT["engine_version"] == "7.1.0"
    assert CURRENT["security_group_ids"] == ["sg-1", "sg-2"]
    assert CURRENT["cache_parameter_group_name"] == "tickr-redis7"
    assert CURRENT["num_cache_clusters"] == 1
    assert CURRENT["port"] == 6379
    assert CURRENT["automatic_failover_enabled"] is False
    assert current_state(None, None) is None


def test_same_settings_change_nothing():
    assert compare(SPEC, CURRENT) == ({}, {})


def test_unset_options_are_left_alone():
    assert compare({k: None for k in SPEC}, CURRENT) == ({}, {})


def test_in_place_changes_become_modify_arguments():
    wanted = dict(SPEC, cache_node_type="cache.t3.small", security_group_ids=["sg-3"], cache_parameter_group_name="other",
                  preferred_maintenance_window="mon:01:00-mon:02:00", engine_version="7.2")
    modify, immutable = compare(wanted, CURRENT)
    assert modify == {"CacheNodeType": "cache.t3.small", "SecurityGroupIds": ["sg-3"], "CacheParameterGroupName": "other",
                      "PreferredMaintenanceWindow": "mon:01:00-mon:02:00", "EngineVersion": "7.2"}
    assert immutable == {}


def test_window_case_is_ignored():
    assert compare(dict(SPEC, preferred_maintenance_window="SUN:05:00-SUN:06:00"), CURRENT) == ({}, {})


def test_settings_aws_cannot_change_are_reported():
    modify, immutable = compare(dict(SPEC, port=6380, at_rest_encryption_enabled=False, cache_subnet_group_name="x"), CURRENT)
    assert modify == {}
    assert immutable == {"port": (6379, 6380), "at_rest_encryption_enabled": (True, False), "cache_subnet_group_name": ("tickr-redis", "x")}


def test_create_params_carry_the_token_and_tags_but_not_unset_options():
    args = create_params(SPEC)
    assert args["ReplicationGroupId"] == "tickr-redis"
    assert args["AuthToken"] == "t" * 32
    assert args["NumCacheClusters"] == 1
    assert args["Tags"] == [{"Key": "Project", "Value": "tickr"}]
    assert "PreferredMaintenanceWindow" not in args and "SnapshotWindow" not in args


def test_parameter_changes_compare_as_text_and_report_unknown_names():
    current = {"maxmemory-policy": "volatile-lru", "timeout": "300", "appendonly": "no"}
    assert parameter_changes({"timeout": 300, "appendonly": False}, current) == ([], [])
    assert parameter_changes({"maxmemory-policy": "allkeys-lru", "nope": 1}, current) == (
        [{"ParameterName": "maxmemory-policy", "ParameterValue": "allkeys-lru"}], ["nope"])
