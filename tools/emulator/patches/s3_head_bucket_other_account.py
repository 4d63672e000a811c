"""S3 HeadBucket answers 403 for a bucket another account owns, and for an ExpectedBucketOwner that is not the owner.

AWS: bucket names are global. HeadBucket answers 200 only when the bucket exists and the caller may list it, which
by default only its owner may: a bucket of another account answers 403 Forbidden, a free name 404 Not Found. With
``ExpectedBucketOwner`` (header ``x-amz-expected-bucket-owner``), a bucket owned by any other account answers 403
Forbidden even when its policy would let the caller in.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html
moto 5.2.5: admits cross-account calls by default (MOTO_S3_ALLOW_CROSSACCOUNT_ACCESS) and ignores
ExpectedBucketOwner, so HeadBucket answers 200 for another account's bucket, which then reads as "ours".
CreateBucket already answers BucketAlreadyExists (409) there, as AWS does (tests/emulator/test_patches_s3.py).
"""

from moto.s3.exceptions import MissingBucket
from moto.s3.responses import S3Response


def apply():
    original = S3Response.head_bucket

    def head_bucket(self):
        try:
            bucket = self.backend.head_bucket(self.bucket_name)
        except MissingBucket:
            return original(self)
        expected = self.headers.get("x-amz-expected-bucket-owner")
        if bucket.account_id != self.get_current_account() or (expected and expected != bucket.account_id):
            # A HEAD answer has no body: the SDKs see the bare status, as from AWS.
            return 403, {}, ""
        return original(self)

    S3Response.head_bucket = head_bucket
