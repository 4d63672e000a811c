#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_template_info
version_added: 0.1.0
short_description: Read Amazon SES email templates
description:
  - Returns the subject, HTML and text parts of SES email templates through the SESv2 API
    (C(ListEmailTemplates), C(GetEmailTemplate)), in the shape M(tickr.aws.ses_template) compares them,
    so that a role reads all its templates in one run and uploads only those that differ.
  - With O(names), reads exactly these templates (one C(GetEmailTemplate) each); a name that has no template is
    listed in RV(missing) rather than failing.
  - With O(prefix), lists the account's templates in the region and reads those whose names start with it.
  - With neither, reads every template of the account in the region.
  - amazon.aws and community.aws have no module for SES templates.
author:
  - Tickr platform team (@tickr-tn)
options:
  names:
    description:
      - The names of the templates to read, for example V(ticket-confirmation).
      - Mutually exclusive with O(prefix).
    type: list
    elements: str
  prefix:
    description:
      - Read only the templates whose names start with this prefix, for example V(tickr-staging-).
      - Mutually exclusive with O(names).
    type: str
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the French and English ticket confirmations
  tickr.aws.ses_template_info:
    names:
      - ticket-confirmation
      - ticket-confirmation-en
  register: found

- name: Show the French subject
  ansible.builtin.debug:
    msg: "{{ (found.templates | selectattr('name', 'eq', 'ticket-confirmation') | first).subject }}"
  when: "'ticket-confirmation' not in found.missing"

- name: Read every template of a stack named with a prefix
  tickr.aws.ses_template_info:
    prefix: tickr-staging-
  register: staging_templates
"""

RETURN = r"""
templates:
  description:
    - The templates found, in the order of O(names), else in the order C(ListEmailTemplates) gives.
    - A part the template does not have is V(null), as M(tickr.aws.ses_template) sees it.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The template's name.
      type: str
      sample: ticket-confirmation
    subject:
      description: The subject line, with its C({{variables}}).
      type: str
      sample: "Vos billets pour {{event_name}}"
    html:
      description: The HTML body.
      type: str
      sample: "<p>Bonjour {{customer_name}},</p>"
    text:
      description: The text body.
      type: str
      sample: "Bonjour {{customer_name}},"
missing:
  description: The names given in O(names) that have no template; always empty without O(names).
  returned: always
  type: list
  elements: str
  sample: ["refund-completed-en"]
"""

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.ses import AnsibleSESError
from ansible_collections.tickr.aws.plugins.module_utils.ses import get_email_template as get_template
from ansible_collections.tickr.aws.plugins.module_utils.ses import list_email_template_names as list_template_names


# Pure logic, unit-tested.
def with_prefix(names, prefix):
    return [name for name in names if name.startswith(prefix or "")]


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            names=dict(type="list", elements="str"),
            prefix=dict(type="str"),
        ),
        mutually_exclusive=[["names", "prefix"]],
        supports_check_mode=True,
    )
    p = module.params
    client = module.client("sesv2")
    try:
        names = p["names"] if p["names"] is not None else with_prefix(list_template_names(client), p["prefix"])
        templates, missing = [], []
        for name in names:
            template = get_template(client, name)
            if template is not None:
                templates.append(template)
            elif p["names"] is not None:
                missing.append(name)  # a listed template deleted since is simply gone
    except AnsibleSESError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, templates=templates, missing=missing)


if __name__ == "__main__":
    main()
