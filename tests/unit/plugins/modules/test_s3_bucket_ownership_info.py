"""tickr.aws.s3_bucket_ownership_info: HeadBucket with the caller's account as the expected owner, its status the
answer; the caller's identity and HeadBucket the only calls, in check mode too; an error reaches the user."""

import botocore.exceptions
import pytest

from ansible_collections.tickr.aws.plugins.module_utils.s3 import head_bucket
from ansible_collections.tickr.aws.plugins.modules import s3_bucket_ownership_info
from ansible_collections.tickr.aws.plugins.modules.s3_bucket_ownership_info import ownership_from_status

from cloudwatch_fakes import run_module


class FakeS3:
    """HeadBucket as S3 answers it: 200 with x-amz-bucket-region, or a bare status (a HEAD error has no body)."""

    def __init__(self, status, region="eu-west-1"):
        self.status, self.region = status, region
        self.calls = []

    def head_bucket(self, Bucket, ExpectedBucketOwner, aws_retry=False):
        self.calls.append({"Bucket": Bucket, "ExpectedBucketOwner": ExpectedBucketOwner})
        metadata = {"HTTPStatusCode": self.status, "HTTPHeaders": {"x-amz-bucket-region": self.region}}
        if self.status != 200:
            raise botocore.exceptions.ClientError(
                {"Error": {"Code": str(self.status), "Message": "Forbidden"}, "ResponseMetadata": metadata}, "HeadBucket")
        return {"ResponseMetadata": metadata, "BucketRegion": self.region}


@pytest.mark.parametrize("status, ownership", [(200, "owned"), (403, "taken"), (404, "free"), (301, None), (500, None)])
def test_each_status_says_whose_the_bucket_is(status, ownership):
    assert ownership_from_status(status) == ownership


def test_the_caller_is_the_expected_owner():
    s3 = FakeS3(200)
    assert head_bucket(s3, "tickr-event-images", "123456789012") == (200, "eu-west-1")
    assert s3.calls == [{"Bucket": "tickr-event-images", "ExpectedBucketOwner": "123456789012"}]


def test_an_error_status_is_read_from_the_error():
    assert head_bucket(FakeS3(403), "tickr-event-images", "123456789012")[0] == 403
    assert head_bucket(FakeS3(404), "tickr-event-images", "123456789012")[0] == 404


ACCOUNT = "123456789012"


class FakeAccount(FakeS3):
    """FakeS3 that also answers sts:GetCallerIdentity, ``identity_error`` its refusal, and ``head_error`` on HeadBucket
    in place of an answer. A call it has no method for fails the test."""

    def __init__(self, status, identity_error=None, head_error=None, **kwargs):
        super().__init__(status, **kwargs)
        self.identity_error, self.head_error, self.identity_calls = identity_error, head_error, 0

    def get_caller_identity(self, aws_retry=False):
        self.identity_calls += 1
        if self.identity_error:
            raise self.identity_error
        return {"Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/ansible", "UserId": "AIDA"}

    def get_user(self, aws_retry=False):
        raise botocore.exceptions.ClientError({"Error": {"Code": "AccessDenied", "Message": "iam:GetUser is not allowed"}}, "GetUser")

    def head_bucket(self, Bucket, ExpectedBucketOwner, aws_retry=False):
        if self.head_error:
            raise self.head_error
        return super().head_bucket(Bucket, ExpectedBucketOwner, aws_retry)


def run(client, check_mode=False):
    return run_module(s3_bucket_ownership_info, {"name": "tickr-event-images", "region": "eu-west-1"}, client, check_mode=check_mode)


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("status, ownership", [(200, "owned"), (403, "taken"), (404, "free")])
def test_the_status_is_the_answer_after_two_reads(status, ownership, check_mode):
    client = FakeAccount(status)
    result = run(client, check_mode=check_mode)
    assert (result["failed"], result["changed"], result["ownership"], result["account_id"]) == (False, False, ownership, ACCOUNT)
    assert result.get("region") == ("eu-west-1" if ownership == "owned" else None)
    assert client.identity_calls == 1 and client.calls == [{"Bucket": "tickr-event-images", "ExpectedBucketOwner": ACCOUNT}]


def test_a_status_that_answers_nothing_fails():
    result = run(FakeAccount(500))
    assert result["failed"] is True
    assert result["msg"] == ("HeadBucket on tickr-event-images answered HTTP 500: neither this account's (200), another's (403) "
                             "nor free (404)")


def test_a_connection_failure_reaches_the_user():
    result = run(FakeAccount(200, head_error=botocore.exceptions.EndpointConnectionError(endpoint_url="https://s3.example")))
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to ask S3 whose the bucket is")
    assert 'Could not connect to the endpoint URL: "https://s3.example"' in result["msg"]


def test_an_unknown_account_stops_before_headbucket_with_awss_message():
    refusal = botocore.exceptions.ClientError(
        {"Error": {"Code": "AccessDenied", "Message": "sts:GetCallerIdentity is not allowed"}}, "GetCallerIdentity")
    client = FakeAccount(200, identity_error=refusal)
    result = run(client)
    assert result["failed"] is True and client.calls == []
    assert "Failed to get AWS account information" in result["msg"] and "iam:GetUser is not allowed" in result["msg"]
