#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_email_identity
version_added: 0.1.0
short_description: Manage an Amazon SES identity with Easy DKIM
description:
  - Creates or deletes an SES identity (a domain or an email address) through the SESv2 API and, for a domain,
    sets up Easy DKIM (SES-generated 2048-bit keys) and returns the three CNAME records to publish in DNS.
  - For an email address, SES mails it a verification link (C(CreateEmailIdentity)). The module sends no DKIM
    settings for an address, as SES takes C(DkimSigningAttributes) for a domain only; sign the address's domain
    instead. An address created here is the same SES identity as one created with SES v1 (C(VerifyEmailIdentity)).
  - community.aws.ses_identity verifies identities but has no DKIM support, and waits 10 seconds after creating
    each one.
author:
  - Tickr platform team (@tickr-tn)
options:
  identity:
    description: The domain (V(tickr.tn)) or the email address (V(noreply@tickr.tn)).
    type: str
    required: true
  dkim:
    description:
      - For a domain, whether mail is signed with Easy DKIM. Identities without Easy DKIM tokens get them.
      - Left alone when unset.
      - Ignored, with a warning, for an email address.
    type: bool
  state:
    description: Whether the identity should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The domain, signed with Easy DKIM
  tickr.aws.ses_email_identity:
    identity: tickr.tn
    dkim: true
  register: domain

- name: Show the records to publish
  ansible.builtin.debug:
    var: domain.dkim_records

- name: A sending address (SES mails it a verification link)
  tickr.aws.ses_email_identity:
    identity: noreply@tickr.tn
"""

RETURN = r"""
identity:
  description: The identity as C(GetEmailIdentity) describes it, in snake_case; empty when absent.
  returned: always
  type: dict
  sample: {"identity_type": "DOMAIN", "verified_for_sending_status": false,
           "dkim_attributes": {"signing_enabled": true, "status": "PENDING", "tokens": ["abc", "def", "ghi"]}}
dkim_records:
  description: The DNS records that prove the domain's DKIM keys, C({name, type, value}); empty for an email address.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "abc._domainkey.tickr.tn", "type": "CNAME", "value": "abc.dkim.amazonses.com"}]
"""

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.ses import described
from ansible_collections.tickr.aws.plugins.module_utils.ses import dkim_actions
from ansible_collections.tickr.aws.plugins.module_utils.ses import get_email_identity
from ansible_collections.tickr.aws.plugins.module_utils.ses import is_domain
from ansible_collections.tickr.aws.plugins.module_utils.ses import wanted_dkim


# Pure logic, unit-tested.
def summary(identity):
    if not identity:
        return {}
    dkim = identity.get("DkimAttributes") or {}
    return {"identity_type": identity.get("IdentityType"), "dkim_signing_enabled": bool(dkim.get("SigningEnabled")),
            "dkim_tokens": dkim.get("Tokens") or []}


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            identity=dict(type="str", required=True),
            dkim=dict(type="bool"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    name = p["identity"]
    dkim = wanted_dkim(name, p["dkim"])
    if p["dkim"] is not None and dkim is None:
        module.warn(f"dkim is ignored for the email address {name}: SES takes DKIM settings for a domain only, "
                    "sign the address's domain instead")
    client = module.client("sesv2", retry_decorator=AWSRetry.jittered_backoff())
    try:
        current = get_email_identity(client, name)
        before = summary(current)
        if p["state"] == "absent":
            if current and not module.check_mode:
                client.delete_email_identity(EmailIdentity=name, aws_retry=True)
            module.exit_json(changed=current is not None, identity={}, dkim_records=[], diff={"before": before, "after": {}})

        changed = False
        if current is None:
            changed = True
            if not module.check_mode:
                client.create_email_identity(EmailIdentity=name, aws_retry=True)
                current = get_email_identity(client, name)
        if current is not None:
            needs_tokens, set_signing = dkim_actions(current.get("DkimAttributes"), dkim)
            if needs_tokens or set_signing is not None:
                changed = True
                if not module.check_mode:
                    if needs_tokens:
                        client.put_email_identity_dkim_signing_attributes(EmailIdentity=name, SigningAttributesOrigin="AWS_SES",
                                                                          aws_retry=True)
                    if set_signing is not None:
                        client.put_email_identity_dkim_attributes(EmailIdentity=name, SigningEnabled=set_signing, aws_retry=True)
                    current = get_email_identity(client, name)
        created = {"identity_type": "DOMAIN" if is_domain(name) else "EMAIL_ADDRESS", "dkim_signing_enabled": bool(dkim), "dkim_tokens": []}
        after = summary(current) if current else created
        module.exit_json(changed=changed, diff={"before": before, "after": after}, **described(name, current))
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg=f"Could not manage the SES identity {name}")


if __name__ == "__main__":
    main()
