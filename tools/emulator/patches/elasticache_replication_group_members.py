"""ElastiCache replication groups have member cache clusters that carry the group's settings; modify and delete work.

AWS: a replication group's member clusters (``<id>-001``, ...) are listed by ``DescribeCacheClusters`` with
``ReplicationGroupId``, ``EngineVersion`` (full, e.g. ``7.1.0``), ``CacheParameterGroup``, ``SecurityGroups``,
``CacheSubnetGroupName``, ``PreferredMaintenanceWindow``, the encryption flags and ``AuthTokenEnabled``;
``ModifyReplicationGroup`` changes security groups, parameter group, engine version, maintenance and snapshot
windows, and the auth token (``AuthTokenUpdateStrategy``); ``DeleteReplicationGroup`` removes the group and its
members (after a ``deleting`` status).
moto 5.2.5: creates no member cache clusters, describes no ``CacheParameterGroup`` or ``SecurityGroups`` on any
cluster, ignores all but five options of ``ModifyReplicationGroup`` and never removes a deleted group.
"""

from moto.core.responses import ActionResult
from moto.elasticache.models import CacheCluster, ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse

# Engine versions as AWS reports them once created: "7.1" -> "7.1.0", "7.0" -> "7.0.7".
FULL_VERSIONS = {"7.1": "7.1.0", "7.0": "7.0.7", "7": "7.1.0", "6.2": "6.2.6", "6.x": "6.2.6"}


def _cache_parameter_group(self):
    if not self.cache_parameter_group_name:
        return None
    return {"CacheParameterGroupName": self.cache_parameter_group_name, "ParameterApplyStatus": "in-sync",
            "CacheNodeIdsToReboot": []}


def _security_groups(self):
    return [{"SecurityGroupId": group_id, "Status": "active"} for group_id in self.security_group_ids or []]


def _members(backend, group):
    return [backend.cache_clusters[c] for c in group.member_clusters if c in backend.cache_clusters]


def apply():
    CacheCluster.cache_parameter_group = property(_cache_parameter_group)
    CacheCluster.security_groups = property(_security_groups)

    original_create = ElastiCacheBackend.create_replication_group

    def create_replication_group(self, **kwargs):
        group = original_create(self, **kwargs)
        version = kwargs.get("engine_version") or "7.1"
        group.engine_version = FULL_VERSIONS.get(version, version)
        for cluster_id in group.member_clusters:
            cluster = CacheCluster(
                account_id=self.account_id, region_name=self.region_name, cache_cluster_id=cluster_id,
                cache_node_type=group.cache_node_type, replication_group_id=group.replication_group_id,
                az_mode="single-az", preferred_availability_zone=None, num_cache_nodes=1, engine="redis",
                engine_version=group.engine_version, cache_parameter_group_name=kwargs.get("cache_parameter_group_name")
                or "default.redis7", cache_subnet_group_name=kwargs.get("cache_subnet_group_name"),
                transit_encryption_enabled=bool(kwargs.get("transit_encryption_enabled")), network_type="ipv4",
                ip_discovery="ipv4", snapshot_name=None,
                preferred_maintenance_window=kwargs.get("preferred_maintenance_window") or "sun:23:00-mon:01:30",
                port=group.port, notification_topic_arn=None,
                auto_minor_version_upgrade=kwargs.get("auto_minor_version_upgrade", True),
                snapshot_retention_limit=group.snapshot_retention_limit, snapshot_window=group.snapshot_window,
                auth_token=kwargs.get("auth_token"), outpost_mode=None, preferred_outpost_arn=None,
                preferred_availability_zones=None, cache_security_group_names=None,
                security_group_ids=kwargs.get("security_group_ids") or [], tags=None, snapshot_arns=None,
                preferred_outpost_arns=None, log_delivery_configurations=[], cache_node_ids_to_remove=None,
                cache_node_ids_to_reboot=None,
            )
            cluster.at_rest_encryption_enabled = bool(kwargs.get("at_rest_encryption_enabled"))
            self.cache_clusters[cluster_id] = cluster
        if group.auto_minor_version_upgrade is None:
            group.auto_minor_version_upgrade = True
        return group

    def modify_replication_group(self):
        backend = self.elasticache_backend
        group_id = self._get_param("ReplicationGroupId")
        group = backend.modify_replication_group(
            replication_group_id=group_id,
            replication_group_description=self._get_param("ReplicationGroupDescription"),
            engine=self._get_param("Engine"),
            cache_node_type=self._get_param("CacheNodeType"),
            automatic_failover_enabled=self._get_bool_param("AutomaticFailoverEnabled"),
            multi_az_enabled=self._get_bool_param("MultiAZEnabled"),
            snapshot_retention_limit=self._get_int_param("SnapshotRetentionLimit"),
        )
        version = self._get_param("EngineVersion")
        if version:
            group.engine_version = FULL_VERSIONS.get(version, version)
        if self._get_param("SnapshotWindow"):
            group.snapshot_window = self._get_param("SnapshotWindow")
        if self._get_param("AutoMinorVersionUpgrade") is not None:
            group.auto_minor_version_upgrade = self._get_bool_param("AutoMinorVersionUpgrade")
        token = self._get_param("AuthToken")
        if token:
            group.auth_token_enabled = True
        for cluster in _members(backend, group):
            cluster.engine_version = group.engine_version
            cluster.cache_node_type = group.cache_node_type
            cluster.snapshot_retention_limit = group.snapshot_retention_limit
            cluster.snapshot_window = group.snapshot_window
            if self._get_param("SecurityGroupIds") is not None:
                cluster.security_group_ids = self._get_param("SecurityGroupIds")
            if self._get_param("CacheParameterGroupName"):
                cluster.cache_parameter_group_name = self._get_param("CacheParameterGroupName")
            if self._get_param("PreferredMaintenanceWindow"):
                cluster.preferred_maintenance_window = self._get_param("PreferredMaintenanceWindow")
            if token:
                cluster.auth_token = token
                cluster.auth_token_enabled = True
        return ActionResult({"ReplicationGroup": group})

    original_delete = ElastiCacheBackend.delete_replication_group

    def delete_replication_group(self, replication_group_id, retain_primary_cluster):
        members = list(self.replication_groups.get(replication_group_id).member_clusters) \
            if replication_group_id in self.replication_groups else []
        group = original_delete(self, replication_group_id, retain_primary_cluster)
        # Answer "deleting", then the group and its members are gone, as AWS ends up.
        del self.replication_groups[replication_group_id]
        for cluster_id in members:
            self.cache_clusters.pop(cluster_id, None)
        return group

    ElastiCacheBackend.create_replication_group = create_replication_group
    ElastiCacheBackend.delete_replication_group = delete_replication_group
    ElastiCacheResponse.modify_replication_group = modify_replication_group
