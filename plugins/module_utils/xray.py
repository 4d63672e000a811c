# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""X-Ray calls of tickr.aws.xray_sampling_rule: each one retried with jittered backoff, each failure raised as
AnsibleXRayError with AWS's message."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class AnsibleXRayError(AnsibleAWSError):
    pass


class XRayErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleXRayError

    @classmethod
    def _is_missing(cls):
        # X-Ray's resource calls name a missing resource so; its sampling rule calls answer InvalidRequestException, as
        # for any other refusal, which therefore always fails.
        return is_boto3_error_code("ResourceNotFoundException")


@XRayErrorHandler.list_error_handler("read the sampling rules", [])
@AWSRetry.jittered_backoff()
def get_sampling_rules(client):
    """Every sampling rule of the account and region (``SamplingRule`` of each record), every page."""
    records = client.get_paginator("get_sampling_rules").paginate().build_full_result().get("SamplingRuleRecords", [])
    return [record["SamplingRule"] for record in records]


@XRayErrorHandler.common_error_handler("create the sampling rule")
@AWSRetry.jittered_backoff()
def create_sampling_rule(client, rule):
    return client.create_sampling_rule(SamplingRule=rule)["SamplingRuleRecord"]["SamplingRule"]


@XRayErrorHandler.common_error_handler("update the sampling rule")
@AWSRetry.jittered_backoff()
def update_sampling_rule(client, update):
    return client.update_sampling_rule(SamplingRuleUpdate=update)["SamplingRuleRecord"]["SamplingRule"]


@XRayErrorHandler.common_error_handler("delete the sampling rule")
@AWSRetry.jittered_backoff()
def delete_sampling_rule(client, name):
    client.delete_sampling_rule(RuleName=name)
