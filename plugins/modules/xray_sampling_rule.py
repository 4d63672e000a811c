#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: xray_sampling_rule
version_added: 0.1.0
short_description: Create, update or delete an AWS X-Ray sampling rule
description:
  - Manages one X-Ray sampling rule, which tells the X-Ray SDKs and daemon what share of requests to trace.
  - An option left unset keeps the rule's current value; at creation the match options default to V(*).
  - amazon.aws and community.aws have no module for X-Ray.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The rule's name (at most 32 characters). V(Default) is AWS's own rule and can only be updated.
    type: str
    required: true
  priority:
    description: Rules are tried in increasing priority, 1 to 9999. Required to create a rule.
    type: int
  fixed_rate:
    description: The share of matching requests traced once the reservoir is used up, from V(0) to V(1).
      Required to create a rule.
    type: float
  reservoir_size:
    description: Matching requests traced each second before O(fixed_rate) applies. Required to create a rule.
    type: int
  service_name:
    description: The service name the rule matches (the SDK's segment name), V(*) for any.
    type: str
  service_type:
    description: The origin the rule matches (for example V(AWS::ECS::Container)), V(*) for any.
    type: str
  host:
    description: The HTTP host the rule matches, V(*) for any.
    type: str
  http_method:
    description: The HTTP method the rule matches, V(*) for any.
    type: str
  url_path:
    description: The URL path the rule matches, V(*) for any.
    type: str
  resource_arn:
    description: The resource the rule matches, V(*) for any. Set at creation only.
    type: str
  attributes:
    description: Segment attributes the rule matches.
    type: dict
  state:
    description: Whether the rule should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Trace one request a second and 5 % of the rest of the backend
  tickr.aws.xray_sampling_rule:
    name: tickr-backend
    priority: 1000
    fixed_rate: 0.05
    reservoir_size: 1
    service_name: tickr-backend

- name: Never trace health checks
  tickr.aws.xray_sampling_rule:
    name: tickr-health
    priority: 100
    fixed_rate: 0
    reservoir_size: 0
    url_path: /health

- name: Delete a rule
  tickr.aws.xray_sampling_rule:
    name: tickr-health
    state: absent
"""

RETURN = r"""
rule:
  description: The sampling rule as C(GetSamplingRules) returns it, in snake_case; empty when absent.
  returned: always
  type: dict
  sample: {"rule_name": "tickr-backend", "rule_arn": "arn:aws:xray:eu-west-1:123456789012:sampling-rule/tickr-backend",
           "priority": 1000, "fixed_rate": 0.05, "reservoir_size": 1, "service_name": "tickr-backend", "service_type": "*",
           "host": "*", "http_method": "*", "url_path": "*", "resource_arn": "*", "version": 1, "attributes": {}}
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import xray
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.xray import AnsibleXRayError

# Option -> the API's field.
FIELDS = {
    "priority": "Priority",
    "fixed_rate": "FixedRate",
    "reservoir_size": "ReservoirSize",
    "service_name": "ServiceName",
    "service_type": "ServiceType",
    "host": "Host",
    "http_method": "HTTPMethod",
    "url_path": "URLPath",
    "resource_arn": "ResourceARN",
    "attributes": "Attributes",
}
CREATE_DEFAULTS = {"ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*",
                   "ResourceARN": "*", "Version": 1}
REQUIRED_TO_CREATE = ["priority", "fixed_rate", "reservoir_size"]
# AWS does not change these on an existing rule.
CREATE_ONLY = {"ResourceARN"}


# Pure logic, unit-tested.
def desired_fields(params):
    """The API fields the user set; unset options are left out, hence left alone."""
    return {field: params[option] for option, field in FIELDS.items() if params.get(option) is not None}


def rule_changes(current, desired):
    """The fields of an existing rule to update (create-only fields cannot be, see create_only_conflicts)."""
    changes = {}
    for field, value in desired.items():
        if field in CREATE_ONLY:
            continue
        have = current.get(field)
        if field == "FixedRate":
            if have is None or abs(float(have) - float(value)) > 1e-9:
                changes[field] = value
        elif field == "Attributes":
            if (have or {}) != (value or {}):
                changes[field] = value
        elif have != value:
            changes[field] = value
    return changes


def create_only_conflicts(current, desired):
    return sorted(f for f in CREATE_ONLY if f in desired and current.get(f) != desired[f])


def creation_request(name, desired):
    return dict(CREATE_DEFAULTS, RuleName=name, **desired)


def snake(rule):
    """A rule in snake_case; the user's attribute names are kept as they are."""
    return camel_dict_to_snake_dict(rule, ignore_list=["Attributes"])


def find_rule(rules, name):
    return next((rule for rule in rules if rule.get("RuleName") == name), None)


def ensure_absent(module, client, name, current):
    if current and not module.check_mode:
        xray.delete_sampling_rule(client, name)
    module.exit_json(changed=current is not None, rule={}, diff={"before": snake(current) if current else {}, "after": {}})


def ensure_present(module, client, name, current):
    p = module.params
    desired = desired_fields(p)
    if current is None:
        missing = [o for o in REQUIRED_TO_CREATE if p[o] is None]
        if missing:
            module.fail_json(msg=f"{', '.join(missing)} required to create sampling rule {name}")
        request = creation_request(name, desired)
        if module.check_mode:
            module.exit_json(changed=True, rule=snake(request), diff={"before": {}, "after": snake(request)})
        rule = xray.create_sampling_rule(client, request)
        module.exit_json(changed=True, rule=snake(rule), diff={"before": {}, "after": snake(rule)})

    conflicts = create_only_conflicts(current, desired)
    if conflicts:
        module.fail_json(msg=f"sampling rule {name}: {', '.join(conflicts)} cannot change on an existing rule; delete it first")
    changes = rule_changes(current, desired)
    rule = dict(current, **changes)
    if changes and not module.check_mode:
        rule = xray.update_sampling_rule(client, dict(changes, RuleName=name))
    module.exit_json(changed=bool(changes), rule=snake(rule), diff={"before": snake(current), "after": snake(rule)})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            priority=dict(type="int"),
            fixed_rate=dict(type="float"),
            reservoir_size=dict(type="int"),
            service_name=dict(type="str"),
            service_type=dict(type="str"),
            host=dict(type="str"),
            http_method=dict(type="str"),
            url_path=dict(type="str"),
            resource_arn=dict(type="str"),
            attributes=dict(type="dict"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    name = p["name"]
    if p["fixed_rate"] is not None and not 0 <= p["fixed_rate"] <= 1:
        module.fail_json(msg=f"fixed_rate of sampling rule {name} must be between 0 and 1, got {p['fixed_rate']}")
    client = module.client("xray")
    try:
        current = find_rule(xray.get_sampling_rules(client), name)
        if p["state"] == "absent":
            ensure_absent(module, client, name, current)
        ensure_present(module, client, name, current)
    except AnsibleXRayError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
