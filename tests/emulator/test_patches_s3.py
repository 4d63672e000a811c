"""The images bucket's AWS behaviours, stated over HTTP: global bucket names (another account's bucket is not ours),
archived objects unreadable until restored, and the lifecycle's minimum object size for transitions."""

import urllib.request

import boto3
import botocore.exceptions
import pytest

REGION = "eu-west-1"
LOCATION = {"LocationConstraint": REGION}
OTHER_ACCOUNT = "111122223333"


def other_account_client(emulator, service="s3"):
    """A client of another account, by the path a user takes: STS AssumeRole into a role of that account."""
    credentials = emulator.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/images", RoleSessionName="other-account")["Credentials"]
    return boto3.client(service, region_name=REGION, endpoint_url=emulator.url,
                        aws_access_key_id=credentials["AccessKeyId"],
                        aws_secret_access_key=credentials["SecretAccessKey"],
                        aws_session_token=credentials["SessionToken"])


@pytest.fixture
def two_accounts(fresh_emulator):
    yield fresh_emulator
    # moto's reset takes seconds more once a second account exists (longer than emulator.py waits on a busy
    # machine): done here, with time, so the next test's reset is quick.
    request = urllib.request.Request(f"{fresh_emulator.url}/moto-api/reset", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=120):
        pass


def _status(call):
    try:
        return call()["ResponseMetadata"]["HTTPStatusCode"]
    except botocore.exceptions.ClientError as error:
        return error.response["ResponseMetadata"]["HTTPStatusCode"]


def test_head_bucket_tells_ours_from_taken_from_free(two_accounts):
    fresh_emulator = two_accounts
    s3 = fresh_emulator.client("s3")
    other = other_account_client(fresh_emulator)
    assert other_account_client(fresh_emulator, "sts").get_caller_identity()["Account"] == OTHER_ACCOUNT
    other.create_bucket(Bucket="tickr-event-images", CreateBucketConfiguration=LOCATION)
    s3.create_bucket(Bucket="tickr-ours", CreateBucketConfiguration=LOCATION)
    account = fresh_emulator.client("sts").get_caller_identity()["Account"]

    assert _status(lambda: s3.head_bucket(Bucket="tickr-ours")) == 200
    assert _status(lambda: s3.head_bucket(Bucket="tickr-ours", ExpectedBucketOwner=account)) == 200
    assert _status(lambda: s3.head_bucket(Bucket="tickr-event-images")) == 403
    assert _status(lambda: s3.head_bucket(Bucket="tickr-event-images", ExpectedBucketOwner=account)) == 403
    assert _status(lambda: s3.head_bucket(Bucket="tickr-free")) == 404
    # The owner itself is refused when it names another owner.
    assert _status(lambda: other.head_bucket(Bucket="tickr-event-images", ExpectedBucketOwner=account)) == 403
    assert _status(lambda: other.head_bucket(Bucket="tickr-event-images")) == 200


def test_create_bucket_on_a_name_another_account_holds_is_bucket_already_exists(two_accounts):
    fresh_emulator = two_accounts
    other_account_client(fresh_emulator).create_bucket(Bucket="tickr-event-images", CreateBucketConfiguration=LOCATION)
    s3 = fresh_emulator.client("s3")
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.create_bucket(Bucket="tickr-event-images", CreateBucketConfiguration=LOCATION)
    assert error.value.response["Error"]["Code"] == "BucketAlreadyExists"
    s3.create_bucket(Bucket="tickr-ours", CreateBucketConfiguration=LOCATION)
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.create_bucket(Bucket="tickr-ours", CreateBucketConfiguration=LOCATION)
    assert error.value.response["Error"]["Code"] == "BucketAlreadyOwnedByYou"
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["tickr-ours"]


