#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ec2_vpc_flow_log
version_added: 0.1.0
short_description: Create, replace or delete a VPC flow log to CloudWatch Logs
description:
  - Manages the flow log of one resource (a VPC, a subnet or a network interface) that publishes to one CloudWatch
    Logs group, found by its resource and log group.
  - EC2 changes nothing of a flow log but its tags; a flow log whose traffic type, role or aggregation interval
    differs is deleted and created again.
  - amazon.aws and community.aws have no module for flow logs.
author:
  - Tickr platform team (@tickr-tn)
options:
  resource_id:
    description: The VPC, subnet or network interface to log (C(vpc-...), C(subnet-...), C(eni-...)).
    type: str
    required: true
  log_group_name:
    description: The CloudWatch Logs group the flow log publishes to. It should exist, with its retention.
    type: str
    required: true
  deliver_logs_permission_arn:
    description:
      - The IAM role EC2 assumes to publish (trusted by C(vpc-flow-logs.amazonaws.com)). Required with
        O(state=present).
    type: str
  traffic_type:
    description: The traffic logged.
    type: str
    choices: [ACCEPT, REJECT, ALL]
    default: ALL
  max_aggregation_interval:
    description: Seconds over which a flow is aggregated into one record.
    type: int
    choices: [60, 600]
    default: 600
  tags:
    description: The flow log's tags.
    type: dict
    aliases: [resource_tags]
  purge_tags:
    description: Whether tags not in O(tags) are removed. Ignored without O(tags).
    type: bool
    default: true
  state:
    description: Whether the flow log should exist.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Log every flow of the VPC to CloudWatch Logs
  tickr.aws.ec2_vpc_flow_log:
    resource_id: vpc-0123456789abcdef0
    log_group_name: /vpc/tickr-flow-logs
    deliver_logs_permission_arn: arn:aws:iam::123456789012:role/tickr-vpc-flow-logs
    traffic_type: ALL
    tags:
      Project: tickr

- name: Stop logging it
  tickr.aws.ec2_vpc_flow_log:
    resource_id: vpc-0123456789abcdef0
    log_group_name: /vpc/tickr-flow-logs
    state: absent
"""

RETURN = r"""
flow_log:
  description: The flow log as C(DescribeFlowLogs) returns it, in snake_case (tags as a dict); empty when absent.
  returned: always
  type: dict
  sample: {"flow_log_id": "fl-0123456789abcdef0", "resource_id": "vpc-0123456789abcdef0", "traffic_type": "ALL",
           "log_destination_type": "cloud-watch-logs", "log_group_name": "/vpc/tickr-flow-logs",
           "deliver_logs_permission_arn": "arn:aws:iam::123456789012:role/tickr-vpc-flow-logs",
           "deliver_logs_status": "SUCCESS", "flow_log_status": "ACTIVE", "max_aggregation_interval": 600,
           "tags": {"Project": "tickr"}}
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.tickr.aws.plugins.module_utils import ec2
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# Option -> DescribeFlowLogs' field, for the settings EC2 cannot change on an existing flow log.
FIXED = {
    "traffic_type": "TrafficType",
    "deliver_logs_permission_arn": "DeliverLogsPermissionArn",
    "max_aggregation_interval": "MaxAggregationInterval",
}


# Pure logic, unit-tested.
def find_flow_log(flow_logs, log_group_name):
    """The flow log publishing to ``log_group_name`` among one resource's flow logs, else None."""
    return next((f for f in flow_logs if f.get("LogDestinationType", "cloud-watch-logs") == "cloud-watch-logs"
                 and f.get("LogGroupName") == log_group_name), None)


def fixed_differences(current, params):
    """The options whose value differs from the existing flow log's (which only a new flow log can change)."""
    return sorted(option for option, field in FIXED.items() if current.get(field) != params[option])


