#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: iam_account_summary_info
version_added: 0.1.0
short_description: Read the account's IAM summary (root MFA, users, quotas)
description:
  - Returns IAM's C(GetAccountSummary), whose C(AccountMFAEnabled) says whether the root user has MFA, the first
    line of AWS's security checklist. amazon.aws and community.aws have no module for it.
  - AWS has no API to turn on the root user's MFA; it is done in the console.
author:
  - Tickr platform team (@tickr-tn)
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the account's IAM summary
  tickr.aws.iam_account_summary_info:
  register: summary

- name: Require MFA on the root user
  ansible.builtin.assert:
    that: summary.root_mfa_enabled
"""

RETURN = r"""
summary:
  description: C(SummaryMap) as IAM returns it (counts and quotas, keys as AWS spells them).
  returned: always
  type: dict
  sample: {"AccountMFAEnabled": 1, "Users": 3, "Roles": 12}
root_mfa_enabled:
  description: Whether the account's root user has an MFA device.
  returned: always
  type: bool
  sample: true
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import AnsibleIAMError

from ansible_collections.tickr.aws.plugins.module_utils import iam
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def main():
    module = TickrAWSModule(argument_spec={}, supports_check_mode=True)
    client = module.client("iam")
    try:
        summary = iam.get_account_summary(client)
    except AnsibleIAMError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, summary=summary, root_mfa_enabled=summary.get("AccountMFAEnabled", 0) == 1)


if __name__ == "__main__":
    main()
