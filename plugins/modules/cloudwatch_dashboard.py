#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: cloudwatch_dashboard
version_added: 0.1.0
short_description: Create, update or delete a CloudWatch dashboard
description:
  - Manages one CloudWatch dashboard from its JSON body (widgets, positions, metrics).
  - The body is compared as data, not as text, so formatting and key order never cause an update.
  - amazon.aws and community.aws have no module for C(PutDashboard).
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The dashboard's name, for example V(tickr-platform).
    type: str
    required: true
  body:
    description:
      - The dashboard body, as a JSON string or a dictionary, in the format of
        U(https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
      - Required when O(state=present).
    type: json
  state:
    description: Whether the dashboard should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Show the backend's CPU on a dashboard
  tickr.aws.cloudwatch_dashboard:
    name: tickr-platform
    body:
      widgets:
        - type: metric
          x: 0
          y: 0
          width: 12
          height: 6
          properties:
            title: ECS CPU
            region: eu-west-1
            metrics:
              - ["AWS/ECS", "CPUUtilization", "ClusterName", "tickr-cluster", "ServiceName", "tickr-backend-service"]

- name: Build the body from a template
  tickr.aws.cloudwatch_dashboard:
    name: tickr-platform
    body: "{{ lookup('ansible.builtin.template', 'dashboard.json.j2') }}"

- name: Delete the dashboard
  tickr.aws.cloudwatch_dashboard:
    name: tickr-platform
    state: absent
"""

RETURN = r"""
dashboard_name:
  description: The dashboard's name.
  returned: always
  type: str
  sample: tickr-platform
dashboard_arn:
  description: The dashboard's ARN; empty when absent or in check mode before creation.
  returned: always
  type: str
  sample: arn:aws:cloudwatch::123456789012:dashboard/tickr-platform
body:
  description: The dashboard body as CloudWatch holds it, parsed; empty when absent.
  returned: always
  type: dict
  sample: {"widgets": [{"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6, "properties": {}}]}
validation_messages:
  description: CloudWatch's warnings about the body (C(PutDashboard)'s C(DashboardValidationMessages)), in snake_case.
  returned: when the dashboard was written
  type: list
  elements: dict
  sample: []
"""

import json

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import cloudwatch
from ansible_collections.tickr.aws.plugins.module_utils.cloudwatch import AnsibleCloudWatchError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


# Pure logic, unit-tested.
def parse_body(body):
    """A body as data: a JSON string is parsed, a dictionary is kept."""
    if body is None:
        return None
    if isinstance(body, (dict, list)):
        return body
    return json.loads(body)


def needs_update(current_body, desired_body):
    """True when the bodies differ as data (whitespace and key order do not count)."""
    return parse_body(current_body) != parse_body(desired_body)


def ensure_absent(module, client, name, current):
    before = parse_body(current["DashboardBody"]) if current else {}
    if current and not module.check_mode:
        cloudwatch.delete_dashboard(client, name)
    module.exit_json(changed=current is not None, dashboard_name=name, dashboard_arn="", body={},
                     diff={"before": before, "after": {}})


def ensure_present(module, client, name, current, desired):
    before = parse_body(current["DashboardBody"]) if current else {}
    changed = current is None or needs_update(current["DashboardBody"], desired)
    result = dict(changed=changed, dashboard_name=name, diff={"before": before, "after": desired})
    if changed and not module.check_mode:
        messages = cloudwatch.put_dashboard(client, name, json.dumps(desired, sort_keys=True))
        result["validation_messages"] = [camel_dict_to_snake_dict(m) for m in messages]
        current = cloudwatch.get_dashboard(client, name)
    result["dashboard_arn"] = current["DashboardArn"] if current else ""
    result["body"] = parse_body(current["DashboardBody"]) if current else {}
    module.exit_json(**result)


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            body=dict(type="json"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_if=[("state", "present", ["body"])],
        supports_check_mode=True,
    )
    name = module.params["name"]
    client = module.client("cloudwatch")
    try:
        desired = parse_body(module.params["body"])
    except ValueError as e:
        module.fail_json(msg=f"body of dashboard {name} is not valid JSON: {e}")

    try:
        current = cloudwatch.get_dashboard(client, name)
        if module.params["state"] == "absent":
            ensure_absent(module, client, name, current)
        ensure_present(module, client, name, current, desired)
    except AnsibleCloudWatchError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
