# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""amazon.aws.s3_bucket_info's bucket in the one shape its documentation gives, whichever amazon.aws answered."""

import json

# amazon.aws 10 returns each fact as S3's Get* call answers it, as the module's RETURN documents; amazon.aws 11
# returns what is inside that key (and the policy parsed). The roles read the documented shape.
_WRAPPED = {
    "bucket_encryption": "ServerSideEncryptionConfiguration",
    "bucket_ownership_controls": "OwnershipControls",
    "public_access_block": "PublicAccessBlockConfiguration",
}


def s3_bucket_documented(bucket):
    """The bucket (one of amazon.aws.s3_bucket_info's ``buckets``) with ``bucket_policy`` as ``{"Policy": <JSON
    text>}`` and the encryption, ownership controls and public access block under their S3 API key."""
    bucket = dict(bucket or {})
    policy = bucket.get("bucket_policy")
    if isinstance(policy, dict) and policy and "Policy" not in policy:
        bucket["bucket_policy"] = {"Policy": json.dumps(policy)}
    for fact, key in _WRAPPED.items():
        value = bucket.get(fact)
        if isinstance(value, dict) and value and key not in value:
            bucket[fact] = {key: value}
    return bucket


class FilterModule:
    def filters(self):
        return {"s3_bucket_documented": s3_bucket_documented}
