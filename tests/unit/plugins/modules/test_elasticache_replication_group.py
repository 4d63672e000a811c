"""tickr.aws.elasticache_replication_group: what it compares and creates with, and main() on a stubbed ElastiCache (only
reads in check mode, botocore's waiters, AWS's message reaching the user)."""

from unittest import mock

import pytest

from ansible_collections.tickr.aws.plugins.modules import elasticache_replication_group
from ansible_collections.tickr.aws.plugins.modules.elasticache_parameter_group import parameter_changes
from ansible_collections.tickr.aws.plugins.modules.elasticache_replication_group import (
    compare,
    create_params,
    current_state,
    version_matches,
)

from module_runner import run_stubbed

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


# main() on a stubbed ElastiCache: each call the module makes must be the next one queued, so a write in check mode
# or a call too many fails the test.
ARN = "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:tickr-redis"
ARGS = {"name": "tickr-redis", "description": "cache", "engine_version": "7.1", "cache_node_type": "cache.t3.micro",
        "num_cache_clusters": 1, "cache_parameter_group_name": "tickr-redis7", "cache_subnet_group_name": "tickr-redis",
        "security_group_ids": ["sg-1", "sg-2"], "port": 6379, "at_rest_encryption_enabled": True,
        "transit_encryption_enabled": True, "auth_token": "t" * 32, "snapshot_retention_limit": 0,
        "automatic_failover_enabled": False, "multi_az_enabled": False, "tags": {"Project": "tickr"}}
DESCRIBE = {"ReplicationGroupId": "tickr-redis"}
MISSING = "ReplicationGroupNotFoundFault"


def _group(status="available"):
    return {"ReplicationGroups": [dict(GROUP, Status=status, ARN=ARN)]}


def _read(status="available"):
    """The calls of one reading of the group: the group, then its primary node."""
    return [("describe_replication_groups", _group(status), DESCRIBE),
            ("describe_cache_clusters", {"CacheClusters": [CLUSTER]}, {"CacheClusterId": "tickr-redis-001"})]


def _tags(tags=None):
    return ("list_tags_for_resource", {"TagList": [{"Key": k, "Value": v} for k, v in (tags or {"Project": "tickr"}).items()]},
            {"ResourceName": ARN})


def _run(answers, args=None, check_mode=False):
    with mock.patch("botocore.waiter.time.sleep") as slept:
        result = run_stubbed(elasticache_replication_group, "elasticache", ARGS if args is None else args, answers,
                             check_mode=check_mode, message="ElastiCache refused: {code}")
    return result, slept


def test_a_group_in_place_is_read_and_left_alone():
    result, slept = _run(_read() + [_tags(), _tags()])
    assert result["failed"] is False and result["changed"] is False
    group = result["replication_group"]
    assert group["replication_group_id"] == "tickr-redis" and group["tags"] == {"Project": "tickr"}
    assert group["primary_endpoint"] == {"address": "master.tickr-redis", "port": 6379}
    assert group["primary_cluster"]["engine_version"] == "7.1.0"
    assert result["diff"]["before"] == result["diff"]["after"] == CURRENT


def test_check_mode_on_a_missing_group_predicts_it_and_only_reads():
    result, slept = _run([("describe_replication_groups", MISSING, DESCRIBE)], check_mode=True)
    assert result["changed"] is True and result["replication_group"] == {}
    assert result["diff"]["before"] == {} and result["diff"]["after"]["cache_node_type"] == "cache.t3.micro"
    assert "auth_token" not in result["diff"]["after"]


def test_check_mode_predicts_a_modification_and_a_retag_and_only_reads():
    result, slept = _run(_read() + [_tags({"Owner": "someone"}), _tags({"Owner": "someone"})],
                         args=dict(ARGS, cache_node_type="cache.t3.small"), check_mode=True)
    assert result["changed"] is True
    assert result["diff"]["after"]["cache_node_type"] == "cache.t3.small"


