#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ec2_vpc_network
version_added: 0.1.0
short_description: Set a VPC, its internet gateway, subnets, NAT gateways, route tables, security groups and endpoints in one run
description:
  - Finds the VPC (by its Name tag and CIDR block, as amazon.aws.ec2_vpc_net does) or creates it, reads what it holds
    (one C(Describe*) call per kind), compares it with the lists given, and makes only the calls that close the gap,
    in one module run instead of a module run per VPC, gateway, subnet, table, group or endpoint.
  - Each list is exact for what it names and leaves alone what it does not name, except I(nat_gateways), whose
    NAT gateways are the VPC's only ones. A list left out (null) is not compared.
  - Resources refer to each other by what the plan names them with, not by ids that do not exist yet - subnets by
    CIDR, route tables by Name tag, security groups by name, the internet gateway as C(internet_gateway=true) in a
    route - so one run builds a VPC from nothing.
  - Tags are exact (other tags are removed, but not C(aws:) ones).
  - In check mode nothing is written; RV(actions) lists what would be done. A VPC that check mode would create holds
    nothing yet, so everything of the lists is reported as to be created, without ids.
  - The module only creates and sets. Use amazon.aws.ec2_vpc_net, amazon.aws.ec2_vpc_igw,
    amazon.aws.ec2_vpc_subnet, amazon.aws.ec2_vpc_route_table, amazon.aws.ec2_security_group,
    amazon.aws.ec2_vpc_endpoint or amazon.aws.ec2_vpc_nat_gateway with C(state=absent) to delete, or for one
    resource alone.
author:
  - Tickr platform team (@tickr-tn)
