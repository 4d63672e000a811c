#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_email_identity
version_added: 0.1.0
short_description: Manage Amazon SES identities with Easy DKIM
description:
  - With O(identities), one run reads, compares and writes a whole list of identities.
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
    description:
      - The domain (V(tickr.tn)) or the email address (V(noreply@tickr.tn)).
      - Exactly one of O(identity) and O(identities) is required.
    type: str
  identities:
    description:
      - Several domains and email addresses; O(dkim) applies to the domains among them.
    type: list
    elements: str
    version_added: 0.1.0
  dkim:
    description:
      - For a domain, whether mail is signed with Easy DKIM. Identities without Easy DKIM tokens get them.
      - Left alone when unset.
      - Ignored for an email address (with a warning when O(identity) is one).
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

- name: The domain and its addresses in one run
  tickr.aws.ses_email_identity:
    identities: [tickr.tn, noreply@tickr.tn, support@tickr.tn]
    dkim: true
"""

RETURN = r"""
identity:
  description: The identity as C(GetEmailIdentity) describes it, in snake_case; empty when absent.
  returned: with O(identity)
  type: dict
  sample: {"identity_type": "DOMAIN", "verified_for_sending_status": false,
           "dkim_attributes": {"signing_enabled": true, "status": "PENDING", "tokens": ["abc", "def", "ghi"]}}
dkim_records:
  description: The DNS records that prove the domain's DKIM keys, C({name, type, value}); empty for an email address.
  returned: with O(identity)
  type: list
  elements: dict
  sample: [{"name": "abc._domainkey.tickr.tn", "type": "CNAME", "value": "abc.dkim.amazonses.com"}]
identities:
  description: Each identity of O(identities) after the run, in their order; C(identity) and C(dkim_records) as above.
  returned: with O(identities)
  type: list
  elements: dict
  contains:
    name:
      description: The domain or the email address.
      type: str
    changed:
      description: Whether the run created, deleted or changed it (in check mode, would).
      type: bool
    identity:
      description: The identity as C(GetEmailIdentity) describes it, in snake_case; empty when absent or not yet created.
      type: dict
    dkim_records:
      description: The DNS records that prove a domain's DKIM keys.
      type: list
      elements: dict
  sample: [{"name": "tickr.tn", "changed": false, "identity": {"identity_type": "DOMAIN"},
            "dkim_records": [{"name": "abc._domainkey.tickr.tn", "type": "CNAME", "value": "abc.dkim.amazonses.com"}]}]
"""

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.ses import AnsibleSESError
from ansible_collections.tickr.aws.plugins.module_utils.ses import create_email_identity
from ansible_collections.tickr.aws.plugins.module_utils.ses import delete_email_identity
from ansible_collections.tickr.aws.plugins.module_utils.ses import described
from ansible_collections.tickr.aws.plugins.module_utils.ses import dkim_actions
from ansible_collections.tickr.aws.plugins.module_utils.ses import get_email_identity
from ansible_collections.tickr.aws.plugins.module_utils.ses import is_domain
from ansible_collections.tickr.aws.plugins.module_utils.ses import set_dkim_signing
from ansible_collections.tickr.aws.plugins.module_utils.ses import use_easy_dkim
from ansible_collections.tickr.aws.plugins.module_utils.ses import wanted_dkim


# Pure logic, unit-tested.
def summary(identity):
    if not identity:
        return {}
    dkim = identity.get("DkimAttributes") or {}
    return {"identity_type": identity.get("IdentityType"), "dkim_signing_enabled": bool(dkim.get("SigningEnabled")),
            "dkim_tokens": dkim.get("Tokens") or []}


def ensure(module, client, name, dkim, state):
    """(changed, identity, before, after) of one identity: read, compared, written when it differs (not in check mode)."""
    current = get_email_identity(client, name)
    before = summary(current)
    if state == "absent":
        if current and not module.check_mode:
            delete_email_identity(client, name)
        return current is not None, None, before, {}
    changed = False
    if current is None:
        changed = True
        if not module.check_mode:
            create_email_identity(client, name)
            current = get_email_identity(client, name)
    if current is not None:
        needs_tokens, set_signing = dkim_actions(current.get("DkimAttributes"), dkim)
        if needs_tokens or set_signing is not None:
            changed = True
            if not module.check_mode:
                if needs_tokens:
                    use_easy_dkim(client, name)
                if set_signing is not None:
                    set_dkim_signing(client, name, set_signing)
                current = get_email_identity(client, name)
    created = {"identity_type": "DOMAIN" if is_domain(name) else "EMAIL_ADDRESS", "dkim_signing_enabled": bool(dkim), "dkim_tokens": []}
    return changed, current, before, summary(current) if current else created


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            identity=dict(type="str"),
            identities=dict(type="list", elements="str"),
            dkim=dict(type="bool"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_one_of=[["identity", "identities"]],
        mutually_exclusive=[["identity", "identities"]],
        supports_check_mode=True,
    )
    p = module.params
    name = p["identity"]
    if name is not None and p["dkim"] is not None and wanted_dkim(name, p["dkim"]) is None:
        module.warn(f"dkim is ignored for the email address {name}: SES takes DKIM settings for a domain only, "
                    "sign the address's domain instead")
    client = module.client("sesv2")
    try:
        if name is not None:
            changed, current, before, after = ensure(module, client, name, wanted_dkim(name, p["dkim"]), p["state"])
            module.exit_json(changed=changed, diff={"before": before, "after": after}, **described(name, current))
        results = [(n,) + ensure(module, client, n, wanted_dkim(n, p["dkim"]), p["state"]) for n in p["identities"]]
    except AnsibleSESError as e:
        module.fail_json_aws_error(e)
    module.exit_json(
        changed=any(changed for n, changed, current, before, after in results),
        identities=[dict(name=n, changed=changed, **described(n, current)) for n, changed, current, before, after in results],
        diff=[{"before_header": n, "after_header": n, "before": before, "after": after}
              for n, changed, current, before, after in results if changed])


if __name__ == "__main__":
    main()
