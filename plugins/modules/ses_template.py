#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_template
version_added: 0.1.0
short_description: Manage Amazon SES email templates
description:
  - Creates, updates or deletes SES email templates (subject, HTML and text parts) through the SESv2 API.
  - A part left unset keeps its current value; a template is updated only when a part differs.
  - With O(templates), one run reads, compares and writes a whole list of templates.
  - amazon.aws and community.aws have no module for SES templates.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description:
      - The template's name, for example V(ticket-confirmation).
      - Exactly one of O(name) and O(templates) is required.
    type: str
  templates:
    description:
      - Several templates, each with the options O(name), O(subject), O(html) and O(text) of one template.
      - With O(state=absent), only their names are used.
    type: list
    elements: dict
    version_added: 0.1.0
    suboptions:
      name:
        description: The template's name.
        type: str
        required: true
      subject:
        description: The subject line. Required to create a template.
        type: str
      html:
        description: The HTML body. Left alone when unset.
        type: str
      text:
        description: The text body. Left alone when unset.
        type: str
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

- name: Two templates in one run
  tickr.aws.ses_template:
    templates:
      - name: ticket-confirmation
        subject: "Votre billet pour {{event_name}}"
        html: "<p>{{event_name}}</p>"
        text: "{{event_name}}"
      - name: ticket-confirmation-en
        subject: "Your ticket for {{event_name}}"
        html: "<p>{{event_name}}</p>"
        text: "{{event_name}}"
"""

RETURN = r"""
template:
  description: The template after the run (in check mode, as it would be); empty when absent.
  returned: with O(name)
  type: dict
  sample: {"name": "ticket-confirmation", "subject": "Votre billet pour {{event_name}}", "html": "<p>...</p>", "text": "..."}
templates:
  description: The templates after the run (in check mode, as they would be), in the order of O(templates); none when absent.
  returned: with O(templates)
  type: list
  elements: dict
  sample: [{"name": "ticket-confirmation", "subject": "Votre billet pour {{event_name}}", "html": "<p>...</p>", "text": "..."}]
changed_templates:
  description: The names of the templates created, updated or deleted (in check mode, that would be).
  returned: with O(templates)
  type: list
  elements: str
  sample: [ticket-confirmation-en]
"""

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.ses import AnsibleSESError
from ansible_collections.tickr.aws.plugins.module_utils.ses import create_email_template
from ansible_collections.tickr.aws.plugins.module_utils.ses import delete_email_template
from ansible_collections.tickr.aws.plugins.module_utils.ses import get_email_template
from ansible_collections.tickr.aws.plugins.module_utils.ses import update_email_template


# Pure logic, unit-tested.
def desired_template(current, name, subject, html, text):
    """The template as it should be: the given parts, the current ones where a part is unset."""
    wanted = {"subject": subject, "html": html, "text": text}
    base = current or {"name": name, "subject": None, "html": None, "text": None}
    return dict(base, name=name, **{k: v for k, v in wanted.items() if v is not None})


def ensure(module, client, template, state):
    """(changed, before, after) of one template: read, compared, written when it differs (not in check mode)."""
    name = template["name"]
    current = get_email_template(client, name)
    if state == "absent":
        if current and not module.check_mode:
            delete_email_template(client, name)
        return current is not None, current or {}, {}
    desired = desired_template(current, name, template.get("subject"), template.get("html"), template.get("text"))
    if current is None and not template.get("subject"):
        module.fail_json(msg=f"subject is required to create the SES template {name}")
    changed = desired != current
    if changed and not module.check_mode:
        (create_email_template if current is None else update_email_template)(client, desired)
    return changed, current or {}, desired


def main():
    part = dict(type="str")
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str"),
            templates=dict(type="list", elements="dict", options=dict(name=dict(type="str", required=True),
                                                                      subject=part, html=part, text=part)),
            subject=part,
            html=part,
            text=part,
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_one_of=[["name", "templates"]],
        mutually_exclusive=[["name", "templates"], ["templates", "subject"], ["templates", "html"], ["templates", "text"]],
        supports_check_mode=True,
    )
    p = module.params
    client = module.client("sesv2")
    try:
        if p["name"] is not None:
            changed, before, after = ensure(module, client, p, p["state"])
            module.exit_json(changed=changed, template=after, diff={"before": before, "after": after})
        results = [ensure(module, client, template, p["state"]) for template in p["templates"]]
    except AnsibleSESError as e:
        module.fail_json_aws_error(e)
    changed = [(before, after) for changed, before, after in results if changed]
    module.exit_json(
        changed=bool(changed), templates=[after for changed, before, after in results if after],
        changed_templates=[(after or before)["name"] for before, after in changed],
        diff=[{"before_header": (after or before)["name"], "after_header": (after or before)["name"],
               "before": before, "after": after} for before, after in changed])


if __name__ == "__main__":
    main()
