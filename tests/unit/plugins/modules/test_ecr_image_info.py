import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.tickr.aws.plugins.modules.ecr_image_info import RepositoryNotFound, describe_image, image_id


class _Retrying:
    """The AWSRetry-decorated client accepts aws_retry=; the stubbed one does not."""

    def __init__(self, client):
        self._client = client

    def describe_images(self, aws_retry=False, **kwargs):
        return self._client.describe_images(**kwargs)


def _client(*responses):
    client = boto3.client("ecr", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x")
    stubber = Stubber(client)
    for response in responses:
        if isinstance(response, str):
            stubber.add_client_error("describe_images", service_error_code=response, http_status_code=400)
        else:
            stubber.add_response("describe_images", response)
    stubber.activate()
    return _Retrying(client)


def test_image_id_tells_a_digest_from_a_tag():
    assert image_id("latest") == {"imageTag": "latest"}
    assert image_id("sha256:" + "a" * 64) == {"imageDigest": "sha256:" + "a" * 64}


def test_a_pushed_image_is_found():
    detail = {"repositoryName": "tickr-backend", "imageDigest": "sha256:" + "a" * 64, "imageTags": ["latest"]}
    assert describe_image(_client({"imageDetails": [detail]}), "tickr-backend", "latest") == detail


def test_an_image_not_pushed_is_none():
    assert describe_image(_client("ImageNotFoundException"), "tickr-backend", "latest") is None


def test_a_missing_repository_is_told_apart():
    with pytest.raises(RepositoryNotFound):
        describe_image(_client("RepositoryNotFoundException"), "tickr-backend", "latest")
