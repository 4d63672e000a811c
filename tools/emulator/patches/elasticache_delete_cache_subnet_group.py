"""ElastiCache DeleteCacheSubnetGroup.

AWS: ``DeleteCacheSubnetGroup`` removes a cache subnet group (``CacheSubnetGroupNotFoundFault`` when it does not
exist, ``CacheSubnetGroupInUse`` while a cache cluster still uses it).
moto 5.2.5: not implemented (``NotImplementedError``, HTTP 500), so a stack cannot be taken down.
"""

from moto.core.responses import EmptyResult
from moto.elasticache.exceptions import ElastiCacheException
from moto.elasticache.responses import ElastiCacheResponse


class CacheSubnetGroupInUse(ElastiCacheException):
    code = "CacheSubnetGroupInUse"

    def __init__(self, name):
        super().__init__(f"Cache subnet group {name} is currently in use by a cache cluster.")


def delete_cache_subnet_group(self):
    backend = self.elasticache_backend
    name = self._get_param("CacheSubnetGroupName")
    backend.describe_cache_subnet_groups(cache_subnet_group_name=name)  # raises CacheSubnetGroupNotFoundFault
    if any(cluster.cache_subnet_group_name == name for cluster in backend.cache_clusters.values()):
        raise CacheSubnetGroupInUse(name)
    del backend.cache_subnet_groups[name]
    return EmptyResult()


def apply():
    ElastiCacheResponse.delete_cache_subnet_group = delete_cache_subnet_group