@pytest.mark.parametrize("storage_class", ["GLACIER", "DEEP_ARCHIVE"])
def test_archived_objects_answer_invalid_object_state_until_restored(fresh_emulator, storage_class):
    # moto 5.2.5 already does this; the test keeps it so (no patch).
    s3 = fresh_emulator.client("s3")
    s3.create_bucket(Bucket="tickr-event-images", CreateBucketConfiguration=LOCATION)
    s3.put_object(Bucket="tickr-event-images", Key="old.jpg", Body=b"jpeg", StorageClass=storage_class)
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.get_object(Bucket="tickr-event-images", Key="old.jpg")
    assert error.value.response["Error"]["Code"] == "InvalidObjectState"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    # HeadObject works on an archived object and names its class.
    assert s3.head_object(Bucket="tickr-event-images", Key="old.jpg")["StorageClass"] == storage_class


def test_glacier_instant_retrieval_objects_read_as_any_other(fresh_emulator):
    s3 = fresh_emulator.client("s3")
    s3.create_bucket(Bucket="tickr-event-images", CreateBucketConfiguration=LOCATION)
    s3.put_object(Bucket="tickr-event-images", Key="old.jpg", Body=b"jpeg", StorageClass="GLACIER_IR")
    assert s3.get_object(Bucket="tickr-event-images", Key="old.jpg")["Body"].read() == b"jpeg"
    assert s3.head_object(Bucket="tickr-event-images", Key="old.jpg")["StorageClass"] == "GLACIER_IR"


RULES = [{"ID": "Archive old images", "Filter": {"Prefix": ""}, "Status": "Enabled",
          "Transitions": [{"Days": 90, "StorageClass": "GLACIER_IR"}]}]


def test_lifecycle_keeps_the_transition_default_minimum_object_size(fresh_emulator):
    s3 = fresh_emulator.client("s3")
    s3.create_bucket(Bucket="tickr-event-images", CreateBucketConfiguration=LOCATION)
    put = s3.put_bucket_lifecycle_configuration(Bucket="tickr-event-images", LifecycleConfiguration={"Rules": RULES},
                                                TransitionDefaultMinimumObjectSize="varies_by_storage_class")
    assert put["TransitionDefaultMinimumObjectSize"] == "varies_by_storage_class"
    got = s3.get_bucket_lifecycle_configuration(Bucket="tickr-event-images")
    assert got["TransitionDefaultMinimumObjectSize"] == "varies_by_storage_class" and got["Rules"] == RULES

    # Without the header, S3 applies its default (since September 2024): no object under 128 KB transitions.
    put = s3.put_bucket_lifecycle_configuration(Bucket="tickr-event-images", LifecycleConfiguration={"Rules": RULES})
    assert put["TransitionDefaultMinimumObjectSize"] == "all_storage_classes_128K"
    assert s3.get_bucket_lifecycle_configuration(Bucket="tickr-event-images")[
        "TransitionDefaultMinimumObjectSize"] == "all_storage_classes_128K"


def test_deleting_the_lifecycle_drops_its_minimum_object_size(fresh_emulator):
    s3 = fresh_emulator.client("s3")
    s3.create_bucket(Bucket="tickr-event-images", CreateBucketConfiguration=LOCATION)
    s3.put_bucket_lifecycle_configuration(Bucket="tickr-event-images", LifecycleConfiguration={"Rules": RULES},
                                          TransitionDefaultMinimumObjectSize="varies_by_storage_class")
    s3.delete_bucket_lifecycle(Bucket="tickr-event-images")
    with pytest.raises(botocore.exceptions.ClientError, match="NoSuchLifecycleConfiguration"):
        s3.get_bucket_lifecycle_configuration(Bucket="tickr-event-images")
    s3.put_bucket_lifecycle_configuration(Bucket="tickr-event-images", LifecycleConfiguration={"Rules": RULES})
    assert s3.get_bucket_lifecycle_configuration(Bucket="tickr-event-images")[
        "TransitionDefaultMinimumObjectSize"] == "all_storage_classes_128K"
