"""ElastiCache creates caches only on the node types it offers.

AWS: ``CreateReplicationGroup``, ``CreateCacheCluster`` and ``ModifyReplicationGroup`` refuse a ``CacheNodeType``
that ElastiCache does not offer with ``InvalidParameterValue`` ("Invalid Cache Node Type: cache.t3.tiny."), and
previous-generation types (T1, M1, M2, M3, C1, R3, and T2 since AWS moved it there) take no new cluster: "Supported
node types", https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html, and the
CacheNodeType list of https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html.
moto 5.2.5: takes any string as a node type, so a typo builds a cache that AWS would refuse halfway through a run.
The emulator offers the current-generation Redis OSS node types of eu-west-1 as of 2026-12-02.
"""

from moto.elasticache.exceptions import InvalidParameterValueException
from moto.elasticache.models import ElastiCacheBackend

_SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]
OFFERED = {
    "cache.t4g": ["micro", "small", "medium"],
    "cache.t3": ["micro", "small", "medium"],
    "cache.m7g": _SIZES,
    "cache.m6g": _SIZES,
    "cache.m5": ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
    "cache.m4": ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge"],
    "cache.r7g": _SIZES,
    "cache.r6g": _SIZES,
    "cache.r6gd": ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "cache.r5": ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
    "cache.r4": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"],
    "cache.c7gn": _SIZES,
}
NODE_TYPES = {f"{family}.{size}" for family, sizes in OFFERED.items() for size in sizes}


def check(node_type):
    if node_type and node_type not in NODE_TYPES:
        raise InvalidParameterValueException(f"Invalid Cache Node Type: {node_type}.")


def apply():
    for name in ("create_replication_group", "create_cache_cluster", "modify_replication_group"):
        original = getattr(ElastiCacheBackend, name)

        def checked(self, *args, __original=original, **kwargs):
            check(kwargs.get("cache_node_type"))
            return __original(self, *args, **kwargs)

        checked.__name__ = name
        setattr(ElastiCacheBackend, name, checked)
