#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_template
version_added: 0.1.0
short_description: Manage an Amazon SES email template
description:
  - Creates, updates or deletes an SES email template (subject, HTML and text parts) through the SESv2 API.
  - A part left unset keeps its current value; a template is updated only when a part differs.
  - amazon.aws and community.aws have no module for SES templates.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The template's name, for example V(ticket-confirmation).
    type: str
    required: true
  subject:
    description: The subject line, with C({{variables}}). Required to create a template.
    type: str
  html:
    description: The HTML body. Left alone when unset.
    type: str
  text:
    description: The text body. Left alone when unset.
    type: str
  state:
    description: Whether the template should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The ticket confirmation, in French
  tickr.aws.ses_template:
    name: ticket-confirmation
    subject: "Votre billet pour {{event_name}}"
    html: "{{ lookup('ansible.builtin.file', 'ticket-confirmation/fr/body.html') }}"
    text: "{{ lookup('ansible.builtin.file', 'ticket-confirmation/fr/body.txt') }}"

- name: Remove it
  tickr.aws.ses_template:
    name: ticket-confirmation
    state: absent
"""

RETURN = r"""
template:
  description: The template after the run; empty when absent.
  returned: always
  type: dict
  sample: {"name": "ticket-confirmation", "subject": "Votre billet pour {{event_name}}", "html": "<p>...</p>", "text": "..."}
"""

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

PARTS = (("subject", "Subject"), ("html", "Html"), ("text", "Text"))


# Pure logic, unit-tested.
def from_aws(name, content):
    return {"name": name, **{part: content.get(key) for part, key in PARTS}}


def desired_template(current, name, subject, html, text):
    """The template as it should be: the given parts, the current ones where a part is unset."""
    wanted = {"subject": subject, "html": html, "text": text}
    base = current or {"name": name, "subject": None, "html": None, "text": None}
    return dict(base, name=name, **{k: v for k, v in wanted.items() if v is not None})


def to_aws(template):
    return {key: template[part] for part, key in PARTS if template.get(part) is not None}


# AWS calls.
def get_template(client, name):
    try:
        return from_aws(name, client.get_email_template(TemplateName=name, aws_retry=True)["TemplateContent"])
    except is_boto3_error_code("NotFoundException"):
        return None


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            subject=dict(type="str"),
            html=dict(type="str"),
            text=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    name = p["name"]
    client = module.client("sesv2", retry_decorator=AWSRetry.jittered_backoff())
    try:
        current = get_template(client, name)
        if p["state"] == "absent":
            if current and not module.check_mode:
                client.delete_email_template(TemplateName=name, aws_retry=True)
            module.exit_json(changed=current is not None, template={}, diff={"before": current or {}, "after": {}})

        desired = desired_template(current, name, p["subject"], p["html"], p["text"])
        changed = desired != current
        if current is None:
            if not p["subject"]:
                module.fail_json(msg=f"subject is required to create the SES template {name}")
            if not module.check_mode:
                client.create_email_template(TemplateName=name, TemplateContent=to_aws(desired), aws_retry=True)
        elif changed and not module.check_mode:
            client.update_email_template(TemplateName=name, TemplateContent=to_aws(desired), aws_retry=True)
        module.exit_json(changed=changed, template=desired, diff={"before": current or {}, "after": desired})
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg=f"Could not manage the SES template {name}")


if __name__ == "__main__":
    main()
