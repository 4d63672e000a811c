# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What tickr.aws.ses_email_identity and ses_email_identity_info share: reading an identity, its DKIM records."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code


def is_domain(identity):
    return "@" not in identity


def dkim_records(domain, tokens):
    return [{"name": f"{t}._domainkey.{domain}", "type": "CNAME", "value": f"{t}.dkim.amazonses.com"} for t in tokens or []]


def get_email_identity(client, name):
    """GetEmailIdentity without its response metadata; None when SES does not hold the identity."""
    try:
        identity = client.get_email_identity(EmailIdentity=name, aws_retry=True)
    except is_boto3_error_code("NotFoundException"):
        return None
    identity.pop("ResponseMetadata", None)
    return identity
