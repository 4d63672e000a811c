"""RDS describes an instance's Performance Insights state and its gp3 baseline IOPS and throughput.

AWS: DescribeDBInstances returns PerformanceInsightsEnabled (with PerformanceInsightsRetentionPeriod, 7 days
by default, when on), and for gp3 storage under 400 GB the baseline Iops 3000 and StorageThroughput 125 (MiB/s)
even when they were not set.
moto 5.2.5: ignores EnablePerformanceInsights and leaves Iops and StorageThroughput out, so clients that compare
them (amazon.aws.rds_instance reads instance["StorageThroughput"]) fail or report a change on every run.
"""

from moto.rds.models import DBInstance

GP3_BASELINE_IOPS = 3000
GP3_BASELINE_THROUGHPUT = 125


def apply():
    original_init = DBInstance.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.enable_performance_insights = bool(kwargs.get("enable_performance_insights"))
        if kwargs.get("performance_insights_retention_period"):
            self.performance_insights_retention_period = int(kwargs["performance_insights_retention_period"])
        if self.storage_type == "gp3":
            self.iops = self.iops or GP3_BASELINE_IOPS
            self._storage_throughput = self._storage_throughput or GP3_BASELINE_THROUGHPUT

    def performance_insights_enabled(self):
        return bool(getattr(self, "enable_performance_insights", False))

    def performance_insights_retention(self):
        if not performance_insights_enabled(self):
            return None
        return self.__dict__.get("performance_insights_retention_period", 7)

    def set_retention(self, value):
        self.__dict__["performance_insights_retention_period"] = value

    DBInstance.__init__ = __init__
    DBInstance.performance_insights_enabled = property(performance_insights_enabled)
    DBInstance.performance_insights_retention_period = property(performance_insights_retention, set_retention)
