#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: s3_bucket_lifecycle
version_added: 0.1.0
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

from ansible_collections.amazon.aws.plugins.module_utils.s3 import AnsibleS3Error

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.s3 import delete_configuration
from ansible_collections.tickr.aws.plugins.module_utils.s3 import put_configuration
from ansible_collections.tickr.aws.plugins.module_utils.s3 import read_configuration
from ansible_collections.tickr.aws.plugins.module_utils.s3 import wanted_configuration


def rules_without_id(rules):
    return [index for index, rule in enumerate(rules) if not rule.get("ID")]


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
    missing = rules_without_id(rules)
    if missing:
        module.fail_json(msg=f"rules: every rule needs an ID; rules {missing} have none")
    client = module.client("s3")
    wanted = wanted_configuration(rules, module.params["transition_default_minimum_object_size"])
    try:
        current = read_configuration(client, bucket)
        changed = current != wanted
        if changed and not module.check_mode:
            if wanted:
                put_configuration(client, bucket, wanted)
            else:
                delete_configuration(client, bucket)
    except AnsibleS3Error as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=changed, lifecycle_configuration=wanted,
                     diff={"before": current or {}, "after": wanted or {}})


if __name__ == "__main__":
    main()
