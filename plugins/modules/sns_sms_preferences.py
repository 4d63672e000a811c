#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: sns_sms_preferences
version_added: 0.1.0
short_description: Set the account's Amazon SNS SMS preferences
description:
  - Sets the account's SMS attributes in a region (C(SetSMSAttributes)), that is the default message type, the monthly
    spend limit, the default sender ID and the delivery status logging.
  - An option left unset leaves that attribute alone. amazon.aws and community.aws have no module for them.
author:
  - Tickr platform team (@tickr-tn)
options:
  default_sms_type:
    description: The default type of SMS sent.
    type: str
    choices: [Promotional, Transactional]
  monthly_spend_limit:
    description: The most the account may spend on SMS a month, in USD (a whole number).
    type: int
  default_sender_id:
    description: The sender ID shown on the phone, 1 to 11 letters or digits with at least one letter.
    type: str
  delivery_status_iam_role:
    description: The ARN of the IAM role SNS writes delivery status logs with.
    type: str
  delivery_status_success_sampling_rate:
    description: The percentage (0-100) of successful deliveries logged.
    type: int
  usage_report_s3_bucket:
    description: The S3 bucket that receives daily SMS usage reports.
    type: str
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Transactional SMS, at most $10 a month, sent as TICKR
  tickr.aws.sns_sms_preferences:
    default_sms_type: Transactional
    monthly_spend_limit: 10
    default_sender_id: TICKR
"""

RETURN = r"""
attributes:
  description: The account's SMS attributes after the run, as SNS names them.
  returned: always
  type: dict
  sample: {"DefaultSMSType": "Transactional", "MonthlySpendLimit": "10", "DefaultSenderID": "TICKR"}
"""

from ansible_collections.tickr.aws.plugins.module_utils import sns
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.sns import AnsibleSNSError

ATTRIBUTES = {
    "default_sms_type": "DefaultSMSType",
    "monthly_spend_limit": "MonthlySpendLimit",
    "default_sender_id": "DefaultSenderID",
    "delivery_status_iam_role": "DeliveryStatusIAMRole",
    "delivery_status_success_sampling_rate": "DeliveryStatusSuccessSamplingRate",
    "usage_report_s3_bucket": "UsageReportS3Bucket",
}


# Pure logic, unit-tested.
def attribute_changes(current, params):
    """The SNS attributes to set: those given whose value (as SNS stores it, a string) differs."""
    changes = {}
    for option, attribute in ATTRIBUTES.items():
        value = params.get(option)
        if value is not None and str(current.get(attribute, "")) != str(value):
            changes[attribute] = str(value)
    return changes


def ensure_present(module, client, current):
    """Sets the attributes given that differ from the account's ``current`` ones."""
    changes = attribute_changes(current, module.params)
    if changes and not module.check_mode:
        sns.set_sms_attributes(client, changes)
    after = dict(current, **changes)
    module.exit_json(changed=bool(changes), attributes=after, diff={"before": current, "after": after})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            default_sms_type=dict(type="str", choices=["Promotional", "Transactional"]),
            monthly_spend_limit=dict(type="int"),
            default_sender_id=dict(type="str"),
            delivery_status_iam_role=dict(type="str"),
            delivery_status_success_sampling_rate=dict(type="int"),
            usage_report_s3_bucket=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if p["monthly_spend_limit"] is not None and p["monthly_spend_limit"] < 0:
        module.fail_json(msg=f"monthly_spend_limit must be 0 or more, got {p['monthly_spend_limit']}")
    client = module.client("sns")
    try:
        ensure_present(module, client, sns.get_sms_attributes(client))
    except AnsibleSNSError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
