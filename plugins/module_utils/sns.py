# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Amazon SNS calls of tickr.aws.sns_sms_preferences: each one retried with jittered backoff, each failure raised as
AnsibleSNSError with AWS's message."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class AnsibleSNSError(AnsibleAWSError):
    pass


class SNSErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleSNSError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("NotFound")


@SNSErrorHandler.common_error_handler("read the account's SMS preferences")
@AWSRetry.jittered_backoff()
def get_sms_attributes(client):
    """The account's SMS attributes in the region, as SNS names them."""
    return client.get_sms_attributes().get("attributes", {})


@SNSErrorHandler.common_error_handler("set the account's SMS preferences")
@AWSRetry.jittered_backoff()
def set_sms_attributes(client, attributes):
    client.set_sms_attributes(attributes=attributes)
