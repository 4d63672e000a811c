"""Slow resources take time to create: RDS instances, ElastiCache replication groups, CloudFront distributions.

AWS: a new DB instance is ``creating`` for 5-15 minutes before ``available``; a replication group and its member
clusters are ``creating`` for minutes too; a CloudFront distribution is ``InProgress`` until ``Deployed``.
moto 5.2.5: all three are ready at once, so a test cannot tell whether site.yml waits for them one after the
other or together. With ``TICKR_EMULATOR_CREATE_DELAY=<seconds>`` (default 0: ready at once, as moto does) each
stays in its creating state that long after its creation; the benchmark uses it to show the waits overlap.
"""

import os
import time

from moto.elasticache.models import CacheCluster, ReplicationGroup
from moto.moto_api import state_manager
from moto.rds.models import DBInstance


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
    return float(os.environ.get("TICKR_EMULATOR_CREATE_DELAY", "0") or 0)


def apply():
    delay = delay_seconds()
    if delay <= 0:
        return
    DBInstance.status = _delayed("status", "creating", delay)
    ReplicationGroup.status = _delayed("status", "creating", delay)
    CacheCluster.cache_cluster_status = _delayed("cache_cluster_status", "creating", delay)
    state_manager.set_transition("cloudfront::distribution", {"progression": "time", "seconds": delay})
