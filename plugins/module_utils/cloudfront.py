# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudFront calls of tickr.aws.cloudfront_origin_access_control: each one retried with jittered backoff, each failure
raised as AnsibleCloudFrontError with AWS's message."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class AnsibleCloudFrontError(AnsibleAWSError):
    pass


class CloudFrontErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCloudFrontError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("NoSuchOriginAccessControl")


@CloudFrontErrorHandler.list_error_handler("list the origin access controls", [])
@AWSRetry.jittered_backoff()
def list_origin_access_controls(client):
    """The summaries (config and Id) of every origin access control of the account, every page."""
    items = []
    for page in client.get_paginator("list_origin_access_controls").paginate():
        items.extend(page.get("OriginAccessControlList", {}).get("Items") or [])
    return items


@CloudFrontErrorHandler.common_error_handler("read the origin access control's ETag")
@AWSRetry.jittered_backoff()
def get_origin_access_control_etag(client, control_id):
    """The ETag that an update or a deletion of the origin access control passes as IfMatch."""
    return client.get_origin_access_control(Id=control_id)["ETag"]


@CloudFrontErrorHandler.common_error_handler("create the origin access control")
@AWSRetry.jittered_backoff()
def create_origin_access_control(client, config):
    return client.create_origin_access_control(OriginAccessControlConfig=config)["OriginAccessControl"]


@CloudFrontErrorHandler.common_error_handler("update the origin access control")
@AWSRetry.jittered_backoff()
def update_origin_access_control(client, control_id, etag, config):
    return client.update_origin_access_control(Id=control_id, IfMatch=etag, OriginAccessControlConfig=config)["OriginAccessControl"]


@CloudFrontErrorHandler.deletion_error_handler("delete the origin access control")
@AWSRetry.jittered_backoff()
def delete_origin_access_control(client, control_id, etag):
    client.delete_origin_access_control(Id=control_id, IfMatch=etag)
    return True
