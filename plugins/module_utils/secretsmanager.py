# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Secrets Manager calls of tickr.aws.secretsmanager_secret_info and secretsmanager_secret_readers: each one retried
with jittered backoff, each failure raised as AnsibleSecretsManagerError with AWS's message. None reads a secret's
value."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

# A ListSecrets filter takes at most 10 values (API_Filter.html).
MAX_FILTER_VALUES = 10


class AnsibleSecretsManagerError(AnsibleAWSError):
    pass


class SecretsManagerErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleSecretsManagerError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


@SecretsManagerErrorHandler.common_error_handler("list the secrets")
@AWSRetry.jittered_backoff()
def list_secrets_by_name(client, prefixes):
    """The secrets whose name starts with one of ``prefixes`` (at most MAX_FILTER_VALUES), those scheduled for
    deletion included (with their DeletedDate); every page."""
    paginator = client.get_paginator("list_secrets")
    pages = paginator.paginate(Filters=[{"Key": "name", "Values": list(prefixes)}], IncludePlannedDeletion=True)
    return pages.build_full_result().get("SecretList", [])


@SecretsManagerErrorHandler.list_error_handler("describe the secret")
@AWSRetry.jittered_backoff()
def describe_secret(client, secret_id):
    """The secret's metadata (a name or an ARN), None when there is no such secret."""
    secret = client.describe_secret(SecretId=secret_id)
    secret.pop("ResponseMetadata", None)
    return secret


@SecretsManagerErrorHandler.list_error_handler("read the secret's resource policy")
@AWSRetry.jittered_backoff()
def get_resource_policy(client, secret_id):
    """The secret's resource policy as a JSON string, None when it has none (AWS then omits ResourcePolicy)."""
    return client.get_resource_policy(SecretId=secret_id).get("ResourcePolicy")


@SecretsManagerErrorHandler.common_error_handler("set the secret's resource policy")
@AWSRetry.jittered_backoff()
def put_resource_policy(client, secret_id, policy):
    """Sets the secret's resource policy; Secrets Manager refuses one that would grant broad access
    (BlockPublicPolicy)."""
    client.put_resource_policy(SecretId=secret_id, ResourcePolicy=policy, BlockPublicPolicy=True)
