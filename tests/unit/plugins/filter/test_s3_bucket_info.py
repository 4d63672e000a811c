"""s3_bucket_documented gives the documented shape of amazon.aws.s3_bucket_info's bucket from amazon.aws 10 and 11."""

import json

from ansible_collections.tickr.aws.plugins.filter.s3_bucket_info import s3_bucket_documented

POLICY = {"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                                                  "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                                                  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
ENCRYPTION = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": False}]}
BLOCK = {"BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
OWNERSHIP = {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
CORS = {"CORSRules": [{"AllowedOrigins": ["https://tickr.tn"], "AllowedMethods": ["GET"]}]}

# amazon.aws 10.3.2 and 11.4.0 on the same bucket (the emulator, bucket_facts all true).
AMAZON_AWS_10 = {"name": "b", "bucket_policy": {"Policy": json.dumps(POLICY)},
                 "bucket_encryption": {"ServerSideEncryptionConfiguration": ENCRYPTION},
                 "public_access_block": {"PublicAccessBlockConfiguration": BLOCK},
                 "bucket_ownership_controls": {"OwnershipControls": OWNERSHIP}, "bucket_cors": CORS}
AMAZON_AWS_11 = {"name": "b", "bucket_policy": POLICY, "bucket_encryption": ENCRYPTION, "public_access_block": BLOCK,
                 "bucket_ownership_controls": OWNERSHIP, "bucket_cors": CORS}


def test_amazon_aws_10_is_left_as_it_is():
    assert s3_bucket_documented(AMAZON_AWS_10) == AMAZON_AWS_10


def test_amazon_aws_11_gets_the_documented_shape():
    documented = s3_bucket_documented(AMAZON_AWS_11)
    assert json.loads(documented.pop("bucket_policy")["Policy"]) == POLICY
    expected = dict(AMAZON_AWS_10)
    expected.pop("bucket_policy")
    assert documented == expected


def test_facts_not_read_or_empty_stay_out():
    assert s3_bucket_documented({"name": "b"}) == {"name": "b"}
    assert s3_bucket_documented({"name": "b", "bucket_policy": {}}) == {"name": "b", "bucket_policy": {}}
    assert s3_bucket_documented(None) == {}
