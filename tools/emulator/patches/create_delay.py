"""Slow resources take time to create: RDS instances, ElastiCache replication groups, CloudFront distributions.

AWS: a new DB instance is ``creating`` for 5-15 minutes before ``available``, and has no ``Endpoint`` until then;
a replication group, its node groups and its member clusters are ``creating`` for minutes too, the node group
without ``PrimaryEndpoint``/``ReaderEndpoint`` until then; a CloudFront distribution is ``InProgress`` until
``Deployed``.
moto 5.2.5: all three are ready at once, so a test cannot tell whether site.yml waits for them one after the
other or together, nor whether a role reads an endpoint before waiting for it. With
``TICKR_EMULATOR_CREATE_DELAY=<seconds>`` (``emulator.py start --create-delay``; default 0: ready at once, as
moto does) each stays in its creating state that long after its creation; the benchmark uses it to show the
waits overlap.
"""

import os
import time

from moto.elasticache.models import CacheCluster, ReplicationGroup
from moto.moto_api import state_manager
from moto.rds.models import DBInstance

ENV = "TICKR_EMULATOR_CREATE_DELAY"


def _delayed(attribute, creating, delay):
    """A property whose value reads ``creating`` for ``delay`` seconds after it was first set to ``available``."""
    stored, since = f"_tickr_{attribute}", f"_tickr_{attribute}_since"

    def get(self):
        value = self.__dict__.get(stored)
        if value == "available" and time.time() < self.__dict__.get(since, 0) + delay:
            return creating
        return value

    def set_(self, value):
        self.__dict__.setdefault(since, time.time())
        self.__dict__[stored] = value

    return property(get, set_)


def delay_seconds():
    return float(os.environ.get(ENV, "0") or 0)


def _rds_endpoint(original):
    def endpoint(self):
        return None if self.status == "creating" else original.fget(self)

    return property(endpoint)


NODE_GROUP_ENDPOINTS = ("primary_endpoint", "primary_endpoint_address", "reader_endpoint", "reader_endpoint_address")


def _replication_group_node_groups():
    """Node groups as described: ``creating`` and without endpoints while their group is creating.

    The stored list is the one moto builds and changes; describing a creating group shows a view of it. The view
    starts only once moto's constructor has finished, since the constructor appends to the list it reads."""

    def get(self):
        groups = self.__dict__.get("_tickr_node_groups")
        if not self.__dict__.get("_tickr_constructed") or self.status != "creating":
            return groups
        return [dict({k: v for k, v in group.items() if k not in NODE_GROUP_ENDPOINTS}, status="creating")
                for group in groups]

    def set_(self, value):
        self.__dict__["_tickr_node_groups"] = value

    return property(get, set_)


def apply():
    delay = delay_seconds()
    if delay <= 0:
        return
    DBInstance.status = _delayed("status", "creating", delay)
    DBInstance.endpoint = _rds_endpoint(DBInstance.endpoint)
    ReplicationGroup.status = _delayed("status", "creating", delay)
    ReplicationGroup.node_groups = _replication_group_node_groups()
    original_init = ReplicationGroup.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.__dict__["_tickr_constructed"] = True

    ReplicationGroup.__init__ = __init__
    CacheCluster.cache_cluster_status = _delayed("cache_cluster_status", "creating", delay)
    state_manager.set_transition("cloudfront::distribution", {"progression": "time", "seconds": delay})