def test_a_missing_group_is_created_without_waiting():
    create = dict(create_params(dict(ARGS, engine="redis")))
    result, slept = _run([("describe_replication_groups", MISSING, DESCRIBE),
                          ("create_replication_group", {"ReplicationGroup": {"ReplicationGroupId": "tickr-redis"}}, create)]
                         + _read("creating") + [_tags()])
    assert result["changed"] is True and result["replication_group"]["status"] == "creating"
    assert not slept.called


def test_with_wait_the_new_group_is_waited_for_with_botocores_waiter():
    create = dict(create_params(dict(ARGS, engine="redis")))
    result, slept = _run([("describe_replication_groups", MISSING, DESCRIBE),
                          ("create_replication_group", {"ReplicationGroup": {"ReplicationGroupId": "tickr-redis"}}, create),
                          ("describe_replication_groups", _group("creating"), DESCRIBE),
                          ("describe_replication_groups", _group("available"), DESCRIBE)]
                         + _read() + [_tags()], args=dict(ARGS, wait=True))
    assert result["changed"] is True and result["replication_group"]["status"] == "available"
    slept.assert_called_once_with(5)


def test_a_wait_past_its_timeout_fails_naming_the_wait():
    create = dict(create_params(dict(ARGS, engine="redis")))
    result, slept = _run([("describe_replication_groups", MISSING, DESCRIBE),
                          ("create_replication_group", {"ReplicationGroup": {"ReplicationGroupId": "tickr-redis"}}, create),
                          ("describe_replication_groups", _group("creating"), DESCRIBE),
                          ("describe_replication_groups", _group("creating"), DESCRIBE)],
                         args=dict(ARGS, wait=True, wait_timeout=5))
    assert result["failed"] is True
    assert result["msg"].startswith("Timeout trying to wait for the replication group to be available: ")
    assert "Max attempts exceeded" in result["msg"]


def test_what_differs_is_modified_and_the_tags_corrected():
    result, slept = _run(_read() + [
        ("modify_replication_group", {"ReplicationGroup": {}},
         {"ReplicationGroupId": "tickr-redis", "ApplyImmediately": True, "CacheNodeType": "cache.t3.small"}),
        _tags({"Project": "tickr", "Owner": "someone"}),
        ("remove_tags_from_resource", {"TagList": []}, {"ResourceName": ARN, "TagKeys": ["Owner"]}),
    ] + _read("modifying") + [_tags()], args=dict(ARGS, cache_node_type="cache.t3.small"))
    assert result["changed"] is True and result["replication_group"]["status"] == "modifying"
    assert result["diff"]["before"]["cache_node_type"] == "cache.t3.micro"


def test_a_setting_aws_cannot_change_fails_before_any_write():
    result, slept = _run(_read(), args=dict(ARGS, port=6380))
    assert result["failed"] is True
    assert result["msg"] == "Replication group tickr-redis: AWS cannot change port from 6379 to 6380 in place"


def test_absent_deletes_the_group_and_waits_until_it_is_gone():
    result, slept = _run(_read() + [
        ("delete_replication_group", {"ReplicationGroup": {}}, DESCRIBE),
        ("describe_replication_groups", _group("deleting"), DESCRIBE),
        ("describe_replication_groups", MISSING, DESCRIBE),
    ], args={"name": "tickr-redis", "state": "absent", "wait": True})
    assert (result["failed"], result["changed"], result["replication_group"]) == (False, True, {})
    assert result["diff"] == {"before": CURRENT, "after": {}}
    slept.assert_called_once_with(5)


def test_absent_on_a_group_being_deleted_only_waits():
    result, slept = _run(_read("deleting") + [("describe_replication_groups", MISSING, DESCRIBE)],
                         args={"name": "tickr-redis", "state": "absent", "wait": True})
    assert (result["failed"], result["changed"]) == (False, False)


