#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ec2_vpc_network_info
version_added: 0.1.0
short_description: Read a VPC's subnets, route tables, security groups, endpoints and NAT gateways at once
description:
  - Describes what lives in one VPC, in one module run, and returns each kind as the amazon.aws info module of
    that kind returns it, so that filters written for those results take these unchanged.
  - The calls are the ones the five info modules make (C(DescribeSubnets), C(DescribeRouteTables),
    C(DescribeSecurityGroups), C(DescribeVpcEndpoints), C(DescribeNatGateways)), each filtered on the VPC.
    What it saves is four module runs, about a second each, on every converge of a network.
  - Use amazon.aws.ec2_vpc_subnet_info, amazon.aws.ec2_vpc_route_table_info, amazon.aws.ec2_security_group_info,
    amazon.aws.ec2_vpc_endpoint_info or amazon.aws.ec2_vpc_nat_gateway_info to read one kind with other filters.
author:
  - Tickr platform team (@tickr-tn)
options:
  vpc_id:
    description: The VPC to read.
    type: str
    required: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the VPC's network
  tickr.aws.ec2_vpc_network_info:
    vpc_id: vpc-0123456789abcdef0
  register: network

- name: Show the subnets' ids by Name tag
  ansible.builtin.debug:
    msg: "{{ network.subnets | items2dict(key_name='tags', value_name='id') }}"
"""

RETURN = r"""
subnets:
  description: The VPC's subnets, as amazon.aws.ec2_vpc_subnet_info returns them (with C(id) and C(tags) as a dict).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "subnet-0123", "subnet_id": "subnet-0123", "cidr_block": "10.0.1.0/24",
            "availability_zone": "eu-west-1a", "tags": {"Name": "tickr-public-a"}}]
route_tables:
  description:
    - The VPC's route tables, as amazon.aws.ec2_vpc_route_table_info returns them (with C(id), the associations'
      C(id), each route's legacy keys and C(tags) as a dict).
  returned: always
  type: list
  elements: dict
security_groups:
  description: The VPC's security groups, as amazon.aws.ec2_security_group_info returns them (C(tags) as a dict).
  returned: always
  type: list
  elements: dict
vpc_endpoints:
  description: The VPC's endpoints, in every state, as amazon.aws.ec2_vpc_endpoint_info returns them.
  returned: always
  type: list
  elements: dict
nat_gateways:
  description:
    - The VPC's NAT gateways that are C(pending) or C(available), as amazon.aws.ec2_vpc_nat_gateway_info returns
      them under C(result). Deleted ones stay listed by AWS for an hour and are left out.
  returned: always
  type: list
  elements: dict
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.botocore import normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_nat_gateways
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_route_tables
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_security_groups
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_subnets
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_vpc_endpoints
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

LIVE_NAT_STATES = ["pending", "available"]


# Each shape is the one the amazon.aws info module of that kind returns (amazon.aws 10), so that the results are
# interchangeable.
def subnet_result(subnet):
    result = camel_dict_to_snake_dict(dict(subnet, id=subnet["SubnetId"]))
    result["tags"] = boto3_tag_list_to_ansible_dict(subnet.get("Tags", []))
    return result


def route_table_result(table):
    table = dict(table)
    routes = []
    for route in table["Routes"]:
        route = dict(route)
        for legacy_key in ("DestinationCidrBlock", "GatewayId", "InstanceId", "Origin", "State", "NetworkInterfaceId"):
            route.setdefault(legacy_key, None)
        route["InterfaceId"] = route["NetworkInterfaceId"]
        routes.append(route)
    table["Routes"] = routes
    table["Associations"] = [dict(a, Id=a["RouteTableAssociationId"]) for a in table["Associations"]]
    table["Id"] = table["RouteTableId"]
    table["tags"] = boto3_tag_list_to_ansible_dict(table.pop("Tags", []))
    return camel_dict_to_snake_dict(table, ignore_list=["tags"])


def security_group_result(group):
    result = camel_dict_to_snake_dict(group)
    result["tags"] = boto3_tag_list_to_ansible_dict(result.get("tags", {}), tag_name_key_name="key", tag_value_key_name="value")
    return result


def vpc_endpoint_result(endpoint):
    return camel_dict_to_snake_dict(endpoint)


def nat_gateway_result(gateway):
    result = camel_dict_to_snake_dict(gateway)
    if "tags" in result:
        result["tags"] = boto3_tag_list_to_ansible_dict(result["tags"])
    return result


def read_network(client, vpc_id):
    in_vpc = [{"Name": "vpc-id", "Values": [vpc_id]}]
    live_nat = in_vpc + [{"Name": "state", "Values": LIVE_NAT_STATES}]
    return {
        "subnets": [subnet_result(s) for s in describe_subnets(client, Filters=in_vpc)],
        "route_tables": [route_table_result(t) for t in describe_route_tables(client, Filters=in_vpc)],
        "security_groups": [security_group_result(g) for g in describe_security_groups(client, Filters=in_vpc)],
        "vpc_endpoints": [vpc_endpoint_result(e) for e in normalize_boto3_result(describe_vpc_endpoints(client, Filters=in_vpc))],
        "nat_gateways": [nat_gateway_result(g) for g in normalize_boto3_result(describe_nat_gateways(client, Filter=live_nat))],
    }


def main():
    module = TickrAWSModule(argument_spec=dict(vpc_id=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("ec2")
    try:
        network = read_network(client, module.params["vpc_id"])
    except AnsibleEC2Error as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, **network)


if __name__ == "__main__":
    main()