def creation_request(params):
    request = {
        "ResourceIds": [params["resource_id"]],
        "ResourceType": resource_type(params["resource_id"]),
        "TrafficType": params["traffic_type"],
        "LogDestinationType": "cloud-watch-logs",
        "LogGroupName": params["log_group_name"],
        "DeliverLogsPermissionArn": params["deliver_logs_permission_arn"],
        "MaxAggregationInterval": params["max_aggregation_interval"],
    }
    if params.get("tags"):
        request["TagSpecifications"] = [{"ResourceType": "vpc-flow-log",
                                         "Tags": ansible_dict_to_boto3_tag_list(params["tags"])}]
    return request


def resource_type(resource_id):
    return {"vpc": "VPC", "subnet": "Subnet", "eni": "NetworkInterface"}[resource_id.split("-", 1)[0]]


def snake(flow_log):
    if not flow_log:
        return {}
    result = camel_dict_to_snake_dict({k: v for k, v in flow_log.items() if k != "Tags"})
    result["tags"] = boto3_tag_list_to_ansible_dict(flow_log.get("Tags", []))
    return result


def planned(params, flow_log_id=None):
    """A flow log as DescribeFlowLogs would return the one the request creates."""
    request = creation_request(params)
    flow_log = {k: v for k, v in request.items() if k not in ("ResourceIds", "ResourceType", "TagSpecifications")}
    flow_log.update(ResourceId=params["resource_id"], Tags=ansible_dict_to_boto3_tag_list(params.get("tags") or {}))
    if flow_log_id:
        flow_log["FlowLogId"] = flow_log_id
    return flow_log


def ensure_absent(module, client, current):
    if current and not module.check_mode:
        ec2.delete_flow_log(client, current["FlowLogId"])
    module.exit_json(changed=current is not None, flow_log={}, diff={"before": snake(current), "after": {}})


def ensure_present(module, client, current):
    p = module.params
    if not p["deliver_logs_permission_arn"]:
        module.fail_json(msg="deliver_logs_permission_arn is required to create or keep a flow log")
    if current is not None and not fixed_differences(current, p):
        changed = False
        if p["tags"] is not None:
            have = boto3_tag_list_to_ansible_dict(current.get("Tags", []))
            to_set, to_unset = compare_aws_tags(have, p["tags"], p["purge_tags"])
            changed = bool(to_set or to_unset)
            if changed and not module.check_mode:
                if to_unset:
                    ec2.delete_tags(client, current["FlowLogId"], to_unset)
                if to_set:
                    ec2.create_tags(client, current["FlowLogId"], to_set)
            after = dict(current, Tags=ansible_dict_to_boto3_tag_list(dict(
                {k: v for k, v in have.items() if k not in to_unset}, **to_set)))
        else:
            after = current
        module.exit_json(changed=changed, flow_log=snake(after), diff={"before": snake(current), "after": snake(after)})

    if module.check_mode:
        module.exit_json(changed=True, flow_log=snake(planned(p)), diff={"before": snake(current), "after": snake(planned(p))})
    if current is not None:
        ec2.delete_flow_log(client, current["FlowLogId"])
    ec2.create_flow_log(client, **creation_request(p))
    created = find_flow_log(ec2.describe_flow_logs(client, p["resource_id"]), p["log_group_name"])
    module.exit_json(changed=True, flow_log=snake(created or planned(p)),
                     diff={"before": snake(current), "after": snake(created or planned(p))})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            resource_id=dict(type="str", required=True),
            log_group_name=dict(type="str", required=True),
            deliver_logs_permission_arn=dict(type="str"),
            traffic_type=dict(type="str", choices=["ACCEPT", "REJECT", "ALL"], default="ALL"),
            max_aggregation_interval=dict(type="int", choices=[60, 600], default=600),
            tags=dict(type="dict", aliases=["resource_tags"]),
            purge_tags=dict(type="bool", default=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if p["resource_id"].split("-", 1)[0] not in ("vpc", "subnet", "eni"):
        module.fail_json(msg=f"resource_id must be a VPC, subnet or network interface id, got {p['resource_id']}")
    client = module.client("ec2")
    try:
        current = find_flow_log(ec2.describe_flow_logs(client, p["resource_id"]), p["log_group_name"])
        if p["state"] == "absent":
            ensure_absent(module, client, current)
        ensure_present(module, client, current)
    except AnsibleEC2Error as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