def test_absent_in_check_mode_and_on_a_missing_group_only_reads():
    result, slept = _run(_read(), args={"name": "tickr-redis", "state": "absent", "wait": True}, check_mode=True)
    assert (result["failed"], result["changed"]) == (False, True)
    result, slept = _run([("describe_replication_groups", MISSING, DESCRIBE)], args={"name": "tickr-redis", "state": "absent"})
    assert (result["failed"], result["changed"]) == (False, False)


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, slept = _run(_read() + [("modify_replication_group", "InvalidParameterCombination",
                                     {"ReplicationGroupId": "tickr-redis", "ApplyImmediately": True,
                                      "CacheNodeType": "cache.t3.small"})],
                         args=dict(ARGS, cache_node_type="cache.t3.small"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to modify the replication group: An error occurred (InvalidParameterCombination) when calling "
                             "the ModifyReplicationGroup operation: ElastiCache refused: InvalidParameterCombination")


V2 = dict(ARGS, num_cache_clusters=2, automatic_failover_enabled=True, multi_az_enabled=True)
TWO_NODES = dict(GROUP, MemberClusters=["tickr-redis-001", "tickr-redis-002"], AutomaticFailover="enabled",
                 MultiAZ="enabled", ARN=ARN)


def test_a_replica_is_added_in_place_before_failover_and_multi_az_are_turned_on():
    result, slept = _run(_read() + [
        ("increase_replica_count", {"ReplicationGroup": {}},
         {"ReplicationGroupId": "tickr-redis", "NewReplicaCount": 1, "ApplyImmediately": True}),
        ("describe_replication_groups", _group("modifying"), DESCRIBE),
        ("describe_replication_groups", _group("available"), DESCRIBE),
        ("modify_replication_group", {"ReplicationGroup": {}},
         {"ReplicationGroupId": "tickr-redis", "ApplyImmediately": True, "AutomaticFailoverEnabled": True,
          "MultiAZEnabled": True}),
        _tags(),
    ] + _read("modifying") + [_tags()], args=V2)
    assert result["changed"] is True
    assert result["diff"]["before"]["num_cache_clusters"] == 1
    slept.assert_called_once_with(5)


def test_failover_is_turned_off_before_the_replica_goes():
    two = [("describe_replication_groups", {"ReplicationGroups": [TWO_NODES]}, DESCRIBE),
           ("describe_cache_clusters", {"CacheClusters": [CLUSTER]}, {"CacheClusterId": "tickr-redis-001"})]
    result, slept = _run(two + [
        ("modify_replication_group", {"ReplicationGroup": {}},
         {"ReplicationGroupId": "tickr-redis", "ApplyImmediately": True, "AutomaticFailoverEnabled": False,
          "MultiAZEnabled": False}),
        ("describe_replication_groups", _group("available"), DESCRIBE),
        ("decrease_replica_count", {"ReplicationGroup": {}},
         {"ReplicationGroupId": "tickr-redis", "NewReplicaCount": 0, "ApplyImmediately": True}),
        _tags(),
    ] + _read() + [_tags()])
    assert result["changed"] is True and result["failed"] is False


def test_check_mode_predicts_the_new_replica_and_only_reads():
    result, slept = _run(_read() + [_tags(), _tags()], args=V2, check_mode=True)
    assert result["changed"] is True and result["diff"]["after"]["num_cache_clusters"] == 2


def test_absent_with_a_final_snapshot_names_it_to_aws():
    result, slept = _run(_read() + [
        ("delete_replication_group", {"ReplicationGroup": {}},
         {"ReplicationGroupId": "tickr-redis", "FinalSnapshotIdentifier": "tickr-redis-final"}),
    ], args={"name": "tickr-redis", "state": "absent", "final_snapshot_identifier": "tickr-redis-final"})
    assert (result["failed"], result["changed"]) == (False, True)
