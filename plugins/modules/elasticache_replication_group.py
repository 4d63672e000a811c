#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: elasticache_replication_group
version_added: 0.1.0
short_description: Manage an ElastiCache (Redis OSS) replication group, with encryption in transit and an auth token
description:
  - Creates, modifies in place (what AWS allows) and deletes a cluster-mode-disabled replication group.
  - community.aws.elasticache creates plain cache clusters only, which can have neither encryption in transit
    nor an auth token.
  - Settings AWS cannot change in place (subnet group, port, encryption at rest) make the module fail with the
    difference rather than replace the group. The node count and the node type change in place.
  - The auth token is set on creation only; it is never compared (AWS does not return it) nor returned.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The replication group id.
    type: str
    required: true
  state:
    description: Whether the group exists.
    type: str
    choices: [present, absent]
    default: present
  description:
    description: The group's description.
    type: str
  engine:
    description: The engine.
    type: str
    choices: [redis, valkey]
    default: redis
  engine_version:
    description:
      - The engine version, such as V(7.1). A shorter version matches a longer one AWS reports (V(7.1) matches V(7.1.0)).
    type: str
  cache_node_type:
    description: The node type, such as V(cache.t3.micro).
    type: str
  num_cache_clusters:
    description:
      - Number of nodes (1 is a primary without replica, up to 6).
      - Changed in place with IncreaseReplicaCount or DecreaseReplicaCount, applied at once; when it grows the
        replicas are added (and waited for) before automatic failover and Multi-AZ are turned on, when it shrinks
        these are turned off (and waited for) before the replicas go.
    type: int
  cache_parameter_group_name:
    description: The cache parameter group of the nodes.
    type: str
  cache_subnet_group_name:
    description: The cache subnet group. Set on creation only.
    type: str
  security_group_ids:
    description: VPC security group ids of the nodes.
    type: list
    elements: str
  port:
    description: The port. Set on creation only.
    type: int
  at_rest_encryption_enabled:
    description: Encryption at rest. Set on creation only.
    type: bool
  transit_encryption_enabled:
    description: Encryption in transit (TLS). Required for O(auth_token).
    type: bool
  auth_token:
    description: The AUTH password, 16 to 128 printable characters. Used on creation only.
    type: str
  preferred_maintenance_window:
    description: Weekly maintenance window, C(ddd:hh24:mi-ddd:hh24:mi) in UTC.
    type: str
  snapshot_retention_limit:
    description: Days automatic snapshots are kept (0 turns them off).
    type: int
  snapshot_window:
    description: Daily snapshot window, C(hh24:mi-hh24:mi) in UTC.
    type: str
  automatic_failover_enabled:
    description: Automatic failover (needs a replica).
    type: bool
  multi_az_enabled:
    description: Multi-AZ (needs a replica).
    type: bool
  final_snapshot_identifier:
    description: With O(state=absent), the name of a manual snapshot of the group ElastiCache keeps after deleting it.
    type: str
  apply_immediately:
    description: Apply modifications now rather than in the next maintenance window.
    type: bool
    default: true
  wait:
    description:
      - Wait until the group is available (or gone, with O(state=absent)), with botocore's C(replication_group_available)
        (C(replication_group_deleted)) waiter polling every 5 seconds.
    type: bool
    default: false
  wait_timeout:
    description: How many seconds to wait; the module fails when the group is not available (gone) by then.
    type: int
    default: 1800
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Redis 7 with TLS and an auth token, one node
  tickr.aws.elasticache_replication_group:
    name: tickr-redis
    description: Tickr cache
    engine_version: "7.1"
    cache_node_type: cache.t3.micro
    num_cache_clusters: 1
    cache_parameter_group_name: tickr-redis7
    cache_subnet_group_name: tickr-redis-subnets
    security_group_ids: [sg-0123456789abcdef0]
    at_rest_encryption_enabled: true
    transit_encryption_enabled: true
    auth_token: "{{ redis_token }}"
    tags:
      Project: tickr
  no_log: true

- name: Delete it
  tickr.aws.elasticache_replication_group:
    name: tickr-redis
    state: absent
    wait: true
