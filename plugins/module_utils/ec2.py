# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""EC2 calls tickr.aws.ec2_vpc_network makes that amazon.aws.plugins.module_utils.ec2 has no wrapper for, in the
same shape: jittered backoff, and every AWS error raised as amazon.aws's AnsibleEC2Error with AWS's message."""

from typing import Any
from typing import Dict
from typing import List

try:
    from botocore.waiter import WaiterModel
    from botocore.waiter import create_waiter_with_client
except ImportError:
    pass  # Handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list


class EC2NetworkErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleEC2Error

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["InvalidVpcEndpointId.NotFound", "InvalidSubnetID.NotFound",
                                    "InvalidRouteTableID.NotFound", "InvalidGroup.NotFound"])


@EC2NetworkErrorHandler.common_error_handler("tag resource")
@AWSRetry.jittered_backoff()
def create_tags(client, resource_id: str, tags: Dict[str, str]) -> bool:
    client.create_tags(Resources=[resource_id], Tags=ansible_dict_to_boto3_tag_list(tags))
    return True


@EC2NetworkErrorHandler.common_error_handler("untag resource")
@AWSRetry.jittered_backoff()
def delete_tags(client, resource_id: str, keys: List[str]) -> bool:
    client.delete_tags(Resources=[resource_id], Tags=[{"Key": key} for key in keys])
    return True


@EC2NetworkErrorHandler.common_error_handler("modify vpc endpoint")
@AWSRetry.jittered_backoff()
def modify_vpc_endpoint(client, vpc_endpoint_id: str, **params: Dict[str, Any]) -> bool:
    return client.modify_vpc_endpoint(VpcEndpointId=vpc_endpoint_id, **params)["Return"]


@EC2NetworkErrorHandler.common_error_handler("create vpc endpoint")
@AWSRetry.jittered_backoff()
def create_vpc_endpoint(client, **params: Dict[str, Any]) -> Dict[str, Any]:
    # amazon.aws's create_vpc_endpoint carries the Elastic IP handler's description.
    return client.create_vpc_endpoint(**params)["VpcEndpoint"]


# botocore has no waiter for a VPC endpoint's availability (amazon.aws's vpc_endpoint_exists only waits until it is
# listed): the same botocore waiter machinery, on DescribeVpcEndpoints' State.
_VPC_ENDPOINT_AVAILABLE = {
    "version": 2,
    "waiters": {
        "VpcEndpointAvailable": {
            "delay": 15,
            "maxAttempts": 60,
            "operation": "DescribeVpcEndpoints",
            "acceptors": [
                # The API reference spells the states capitalised, DescribeVpcEndpoints answers in lower case.
                {"matcher": "path", "expected": True, "state": "success",
                 "argument": "length(VpcEndpoints[?State != 'available' && State != 'Available']) == `0`"},
                {"matcher": "path", "expected": True, "state": "failure",
                 "argument": "length(VpcEndpoints[?contains(['failed', 'Failed', 'rejected', 'Rejected'], State)]) > `0`"},
                {"matcher": "error", "expected": "InvalidVpcEndpointId.NotFound", "state": "retry"},
            ],
        }
    },
}


def vpc_endpoint_available_waiter(client):
    """A botocore waiter: every endpoint named by VpcEndpointIds is available."""
    return create_waiter_with_client("VpcEndpointAvailable", WaiterModel(_VPC_ENDPOINT_AVAILABLE),
                                     getattr(client, "client", client))


# tickr.aws.ec2_prefix_list_info: the AWS-managed prefix lists (amazon.aws's module_utils.ec2 has no wrapper for them).
class EC2PrefixListErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleEC2Error


@EC2PrefixListErrorHandler.common_error_handler("describe the prefix lists")
@AWSRetry.jittered_backoff()
def describe_prefix_lists(client, names: List[str]) -> List[Dict[str, Any]]:
    """The prefix lists named ``names``, every one of the region when ``names`` is empty; every page."""
    params = {"Filters": [{"Name": "prefix-list-name", "Values": list(names)}]} if names else {}
    return client.get_paginator("describe_prefix_lists").paginate(**params).build_full_result()["PrefixLists"]


# tickr.aws.ec2_vpc_flow_log: flow logs (amazon.aws's module_utils.ec2 has no wrapper for them).
class EC2FlowLogErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleEC2Error

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("InvalidFlowLogId.NotFound")


@EC2FlowLogErrorHandler.list_error_handler("describe the flow logs", [])
@AWSRetry.jittered_backoff()
def describe_flow_logs(client, resource_id: str) -> List[Dict[str, Any]]:
    """The flow logs of one resource (a VPC, subnet or network interface), every page."""
    params = {"Filters": [{"Name": "resource-id", "Values": [resource_id]}]}
    return client.get_paginator("describe_flow_logs").paginate(**params).build_full_result()["FlowLogs"]


@EC2FlowLogErrorHandler.common_error_handler("create the flow log")
@AWSRetry.jittered_backoff()
def create_flow_log(client, **params: Dict[str, Any]) -> str:
    """Creates one flow log and returns its id; a resource EC2 could not log fails with EC2's reason."""
    result = client.create_flow_logs(**params)
    if result.get("Unsuccessful"):
        error = result["Unsuccessful"][0].get("Error", {})
        raise AnsibleEC2Error(message=f"EC2 could not create the flow log: {error.get('Code')}: {error.get('Message')}")
    return result["FlowLogIds"][0]


@EC2FlowLogErrorHandler.deletion_error_handler("delete the flow log")
@AWSRetry.jittered_backoff()
def delete_flow_log(client, flow_log_id: str) -> bool:
    result = client.delete_flow_logs(FlowLogIds=[flow_log_id])
    if result.get("Unsuccessful"):
        error = result["Unsuccessful"][0].get("Error", {})
        raise AnsibleEC2Error(message=f"EC2 could not delete flow log {flow_log_id}: {error.get('Message')}")
    return True
