"""tickr.aws.ec2_vpc_flow_log: what to create, keep or replace; main() against a fake EC2."""

from ansible_collections.tickr.aws.plugins.modules import ec2_vpc_flow_log
from ansible_collections.tickr.aws.plugins.modules.ec2_vpc_flow_log import creation_request, find_flow_log

from cloudwatch_fakes import FakeClient, run_module

ROLE = "arn:aws:iam::123456789012:role/tickr-vpc-flow-logs"
WANTED = {"resource_id": "vpc-1", "log_group_name": "/vpc/tickr-flow-logs", "deliver_logs_permission_arn": ROLE,
          "tags": {"Project": "tickr"}}
CURRENT = {"FlowLogId": "fl-1", "ResourceId": "vpc-1", "TrafficType": "ALL", "LogDestinationType": "cloud-watch-logs",
           "LogGroupName": "/vpc/tickr-flow-logs", "DeliverLogsPermissionArn": ROLE, "MaxAggregationInterval": 600,
           "DeliverLogsStatus": "SUCCESS", "Tags": [{"Key": "Project", "Value": "tickr"}]}
S3_LOG = {"FlowLogId": "fl-2", "ResourceId": "vpc-1", "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::b"}


def run(flow_logs, args, check_mode=False, **fake):
    client = FakeClient({"describe_flow_logs": {"FlowLogs": flow_logs},
                         "create_flow_logs": {"FlowLogIds": ["fl-3"], "Unsuccessful": []},
                         "delete_flow_logs": {"Unsuccessful": []}}, **fake)
    return run_module(ec2_vpc_flow_log, args, client, check_mode=check_mode), client


def test_the_flow_log_is_found_by_its_log_group():
    assert find_flow_log([S3_LOG, CURRENT], "/vpc/tickr-flow-logs") is CURRENT
    assert find_flow_log([S3_LOG], "/vpc/tickr-flow-logs") is None


def test_creation_names_the_vpc_group_role_and_tags():
    params = dict(WANTED, traffic_type="ALL", max_aggregation_interval=600)
    assert creation_request(params) == {
        "ResourceIds": ["vpc-1"], "ResourceType": "VPC", "TrafficType": "ALL", "LogDestinationType": "cloud-watch-logs",
        "LogGroupName": "/vpc/tickr-flow-logs", "DeliverLogsPermissionArn": ROLE, "MaxAggregationInterval": 600,
        "TagSpecifications": [{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "Project", "Value": "tickr"}]}]}


def test_a_flow_log_as_wanted_is_left_alone():
    for check_mode in (True, False):
        result, client = run([S3_LOG, CURRENT], WANTED, check_mode=check_mode)
        assert result["changed"] is False and result["flow_log"]["flow_log_id"] == "fl-1"
        assert client.operations() == ["describe_flow_logs"]


def test_a_missing_flow_log_is_created_but_not_in_check_mode():
    result, client = run([S3_LOG], WANTED, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    assert result["flow_log"]["traffic_type"] == "ALL"
    result, client = run([S3_LOG], WANTED)
    assert result["changed"] is True
    assert [write[0] for write in client.writes()] == ["create_flow_logs"]


def test_a_changed_traffic_type_replaces_the_flow_log():
    result, client = run([CURRENT], dict(WANTED, traffic_type="REJECT"), check_mode=True)
    assert result["changed"] is True and client.writes() == []
    result, client = run([CURRENT], dict(WANTED, traffic_type="REJECT"))
    assert client.writes()[0] == ("delete_flow_logs", {"FlowLogIds": ["fl-1"]})
    assert client.writes()[1][0] == "create_flow_logs" and client.writes()[1][1]["TrafficType"] == "REJECT"


def test_tags_alone_are_changed_in_place():
    result, client = run([CURRENT], dict(WANTED, tags={"Project": "tickr", "Environment": "local"}))
    assert result["changed"] is True and result["flow_log"]["tags"] == {"Project": "tickr", "Environment": "local"}
    assert client.writes() == [("create_tags", {"Resources": ["fl-1"], "Tags": [{"Key": "Environment", "Value": "local"}]})]


def test_absent_deletes_only_a_flow_log_found():
    result, client = run([CURRENT], {"resource_id": "vpc-1", "log_group_name": "/vpc/tickr-flow-logs", "state": "absent"})
    assert result["changed"] is True and client.writes() == [("delete_flow_logs", {"FlowLogIds": ["fl-1"]})]
    result, client = run([S3_LOG], {"resource_id": "vpc-1", "log_group_name": "/vpc/tickr-flow-logs", "state": "absent"})
    assert result["changed"] is False and client.writes() == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, client = run([], WANTED, fail_on="create_flow_logs",
                         error=("InvalidParameter", "DeliverLogsPermissionArn is not a valid role"))
    assert result["failed"] is True
    assert "DeliverLogsPermissionArn is not a valid role" in result["msg"]
