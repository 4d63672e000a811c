#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: rds_instance_param_group_parameters_info
version_added: 0.1.0
short_description: Read the parameter values of an RDS DB parameter group
description:
  - Returns the parameters of a DB parameter group (C(DescribeDBParameters), every page), by default only those a
    user set (O(source=user)), so that a play compares the values it wants with the values the group holds before
    M(amazon.aws.rds_instance_param_group) changes them.
  - A group that does not exist is not a failure; RV(parameters) is then V(null).
  - M(amazon.aws.rds_instance_param_group_info) returns a group's name, family, ARN and tags, not its parameters;
    amazon.aws and community.aws have no module that returns a DB parameter group's parameter values.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description:
      - The DB parameter group's name, for example V(tickr-postgres15).
    type: str
    required: true
  source:
    description:
      - The parameters to return, by the source of their value. V(user) returns those a user set,
        V(engine-default) those that keep the engine's default, V(system) those RDS sets, V(all) every one.
    type: str
    choices: [user, system, engine-default, all]
    default: user
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the values set in the instance's parameter group
  tickr.aws.rds_instance_param_group_parameters_info:
    name: tickr-postgres15
  register: tuned

- name: Show whether connections must use TLS
  ansible.builtin.debug:
    msg: "{{ (tuned.parameters | selectattr('parameter_name', '==', 'rds.force_ssl') | first).parameter_value }}"
  when: tuned.parameters is not none

- name: Read every parameter of the group, engine defaults included
  tickr.aws.rds_instance_param_group_parameters_info:
    name: tickr-postgres15
    source: all
  register: all_parameters
"""

RETURN = r"""
parameters:
  description:
    - The group's parameters of O(source), in the order C(DescribeDBParameters) gives; V(null) when the group does
      not exist.
  returned: always
  type: list
  elements: dict
  contains:
    parameter_name:
      description: The parameter's name.
      type: str
      sample: max_connections
    parameter_value:
      description: Its value, as a string; absent when the parameter has none (an engine default RDS computes).
      type: str
      sample: "200"
    source:
      description: Where the value comes from, V(user), V(system) or V(engine-default).
      type: str
      sample: user
    apply_type:
      description: V(dynamic) (applies at once) or V(static) (applies at the next reboot).
      type: str
      sample: static
    apply_method:
      description: How the last change was applied, V(immediate) or V(pending-reboot).
      type: str
      sample: pending-reboot
    data_type:
      description: The value's type, for example V(integer), V(boolean), V(string) or V(list).
      type: str
      sample: integer
    allowed_values:
      description: The values the parameter accepts.
      type: str
      sample: 6-8388607
    is_modifiable:
      description: Whether a user may change it.
      type: bool
      sample: true
    description:
      description: What the parameter does.
      type: str
      sample: Sets the maximum number of concurrent connections.
  sample:
    - parameter_name: rds.force_ssl
      parameter_value: "1"
      source: user
      apply_type: dynamic
      apply_method: immediate
      data_type: boolean
      allowed_values: "0,1"
      is_modifiable: true
      description: Force SSL connections.
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.rds import AnsibleRDSError

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.rds import describe_db_parameters


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            source=dict(type="str", choices=["user", "system", "engine-default", "all"], default="user"),
        ),
        supports_check_mode=True,
    )
    source = module.params["source"]
    client = module.client("rds")
    try:
        found = describe_db_parameters(client, module.params["name"], None if source == "all" else source)
    except AnsibleRDSError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False,
                     parameters=None if found is None else [camel_dict_to_snake_dict(p) for p in found])


if __name__ == "__main__":
    main()
