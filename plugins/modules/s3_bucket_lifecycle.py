#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: s3_bucket_lifecycle
version_added: 0.2.0
short_description: Set an S3 bucket's whole lifecycle configuration, with its default minimum object size
description:
  - Writes a bucket's lifecycle configuration (C(PutBucketLifecycleConfiguration)) as given, rules and
    C(TransitionDefaultMinimumObjectSize) together, when it differs from the bucket's
    (C(GetBucketLifecycleConfiguration)). Rules not listed are removed; O(rules=[]) deletes the configuration
    (C(DeleteBucketLifecycle)).
  - community.aws's C(s3_lifecycle) manages one rule at a time and cannot send C(TransitionDefaultMinimumObjectSize),
    so S3 applies its default to whatever it writes.
  - Rules are compared by C(ID), transitions in time order, as S3 returns them.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The bucket's name. It must exist.
    type: str
    required: true
  rules:
    description:
      - The configuration's rules, each a C(LifecycleRule) as the S3 API takes it (C(ID), C(Filter), C(Status),
        C(Transitions), C(Expiration), ...), see U(https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html).
      - Each needs its own C(ID), since S3 names a rule without one at random, which no later run could match.
    type: list
    elements: dict
    required: true
  transition_default_minimum_object_size:
    description:
      - V(all_storage_classes_128K), S3's default since September 2024, transitions no object under 128 KB.
      - V(varies_by_storage_class) lets objects under 128 KB move to C(GLACIER) and C(DEEP_ARCHIVE) (not to other
        classes).
      - A rule's C(Filter) with C(ObjectSizeGreaterThan) or C(ObjectSizeLessThan) overrides it.
    type: str
    choices: [all_storage_classes_128K, varies_by_storage_class]
    default: all_storage_classes_128K
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode.
"""

EXAMPLES = r"""
- name: Archive images to Glacier Instant Retrieval after 90 days, never expire them
  tickr.aws.s3_bucket_lifecycle:
    name: tickr-event-images
    rules:
      - ID: Archive old images
        Filter: {Prefix: ""}
        Status: Enabled
        Transitions: [{Days: 90, StorageClass: GLACIER_IR}]
    transition_default_minimum_object_size: all_storage_classes_128K
"""

RETURN = r"""
lifecycle_configuration:
  description: The bucket's lifecycle configuration after the run (rules by ID); null when it has none.
  returned: always
  type: dict
  sample:
    Rules:
      - ID: Archive old images
        Filter: {Prefix: ""}
        Status: Enabled
        Transitions: [{Days: 90, StorageClass: GLACIER_IR}]
    TransitionDefaultMinimumObjectSize: all_storage_classes_128K
"""

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.s3 import found_configuration, lifecycle_configuration


def rules_without_id(rules):
    return [index for index, rule in enumerate(rules) if not rule.get("ID")]


def read_configuration(client, bucket):
    try:
        return found_configuration(client.get_bucket_lifecycle_configuration(Bucket=bucket, aws_retry=True))
    except is_boto3_error_code(["NoSuchLifecycleConfiguration", "NoSuchBucket"]):
        # NoSuchBucket: a bucket created a moment ago (bucket settings are eventually consistent), or --check
        # before it exists. The write below retries on it.
        return None


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            rules=dict(type="list", elements="dict", required=True),
            transition_default_minimum_object_size=dict(
                type="str", choices=["all_storage_classes_128K", "varies_by_storage_class"],
                default="all_storage_classes_128K"),
        ),
        supports_check_mode=True,
    )
    bucket = module.params["name"]
    rules = module.params["rules"]
    size = module.params["transition_default_minimum_object_size"]
    missing = rules_without_id(rules)
    if missing:
        module.fail_json(msg=f"rules: every rule needs an ID; rules {missing} have none")
    # OperationAborted: S3 refuses a configuration change while another is in progress on the bucket.
    client = module.client("s3", retry_decorator=AWSRetry.jittered_backoff(
        catch_extra_error_codes=["OperationAborted", "NoSuchBucket"]))
    read_client = module.client("s3", retry_decorator=AWSRetry.jittered_backoff(catch_extra_error_codes=["OperationAborted"]))
    wanted = lifecycle_configuration(rules, size) if rules else None
    try:
        current = read_configuration(read_client, bucket)
        changed = current != wanted
        if changed and not module.check_mode:
            if wanted:
                client.put_bucket_lifecycle_configuration(
                    Bucket=bucket, LifecycleConfiguration={"Rules": wanted["Rules"]},
                    TransitionDefaultMinimumObjectSize=size, aws_retry=True)
            else:
                client.delete_bucket_lifecycle(Bucket=bucket, aws_retry=True)
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg=f"Could not set the lifecycle configuration of bucket {bucket}")
    module.exit_json(changed=changed, lifecycle_configuration=wanted,
                     diff={"before": current or {}, "after": wanted or {}})


if __name__ == "__main__":
    main()
