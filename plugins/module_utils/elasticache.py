# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the ElastiCache modules share: reading a replication group and its primary node."""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict


def describe_replication_group(client, name):
    try:
        group = client.describe_replication_groups(aws_retry=True, ReplicationGroupId=name)["ReplicationGroups"][0]
    except client.exceptions.ReplicationGroupNotFoundFault:
        return None, None
    cluster = None
    if group.get("MemberClusters"):
        try:
            cluster = client.describe_cache_clusters(aws_retry=True, CacheClusterId=group["MemberClusters"][0])["CacheClusters"][0]
        except client.exceptions.CacheClusterNotFoundFault:
            cluster = None
    return group, cluster


def replication_group_result(client, group, cluster):
    if group is None:
        return {}
    out = camel_dict_to_snake_dict(group)
    node_groups = group.get("NodeGroups") or [{}]
    endpoint = node_groups[0].get("PrimaryEndpoint")
    out["primary_endpoint"] = camel_dict_to_snake_dict(endpoint) if endpoint else None
    out["primary_cluster"] = camel_dict_to_snake_dict(cluster) if cluster else None
    tags = client.list_tags_for_resource(aws_retry=True, ResourceName=group["ARN"])["TagList"]
    out["tags"] = boto3_tag_list_to_ansible_dict(tags)
    return out
