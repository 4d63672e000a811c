#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: s3_bucket_ownership_info
version_added: 0.1.0
short_description: Tell whether an S3 bucket name is this account's, another account's, or free
description:
  - Bucket names are global, so a name may already belong to another AWS account, and creating it then fails
    (C(BucketAlreadyExists)). This module asks before anything is created, changing nothing.
  - C(HeadBucket) with C(ExpectedBucketOwner) set to the caller's account (C(sts:GetCallerIdentity), or
    C(iam:GetUser) where STS is refused, as amazon.aws finds the account) answers 200
    when the bucket is this account's, 403 when another account owns it (even one whose bucket policy would let
    this account in), 404 when no bucket has the name.
    See U(https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html) and
    U(https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html).
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The bucket's name.
    type: str
    required: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - A 403 also comes from this account when its credentials may not C(s3:ListBucket) the bucket; the module
    cannot tell the two apart (HeadBucket has no body), and reports V(taken).
"""

EXAMPLES = r"""
- name: Tell ours from taken
  tickr.aws.s3_bucket_ownership_info:
    name: tickr-event-images
  register: found

- name: Stop when another account holds the name
  ansible.builtin.assert:
    that: found.ownership != 'taken'
"""

RETURN = r"""
ownership:
  description: V(owned) (this account's), V(taken) (another account's) or V(free) (no bucket has the name).
  returned: always
  type: str
  sample: owned
account_id:
  description: The caller's account, the expected owner.
  returned: always
  type: str
  sample: "123456789012"
region:
  description: The bucket's region, when it is this account's.
  returned: when O(name) is owned
  type: str
  sample: eu-west-1
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import get_aws_account_id
from ansible_collections.amazon.aws.plugins.module_utils.s3 import AnsibleS3Error

from ansible_collections.tickr.aws.plugins.module_utils import s3
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


# Pure logic, unit-tested.
def ownership_from_status(status):
    """HeadBucket's status as an answer; None for a status that says neither (the caller fails on it)."""
    return {200: "owned", 403: "taken", 404: "free"}.get(status)


def main():
    module = TickrAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    bucket = module.params["name"]
    account_id = get_aws_account_id(module)
    try:
        status, region = s3.head_bucket(module.client("s3"), bucket, account_id)
    except AnsibleS3Error as e:
        module.fail_json_aws_error(e)
    ownership = ownership_from_status(status)
    if ownership is None:
        module.fail_json(msg=f"HeadBucket on {bucket} answered HTTP {status}: neither this account's (200), "
                             "another's (403) nor free (404)")
    result = dict(changed=False, ownership=ownership, account_id=account_id)
    if ownership == "owned" and region:
        result["region"] = region
    module.exit_json(**result)


if __name__ == "__main__":
    main()
