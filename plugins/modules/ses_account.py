#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_account
version_added: 0.1.0
short_description: Report the Amazon SES account's sending status and ask for production access
description:
  - Reads the account's SES status in a region (SESv2 C(GetAccount)), in or out of the sandbox, sending enabled or not,
    the daily quota and the send rate.
  - With O(request_production_access=true), an account still in the sandbox with no request under review asks
    AWS for production access (C(PutAccountDetails)). AWS reviews the request; the account stays in the sandbox
    meanwhile. Nothing is asked again while a request is pending or once access is granted.
  - amazon.aws and community.aws have no module for the SES account.
author:
  - Tickr platform team (@tickr-tn)
options:
  request_production_access:
    description: Ask for production access when the account is in the sandbox and no request is pending.
    type: bool
    default: false
  mail_type:
    description: The kind of mail sent, for the request.
    type: str
    choices: [TRANSACTIONAL, MARKETING]
    default: TRANSACTIONAL
  website_url:
    description: The sender's website, for the request. Required with O(request_production_access=true).
    type: str
  use_case_description:
    description: How the account sends mail and handles bounces and complaints. Required with O(request_production_access=true).
    type: str
  contact_language:
    description: The language AWS answers in.
    type: str
    choices: [EN, JA]
    default: EN
  additional_contact_email_addresses:
    description: Addresses AWS also informs about the request.
    type: list
    elements: str
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Where does the account stand?
  tickr.aws.ses_account:
  register: ses_status

- name: Leave the sandbox
  tickr.aws.ses_account:
    request_production_access: true
    website_url: https://tickr.tn
    use_case_description: Ticket confirmations, event announcements and refund notices to Tickr's customers.
"""

RETURN = r"""
account:
  description: The account as C(GetAccount) describes it, in snake_case.
  returned: always
  type: dict
  sample: {"production_access_enabled": false, "sending_enabled": true,
           "send_quota": {"max24_hour_send": 200.0, "max_send_rate": 1.0, "sent_last24_hours": 0.0}}
sandbox:
  description: Whether the account is still in the SES sandbox.
  returned: always
  type: bool
  sample: true
review_status:
  description: The status of the production access request (V(PENDING), V(GRANTED), V(DENIED), ...); empty when none was made.
  returned: always
  type: str
  sample: PENDING
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import ses
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.ses import AnsibleSESError


# Pure logic, unit-tested.
def review_status(account):
    return ((account.get("Details") or {}).get("ReviewDetails") or {}).get("Status") or ""


def needs_request(account, request_production_access):
    """Ask only from the sandbox, and only when no request is under review or granted."""
    if not request_production_access or account.get("ProductionAccessEnabled"):
        return False
    return review_status(account) not in ("PENDING", "GRANTED")


def request_details(params):
    """PutAccountDetails' arguments for the request the options describe."""
    details = {"MailType": params["mail_type"], "WebsiteURL": params["website_url"], "ContactLanguage": params["contact_language"],
               "UseCaseDescription": params["use_case_description"], "ProductionAccessEnabled": True}
    if params["additional_contact_email_addresses"]:
        details["AdditionalContactEmailAddresses"] = params["additional_contact_email_addresses"]
    return details


def ensure_present(module, client, account):
    """Asks for production access when ``account`` needs it (not in check mode), and returns where it stands."""
    changed = needs_request(account, module.params["request_production_access"])
    before = {"production_access_enabled": bool(account.get("ProductionAccessEnabled")), "review_status": review_status(account)}
    if changed and not module.check_mode:
        ses.put_account_details(client, request_details(module.params))
        # What AWS made of the request (its review details) is only known by reading the account again.
        account = ses.get_account(client)
    after = dict(before, review_status="PENDING") if changed else before
    module.exit_json(changed=changed, account=camel_dict_to_snake_dict(account), sandbox=not account.get("ProductionAccessEnabled"),
                     review_status=after["review_status"], diff={"before": before, "after": after})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            request_production_access=dict(type="bool", default=False),
            mail_type=dict(type="str", choices=["TRANSACTIONAL", "MARKETING"], default="TRANSACTIONAL"),
            website_url=dict(type="str"),
            use_case_description=dict(type="str"),
            contact_language=dict(type="str", choices=["EN", "JA"], default="EN"),
            additional_contact_email_addresses=dict(type="list", elements="str"),
        ),
        required_if=[("request_production_access", True, ("website_url", "use_case_description"))],
        supports_check_mode=True,
    )
    client = module.client("sesv2")
    try:
        ensure_present(module, client, ses.get_account(client))
    except AnsibleSESError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
