# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The S3 calls of tickr.aws.s3_bucket_lifecycle and tickr.aws.s3_bucket_ownership_info (amazon.aws's S3ErrorHandler
over jittered backoff, failures raised as amazon.aws's AnsibleS3Error with AWS's message), and a bucket's lifecycle
configuration as S3 stores it, so that the module compares what it reads with what it would write."""

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.s3 import S3ErrorHandler

# The storage classes a lifecycle Transition accepts (TransitionStorageClass in the S3 API reference,
# https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html).
TRANSITION_STORAGE_CLASSES = ("GLACIER_IR", "GLACIER", "DEEP_ARCHIVE", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING")
# Objects in these answer GetObject with InvalidObjectState until restored (RestoreObject).
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html
ARCHIVE_STORAGE_CLASSES = ("GLACIER", "DEEP_ARCHIVE")
# S3 refuses transitions to these before 30 days in the bucket.
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
THIRTY_DAY_STORAGE_CLASSES = ("STANDARD_IA", "ONEZONE_IA")
# x-amz-transition-default-minimum-object-size; all_storage_classes_128K is S3's default since September 2024.
# https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
MINIMUM_OBJECT_SIZES = ("all_storage_classes_128K", "varies_by_storage_class")


def _sorted_actions(actions):
    return sorted(actions or [], key=lambda a: (a.get("Days", -1), str(a.get("Date", "")), a.get("StorageClass", "")))


def normalize_rule(rule):
    """A rule as GetBucketLifecycleConfiguration returns it: transitions in time order, nothing empty."""
    rule = {key: value for key, value in dict(rule).items() if value not in (None, [], {}) or key == "Filter"}
    for key in ("Transitions", "NoncurrentVersionTransitions"):
        if key in rule:
            rule[key] = _sorted_actions(rule[key])
    return rule


def lifecycle_configuration(rules, minimum_object_size):
    """The configuration as compared: rules by ID (S3 requires them unique) and the minimum object size."""
    return {
        "Rules": sorted((normalize_rule(r) for r in rules or []), key=lambda r: r.get("ID", "")),
        "TransitionDefaultMinimumObjectSize": minimum_object_size,
    }


def found_configuration(answer):
    """What GetBucketLifecycleConfiguration answered (None when the bucket has none), in the same form."""
    if not answer or not answer.get("Rules"):
        return None
    # An answer without the field (a configuration older than the field) is not taken for either value.
    return lifecycle_configuration(answer["Rules"], answer.get("TransitionDefaultMinimumObjectSize"))


def wanted_configuration(rules, minimum_object_size):
    """The configuration ``rules`` with ``minimum_object_size`` make, as compared; None without rules."""
    return lifecycle_configuration(rules, minimum_object_size) if rules else None


class S3LifecycleErrorHandler(S3ErrorHandler):
    @classmethod
    def _is_missing(cls):
        # NoSuchBucket: a bucket created a moment ago (bucket settings are eventually consistent), or --check
        # before it exists.
        return is_boto3_error_code(["NoSuchLifecycleConfiguration", "NoSuchBucket"])


@S3LifecycleErrorHandler.list_error_handler("read the bucket's lifecycle configuration")
@AWSRetry.jittered_backoff(catch_extra_error_codes=["OperationAborted"])
def read_configuration(client, bucket):
    """The bucket's configuration, as compared; None when it has none."""
    return found_configuration(client.get_bucket_lifecycle_configuration(Bucket=bucket))


# OperationAborted: S3 refuses a configuration change while another is in progress on the bucket; NoSuchBucket: a
# bucket created a moment ago.
@S3LifecycleErrorHandler.common_error_handler("set the bucket's lifecycle configuration")
@AWSRetry.jittered_backoff(catch_extra_error_codes=["OperationAborted", "NoSuchBucket"])
def put_configuration(client, bucket, configuration):
    client.put_bucket_lifecycle_configuration(
        Bucket=bucket, LifecycleConfiguration={"Rules": configuration["Rules"]},
        TransitionDefaultMinimumObjectSize=configuration["TransitionDefaultMinimumObjectSize"])


@S3LifecycleErrorHandler.common_error_handler("delete the bucket's lifecycle configuration")
@AWSRetry.jittered_backoff(catch_extra_error_codes=["OperationAborted", "NoSuchBucket"])
def delete_configuration(client, bucket):
    client.delete_bucket_lifecycle(Bucket=bucket)


@AWSRetry.jittered_backoff()
def _head_bucket_as_owner(client, bucket, account_id):
    return client.head_bucket(Bucket=bucket, ExpectedBucketOwner=account_id)


# Not amazon.aws's head_s3_bucket: that one sends no ExpectedBucketOwner, and its handler takes a 403 for a failure,
# where here it is S3's answer (another account's bucket).
@S3ErrorHandler.common_error_handler("ask S3 whose the bucket is")
def head_bucket(client, bucket, account_id):
    """HeadBucket's status and its x-amz-bucket-region header, ``account_id`` the expected owner: a HEAD error has no
    body, only its status, which is the answer."""
    try:
        answer = _head_bucket_as_owner(client, bucket, account_id)
    except botocore.exceptions.ClientError as e:
        answer = e.response
    metadata = answer.get("ResponseMetadata", {})
    return metadata.get("HTTPStatusCode"), metadata.get("HTTPHeaders", {}).get("x-amz-bucket-region")
