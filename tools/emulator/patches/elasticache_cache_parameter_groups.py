"""ElastiCache cache parameter groups exist: create, describe, describe parameters, modify, reset, delete.

AWS: ``CreateCacheParameterGroup`` makes a group of a family (``redis7``, ...) holding the family's parameters at
their defaults; ``DescribeCacheParameters`` lists them (``ParameterName``, ``ParameterValue``, ``DataType``,
``IsModifiable``, ``AllowedValues``, ``Source``); ``ModifyCacheParameterGroup`` sets values and rejects an unknown
parameter or a value outside ``AllowedValues`` (``InvalidParameterValue``); ``ResetCacheParameterGroup`` restores
defaults; ``DeleteCacheParameterGroup`` removes it; a missing group is ``CacheParameterGroupNotFound``.
moto 5.2.5: implements none of them (every call fails as not implemented).
The emulator knows a subset of each Redis family's parameters, with AWS's defaults and AllowedValues ("Engine specific
parameters", https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html); ``maxclients``
and ``cluster-enabled`` are listed and not modifiable.
"""

import re

from moto.core.responses import ActionResult, EmptyResult
from moto.elasticache.exceptions import ElastiCacheException
from moto.elasticache.models import ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse

POLICIES = "volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction"
# name: (default, data type, allowed values)
REDIS_PARAMETERS = {
    "maxmemory-policy": ("volatile-lru", "string", POLICIES),
    "maxmemory-samples": ("3", "integer", "1-"),
    "timeout": ("0", "integer", "0,20-"),
    "tcp-keepalive": ("300", "integer", "0-"),
    "notify-keyspace-events": ("", "string", None),
    "appendonly": ("no", "string", "yes,no"),
    "appendfsync": ("everysec", "string", "always,everysec,no"),
    "databases": ("16", "integer", "1-1200000"),
    "slowlog-log-slower-than": ("10000", "integer", "0-"),
    "slowlog-max-len": ("128", "integer", "0-"),
    "lazyfree-lazy-eviction": ("no", "string", "yes,no"),
    "activedefrag": ("no", "string", "yes,no"),
    "cluster-enabled": ("no", "string", "yes,no"),
    "reserved-memory-percent": ("25", "integer", "0-100"),
    "lazyfree-lazy-expire": ("no", "string", "yes,no"),
    "lazyfree-lazy-server-del": ("no", "string", "yes,no"),
    "lfu-log-factor": ("10", "integer", "1-"),
    "lfu-decay-time": ("1", "integer", "0-"),
    "active-defrag-cycle-max": ("75", "integer", "1-75"),
    "active-defrag-cycle-min": ("5", "integer", "1-75"),
    "active-defrag-ignore-bytes": ("104857600", "integer", "1048576-"),
    "active-defrag-threshold-lower": ("10", "integer", "1-100"),
    "active-defrag-threshold-upper": ("100", "integer", "1-100"),
    "client-output-buffer-limit-normal-hard-limit": ("0", "integer", "0-"),
    "client-output-buffer-limit-pubsub-hard-limit": ("33554432", "integer", "0-"),
    # Listed, not modifiable: ElastiCache fixes the client limit.
    "maxclients": ("65000", "integer", "1-65000"),
}
# AWS lists them (IsModifiable false) and refuses a change.
UNMODIFIABLE = {"cluster-enabled", "maxclients"}
FAMILIES = {"redis2.6", "redis2.8", "redis3.2", "redis4.0", "redis5.0", "redis6.x", "redis7", "valkey7", "valkey8"}


class CacheParameterGroupNotFound(ElastiCacheException):
    code = "CacheParameterGroupNotFound"

    def __init__(self, name):
        super().__init__(f"CacheParameterGroup {name} not found.")


class CacheParameterGroupAlreadyExists(ElastiCacheException):
    code = "CacheParameterGroupAlreadyExists"

    def __init__(self, name):
        super().__init__(f"CacheParameterGroup {name} already exists.")


class InvalidParameterValue(ElastiCacheException):
    code = "InvalidParameterValue"


def _allowed(value, data_type, allowed):
    if allowed is None:
        return True
    if data_type == "string":
        return value in allowed.split(",")
    try:
        number = int(value)
    except ValueError:
        return False
    for part in allowed.split(","):
        low, _sep, high = part.partition("-")
        if "-" not in part and number == int(low):
            return True
        if "-" in part and number >= int(low) and (not high or number <= int(high)):
            return True
    return False


