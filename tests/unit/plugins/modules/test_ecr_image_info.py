"""tickr.aws.ecr_image_info: one DescribeImages per image asked for and the repository's URI, an image or a repository
that is not there reported rather than failing, only reads (in check mode too), AWS's message reaching the user."""

import boto3
import botocore.exceptions
import pytest
from botocore.stub import Stubber

from ansible_collections.tickr.aws.plugins.module_utils.ecr import RepositoryNotFound, describe_image, image_id
from ansible_collections.tickr.aws.plugins.modules import ecr_image_info

from cloudwatch_fakes import FakeClient, run_module

DIGEST = "sha256:" + "a" * 64
LATEST = {"repositoryName": "tickr-backend", "imageDigest": DIGEST, "imageTags": ["latest"], "imageSizeInBytes": 42}


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


class ECRClient(FakeClient):
    """DescribeImages answers the images of ``held`` (tag or digest -> details); None: no such repository."""

    def __init__(self, held, **kwargs):
        super().__init__({}, **kwargs)
        self.held = held

    def describe_images(self, **params):
        self.calls.append(("describe_images", params))
        if self.fail_on == "describe_images":
            raise botocore.exceptions.ClientError({"Error": {"Code": self.error[0], "Message": self.error[1]}}, "DescribeImages")
        if self.held is None:
            code = "RepositoryNotFoundException"
        else:
            wanted = params["imageIds"][0]
            detail = self.held.get(wanted.get("imageTag") or wanted.get("imageDigest"))
            if detail:
                return {"imageDetails": [detail]}
            code = "ImageNotFoundException"
        raise botocore.exceptions.ClientError({"Error": {"Code": code, "Message": "not there"}}, "DescribeImages")

    def describe_repositories(self, **params):
        self.calls.append(("describe_repositories", params))
        name = params["repositoryNames"][0]
        return {"repositories": [{"repositoryName": name, "repositoryUri": f"123456789012.dkr.ecr.eu-west-1.amazonaws.com/{name}"}]}


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


@pytest.mark.parametrize("check_mode", [False, True])
def test_images_found_and_missing_are_told_apart_with_reads_only(check_mode):
    client = ECRClient({"latest": LATEST, DIGEST: LATEST})
    result = run_module(ecr_image_info, {"repository": "tickr-backend", "images": ["latest", "v2", DIGEST], "registry_id": "123456789012"},
                        client, check_mode=check_mode)
    assert result["failed"] is False and result["changed"] is False and result["repository_exists"] is True
    assert result["missing"] == ["v2"]
    assert list(result["images"]) == ["latest", DIGEST]
    assert result["images"]["latest"] == {"repository_name": "tickr-backend", "image_digest": DIGEST, "image_tags": ["latest"],
                                          "image_size_in_bytes": 42}
    assert client.operations() == ["describe_images"] * 3 + ["describe_repositories"]
    assert result["repository_uri"] == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend"
    assert client.calls[0][1] == {"repositoryName": "tickr-backend", "imageIds": [{"imageTag": "latest"}], "registryId": "123456789012"}
    assert client.calls[2][1]["imageIds"] == [{"imageDigest": DIGEST}]


def test_a_missing_repository_reports_every_image_missing():
    client = ECRClient(None)
    result = run_module(ecr_image_info, {"repository": "tickr-backend", "images": ["latest", "v2"]}, client)
    assert (result["failed"], result["repository_exists"], result["images"], result["missing"]) == (False, False, {}, ["latest", "v2"])
    assert result["repository_uri"] == ""
    assert client.calls == [("describe_images", {"repositoryName": "tickr-backend", "imageIds": [{"imageTag": "latest"}]})]


def test_aws_refusal_reaches_the_user_with_awss_message():
    client = ECRClient({}, fail_on="describe_images",
                       error=("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecr:DescribeImages"))
    result = run_module(ecr_image_info, {"repository": "tickr-backend", "images": ["latest"]}, client)
    assert result["failed"] is True
    assert result["msg"] == ("Failed to describe the image: An error occurred (AccessDeniedException) when calling the DescribeImages "
                             "operation: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecr:DescribeImages")
