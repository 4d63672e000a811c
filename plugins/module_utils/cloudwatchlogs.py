# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudWatch Logs calls of tickr.aws.cloudwatchlogs_log_groups: each one retried with jittered backoff, each failure
raised as AnsibleCloudWatchLogsError with AWS's message."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class AnsibleCloudWatchLogsError(AnsibleAWSError):
    pass


class CloudWatchLogsErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCloudWatchLogsError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


def tagging_arn(group):
    """The ARN the tagging calls take: DescribeLogGroups' ``arn`` ends in ``:*``, ``logGroupArn`` does not."""
    arn = group.get("logGroupArn") or group["arn"]
    return arn[:-2] if arn.endswith(":*") else arn


@CloudWatchLogsErrorHandler.list_error_handler("describe the log groups", [])
@AWSRetry.jittered_backoff()
def describe_log_groups(client, prefix=""):
    """Every log group whose name starts with ``prefix``, every page."""
    params = {"logGroupNamePrefix": prefix} if prefix else {}
    return client.get_paginator("describe_log_groups").paginate(**params).build_full_result()["logGroups"]


@CloudWatchLogsErrorHandler.list_error_handler("list the log group's tags", {})
@AWSRetry.jittered_backoff()
def list_tags(client, arn):
    return client.list_tags_for_resource(resourceArn=arn)["tags"]


@CloudWatchLogsErrorHandler.common_error_handler("create the log group")
@AWSRetry.jittered_backoff()
def create_log_group(client, name, tags):
    params = {"logGroupName": name}
    if tags:
        params["tags"] = tags
    client.create_log_group(**params)


@CloudWatchLogsErrorHandler.common_error_handler("set the log group's retention")
@AWSRetry.jittered_backoff()
def put_retention_policy(client, name, days):
    client.put_retention_policy(logGroupName=name, retentionInDays=days)


@CloudWatchLogsErrorHandler.common_error_handler("tag the log group")
@AWSRetry.jittered_backoff()
def tag_resource(client, arn, tags):
    client.tag_resource(resourceArn=arn, tags=tags)


@CloudWatchLogsErrorHandler.common_error_handler("untag the log group")
@AWSRetry.jittered_backoff()
def untag_resource(client, arn, keys):
    client.untag_resource(resourceArn=arn, tagKeys=list(keys))


@CloudWatchLogsErrorHandler.deletion_error_handler("delete the log group")
@AWSRetry.jittered_backoff()
def delete_log_group(client, name):
    client.delete_log_group(logGroupName=name)
    return True
