# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Amazon ECR calls of tickr.aws.ecr_image_info and ecr_pull_through_cache_rule: each one retried with jittered
backoff, each failure raised as AnsibleECRError with AWS's message."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class AnsibleECRError(AnsibleAWSError):
    pass


class ECRErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleECRError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("PullThroughCacheRuleNotFoundException")


class RepositoryNotFound(Exception):
    """The repository asked for does not exist (DescribeImages' RepositoryNotFoundException)."""


def image_id(image):
    """DescribeImages' imageIds entry for a tag or a digest."""
    return {"imageDigest": image} if image.startswith("sha256:") else {"imageTag": image}


@ECRErrorHandler.common_error_handler("describe the image")
@AWSRetry.jittered_backoff()
def describe_image(client, repository, image, registry_id=None):
    """The image's details, or None when the repository does not hold it; RepositoryNotFound when there is none."""
    params = dict(repositoryName=repository, imageIds=[image_id(image)])
    if registry_id:
        params["registryId"] = registry_id
    try:
        details = client.describe_images(**params).get("imageDetails", [])
    except is_boto3_error_code("ImageNotFoundException"):
        return None
    except is_boto3_error_code("RepositoryNotFoundException"):
        raise RepositoryNotFound(repository)
    return details[0] if details else None


@ECRErrorHandler.common_error_handler("describe the repository")
@AWSRetry.jittered_backoff()
def describe_repository(client, repository, registry_id=None):
    """The repository as DescribeRepositories gives it (its repositoryUri is what images are pulled by)."""
    params = dict(repositoryNames=[repository])
    if registry_id:
        params["registryId"] = registry_id
    return client.describe_repositories(**params)["repositories"][0]


@ECRErrorHandler.common_error_handler("describe the pull through cache rules")
@AWSRetry.jittered_backoff()
def describe_pull_through_cache_rules(client):
    """Every pull through cache rule of the registry, every page."""
    paginator = client.get_paginator("describe_pull_through_cache_rules")
    return paginator.paginate().build_full_result().get("pullThroughCacheRules", [])


@ECRErrorHandler.common_error_handler("create the pull through cache rule")
@AWSRetry.jittered_backoff()
def create_pull_through_cache_rule(client, **rule):
    """The rule as CreatePullThroughCacheRule returns it, without its response metadata."""
    created = client.create_pull_through_cache_rule(**rule)
    created.pop("ResponseMetadata", None)
    return created


@ECRErrorHandler.deletion_error_handler("delete the pull through cache rule")
@AWSRetry.jittered_backoff()
def delete_pull_through_cache_rule(client, prefix):
    client.delete_pull_through_cache_rule(ecrRepositoryPrefix=prefix)
    return True
