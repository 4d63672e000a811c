"""ec2_vpc_network_info shapes each kind as the amazon.aws info module of that kind does (compared with its code)."""

import copy

from ansible_collections.amazon.aws.plugins.modules.ec2_vpc_route_table_info import normalize_route_table
from ansible_collections.tickr.aws.plugins.modules.ec2_vpc_network_info import route_table_result, subnet_result

TABLE = {
    "RouteTableId": "rtb-1", "VpcId": "vpc-1", "OwnerId": "123456789012",
    "Associations": [{"RouteTableAssociationId": "rtbassoc-1", "RouteTableId": "rtb-1", "SubnetId": "subnet-1", "Main": False,
                      "AssociationState": {"State": "associated"}}],
    "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
               {"DestinationPrefixListId": "pl-6da54004", "GatewayId": "vpce-1", "Origin": "CreateRoute", "State": "active"}],
    "Tags": [{"Key": "Name", "Value": "tickr-private-a-rt"}, {"Key": "Project", "Value": "tickr"}],
    "PropagatingVgws": [],
}


def test_a_route_table_is_shaped_as_amazon_aws_route_table_info_shapes_it():
    ours = route_table_result(copy.deepcopy(TABLE))
    assert ours == normalize_route_table(copy.deepcopy(TABLE))
    assert ours["id"] == "rtb-1" and ours["associations"][0]["id"] == "rtbassoc-1"
    assert ours["routes"][1]["destination_cidr_block"] is None and ours["routes"][1]["interface_id"] is None
    assert ours["tags"] == {"Name": "tickr-private-a-rt", "Project": "tickr"}


def test_the_aws_answer_is_left_as_it_was():
    table = copy.deepcopy(TABLE)
    route_table_result(table)
    assert table == TABLE


def test_a_subnet_gets_its_id_and_tags_as_a_dict():
    subnet = {"SubnetId": "subnet-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a", "MapPublicIpOnLaunch": False,
              "Tags": [{"Key": "Name", "Value": "tickr-public-a"}]}
    assert subnet_result(subnet) == {"id": "subnet-1", "subnet_id": "subnet-1", "cidr_block": "10.0.1.0/24",
                                     "availability_zone": "eu-west-1a", "map_public_ip_on_launch": False,
                                     "tags": {"Name": "tickr-public-a"}}
