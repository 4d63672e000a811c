#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ec2_prefix_list_info
version_added: 0.1.0
short_description: List the AWS-managed prefix lists of a region (S3, DynamoDB, ...)
description:
  - Returns the prefix lists of AWS services, such as C(com.amazonaws.eu-west-1.s3), whose ids security group
    rules need to allow traffic to a gateway VPC endpoint.
  - amazon.aws has no module for C(DescribePrefixLists).
author:
  - Tickr platform team (@tickr-tn)
options:
  names:
    description:
      - Prefix list names to return, for example V(com.amazonaws.eu-west-1.s3). All of them when omitted.
    type: list
    elements: str
    default: []
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Find the S3 prefix list of the region
  tickr.aws.ec2_prefix_list_info:
    names:
      - com.amazonaws.eu-west-1.s3
  register: s3_prefix_list

- name: Allow HTTPS to S3 through the gateway endpoint
  amazon.aws.ec2_security_group:
    name: app-sg
    description: app
    vpc_id: vpc-0123456789abcdef0
    rules_egress:
      - proto: tcp
        ports: [443]
        ip_prefix: "{{ s3_prefix_list.prefix_lists_by_name['com.amazonaws.eu-west-1.s3'] }}"
"""

RETURN = r"""
prefix_lists:
  description: The prefix lists found.
  returned: always
  type: list
  elements: dict
  contains:
    prefix_list_id:
      description: The id to use in security group rules.
      type: str
      sample: pl-6da54004
    prefix_list_name:
      description: The name, C(com.amazonaws.<region>.<service>).
      type: str
      sample: com.amazonaws.eu-west-1.s3
    cidrs:
      description: The address ranges the list holds.
      type: list
      elements: str
      sample: ["52.218.0.0/17"]
prefix_lists_by_name:
  description: The same lists as a mapping from name to id.
  returned: always
  type: dict
  sample: {"com.amazonaws.eu-west-1.s3": "pl-6da54004"}
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error

from ansible_collections.tickr.aws.plugins.module_utils.ec2 import describe_prefix_lists
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def main():
    module = TickrAWSModule(
        argument_spec=dict(names=dict(type="list", elements="str", default=[])),
        supports_check_mode=True,
    )
    client = module.client("ec2")
    names = module.params["names"]
    try:
        found = describe_prefix_lists(client, names)
    except AnsibleEC2Error as e:
        module.fail_json_aws_error(e)

    missing = sorted(set(names) - {p["PrefixListName"] for p in found})
    if missing:
        module.fail_json(msg=f"No prefix list named {', '.join(missing)} in this region")
    module.exit_json(
        changed=False,
        prefix_lists=[camel_dict_to_snake_dict(p) for p in found],
        prefix_lists_by_name={p["PrefixListName"]: p["PrefixListId"] for p in found},
    )


if __name__ == "__main__":
    main()