options:
  vpc_id:
    description:
      - An existing VPC, for a run that does not set the VPC itself (waiting for its endpoints, for example).
      - Exactly one of I(vpc_id) and I(vpc) is required.
    type: str
  vpc:
    description:
      - The VPC, found by its Name tag and primary CIDR block (as amazon.aws.ec2_vpc_net finds it, so that a VPC it
        built is taken over rather than built again) or created. More than one match fails the module.
      - A VPC found gets its exact tags and the DNS attributes; AWS cannot change a VPC's primary CIDR block.
      - Its two DNS attributes are read with one C(DescribeVpcAttribute) each (C(DescribeVpcs) does not return
        them); a VPC this run creates has AWS's defaults (DNS support on, hostnames off) and is not read back.
    type: dict
    suboptions:
      name:
        description: Its Name tag.
        type: str
        required: true
      cidr_block:
        description: Its primary IPv4 CIDR block.
        type: str
        required: true
      dns_support:
        description: The C(enableDnsSupport) attribute.
        type: bool
        default: true
      dns_hostnames:
        description: The C(enableDnsHostnames) attribute; on only with I(dns_support) on.
        type: bool
        default: true
      tags:
        description: Its exact tags beside C(Name).
        type: dict
        default: {}
  internet_gateway:
    description:
      - The VPC's internet gateway, found attached to the VPC or created and attached.
      - Left out, the VPC's gateway is neither created nor changed (a route with C(internet_gateway=true) still
        finds it).
    type: dict
    suboptions:
      tags:
        description: Its exact tags.
        type: dict
        default: {}
  subnets:
    description:
      - The subnets, each found by its CIDR block or created. A subnet never hands out public IPs nor IPv6 addresses
        on launch.
      - AWS cannot move a subnet to another availability zone; one found in another fails the module.
    type: list
    elements: dict
    suboptions:
      cidr:
        description: The subnet's IPv4 CIDR block.
        type: str
        required: true
      az:
        description: Its availability zone.
        type: str
        required: true
      tags:
        description: Its exact tags.
        type: dict
        default: {}
  nat_gateways:
    description:
      - The NAT gateways, each in a subnet of I(subnets) named by its CIDR, with a new Elastic IP when created.
      - Any other NAT gateway of the VPC is deleted and its Elastic IP released, after the route tables stop using it.
        An empty list deletes them all.
    type: list
    elements: dict
    suboptions:
      subnet:
        description: The CIDR block of the (public) subnet it sits in.
        type: str
        required: true
      tags:
        description: Its exact tags.
        type: dict
        default: {}
  route_tables:
    description:
      - The route tables, each found by its tags (every one of them must match, as amazon.aws.ec2_vpc_route_table's
        C(lookup=tag)) or created.
      - A table is associated with exactly its I(subnets), and holds exactly its I(routes) among the routes to a CIDR
        block made by C(CreateRoute); the local route and the gateway endpoints' prefix list routes are left alone.
    type: list
    elements: dict
    suboptions:
      tags:
        description: Its exact tags, which find it.
        type: dict
        required: true
      subnets:
        description: The CIDR blocks of its subnets.
        type: list
        elements: str
        default: []
      routes:
        description:
          - Its routes, each to the VPC's internet gateway (I(internet_gateway)), to a gateway by id (I(gateway_id))
            or to the NAT gateway of a subnet (I(nat_gateway_subnet)); exactly one of the three.
        type: list
        elements: dict
        default: []
        suboptions:
          dest:
            description: The destination CIDR block.
            type: str
            required: true
          internet_gateway:
            description:
              - C(true) for the VPC's internet gateway (of I(internet_gateway), or the one attached to the VPC),
                whose id the plan need not know.
            type: bool
          gateway_id:
            description: An internet gateway's id.
            type: str
          nat_gateway_subnet:
            description: The CIDR block of the subnet whose NAT gateway (of I(nat_gateways)) the route goes to.
            type: str
  security_groups:
    description:
      - The security groups, each found by its name or created, with exactly its rules both ways (descriptions
        included), any other rule revoked. Groups are created before any rule is set, so that their rules can
        name each other.
      - AWS cannot change a group's description; a group found with another one gets a warning.
    type: list
    elements: dict
    suboptions:
      name:
        description: The group's name.
        type: str
        required: true
      description:
        description: The group's description.
        type: str
        required: true
      tags:
        description: Its exact tags.
        type: dict
        default: {}
      rules:
        description:
          - Inbound rules, in amazon.aws.ec2_security_group's format (C(proto), C(ports) or C(from_port)/C(to_port),
            C(cidr_ip), C(cidr_ipv6), C(group_id), C(group_name), C(ip_prefix), C(rule_desc)).
          - C(group_name) names a group of this list or of the VPC.
        type: list
        elements: dict
        default: []
      rules_egress:
        description: Outbound rules, in the same format. An empty list revokes AWS's default "all to 0.0.0.0/0".
        type: list
        elements: dict
        default: []
  vpc_endpoints:
    description:
      - The VPC endpoints, each found live (pending or available) by its service and type, or created.
      - A gateway endpoint is set on exactly its I(route_tables). An interface endpoint's subnets and groups are
        set when it is created (AWS's private DNS default applies).
    type: list
    elements: dict
    suboptions:
      service:
        description: The endpoint service name, for example C(com.amazonaws.eu-west-1.s3).
        type: str
        required: true
      type:
        description: The endpoint type.
        type: str
        choices: [Gateway, Interface]
        default: Interface
      tags:
        description: Its exact tags.
        type: dict
        default: {}
      route_tables:
        description: A gateway endpoint's route tables, by Name tag (of I(route_tables) or of the VPC).
        type: list
        elements: str
        default: []
      subnets:
        description: An interface endpoint's subnets, by CIDR block.
        type: list
        elements: str
        default: []
      security_groups:
        description: An interface endpoint's security groups, by name.
        type: list
        elements: str
        default: []
      policy:
        description:
          - The endpoint's policy, set exactly (compared as IAM compares policies).
          - Unset, the endpoint keeps the policy it has (AWS's default on a new one, full access).
        type: dict
  wait:
    description:
      - Wait until every endpoint of I(vpc_endpoints) is available (minutes on AWS for an interface endpoint).
      - The VPC, the internet gateway, subnets, NAT gateways, route tables and security groups created are always
        waited for.
    type: bool
    default: true
  wait_timeout:
    description: How long to wait for the endpoints, in seconds.
    type: int
    default: 900
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Build a VPC and its network
  tickr.aws.ec2_vpc_network:
    vpc:
      name: web-vpc
      cidr_block: 10.0.0.0/16
      tags: {Project: web}
    internet_gateway:
      tags: {Name: web-igw, Project: web}
    subnets:
      - {cidr: 10.0.1.0/24, az: eu-west-1a, tags: {Name: web-public-a, Tier: public}}
      - {cidr: 10.0.11.0/24, az: eu-west-1a, tags: {Name: web-private-a, Tier: private}}
    nat_gateways: []
    route_tables:
      - tags: {Name: web-public}
        subnets: [10.0.1.0/24]
        routes: [{dest: 0.0.0.0/0, internet_gateway: true}]
      - tags: {Name: web-private-a}
        subnets: [10.0.11.0/24]
    security_groups:
      - name: web-alb-sg
        description: load balancer
        rules: [{proto: tcp, ports: [443], cidr_ip: 0.0.0.0/0, rule_desc: HTTPS}]
        rules_egress: [{proto: tcp, ports: [8080], group_name: web-app-sg, rule_desc: To the app}]
      - name: web-app-sg
        description: app
        rules: [{proto: tcp, ports: [8080], group_name: web-alb-sg, rule_desc: From the ALB}]
    vpc_endpoints:
      - {service: com.amazonaws.eu-west-1.s3, type: Gateway, route_tables: [web-private-a]}
    wait: false
  register: network

- name: Wait for the endpoints of that VPC
  tickr.aws.ec2_vpc_network:
    vpc_id: "{{ network.vpc.id }}"
    vpc_endpoints:
      - {service: com.amazonaws.eu-west-1.s3, type: Gateway, route_tables: [web-private-a]}
    wait: true
"""

RETURN = r"""
vpc:
  description:
    - The VPC of I(vpc), as amazon.aws.ec2_vpc_net returns it (C(id), C(cidr_block), C(name), C(tags) as a dict),
      with its DNS attributes as set (C(dns_support), C(dns_hostnames)).
    - In check mode a VPC to create has no C(id) (null).
  returned: when I(vpc) is given
  type: dict
  sample: {"id": "vpc-0123", "cidr_block": "10.0.0.0/16", "name": "web-vpc", "state": "available",
           "tags": {"Name": "web-vpc", "Project": "web"}, "dns_support": true, "dns_hostnames": true}
internet_gateway:
  description:
    - The internet gateway of I(internet_gateway) (C(gateway_id), C(internet_gateway_id), C(vpc_id),
      C(attachments), C(tags) as a dict). In check mode a gateway to create has no C(gateway_id).
  returned: when I(internet_gateway) is given
  type: dict
  sample: {"gateway_id": "igw-0123", "internet_gateway_id": "igw-0123", "vpc_id": "vpc-0123",
           "attachments": [{"state": "available", "vpc_id": "vpc-0123"}], "tags": {"Name": "web-igw"}}
subnets:
  description: The subnets of I(subnets), in its order, as amazon.aws.ec2_vpc_subnet_info returns them (C(id), C(tags)
    as a dict). In check mode a subnet to create has no C(id).
  returned: when I(subnets) is given
  type: list
  elements: dict
  sample: [{"id": "subnet-0123", "cidr_block": "10.0.1.0/24", "availability_zone": "eu-west-1a", "tags": {"Tier": "public"}}]
nat_gateways:
  description: The NAT gateways of I(nat_gateways), in its order (C(nat_gateway_id), C(subnet_id), C(state), C(tags)).
  returned: when I(nat_gateways) is given
  type: list
  elements: dict
route_tables:
  description: The route tables of I(route_tables), in its order (C(id), C(route_table_id), C(routes), C(tags)).
  returned: when I(route_tables) is given
  type: list
  elements: dict
security_groups:
  description: The groups of I(security_groups), in its order, as amazon.aws.ec2_security_group_info returns them.
  returned: when I(security_groups) is given
  type: list
  elements: dict
  sample: [{"group_id": "sg-0123", "group_name": "web-alb-sg", "tags": {}}]
vpc_endpoints:
  description: The endpoints of I(vpc_endpoints), in its order (C(vpc_endpoint_id), C(service_name), C(state), C(tags)).
  returned: when I(vpc_endpoints) is given
  type: list
  elements: dict
actions:
  description: What was done (in check mode, what would be done), one line each.
  returned: always
  type: list
  elements: str
  sample: ["VPC web-vpc: create 10.0.0.0/16", "VPC web-vpc: enableDnsHostnames on",
           "internet gateway web-igw: create and attach", "subnet 10.0.1.0/24: create in eu-west-1a",
           "security group web-alb-sg: authorize in tcp 443-443 0.0.0.0/0"]
"""

import json
import time

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import allocate_address
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import associate_route_table
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import attach_internet_gateway
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import authorize_security_group_egress
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import authorize_security_group_ingress
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import create_internet_gateway
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import create_nat_gateway
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import create_route
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import create_route_table
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import create_security_group
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import create_subnet
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import create_vpc
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import delete_nat_gateway
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import delete_route
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_internet_gateways
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_nat_gateways
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_route_tables
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_security_groups
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_subnets
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_vpc_attribute
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_vpc_endpoints
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import describe_vpcs
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import disassociate_route_table
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import modify_subnet_attribute
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import modify_vpc_attribute
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import release_address
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import replace_route
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import revoke_security_group_egress
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import revoke_security_group_ingress
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import update_security_group_rule_descriptions_egress
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import update_security_group_rule_descriptions_ingress
from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_specifications
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags
from ansible_collections.amazon.aws.plugins.module_utils.transformation import ansible_dict_to_boto3_filter_list
from ansible_collections.amazon.aws.plugins.module_utils.waiters import get_waiter

from ansible_collections.tickr.aws.plugins.module_utils.ec2 import create_tags
from ansible_collections.tickr.aws.plugins.module_utils.ec2 import create_vpc_endpoint
from ansible_collections.tickr.aws.plugins.module_utils.ec2 import delete_tags
from ansible_collections.tickr.aws.plugins.module_utils.ec2 import modify_vpc_endpoint
from ansible_collections.tickr.aws.plugins.module_utils.ec2 import vpc_endpoint_available_waiter
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.security_group_rules import configured_permissions
from ansible_collections.tickr.aws.plugins.module_utils.security_group_rules import found_permissions

LIVE_ENDPOINT_STATES = ("pendingacceptance", "pending", "available")
LIVE_NAT_STATES = ("pending", "available")
# What AWS gives a new group: all traffic out to anywhere.
DEFAULT_EGRESS = [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
# What CreateVpc gives a new (not default) VPC: DNS support on, DNS hostnames off.
NEW_VPC_DNS = {"enableDnsSupport": True, "enableDnsHostnames": False}
# How often, and how far apart in seconds, a changed DNS attribute is read until it shows.
DNS_ATTRIBUTE_READS = (30, 2)


def _tags(resource):
    return boto3_tag_list_to_ansible_dict(resource.get("Tags") or [])


def _associated_subnets(table):
    return {a["SubnetId"]: a for a in table.get("Associations", [])
            if not a.get("Main") and a.get("SubnetId")
            and (a.get("AssociationState") or {}).get("State", "associated") == "associated"}


def permission(rule, description):
    """One rule of module_utils.security_group_rules (without its description) as an EC2 IpPermission."""
    _direction, proto, low, high, (kind, peer) = rule
    perm = {"IpProtocol": proto}
    if proto != "-1":
        perm.update(FromPort=low, ToPort=high)
    described = {"Description": description} if description else {}
    if kind == "cidr" and ":" in str(peer):
        perm["Ipv6Ranges"] = [dict(CidrIpv6=peer, **described)]
    elif kind == "cidr":
        perm["IpRanges"] = [dict(CidrIp=peer, **described)]
    elif kind == "group":
        perm["UserIdGroupPairs"] = [dict(GroupId=peer, **described)]
    else:
        perm["PrefixListIds"] = [dict(PrefixListId=peer, **described)]
    return perm


def rule_changes(wanted, found):
    """(to authorize, to revoke, to describe anew) between two sets of rules, each ``{rule: description}``."""
    wanted_by = {rule[:5]: rule[5] for rule in wanted}
    found_by = {rule[:5]: rule[5] for rule in found}
    add = {rule: desc for rule, desc in wanted_by.items() if rule not in found_by}
    remove = {rule: desc for rule, desc in found_by.items() if rule not in wanted_by}
    redescribe = {rule: desc for rule, desc in wanted_by.items() if rule in found_by and (found_by[rule] or None) != (desc or None)}
    return add, remove, redescribe


def _describe(rule):
    direction, proto, low, high, (_kind, peer) = rule
    ports = "all" if proto == "-1" else f"{proto} {low}-{high}"
    return f"{direction} {ports} {peer}"


class VpcNetwork:
    """What the VPC holds, and the calls that make it hold what the plan says."""

    def __init__(self, module, client):
        self.module = module
        self.client = client
        self.vpc_id = module.params["vpc_id"]
        self.created_vpc = False
        self.actions = []
        self.internet_gateway = None
        self.subnets, self.nat_gateways, self.route_tables, self.security_groups, self.vpc_endpoints = [], [], [], [], []

    def read(self, internet_gateway):
        """What the VPC holds, one Describe* call per kind (the internet gateway's only when ``internet_gateway``).

        A VPC that check mode would create holds nothing; one this run created, only its main route table and its
        default security group (which rules may name)."""
        if not self.vpc_id:
            return
        in_vpc = [{"Name": "vpc-id", "Values": [self.vpc_id]}]
        self.route_tables = describe_route_tables(self.client, Filters=in_vpc)
        self.security_groups = describe_security_groups(self.client, Filters=in_vpc)
        if self.created_vpc:
            return
        self.subnets = describe_subnets(self.client, Filters=in_vpc)
        self.nat_gateways = [n for n in describe_nat_gateways(self.client, Filters=in_vpc) if n.get("State") in LIVE_NAT_STATES]
        self.vpc_endpoints = [e for e in describe_vpc_endpoints(self.client, Filters=in_vpc)
                              if str(e.get("State", "")).lower() in LIVE_ENDPOINT_STATES]
        if internet_gateway:
            attached = describe_internet_gateways(self.client, Filters=[{"Name": "attachment.vpc-id", "Values": [self.vpc_id]}])
            self.internet_gateway = attached[0] if attached else None

    def act(self, action):
        """Record an action: True when it is to be done now (not in check mode)."""
        self.actions.append(action)
        return not self.module.check_mode

    def set_tags(self, what, resource_id, resource, wanted):
        to_set, to_unset = compare_aws_tags(_tags(resource), wanted, purge_tags=True)
        if (to_set or to_unset) and self.act(f"{what}: tags"):
            if to_unset:
                delete_tags(self.client, resource_id, to_unset)
            if to_set:
                create_tags(self.client, resource_id, to_set)
        resource["Tags"] = ansible_dict_to_boto3_tag_list(wanted)

    def ensure_vpc(self, plan):
        name, cidr = plan["name"], plan["cidr_block"]
        tags = dict(plan["tags"], Name=name)
        found = describe_vpcs(self.client, Filters=ansible_dict_to_boto3_filter_list({"tag:Name": name, "cidr-block": cidr}))
        if len(found) > 1:
            self.module.fail_json(msg=f"VPC {name}: {len(found)} VPCs have this Name tag and CIDR block "
                                      f"({', '.join(v['VpcId'] for v in found)}), not one")
        if found:
            vpc = found[0]
            self.vpc_id = vpc["VpcId"]
            self.set_tags(f"VPC {name}", self.vpc_id, vpc, tags)
            dns = {attribute: describe_vpc_attribute(self.client, self.vpc_id, attribute)[_key(attribute)]["Value"]
                   for attribute in NEW_VPC_DNS}
        else:
            vpc = {"CidrBlock": cidr, "State": "pending", "IsDefault": False}
            if self.act(f"VPC {name}: create {cidr}"):
                vpc = create_vpc(self.client, CidrBlock=cidr, TagSpecifications=boto3_tag_specifications(tags, types="vpc"))
                self.vpc_id, self.created_vpc = vpc["VpcId"], True
                if vpc.get("State") != "available":
                    for waiter in ("vpc_exists", "vpc_available"):
                        get_waiter(self.client, waiter).wait(VpcIds=[self.vpc_id])
                    vpc["State"] = "available"
            vpc["Tags"] = ansible_dict_to_boto3_tag_list(tags)
            dns = dict(NEW_VPC_DNS)
        self._set_dns(name, dns, plan["dns_support"], plan["dns_hostnames"])
        return dict(camel_dict_to_snake_dict(vpc, ignore_list=["Tags"]), id=self.vpc_id, cidr_block=vpc.get("CidrBlock", cidr),
                    name=name, tags=_tags(vpc), dns_support=plan["dns_support"], dns_hostnames=plan["dns_hostnames"])

    def _set_dns(self, name, found, support, hostnames):
        # AWS turns hostnames on only with DNS support on: hostnames go off first and come on last.
        steps = []
        if found["enableDnsHostnames"] and not hostnames:
            steps.append(("enableDnsHostnames", False))
        if found["enableDnsSupport"] != support:
            steps.append(("enableDnsSupport", support))
        if hostnames and not found["enableDnsHostnames"]:
            steps.append(("enableDnsHostnames", True))
        for attribute, value in steps:
            if not self.act(f"VPC {name}: {attribute} {'on' if value else 'off'}"):
                continue
            modify_vpc_attribute(self.client, self.vpc_id, **{_key(attribute): {"Value": value}})
            # Read back before the next step, and before endpoints whose private DNS needs it.
            attempts, delay = DNS_ATTRIBUTE_READS
            for attempt in range(attempts):
                if describe_vpc_attribute(self.client, self.vpc_id, attribute)[_key(attribute)]["Value"] == value:
                    break
                if attempt + 1 == attempts:
                    self.module.fail_json(msg=f"VPC {name}: {attribute} still not {value} after {attempts * delay} s")
                time.sleep(delay)

    def ensure_internet_gateway(self, plan):
        igw = self.internet_gateway
        name = plan["tags"].get("Name") or "of the VPC"
        if igw is None:
            igw = {"Attachments": [{"VpcId": self.vpc_id, "State": "available"}]}
            if self.act(f"internet gateway {name}: create and attach"):
                igw = create_internet_gateway(self.client, plan["tags"])
                gateway = [igw["InternetGatewayId"]]
                get_waiter(self.client, "internet_gateway_exists").wait(InternetGatewayIds=gateway)
                attach_internet_gateway(self.client, gateway[0], self.vpc_id)
                get_waiter(self.client, "internet_gateway_attached").wait(InternetGatewayIds=gateway)
                igw["Attachments"] = [{"VpcId": self.vpc_id, "State": "available"}]
            igw["Tags"] = ansible_dict_to_boto3_tag_list(plan["tags"])
            self.internet_gateway = igw
        else:
            self.set_tags(f"internet gateway {name}", igw["InternetGatewayId"], igw, plan["tags"])
        return dict(camel_dict_to_snake_dict(igw, ignore_list=["Tags"]), gateway_id=igw.get("InternetGatewayId"),
                    vpc_id=self.vpc_id, tags=_tags(igw))

    # Lookups by the names the plan uses; None for what check mode would create.
    def subnet_id(self, cidr):
        return next((s.get("SubnetId") for s in self.subnets if s["CidrBlock"] == cidr), None)

    def nat_gateway_id(self, subnet_cidr):
        subnet = self.subnet_id(subnet_cidr)
        return next((n.get("NatGatewayId") for n in self.nat_gateways if subnet and n.get("SubnetId") == subnet), None)

    def route_table_id(self, name):
        return next((t.get("RouteTableId") for t in self.route_tables if _tags(t).get("Name") == name), None)

    def internet_gateway_id(self):
        return (self.internet_gateway or {}).get("InternetGatewayId")

    def group_ids(self):
        return {g["GroupName"]: g.get("GroupId") for g in self.security_groups}

    def ensure_subnets(self, plans):
        result, created = [], []
        for plan in plans:
            cidr, az = plan["cidr"], plan["az"]
            subnet = next((s for s in self.subnets if s["CidrBlock"] == cidr), None)
            if subnet is None:
                subnet = {"CidrBlock": cidr, "AvailabilityZone": az, "VpcId": self.vpc_id, "MapPublicIpOnLaunch": False}
                if self.act(f"subnet {cidr}: create in {az}"):
                    subnet = create_subnet(self.client, VpcId=self.vpc_id, CidrBlock=cidr, AvailabilityZone=az,
                                           TagSpecifications=boto3_tag_specifications(plan["tags"], types="subnet"))
                    created.append(subnet["SubnetId"])
                subnet["Tags"] = ansible_dict_to_boto3_tag_list(plan["tags"])
                self.subnets.append(subnet)
            else:
                if subnet["AvailabilityZone"] != az:
                    self.module.fail_json(msg=f"subnet {cidr} ({subnet['SubnetId']}) is in {subnet['AvailabilityZone']}, "
                                              f"not {az}: AWS cannot move a subnet; delete it first")
                for attribute in ("MapPublicIpOnLaunch", "AssignIpv6AddressOnCreation"):
                    if subnet.get(attribute) and self.act(f"subnet {cidr}: {attribute} off"):
                        modify_subnet_attribute(self.client, subnet["SubnetId"], **{attribute: {"Value": False}})
                    subnet[attribute] = False
                self.set_tags(f"subnet {cidr}", subnet["SubnetId"], subnet, plan["tags"])
            result.append(subnet)
        if created:
            get_waiter(self.client, "subnet_available").wait(SubnetIds=created)
        return [dict(camel_dict_to_snake_dict(s, ignore_list=["Tags"]), id=s.get("SubnetId"), tags=_tags(s)) for s in result]

    def ensure_nat_gateways(self, plans):
        result, created = [], []
        for plan in plans:
            subnet = self.subnet_id(plan["subnet"])
            nat = next((n for n in self.nat_gateways if subnet and n.get("SubnetId") == subnet), None)
            if nat is None:
                nat = {"SubnetId": subnet, "State": "pending", "VpcId": self.vpc_id}
                if self.act(f"NAT gateway in {plan['subnet']}: create, with a new Elastic IP"):
                    address = allocate_address(self.client, Domain="vpc")
                    nat = create_nat_gateway(self.client, SubnetId=subnet, AllocationId=address["AllocationId"],
                                             TagSpecifications=boto3_tag_specifications(plan["tags"], types="natgateway"))
                    created.append(nat["NatGatewayId"])
                nat["Tags"] = ansible_dict_to_boto3_tag_list(plan["tags"])
                self.nat_gateways.append(nat)
            else:
                self.set_tags(f"NAT gateway in {plan['subnet']}", nat["NatGatewayId"], nat, plan["tags"])
            result.append(nat)
        if created:
            get_waiter(self.client, "nat_gateway_available").wait(NatGatewayIds=created)
        return result

    def purge_nat_gateways(self, kept):
        kept_ids = {n.get("NatGatewayId") for n in kept}
        gone = [n for n in self.nat_gateways if n.get("NatGatewayId") not in kept_ids]
        deleted = []
        for nat in gone:
            if self.act(f"NAT gateway {nat['NatGatewayId']}: delete, and release its Elastic IP"):
                delete_nat_gateway(self.client, nat["NatGatewayId"])
                deleted.append(nat)
        if deleted:
            # An Elastic IP is released once its NAT gateway is gone.
            get_waiter(self.client, "nat_gateway_deleted").wait(NatGatewayIds=[n["NatGatewayId"] for n in deleted])
            for nat in deleted:
                for address in nat.get("NatGatewayAddresses", []):
                    if address.get("AllocationId"):
                        release_address(self.client, address["AllocationId"])

    def ensure_route_tables(self, plans):
        result = []
        for plan in plans:
            name = plan["tags"].get("Name", str(plan["tags"]))
            matching = [t for t in self.route_tables
                        if all(_tags(t).get(key) == value for key, value in plan["tags"].items())]
            if len(matching) > 1:
                self.module.fail_json(msg=f"route table {name}: its tags match {len(matching)} tables "
                                          f"({', '.join(t['RouteTableId'] for t in matching)}), not one")
            table = matching[0] if matching else None
            if table is None:
                table = {"VpcId": self.vpc_id, "Routes": [], "Associations": []}
                if self.act(f"route table {name}: create"):
                    table = create_route_table(self.client, self.vpc_id, plan["tags"])
                    get_waiter(self.client, "route_table_exists").wait(RouteTableIds=[table["RouteTableId"]])
                table["Tags"] = ansible_dict_to_boto3_tag_list(plan["tags"])
                self.route_tables.append(table)
            else:
                self.set_tags(f"route table {name}", table["RouteTableId"], table, plan["tags"])
            self._set_routes(name, table, plan["routes"])
            self._set_subnets(name, table, plan["subnets"])
            result.append(table)
        return [dict(camel_dict_to_snake_dict(t, ignore_list=["Tags"]), id=t.get("RouteTableId"), tags=_tags(t)) for t in result]

    def _set_routes(self, name, table, routes):
        # Routes to a CIDR block made by CreateRoute: the local route and gateway endpoints' routes are not ours.
        found = {r["DestinationCidrBlock"]: r for r in table.get("Routes", [])
                 if r.get("DestinationCidrBlock") and r.get("Origin") == "CreateRoute"}
        for route in routes:
            if route.get("nat_gateway_subnet"):
                target = {"NatGatewayId": self.nat_gateway_id(route["nat_gateway_subnet"])}
            elif route.get("internet_gateway"):
                target = {"GatewayId": self.internet_gateway_id()}
            else:
                target = {"GatewayId": route.get("gateway_id")}
            to = next(iter(target.values())) or ("the internet gateway" if route.get("internet_gateway") else None)
            current = found.pop(route["dest"], None)
            if current is None:
                if self.act(f"route table {name}: route {route['dest']} to {to}"):
                    create_route(self.client, table["RouteTableId"], DestinationCidrBlock=route["dest"], **target)
            elif current.get("State") == "blackhole" or any(current.get(k) != v for k, v in target.items()):
                if self.act(f"route table {name}: route {route['dest']} to {to} instead"):
                    replace_route(self.client, table["RouteTableId"], DestinationCidrBlock=route["dest"], **target)
        for dest in found:
            if self.act(f"route table {name}: remove route {dest}"):
                delete_route(self.client, table["RouteTableId"], DestinationCidrBlock=dest)

    def _set_subnets(self, name, table, cidrs):
        current = _associated_subnets(table)
        wanted = [self.subnet_id(cidr) for cidr in cidrs]
        for cidr, subnet in zip(cidrs, wanted):
            if subnet and subnet in current:
                continue
            if not self.act(f"route table {name}: associate {cidr}"):
                continue
            # A subnet has one table: first released from the one it has.
            for other in self.route_tables:
                association = _associated_subnets(other).get(subnet)
                if other is not table and association:
                    disassociate_route_table(self.client, association["RouteTableAssociationId"])
            associate_route_table(self.client, table["RouteTableId"], SubnetId=subnet)
        for subnet, association in current.items():
            if subnet not in wanted and self.act(f"route table {name}: disassociate {subnet}"):
                disassociate_route_table(self.client, association["RouteTableAssociationId"])

    def ensure_security_groups(self, plans):
        groups, created = [], []
        for plan in plans:
            group = next((g for g in self.security_groups if g["GroupName"] == plan["name"]), None)
            if group is None:
                group = {"GroupName": plan["name"], "Description": plan["description"], "VpcId": self.vpc_id,
                         "IpPermissions": [], "IpPermissionsEgress": list(DEFAULT_EGRESS)}
                if self.act(f"security group {plan['name']}: create"):
                    group["GroupId"] = create_security_group(
                        self.client, GroupName=plan["name"], Description=plan["description"], VpcId=self.vpc_id,
                        TagSpecifications=boto3_tag_specifications(plan["tags"], types="security-group"))["GroupId"]
                    created.append(group["GroupId"])
                group["Tags"] = ansible_dict_to_boto3_tag_list(plan["tags"])
                self.security_groups.append(group)
            else:
                if group.get("Description") != plan["description"]:
                    self.module.warn(f"security group {plan['name']} is described '{group.get('Description')}', not "
                                     f"'{plan['description']}': AWS cannot change a group's description")
                self.set_tags(f"security group {plan['name']}", group["GroupId"], group, plan["tags"])
            groups.append(group)
        if created:
            get_waiter(self.client, "security_group_exists").wait(GroupIds=created)
        ids = self.group_ids()
        for plan, group in zip(plans, groups):
            try:
                wanted = (configured_permissions("in", plan["rules"], ids)
                          | configured_permissions("out", plan["rules_egress"], ids))
            except (TypeError, ValueError) as e:
                self.module.fail_json(msg=f"security group {plan['name']}: a rule is not in amazon.aws.ec2_security_group's format: {e}")
            found = found_permissions(camel_dict_to_snake_dict(group, ignore_list=["Tags"]))
            self._set_rules(group, *rule_changes(wanted, found))
        return [dict(camel_dict_to_snake_dict(g, ignore_list=["Tags"]), tags=_tags(g)) for g in groups]

    def _set_rules(self, group, add, remove, redescribe):
        calls = {
            "in": (authorize_security_group_ingress, revoke_security_group_ingress, update_security_group_rule_descriptions_ingress),
            "out": (authorize_security_group_egress, revoke_security_group_egress, update_security_group_rule_descriptions_egress),
        }
        name = group["GroupName"]
        for direction, (authorize, revoke, describe) in calls.items():
            # New rules first, so that traffic is never cut while a rule is replaced.
            for verb, call, rules in (("authorize", authorize, add), ("describe", describe, redescribe), ("revoke", revoke, remove)):
                chosen = {rule: desc for rule, desc in rules.items() if rule[0] == direction}
                if not chosen:
                    continue
                for rule in chosen:
                    self.actions.append(f"security group {name}: {verb} {_describe(rule)}")
                if not self.module.check_mode:
                    call(self.client, GroupId=group["GroupId"],
                         IpPermissions=[permission(rule, None if verb == "revoke" else desc) for rule, desc in chosen.items()])

    def ensure_vpc_endpoints(self, plans, wait, wait_timeout):
        result = []
        for plan in plans:
            kind = plan["type"]
            endpoint = next((e for e in self.vpc_endpoints if e.get("ServiceName") == plan["service"]
                             and str(e.get("VpcEndpointType", "")).lower() == kind.lower()), None)
            route_tables = [self.route_table_id(name) for name in plan["route_tables"]]
            if endpoint is None:
                endpoint = {"ServiceName": plan["service"], "VpcEndpointType": kind, "State": "pending",
                            "VpcId": self.vpc_id, "RouteTableIds": route_tables}
                if self.act(f"VPC endpoint {plan['service']}: create ({kind})"):
                    params = dict(VpcId=self.vpc_id, ServiceName=plan["service"], VpcEndpointType=kind,
                                  TagSpecifications=boto3_tag_specifications(plan["tags"], types="vpc-endpoint"))
                    if plan["policy"] is not None:
                        params["PolicyDocument"] = json.dumps(plan["policy"])
                    if kind == "Gateway":
                        params["RouteTableIds"] = route_tables
                    else:
                        params["SubnetIds"] = [self.subnet_id(cidr) for cidr in plan["subnets"]]
                        params["SecurityGroupIds"] = [self.group_ids().get(name) for name in plan["security_groups"]]
                    endpoint = create_vpc_endpoint(self.client, **params)
                endpoint["Tags"] = ansible_dict_to_boto3_tag_list(plan["tags"])
                self.vpc_endpoints.append(endpoint)
            else:
                self.set_tags(f"VPC endpoint {plan['service']}", endpoint["VpcEndpointId"], endpoint, plan["tags"])
                if kind == "Gateway":
                    self._set_endpoint_route_tables(plan["service"], endpoint, route_tables)
                self._set_endpoint_policy(plan["service"], endpoint, plan["policy"])
            result.append(endpoint)
        waiting = [e["VpcEndpointId"] for e in result if e.get("VpcEndpointId") and e.get("State", "").lower() != "available"]
        if wait and waiting:
            vpc_endpoint_available_waiter(self.client).wait(
                VpcEndpointIds=waiting, WaiterConfig={"Delay": 15, "MaxAttempts": max(1, wait_timeout // 15)})
            states = {e["VpcEndpointId"]: e["State"] for e in describe_vpc_endpoints(self.client, VpcEndpointIds=waiting)}
            for endpoint in result:
                endpoint["State"] = states.get(endpoint.get("VpcEndpointId"), endpoint.get("State"))
        return [dict(camel_dict_to_snake_dict(e, ignore_list=["Tags"]), tags=_tags(e)) for e in result]

    def _set_endpoint_policy(self, service, endpoint, policy):
        if policy is None:
            return
        found = json.loads(endpoint.get("PolicyDocument") or "{}")
        if compare_policies(found, policy) and self.act(f"VPC endpoint {service}: policy"):
            modify_vpc_endpoint(self.client, endpoint["VpcEndpointId"], PolicyDocument=json.dumps(policy))
        endpoint["PolicyDocument"] = json.dumps(policy)

    def _set_endpoint_route_tables(self, service, endpoint, route_tables):
        current = set(endpoint.get("RouteTableIds") or [])
        add = [t for t in route_tables if t not in current]
        remove = sorted(current - set(route_tables))
        if (add or remove) and self.act(f"VPC endpoint {service}: route tables {route_tables}"):
            changes = {}
            if add:
                changes["AddRouteTableIds"] = add
            if remove:
                changes["RemoveRouteTableIds"] = remove
            modify_vpc_endpoint(self.client, endpoint["VpcEndpointId"], **changes)
        endpoint["RouteTableIds"] = route_tables


def plan_errors(params):
    """What in the plan no call can fix, found before the first call."""
    errors = []
    vpc = params["vpc"]
    if vpc and vpc["dns_hostnames"] and not vpc["dns_support"]:
        errors.append(f"VPC {vpc['name']}: dns_hostnames needs dns_support (AWS turns hostnames on only with DNS support)")
    for table in params["route_tables"] or []:
        for route in table["routes"]:
            if not (route["gateway_id"] or route["nat_gateway_subnet"] or route["internet_gateway"]):
                errors.append(f"route table {table['tags'].get('Name', table['tags'])}: route {route['dest']} names no target "
                              "(internet_gateway true, gateway_id or nat_gateway_subnet)")
    return errors


def _routes_to_internet_gateway(params):
    return any(route["internet_gateway"] for table in params["route_tables"] or [] for route in table["routes"])


def ensure(module, client):
    params = module.params
    errors = plan_errors(params)
    if errors:
        module.fail_json(msg="; ".join(errors))
    network = VpcNetwork(module, client)
    result = {}
    if params["vpc"] is not None:
        result["vpc"] = network.ensure_vpc(params["vpc"])
    to_gateway = _routes_to_internet_gateway(params)
    network.read(internet_gateway=params["internet_gateway"] is not None or to_gateway)
    if to_gateway and params["internet_gateway"] is None and network.internet_gateway is None and network.vpc_id:
        module.fail_json(msg=f"route_tables: a route goes to the internet gateway, and VPC {network.vpc_id} has none "
                             "(give internet_gateway to create it)")
    if params["internet_gateway"] is not None:
        result["internet_gateway"] = network.ensure_internet_gateway(params["internet_gateway"])
    if params["subnets"] is not None:
        result["subnets"] = network.ensure_subnets(params["subnets"])
    nat_gateways = None
    if params["nat_gateways"] is not None:
        nat_gateways = network.ensure_nat_gateways(params["nat_gateways"])
        result["nat_gateways"] = [dict(camel_dict_to_snake_dict(n, ignore_list=["Tags"]), tags=_tags(n)) for n in nat_gateways]
    if params["route_tables"] is not None:
        result["route_tables"] = network.ensure_route_tables(params["route_tables"])
    if nat_gateways is not None:
        network.purge_nat_gateways(nat_gateways)
    if params["security_groups"] is not None:
        result["security_groups"] = network.ensure_security_groups(params["security_groups"])
    if params["vpc_endpoints"] is not None:
        result["vpc_endpoints"] = network.ensure_vpc_endpoints(params["vpc_endpoints"], params["wait"], params["wait_timeout"])
    return dict(result, changed=bool(network.actions), actions=network.actions)


def _key(attribute):
    """DescribeVpcAttribute's and ModifyVpcAttribute's key for an attribute: enableDnsSupport -> EnableDnsSupport."""
    return attribute[0].upper() + attribute[1:]


def tags_spec():
    return dict(type="dict", default={})


def argument_spec():
    return dict(
        vpc_id=dict(type="str"),
        vpc=dict(type="dict", options=dict(
            name=dict(type="str", required=True), cidr_block=dict(type="str", required=True),
            dns_support=dict(type="bool", default=True), dns_hostnames=dict(type="bool", default=True), tags=tags_spec())),
        internet_gateway=dict(type="dict", options=dict(tags=tags_spec())),
        subnets=dict(type="list", elements="dict", options=dict(
            cidr=dict(type="str", required=True), az=dict(type="str", required=True), tags=tags_spec())),
        nat_gateways=dict(type="list", elements="dict", options=dict(
            subnet=dict(type="str", required=True), tags=tags_spec())),
        route_tables=dict(type="list", elements="dict", options=dict(
            tags=dict(type="dict", required=True),
            subnets=dict(type="list", elements="str", default=[]),
            routes=dict(type="list", elements="dict", default=[], options=dict(
                dest=dict(type="str", required=True), internet_gateway=dict(type="bool"), gateway_id=dict(type="str"),
                nat_gateway_subnet=dict(type="str")),
                mutually_exclusive=[["internet_gateway", "gateway_id", "nat_gateway_subnet"]],
                required_one_of=[["internet_gateway", "gateway_id", "nat_gateway_subnet"]]))),
        security_groups=dict(type="list", elements="dict", options=dict(
            name=dict(type="str", required=True), description=dict(type="str", required=True), tags=tags_spec(),
            rules=dict(type="list", elements="dict", default=[]),
            rules_egress=dict(type="list", elements="dict", default=[]))),
        vpc_endpoints=dict(type="list", elements="dict", options=dict(
            service=dict(type="str", required=True),
            type=dict(type="str", choices=["Gateway", "Interface"], default="Interface"),
            tags=tags_spec(),
            route_tables=dict(type="list", elements="str", default=[]),
            subnets=dict(type="list", elements="str", default=[]),
            security_groups=dict(type="list", elements="str", default=[]),
            policy=dict(type="dict"))),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
    )


# The VPC is named by its id or by what finds it, never both.
ONE_VPC = [["vpc_id", "vpc"]]


def main():
    module = TickrAWSModule(argument_spec=argument_spec(), mutually_exclusive=ONE_VPC, required_one_of=ONE_VPC,
                            supports_check_mode=True)
    client = module.client("ec2", retry_decorator=AWSRetry.jittered_backoff())
    try:
        module.exit_json(**ensure(module, client))
    except AnsibleEC2Error as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
