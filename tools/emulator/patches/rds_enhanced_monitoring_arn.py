"""RDS names the log stream of an instance's Enhanced Monitoring.

AWS: an instance with MonitoringInterval above 0 describes EnhancedMonitoringResourceArn, the CloudWatch Logs
stream its OS metrics go to: ``arn:aws:logs:<region>:<account>:log-group:RDSOSMetrics:log-stream:<DbiResourceId>``;
with the interval at 0 the field is absent. Security scanners (Prowler's rds_instance_enhanced_monitoring_enabled)
read Enhanced Monitoring as on from this field.
Sources: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html (EnhancedMonitoringResourceArn),
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Viewing.html ("RDSOSMetrics").
moto 5.2.5: keeps MonitoringInterval and MonitoringRoleArn but never returns EnhancedMonitoringResourceArn.
"""

from moto.rds.models import DBInstance


def apply():
    def enhanced_monitoring_resource_arn(self):
        if not int(self.monitoring_interval or 0):
            return None
        return (f"arn:{self.partition}:logs:{self.region}:{self.account_id}:log-group:RDSOSMetrics"
                f":log-stream:{self.dbi_resource_id}")

    DBInstance.enhanced_monitoring_resource_arn = property(enhanced_monitoring_resource_arn)