def _groups(backend):
    if not hasattr(backend, "tickr_cache_parameter_groups"):
        backend.tickr_cache_parameter_groups = {}
    return backend.tickr_cache_parameter_groups


def _group(backend, name):
    groups = _groups(backend)
    if name not in groups:
        raise CacheParameterGroupNotFound(name)
    return groups[name]


def _summary(group):
    return {key: group[key] for key in ("CacheParameterGroupName", "CacheParameterGroupFamily", "Description", "IsGlobal", "ARN")}


def create_cache_parameter_group(self):
    backend = self.elasticache_backend
    name = self._get_param("CacheParameterGroupName")
    family = self._get_param("CacheParameterGroupFamily")
    if name in _groups(backend):
        raise CacheParameterGroupAlreadyExists(name)
    if family not in FAMILIES:
        raise InvalidParameterValue(f"The parameter CacheParameterGroupFamily is not valid: {family}")
    group = {
        "CacheParameterGroupName": name,
        "CacheParameterGroupFamily": family,
        "Description": self._get_param("Description") or "",
        "IsGlobal": False,
        "ARN": f"arn:aws:elasticache:{backend.region_name}:{backend.account_id}:parametergroup:{name}",
        "values": {},
    }
    _groups(backend)[name] = group
    tags = self._get_param("Tags", [])
    if tags:
        backend.tagging_service.tag_resource(group["ARN"], tags)
    return ActionResult({"CacheParameterGroup": _summary(group)})


def describe_cache_parameter_groups(self):
    backend = self.elasticache_backend
    name = self._get_param("CacheParameterGroupName")
    groups = [_group(backend, name)] if name else list(_groups(backend).values())
    return ActionResult({"CacheParameterGroups": [_summary(g) for g in groups]})


def describe_cache_parameters(self):
    group = _group(self.elasticache_backend, self._get_param("CacheParameterGroupName"))
    source = self._get_param("Source")
    parameters = []
    for name, (default, data_type, allowed) in sorted(REDIS_PARAMETERS.items()):
        user = name in group["values"]
        if source and source != ("user" if user else "system"):
            continue
        parameter = {
            "ParameterName": name,
            "ParameterValue": group["values"].get(name, default),
            "Description": name,
            "Source": "user" if user else "system",
            "DataType": data_type,
            "IsModifiable": name not in UNMODIFIABLE,
            "MinimumEngineVersion": "2.6.13",
            "ChangeType": "immediate",
        }
        if allowed is not None:
            parameter["AllowedValues"] = allowed
        parameters.append(parameter)
    return ActionResult({"Parameters": parameters, "CacheNodeTypeSpecificParameters": []})


def modify_cache_parameter_group(self):
    group = _group(self.elasticache_backend, self._get_param("CacheParameterGroupName"))
    changes = self._get_param("ParameterNameValues", [])
    for change in changes:
        name, value = change.get("ParameterName"), change.get("ParameterValue")
        if name not in REDIS_PARAMETERS or name in UNMODIFIABLE:
            raise InvalidParameterValue(f"Unmodifiable parameter: {name}.")
        _default, data_type, allowed = REDIS_PARAMETERS[name]
        if not _allowed(str(value), data_type, allowed):
            raise InvalidParameterValue(f"Value ({value}) for parameter {name} is incorrect. Allowed values: {allowed}")
    for change in changes:
        group["values"][change["ParameterName"]] = str(change["ParameterValue"])
    return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})


def reset_cache_parameter_group(self):
    group = _group(self.elasticache_backend, self._get_param("CacheParameterGroupName"))
    if self._get_bool_param("ResetAllParameters"):
        group["values"].clear()
    for change in self._get_param("ParameterNameValues", []):
        group["values"].pop(change.get("ParameterName"), None)
    return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})


def delete_cache_parameter_group(self):
    backend = self.elasticache_backend
    name = self._get_param("CacheParameterGroupName")
    _group(backend, name)
    del _groups(backend)[name]
    return EmptyResult()


def apply():
    for function in (create_cache_parameter_group, describe_cache_parameter_groups, describe_cache_parameters,
                     modify_cache_parameter_group, reset_cache_parameter_group, delete_cache_parameter_group):
        setattr(ElastiCacheResponse, function.__name__, function)
    # Tags on parameter groups: ListTagsForResource checks ARNs against this pattern.
    original_init = ElastiCacheBackend.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.arn_regex = re.compile(
            r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|replicationgroup|user|parametergroup):.*$"
        )

    ElastiCacheBackend.__init__ = __init__
