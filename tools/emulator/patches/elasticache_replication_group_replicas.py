"""A replication group has as many nodes as NumCacheClusters says, grows and shrinks in place, and fails over only
with a replica.

AWS: ``CreateReplicationGroup`` with ``NumCacheClusters`` N makes a primary and N-1 replicas
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html);
``IncreaseReplicaCount`` / ``DecreaseReplicaCount`` with ``NewReplicaCount`` add or remove replicas of a running group
(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/increase-decrease-replica-count.html), a group with
automatic failover keeping at least one; automatic failover needs a replica and Multi-AZ needs automatic failover
(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html), else InvalidParameterCombination.
``DeleteReplicationGroup`` with ``FinalSnapshotIdentifier`` keeps a manual snapshot of that name
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteReplicationGroup.html).
moto 5.2.5: makes one node whatever NumCacheClusters says, has neither replica-count action, accepts automatic
failover and Multi-AZ on a group without a replica, and ignores FinalSnapshotIdentifier.
"""

import copy

from moto.core.responses import ActionResult
from moto.elasticache.exceptions import InvalidParameterCombinationException, InvalidParameterValueException
from moto.elasticache.models import ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse

MAX_REPLICAS = 5


def _group(backend, group_id):
    return backend.describe_replication_groups(group_id)[0]


def _node_group(group):
    return group.node_groups[0]


def _check_failover(replicas, automatic_failover, multi_az):
    if automatic_failover and replicas < 1:
        raise InvalidParameterCombinationException(
            "Automatic failover requires at least one read replica (NumCacheClusters of 2 or more).")
    if multi_az and not automatic_failover:
        raise InvalidParameterCombinationException("Multi-AZ requires automatic failover to be enabled.")


def _set_replicas(backend, group, replicas):
    node_group = _node_group(group)
    members = node_group["node_group_members"]
    primary = members[0]
    while len(members) - 1 < replicas:
        number = len(members) + 1
        cluster_id = f"{group.replication_group_id}-{number:0>3}"
        node = copy.deepcopy(primary)
        node.update(cache_cluster_id=cluster_id, current_role="replica")
        node["read_endpoint"]["address"] = primary["read_endpoint"]["address"].replace(
            primary["cache_cluster_id"], cluster_id, 1)
        members.append(node)
        group.member_clusters.append(cluster_id)
        source = backend.cache_clusters.get(primary["cache_cluster_id"])
        if source is not None:
            cluster = copy.copy(source)
            cluster.cache_cluster_id = cluster_id
            cluster.arn = source.arn.rsplit(":", 1)[0] + ":" + cluster_id
            backend.cache_clusters[cluster_id] = cluster
    while len(members) - 1 > replicas:
        node = members.pop()
        group.member_clusters.remove(node["cache_cluster_id"])
        backend.cache_clusters.pop(node["cache_cluster_id"], None)


def apply():
    original_create = ElastiCacheBackend.create_replication_group

    def create_replication_group(self, **kwargs):
        nodes = kwargs.get("num_cache_clusters") or 1
        if not kwargs.get("num_node_groups") and not kwargs.get("replicas_per_node_group"):
            _check_failover(nodes - 1, kwargs.get("automatic_failover_enabled"), kwargs.get("multi_az_enabled"))
        group = original_create(self, **kwargs)
        if nodes > 1:
            _set_replicas(self, group, nodes - 1)
        return group

    original_modify = ElastiCacheResponse.modify_replication_group

    def modify_replication_group(self):
        group = _group(self.elasticache_backend, self._get_param("ReplicationGroupId"))
        failover = self._get_bool_param("AutomaticFailoverEnabled")
        multi_az = self._get_bool_param("MultiAZEnabled")
        failover = group.automatic_failover == "enabled" if failover is None else failover
        multi_az = group.multi_az == "enabled" if multi_az is None else multi_az
        _check_failover(len(group.member_clusters) - 1, failover, multi_az)
        return original_modify(self)

    def _change_replicas(self, increase):
        backend = self.elasticache_backend
        group = _group(backend, self._get_param("ReplicationGroupId"))
        wanted = self._get_int_param("NewReplicaCount")
        have = len(group.member_clusters) - 1
        if wanted is None or not 0 <= wanted <= MAX_REPLICAS:
            raise InvalidParameterValueException(f"NewReplicaCount must be between 0 and {MAX_REPLICAS}.")
        if increase and wanted <= have or not increase and wanted >= have:
            raise InvalidParameterValueException(
                f"NewReplicaCount {wanted} must be {'greater' if increase else 'less'} than the current {have}.")
        if not increase and wanted < 1 and group.automatic_failover == "enabled":
            raise InvalidParameterCombinationException(
                "A replication group with automatic failover enabled needs at least one replica.")
        _set_replicas(backend, group, wanted)
        return ActionResult({"ReplicationGroup": group})

    original_delete = ElastiCacheResponse.delete_replication_group

    def delete_replication_group(self):
        snapshot = self._get_param("FinalSnapshotIdentifier")
        if snapshot:
            self.elasticache_backend.create_snapshot(snapshot_name=snapshot,
                                                     replication_group_id=self._get_param("ReplicationGroupId"),
                                                     cache_cluster_id=None, kms_key_id=None, tags=None)
        return original_delete(self)

    ElastiCacheBackend.create_replication_group = create_replication_group
    ElastiCacheResponse.modify_replication_group = modify_replication_group
    ElastiCacheResponse.delete_replication_group = delete_replication_group
    ElastiCacheResponse.increase_replica_count = lambda self: _change_replicas(self, True)
    ElastiCacheResponse.decrease_replica_count = lambda self: _change_replicas(self, False)