"""

RETURN = r"""
replication_group:
  description: The group as DescribeReplicationGroups returns it, in snake_case, with its primary node's settings.
  returned: when the group exists
  type: dict
  contains:
    replication_group_id:
      description: The id.
      type: str
      sample: tickr-redis
    status:
      description: creating, available, modifying, deleting.
      type: str
      sample: available
    primary_endpoint:
      description: The primary endpoint.
      type: dict
      sample: {"address": "master.tickr-redis.abc123.euw1.cache.amazonaws.com", "port": 6379}
    member_clusters:
      description: The nodes' cache cluster ids.
      type: list
      elements: str
      sample: ["tickr-redis-001"]
    primary_cluster:
      description: The first member cluster as DescribeCacheClusters returns it (engine version, parameter group, security groups).
      type: dict
      sample: {"engine_version": "7.1.0"}
    tags:
      description: The group's tags.
      type: dict
      sample: {"Project": "tickr"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.tickr.aws.plugins.module_utils import elasticache
from ansible_collections.tickr.aws.plugins.module_utils.elasticache import AnsibleElastiCacheError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# option -> (ModifyReplicationGroup parameter or None when AWS cannot change it in place)
FIELDS = {
    "description": "ReplicationGroupDescription",
    "engine_version": "EngineVersion",
    "cache_node_type": "CacheNodeType",
    "cache_parameter_group_name": "CacheParameterGroupName",
    "security_group_ids": "SecurityGroupIds",
    "transit_encryption_enabled": "TransitEncryptionEnabled",
    "preferred_maintenance_window": "PreferredMaintenanceWindow",
    "snapshot_retention_limit": "SnapshotRetentionLimit",
    "snapshot_window": "SnapshotWindow",
    "automatic_failover_enabled": "AutomaticFailoverEnabled",
    "multi_az_enabled": "MultiAZEnabled",
    "cache_subnet_group_name": None,
    "port": None,
    "at_rest_encryption_enabled": None,
}
CREATE_ONLY = {
    "engine": "Engine",
    "num_cache_clusters": "NumCacheClusters",
    "cache_subnet_group_name": "CacheSubnetGroupName",
    "port": "Port",
    "at_rest_encryption_enabled": "AtRestEncryptionEnabled",
    "auth_token": "AuthToken",
}


def version_matches(desired, current):
    """A version the user gives matches AWS's when it is a dot-prefix of it: 7.1 ~ 7.1.0, 7 ~ 7.1.0, 7.x ~ 7.1.0."""
    if desired is None or current is None:
        return desired is None
    wanted = [p for p in str(desired).split(".") if p not in ("x", "X")]
    return str(current).split(".")[:len(wanted)] == wanted


def current_state(group, cluster):
    """The group's settings as the module's options, from DescribeReplicationGroups and its first member cluster."""
    if group is None:
        return None
    cluster = cluster or {}
    node_groups = group.get("NodeGroups") or [{}]
    endpoint = node_groups[0].get("PrimaryEndpoint") or {}
    return {
        "description": group.get("Description"),
        "engine_version": cluster.get("EngineVersion"),
        "cache_node_type": group.get("CacheNodeType"),
        "cache_parameter_group_name": (cluster.get("CacheParameterGroup") or {}).get("CacheParameterGroupName"),
        "security_group_ids": sorted(g["SecurityGroupId"] for g in cluster.get("SecurityGroups") or []),
        "transit_encryption_enabled": bool(group.get("TransitEncryptionEnabled")),
        "preferred_maintenance_window": cluster.get("PreferredMaintenanceWindow"),
        "snapshot_retention_limit": group.get("SnapshotRetentionLimit"),
        "snapshot_window": group.get("SnapshotWindow"),
        "automatic_failover_enabled": group.get("AutomaticFailover") in ("enabled", "enabling"),
        "multi_az_enabled": group.get("MultiAZ") == "enabled",
        "num_cache_clusters": len(group.get("MemberClusters") or []),
        "cache_subnet_group_name": cluster.get("CacheSubnetGroupName"),
        "port": endpoint.get("Port") or cluster.get("Port"),
        "at_rest_encryption_enabled": bool(group.get("AtRestEncryptionEnabled")),
    }


def _same(option, wanted, have):
    if option == "engine_version":
        return version_matches(wanted, have)
    if option == "security_group_ids":
        return sorted(wanted) == sorted(have or [])
    if option in ("preferred_maintenance_window", "snapshot_window") and have is not None:
        return str(wanted).lower() == str(have).lower()
    return wanted == have


def compare(params, current):
    """What to change: (ModifyReplicationGroup arguments, {option: (have, want)} AWS cannot change in place).

    An option left unset (None) is left alone.
    """
    modify, immutable = {}, {}
    for option, api_name in FIELDS.items():
        wanted = params.get(option)
        if wanted is None or _same(option, wanted, current.get(option)):
            continue
        if api_name is None:
            immutable[option] = (current.get(option), wanted)
        else:
            modify[api_name] = wanted
    return modify, immutable


def replica_change(params, current):
    """The replica count to move to (nodes minus the primary), or None when the group has the nodes asked for."""
    wanted = params.get("num_cache_clusters")
    if wanted is None or wanted == current["num_cache_clusters"]:
        return None
    return wanted - 1


def apply_changes(module, client, modify, replicas, have_replicas):
    """Sends the changes in the order AWS takes them: a group busy with one change refuses the next until it is
    available again, automatic failover needs a replica and a group with it keeps one
    (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/increase-decrease-replica-count.html)."""
    name = module.params["name"]
    steps = []
    if modify:
        steps.append(lambda: elasticache.modify_replication_group(client, name, module.params["apply_immediately"], **modify))
    if replicas is not None and replicas > have_replicas:
        steps.insert(0, lambda: elasticache.increase_replica_count(client, name, replicas))
    elif replicas is not None:
        steps.append(lambda: elasticache.decrease_replica_count(client, name, replicas))
    for number, step in enumerate(steps):
        if number:
            elasticache.wait_replication_group_available(client, name, module.params["wait_timeout"])
        step()


def create_params(params):
    """CreateReplicationGroup arguments from the module's options (unset options left out)."""
    args = {"ReplicationGroupId": params["name"], "ReplicationGroupDescription": params.get("description") or params["name"]}
    for option, api_name in list(FIELDS.items()) + list(CREATE_ONLY.items()):
        if api_name and option != "description" and params.get(option) is not None:
            args[api_name] = params[option]
    if params.get("tags"):
        args["Tags"] = ansible_dict_to_boto3_tag_list(params["tags"])
    return args


def read(module, client):
    """The group and its primary node after a change: once it is available when O(wait) asks for it."""
    name = module.params["name"]
    if module.params["wait"]:
        elasticache.wait_replication_group_available(client, name, module.params["wait_timeout"])
    return elasticache.describe_replication_group(client, name)


def ensure_tags(module, client, group):
    if module.params["tags"] is None:
        return False
    have = elasticache.list_tags_for_resource(client, group["ARN"])
    to_add, to_remove = compare_aws_tags(have, module.params["tags"], module.params["purge_tags"])
    if not (to_add or to_remove):
        return False
    if not module.check_mode:
        if to_add:
            elasticache.add_tags_to_resource(client, group["ARN"], to_add)
        if to_remove:
            elasticache.remove_tags_from_resource(client, group["ARN"], to_remove)
    return True


def ensure_absent(module, client, group, before):
    name = module.params["name"]
    changed = group is not None and group["Status"] != "deleting"
    if changed and not module.check_mode:
        elasticache.delete_replication_group(client, name, module.params["final_snapshot_identifier"])
    if module.params["wait"] and group is not None and not module.check_mode:
        elasticache.wait_replication_group_deleted(client, name, module.params["wait_timeout"])
    module.exit_json(changed=changed, replication_group={}, diff={"before": before or {}, "after": {}})


def wanted_state(params):
    """The options given, as current_state() names them."""
    return {k: v for k, v in params.items() if (k in FIELDS or k == "num_cache_clusters") and v is not None}


def ensure_present(module, client, group, cluster, before):
    params = module.params
    name = params["name"]
    if group is None:
        if module.check_mode:
            module.exit_json(changed=True, replication_group={}, diff={"before": {}, "after": wanted_state(params)})
        elasticache.create_replication_group(client, **create_params(params))
        changed = True
        group, cluster = read(module, client)
    else:
        modify, immutable = compare(params, before)
        if immutable:
            module.fail_json(msg="Replication group {0}: AWS cannot change {1} in place".format(
                name, "; ".join(f"{k} from {v[0]} to {v[1]}" for k, v in sorted(immutable.items()))))
        replicas = replica_change(params, before)
        changed = bool(modify) or replicas is not None
        if not module.check_mode:
            apply_changes(module, client, modify, replicas, before["num_cache_clusters"] - 1)
        changed |= ensure_tags(module, client, group)
        if changed and not module.check_mode:
            group, cluster = read(module, client)
    after = current_state(group, cluster)
    if module.check_mode:
        after = dict(before or {}, **wanted_state(params))
    module.exit_json(changed=changed, replication_group=elasticache.replication_group_result(client, group, cluster),
                     diff={"before": before or {}, "after": after})


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        description=dict(type="str"),
        engine=dict(type="str", choices=["redis", "valkey"], default="redis"),
        engine_version=dict(type="str"),
        cache_node_type=dict(type="str"),
        num_cache_clusters=dict(type="int"),
        cache_parameter_group_name=dict(type="str"),
        cache_subnet_group_name=dict(type="str"),
        security_group_ids=dict(type="list", elements="str"),
        port=dict(type="int"),
        at_rest_encryption_enabled=dict(type="bool"),
        transit_encryption_enabled=dict(type="bool"),
        auth_token=dict(type="str", no_log=True),
        preferred_maintenance_window=dict(type="str"),
        snapshot_retention_limit=dict(type="int"),
        snapshot_window=dict(type="str"),
        automatic_failover_enabled=dict(type="bool"),
        multi_az_enabled=dict(type="bool"),
        apply_immediately=dict(type="bool", default=True),
        final_snapshot_identifier=dict(type="str"),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=1800),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = TickrAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("elasticache")
    try:
        group, cluster = elasticache.describe_replication_group(client, module.params["name"])
        before = current_state(group, cluster)
        if module.params["state"] == "absent":
            ensure_absent(module, client, group, before)
        ensure_present(module, client, group, cluster, before)
    except AnsibleElastiCacheError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
