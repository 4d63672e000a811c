# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What tickr.aws.ses_email_identity, ses_email_identity_info and the filter ses_identities_in_place share: reading
an identity, how it is returned, and what its DKIM needs."""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code


def is_domain(identity):
    return "@" not in identity


def dkim_records(domain, tokens):
    return [{"name": f"{t}._domainkey.{domain}", "type": "CNAME", "value": f"{t}.dkim.amazonses.com"} for t in tokens or []]


def wanted_dkim(identity, dkim):
    """The DKIM setting to enforce: None (leave DKIM alone) for an email address, which takes no DKIM settings."""
    return dkim if is_domain(identity) else None


def dkim_actions(dkim_attributes, dkim):
    """(needs_tokens, set_signing): what to call so the identity's DKIM is as asked."""
    if dkim is None:
        return False, None
    attrs = dkim_attributes or {}
    needs_tokens = bool(dkim) and not (attrs.get("SigningAttributesOrigin") == "AWS_SES" and attrs.get("Tokens"))
    signing = bool(attrs.get("SigningEnabled"))
    set_signing = dkim if signing != dkim else None
    if needs_tokens and set_signing is True:
        set_signing = None  # Easy DKIM tokens come with signing on
    return needs_tokens, set_signing


def described(name, identity):
    """The identity as both modules return it: GetEmailIdentity in snake_case, and a domain's DKIM records."""
    tokens = ((identity or {}).get("DkimAttributes") or {}).get("Tokens") or []
    return {
        "identity": camel_dict_to_snake_dict(identity or {}, ignore_list=["Tags", "Policies"]),
        "dkim_records": dkim_records(name, tokens) if is_domain(name) else [],
    }


def get_email_identity(client, name):
    """GetEmailIdentity without its response metadata; None when SES does not hold the identity."""
    try:
        identity = client.get_email_identity(EmailIdentity=name, aws_retry=True)
    except is_boto3_error_code("NotFoundException"):
        return None
    identity.pop("ResponseMetadata", None)
    return identity
