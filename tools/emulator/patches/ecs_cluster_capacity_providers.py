"""ECS DescribeClusters always returns the cluster's capacity providers and default strategy.

AWS: ``DescribeClusters`` returns ``capacityProviders: []`` and ``defaultCapacityProviderStrategy: []`` for a
cluster created without them.
moto 5.2.5: omits both keys when they were not given, so community.aws.ecs_cluster fails with
``KeyError: 'capacityProviders'`` on its second run against an existing cluster.
"""

from moto.ecs.models import Cluster


def apply():
    original_init = Cluster.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if self.capacity_providers is None:
            self.capacity_providers = []
        if self.default_capacity_provider_strategy is None:
            self.default_capacity_provider_strategy = []

    Cluster.__init__ = __init__
