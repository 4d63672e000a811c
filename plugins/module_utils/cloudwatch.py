# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudWatch calls of tickr.aws.cloudwatch_metric_alarms (alarms) and tickr.aws.cloudwatch_dashboard (dashboards): each
one retried with jittered backoff, each failure raised as AnsibleCloudWatchError with AWS's message."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

# DescribeAlarms and DeleteAlarms take at most 100 names a call.
MAX_NAMES = 100


class AnsibleCloudWatchError(AnsibleAWSError):
    pass


class CloudWatchErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCloudWatchError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFound")


def _chunks(names):
    return [names[i:i + MAX_NAMES] for i in range(0, len(names), MAX_NAMES)]


@CloudWatchErrorHandler.list_error_handler("describe the alarms", [])
@AWSRetry.jittered_backoff()
def describe_metric_alarms(client, names):
    """The metric alarms named ``names`` (composite alarms aside), every page."""
    paginator = client.get_paginator("describe_alarms")
    found = []
    for chunk in _chunks(list(names)):
        found += paginator.paginate(AlarmNames=chunk, AlarmTypes=["MetricAlarm"]).build_full_result()["MetricAlarms"]
    return found


@CloudWatchErrorHandler.common_error_handler("put the alarm")
@AWSRetry.jittered_backoff()
def put_metric_alarm(client, alarm):
    client.put_metric_alarm(**alarm)


@CloudWatchErrorHandler.deletion_error_handler("delete the alarms")
@AWSRetry.jittered_backoff()
def delete_alarms(client, names):
    for chunk in _chunks(list(names)):
        client.delete_alarms(AlarmNames=chunk)
    return True


@CloudWatchErrorHandler.list_error_handler("read the dashboard")
@AWSRetry.jittered_backoff()
def get_dashboard(client, name):
    """GetDashboard's answer (DashboardArn, DashboardBody as JSON text); None when there is no such dashboard."""
    return client.get_dashboard(DashboardName=name)


@CloudWatchErrorHandler.common_error_handler("put the dashboard")
@AWSRetry.jittered_backoff()
def put_dashboard(client, name, body):
    """Writes the dashboard ``body`` (JSON text); returns CloudWatch's DashboardValidationMessages."""
    return client.put_dashboard(DashboardName=name, DashboardBody=body).get("DashboardValidationMessages", [])


@CloudWatchErrorHandler.deletion_error_handler("delete the dashboard")
@AWSRetry.jittered_backoff()
def delete_dashboard(client, name):
    client.delete_dashboards(DashboardNames=[name])
    return True
