# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The SESv2 calls of the tickr.aws SES modules, each one retried with jittered backoff and each failure raised as
AnsibleSESError with AWS's message; how an identity is returned, and what its DKIM needs."""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

# The parts of an email template: the modules' names and TemplateContent's.
TEMPLATE_PARTS = (("subject", "Subject"), ("html", "Html"), ("text", "Text"))


class AnsibleSESError(AnsibleAWSError):
    pass


class SESErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleSESError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("NotFoundException")


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


def without_metadata(answer):
    """A read's answer as the modules return it: botocore's ResponseMetadata says nothing of the resource."""
    answer.pop("ResponseMetadata", None)
    return answer


@SESErrorHandler.list_error_handler("read the SES identity")
@AWSRetry.jittered_backoff()
def get_email_identity(client, name):
    """GetEmailIdentity without its response metadata; None when SES does not hold the identity."""
    return without_metadata(client.get_email_identity(EmailIdentity=name))


@SESErrorHandler.common_error_handler("create the SES identity")
@AWSRetry.jittered_backoff()
def create_email_identity(client, name):
    client.create_email_identity(EmailIdentity=name)


@SESErrorHandler.deletion_error_handler("delete the SES identity")
@AWSRetry.jittered_backoff()
def delete_email_identity(client, name):
    client.delete_email_identity(EmailIdentity=name)
    return True


@SESErrorHandler.common_error_handler("give the SES identity Easy DKIM tokens")
@AWSRetry.jittered_backoff()
def use_easy_dkim(client, name):
    client.put_email_identity_dkim_signing_attributes(EmailIdentity=name, SigningAttributesOrigin="AWS_SES")


@SESErrorHandler.common_error_handler("set the SES identity's DKIM signing")
@AWSRetry.jittered_backoff()
def set_dkim_signing(client, name, enabled):
    client.put_email_identity_dkim_attributes(EmailIdentity=name, SigningEnabled=enabled)


def template_from_aws(name, content):
    """A template as the modules compare it: a part AWS does not return is None."""
    return {"name": name, **{part: (content or {}).get(key) for part, key in TEMPLATE_PARTS}}


def template_to_aws(template):
    return {key: template[part] for part, key in TEMPLATE_PARTS if template.get(part) is not None}


@SESErrorHandler.list_error_handler("read the SES template")
@AWSRetry.jittered_backoff()
def get_email_template(client, name):
    """The template (``{name, subject, html, text}``); None when SES does not hold it."""
    template = client.get_email_template(TemplateName=name)
    return template_from_aws(template.get("TemplateName", name), template.get("TemplateContent"))


@SESErrorHandler.common_error_handler("list the SES templates")
@AWSRetry.jittered_backoff()
def list_email_template_names(client, page_size=100):
    names, token = [], None
    while True:
        page = client.list_email_templates(PageSize=page_size, **({"NextToken": token} if token else {}))
        names.extend(t["TemplateName"] for t in page.get("TemplatesMetadata", []))
        token = page.get("NextToken")
        if not token:
            return names


@SESErrorHandler.common_error_handler("create the SES template")
@AWSRetry.jittered_backoff()
def create_email_template(client, template):
    client.create_email_template(TemplateName=template["name"], TemplateContent=template_to_aws(template))


@SESErrorHandler.common_error_handler("update the SES template")
@AWSRetry.jittered_backoff()
def update_email_template(client, template):
    client.update_email_template(TemplateName=template["name"], TemplateContent=template_to_aws(template))


@SESErrorHandler.deletion_error_handler("delete the SES template")
@AWSRetry.jittered_backoff()
def delete_email_template(client, name):
    client.delete_email_template(TemplateName=name)
    return True


@SESErrorHandler.common_error_handler("read the SES account")
@AWSRetry.jittered_backoff()
def get_account(client):
    """GetAccount without its response metadata."""
    return without_metadata(client.get_account())


@SESErrorHandler.common_error_handler("ask for SES production access")
@AWSRetry.jittered_backoff()
def put_account_details(client, details):
    client.put_account_details(**details)


@SESErrorHandler.list_error_handler("read the SES configuration set")
@AWSRetry.jittered_backoff()
def get_configuration_set(client, name):
    """GetConfigurationSet without its response metadata; None when SES does not hold the set."""
    return without_metadata(client.get_configuration_set(ConfigurationSetName=name))


@SESErrorHandler.common_error_handler("read the SES configuration set's event destinations")
@AWSRetry.jittered_backoff()
def get_event_destinations(client, name):
    return client.get_configuration_set_event_destinations(ConfigurationSetName=name)["EventDestinations"]


@SESErrorHandler.common_error_handler("create the SES configuration set")
@AWSRetry.jittered_backoff()
def create_configuration_set(client, name, tags):
    client.create_configuration_set(ConfigurationSetName=name, Tags=ansible_dict_to_boto3_tag_list(tags))


@SESErrorHandler.deletion_error_handler("delete the SES configuration set")
@AWSRetry.jittered_backoff()
def delete_configuration_set(client, name):
    client.delete_configuration_set(ConfigurationSetName=name)
    return True


@SESErrorHandler.common_error_handler("create the SES event destination")
@AWSRetry.jittered_backoff()
def create_event_destination(client, name, destination_name, destination):
    client.create_configuration_set_event_destination(
        ConfigurationSetName=name, EventDestinationName=destination_name, EventDestination=destination)


@SESErrorHandler.common_error_handler("update the SES event destination")
@AWSRetry.jittered_backoff()
def update_event_destination(client, name, destination_name, destination):
    client.update_configuration_set_event_destination(
        ConfigurationSetName=name, EventDestinationName=destination_name, EventDestination=destination)


@SESErrorHandler.deletion_error_handler("delete the SES event destination")
@AWSRetry.jittered_backoff()
def delete_event_destination(client, name, destination_name):
    client.delete_configuration_set_event_destination(ConfigurationSetName=name, EventDestinationName=destination_name)
    return True


@SESErrorHandler.common_error_handler("read the SES resource's tags")
@AWSRetry.jittered_backoff()
def list_tags(client, arn):
    """The resource's tags as a dict."""
    return boto3_tag_list_to_ansible_dict(client.list_tags_for_resource(ResourceArn=arn)["Tags"])


@SESErrorHandler.common_error_handler("tag the SES resource")
@AWSRetry.jittered_backoff()
def tag_resource(client, arn, tags):
    client.tag_resource(ResourceArn=arn, Tags=ansible_dict_to_boto3_tag_list(tags))


@SESErrorHandler.common_error_handler("untag the SES resource")
@AWSRetry.jittered_backoff()
def untag_resource(client, arn, keys):
    client.untag_resource(ResourceArn=arn, TagKeys=list(keys))
