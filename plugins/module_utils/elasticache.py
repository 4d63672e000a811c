# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ElastiCache calls of the tickr.aws ElastiCache modules, each one retried with jittered backoff and each failure
raised as AnsibleElastiCacheError with AWS's message; the waits are botocore's replication group waiters. Also what
the replication group modules share: reading a group with its primary node, and the group as they return it."""

import math

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

# botocore's ElastiCache waiters poll every 15 s by default: every 5 s, a wait ends sooner after the group is ready.
WAIT_DELAY = 5


class AnsibleElastiCacheError(AnsibleAWSError):
    pass


class ElastiCacheErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleElastiCacheError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["ReplicationGroupNotFoundFault", "CacheClusterNotFound", "CacheParameterGroupNotFound"])


# Replication groups.
@ElastiCacheErrorHandler.list_error_handler("describe the replication group")
@AWSRetry.jittered_backoff()
def describe_replication_group_only(client, name):
    """The group as DescribeReplicationGroups returns it, None when there is none."""
    return client.describe_replication_groups(ReplicationGroupId=name)["ReplicationGroups"][0]


@ElastiCacheErrorHandler.list_error_handler("describe the replication group's primary node")
@AWSRetry.jittered_backoff()
def describe_cache_cluster(client, cluster_id):
    """The cache cluster (a node of a group), None when there is none."""
    return client.describe_cache_clusters(CacheClusterId=cluster_id)["CacheClusters"][0]


def describe_replication_group(client, name):
    """(the group, its first member cluster); (None, None) when there is no such group."""
    group = describe_replication_group_only(client, name)
    if group is None:
        return None, None
    cluster = describe_cache_cluster(client, group["MemberClusters"][0]) if group.get("MemberClusters") else None
    return group, cluster


@ElastiCacheErrorHandler.common_error_handler("list the replication group's tags")
@AWSRetry.jittered_backoff()
def list_tags_for_resource(client, arn):
    """The resource's tags as a dict."""
    return boto3_tag_list_to_ansible_dict(client.list_tags_for_resource(ResourceName=arn)["TagList"])


@ElastiCacheErrorHandler.common_error_handler("tag the replication group")
@AWSRetry.jittered_backoff()
def add_tags_to_resource(client, arn, tags):
    client.add_tags_to_resource(ResourceName=arn, Tags=ansible_dict_to_boto3_tag_list(tags))


@ElastiCacheErrorHandler.common_error_handler("untag the replication group")
@AWSRetry.jittered_backoff()
def remove_tags_from_resource(client, arn, keys):
    client.remove_tags_from_resource(ResourceName=arn, TagKeys=list(keys))


@ElastiCacheErrorHandler.common_error_handler("create the replication group")
@AWSRetry.jittered_backoff()
def create_replication_group(client, **params):
    client.create_replication_group(**params)


@ElastiCacheErrorHandler.common_error_handler("modify the replication group")
@AWSRetry.jittered_backoff()
def modify_replication_group(client, name, apply_immediately, **changes):
    client.modify_replication_group(ReplicationGroupId=name, ApplyImmediately=apply_immediately, **changes)


@ElastiCacheErrorHandler.common_error_handler("add replicas to the replication group")
@AWSRetry.jittered_backoff()
def increase_replica_count(client, name, replicas):
    client.increase_replica_count(ReplicationGroupId=name, NewReplicaCount=replicas, ApplyImmediately=True)


@ElastiCacheErrorHandler.common_error_handler("remove replicas from the replication group")
@AWSRetry.jittered_backoff()
def decrease_replica_count(client, name, replicas):
    client.decrease_replica_count(ReplicationGroupId=name, NewReplicaCount=replicas, ApplyImmediately=True)


@ElastiCacheErrorHandler.deletion_error_handler("delete the replication group")
@AWSRetry.jittered_backoff()
def delete_replication_group(client, name, final_snapshot=None):
    extra = {"FinalSnapshotIdentifier": final_snapshot} if final_snapshot else {}
    client.delete_replication_group(ReplicationGroupId=name, **extra)
    return True


def _wait(client, waiter, name, timeout):
    # As many descriptions as a poll every WAIT_DELAY seconds from now to the timeout makes, the first at once.
    attempts = max(1, math.ceil(timeout / WAIT_DELAY) + 1)
    client.get_waiter(waiter).wait(ReplicationGroupId=name, WaiterConfig={"Delay": WAIT_DELAY, "MaxAttempts": attempts})


@ElastiCacheErrorHandler.common_error_handler("wait for the replication group to be available")
def wait_replication_group_available(client, name, timeout):
    _wait(client, "replication_group_available", name, timeout)


@ElastiCacheErrorHandler.common_error_handler("wait for the replication group to be deleted")
def wait_replication_group_deleted(client, name, timeout):
    _wait(client, "replication_group_deleted", name, timeout)


def replication_group_result(client, group, cluster):
    """The group as the modules return it: snake_case, with its primary endpoint, primary node and tags."""
    if group is None:
        return {}
    out = camel_dict_to_snake_dict(group)
    node_groups = group.get("NodeGroups") or [{}]
    endpoint = node_groups[0].get("PrimaryEndpoint")
    out["primary_endpoint"] = camel_dict_to_snake_dict(endpoint) if endpoint else None
    out["primary_cluster"] = camel_dict_to_snake_dict(cluster) if cluster else None
    out["tags"] = list_tags_for_resource(client, group["ARN"])
    return out


# Cache parameter groups.
@ElastiCacheErrorHandler.list_error_handler("describe the cache parameter group")
@AWSRetry.jittered_backoff()
def describe_cache_parameter_group(client, name):
    """The group as DescribeCacheParameterGroups returns it, None when there is none."""
    return client.describe_cache_parameter_groups(CacheParameterGroupName=name)["CacheParameterGroups"][0]


@ElastiCacheErrorHandler.list_error_handler("describe the cache parameters", default_value=[])
@AWSRetry.jittered_backoff()
def describe_cache_parameters(client, name):
    """The group's parameters, every page."""
    paginator = client.get_paginator("describe_cache_parameters")
    return paginator.paginate(CacheParameterGroupName=name).build_full_result()["Parameters"]


@ElastiCacheErrorHandler.common_error_handler("create the cache parameter group")
@AWSRetry.jittered_backoff()
def create_cache_parameter_group(client, name, family, description):
    client.create_cache_parameter_group(CacheParameterGroupName=name, CacheParameterGroupFamily=family, Description=description)


@ElastiCacheErrorHandler.common_error_handler("modify the cache parameter group")
@AWSRetry.jittered_backoff()
def modify_cache_parameter_group(client, name, parameter_name_values):
    client.modify_cache_parameter_group(CacheParameterGroupName=name, ParameterNameValues=parameter_name_values)


@ElastiCacheErrorHandler.deletion_error_handler("delete the cache parameter group")
@AWSRetry.jittered_backoff()
def delete_cache_parameter_group(client, name):
    client.delete_cache_parameter_group(CacheParameterGroupName=name)
    return True
