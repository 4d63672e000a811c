#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_email_identity_info
version_added: 0.1.0
short_description: Read Amazon SES identities and their Easy DKIM records
description:
  - Returns SES identities (domains and email addresses) through the SESv2 API, one C(GetEmailIdentity) each, as
    M(tickr.aws.ses_email_identity) returns them, with the DKIM records of a domain, so that a role reads its
    identities in one run and runs M(tickr.aws.ses_email_identity) only for those not as it wants them.
  - An identity that does not exist is returned with RV(identities[].found) false rather than failing.
  - amazon.aws and community.aws have no module that reads SES identities with their DKIM settings.
author:
  - Tickr platform team (@tickr-tn)
options:
  identities:
    description: The domains (V(tickr.tn)) and email addresses (V(noreply@tickr.tn)) to read.
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the domain and the sending addresses
  tickr.aws.ses_email_identity_info:
    identities:
      - tickr.tn
      - noreply@tickr.tn
  register: found

- name: Show the DKIM records of the domain
  ansible.builtin.debug:
    msg: "{{ (found.identities | selectattr('name', 'eq', 'tickr.tn') | first).dkim_records }}"
"""

RETURN = r"""
identities:
  description: The identities asked for, in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The domain or the email address.
      type: str
      sample: tickr.tn
    found:
      description: Whether SES holds the identity.
      type: bool
      sample: true
    identity:
      description: The identity as C(GetEmailIdentity) describes it, in snake_case (AWS's tags and policies as they are); empty when not found.
      type: dict
      sample: {"identity_type": "DOMAIN", "verified_for_sending_status": false,
               "dkim_attributes": {"signing_enabled": true, "signing_attributes_origin": "AWS_SES", "status": "PENDING",
                                   "tokens": ["abc", "def", "ghi"]}}
    dkim_records:
      description: The DNS records that prove a domain's DKIM keys, C({name, type, value}); empty for an email address.
      type: list
      elements: dict
      sample: [{"name": "abc._domainkey.tickr.tn", "type": "CNAME", "value": "abc.dkim.amazonses.com"}]
"""

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.ses import AnsibleSESError
from ansible_collections.tickr.aws.plugins.module_utils.ses import described
from ansible_collections.tickr.aws.plugins.module_utils.ses import get_email_identity


# Pure logic, unit-tested: what tickr.aws.ses_email_identity returns, with the name and whether SES holds it.
def identity_result(name, identity):
    return dict(name=name, found=identity is not None, **described(name, identity))


def main():
    module = TickrAWSModule(
        argument_spec=dict(identities=dict(type="list", elements="str", required=True)),
        supports_check_mode=True,
    )
    client = module.client("sesv2")
    results = []
    try:
        for name in module.params["identities"]:
            results.append(identity_result(name, get_email_identity(client, name)))
    except AnsibleSESError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, identities=results)


if __name__ == "__main__":
    main()
