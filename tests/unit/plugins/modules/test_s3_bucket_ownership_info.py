import botocore.exceptions
import pytest

from ansible_collections.tickr.aws.plugins.modules.s3_bucket_ownership_info import head_bucket, ownership_from_status


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
