"""Requester-managed network interfaces, over HTTP: interface endpoints, DB instances and cache nodes have them in
their subnets and groups, the groups follow the resource's, and deleting the resource releases them."""

import pytest


def _network(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{n}.0/24", AvailabilityZone=f"eu-west-1{zone}")
               ["Subnet"]["SubnetId"] for n, zone in ((11, "a"), (12, "b"))]
    groups = [ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
              for name in ("first", "second")]
    return vpc, subnets, groups


def _interfaces(ec2, *filters):
    found = ec2.describe_network_interfaces(Filters=[{"Name": name, "Values": [value]} for name, value in filters])
    return found["NetworkInterfaces"]


def _groups(interface):
    return sorted(group["GroupId"] for group in interface["Groups"])


def _in_subnet(ec2, interface):
    cidr = ec2.describe_subnets(SubnetIds=[interface["SubnetId"]])["Subnets"][0]["CidrBlock"]
    return interface["PrivateIpAddress"].startswith(cidr.rsplit(".", 1)[0] + ".")


def test_an_interface_endpoint_has_one_interface_per_subnet_in_its_groups(fresh_emulator):
    ec2 = fresh_emulator.client("ec2")
    vpc, subnets, groups = _network(ec2)
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.eu-west-1.ecr.api",
                                       VpcEndpointType="Interface", SubnetIds=subnets,
                                       SecurityGroupIds=[groups[0]])["VpcEndpoint"]
    description = f"VPC Endpoint Interface {endpoint['VpcEndpointId']}"
    interfaces = _interfaces(ec2, ("description", description))
    assert sorted(i["SubnetId"] for i in interfaces) == sorted(subnets)
    assert sorted(i["NetworkInterfaceId"] for i in interfaces) == sorted(endpoint["NetworkInterfaceIds"])
    for interface in interfaces:
        assert interface["RequesterManaged"] is True and interface["InterfaceType"] == "vpc_endpoint"
        assert interface["VpcId"] == vpc and _groups(interface) == [groups[0]] and _in_subnet(ec2, interface)
    assert len(_interfaces(ec2, ("group-id", groups[0]), ("requester-managed", "true"))) == 2
    assert _interfaces(ec2, ("group-id", groups[0]), ("requester-managed", "false")) == []

    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"], AddSecurityGroupIds=[groups[1]],
                            RemoveSecurityGroupIds=[groups[0]], RemoveSubnetIds=[subnets[1]])
    interfaces = _interfaces(ec2, ("description", description))
    assert [(i["SubnetId"], _groups(i)) for i in interfaces] == [(subnets[0], [groups[1]])]
    assert _interfaces(ec2, ("group-id", groups[0])) == []

    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    assert _interfaces(ec2, ("vpc-id", vpc)) == []


def test_an_endpoint_naming_no_group_is_in_the_vpc_default_group(fresh_emulator):
    ec2 = fresh_emulator.client("ec2")
    vpc, subnets = _network(ec2)[:2]
    default = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                    {"Name": "group-name", "Values": ["default"]}])
    ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.eu-west-1.logs", VpcEndpointType="Interface",
                            SubnetIds=subnets[:1])
    interfaces = _interfaces(ec2, ("vpc-id", vpc), ("requester-managed", "true"))
    assert [_groups(i) for i in interfaces] == [[default["SecurityGroups"][0]["GroupId"]]]
    assert _in_subnet(ec2, interfaces[0])


def test_a_db_instance_has_an_interface_in_its_subnet_group_and_groups(fresh_emulator):
    ec2, rds = fresh_emulator.client("ec2"), fresh_emulator.client("rds")
    vpc, subnets, groups = _network(ec2)
    rds.create_db_subnet_group(DBSubnetGroupName="db", DBSubnetGroupDescription="db", SubnetIds=subnets)
    rds.create_db_instance(DBInstanceIdentifier="db", DBInstanceClass="db.t3.small", Engine="postgres",
                           AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32,
                           DBSubnetGroupName="db", VpcSecurityGroupIds=[groups[0]], AvailabilityZone="eu-west-1b")
    interfaces = _interfaces(ec2, ("vpc-id", vpc))
    assert len(interfaces) == 1
    interface = interfaces[0]
    assert interface["Description"] == "RDSNetworkInterface" and interface["RequesterManaged"] is True
    assert interface["InterfaceType"] == "interface" and interface["RequesterId"] == "amazon-rds"
    assert interface["SubnetId"] == subnets[1] and _groups(interface) == [groups[0]] and _in_subnet(ec2, interface)

    # A change of groups applies at once, whatever ApplyImmediately says, as AWS applies it.
    rds.modify_db_instance(DBInstanceIdentifier="db", VpcSecurityGroupIds=[groups[1]], ApplyImmediately=False)
    assert [_groups(i) for i in _interfaces(ec2, ("vpc-id", vpc))] == [[groups[1]]]
    assert _interfaces(ec2, ("group-id", groups[0])) == []
    assert [i["NetworkInterfaceId"] for i in _interfaces(ec2, ("vpc-id", vpc))] == [interface["NetworkInterfaceId"]]

    rds.delete_db_instance(DBInstanceIdentifier="db", SkipFinalSnapshot=True)
    assert _interfaces(ec2, ("vpc-id", vpc)) == []


@pytest.mark.parametrize("replicas", [1, 2])
def test_each_cache_node_has_an_interface_in_its_subnet_group_and_groups(fresh_emulator, replicas):
    ec2, elasticache = fresh_emulator.client("ec2"), fresh_emulator.client("elasticache")
    vpc, subnets, groups = _network(ec2)
    elasticache.create_cache_subnet_group(CacheSubnetGroupName="cache", CacheSubnetGroupDescription="cache",
                                          SubnetIds=subnets)
    elasticache.create_replication_group(ReplicationGroupId="cache", ReplicationGroupDescription="cache",
                                         Engine="redis", CacheNodeType="cache.t4g.micro", NumCacheClusters=replicas,
                                         CacheSubnetGroupName="cache", SecurityGroupIds=[groups[0]])
    interfaces = _interfaces(ec2, ("vpc-id", vpc), ("requester-managed", "true"))
    members = [f"cache-{n:03d}" for n in range(1, replicas + 1)]
    assert sorted(i["Description"] for i in interfaces) == [f"ElastiCache {member}" for member in members]
    for interface in interfaces:
        assert interface["InterfaceType"] == "interface" and interface["RequesterId"] == "amazon-elasticache"
        assert _groups(interface) == [groups[0]] and _in_subnet(ec2, interface)
    # The members spread over the group's subnets, one zone after the other.
    assert sorted(i["SubnetId"] for i in interfaces) == sorted(subnets[:replicas])

    elasticache.modify_replication_group(ReplicationGroupId="cache", SecurityGroupIds=[groups[1]],
                                         ApplyImmediately=True)
    assert [_groups(i) for i in _interfaces(ec2, ("vpc-id", vpc))] == [[groups[1]]] * replicas

    if replicas > 1:
        elasticache.decrease_replica_count(ReplicationGroupId="cache", NewReplicaCount=0, ApplyImmediately=True)
        assert [i["Description"] for i in _interfaces(ec2, ("vpc-id", vpc))] == ["ElastiCache cache-001"]

    elasticache.delete_replication_group(ReplicationGroupId="cache")
    assert _interfaces(ec2, ("vpc-id", vpc)) == []


def test_a_deleted_cache_cluster_releases_its_interface(fresh_emulator):
    ec2, elasticache = fresh_emulator.client("ec2"), fresh_emulator.client("elasticache")
    vpc, subnets, groups = _network(ec2)
    elasticache.create_cache_subnet_group(CacheSubnetGroupName="cache", CacheSubnetGroupDescription="cache",
                                          SubnetIds=subnets)
    elasticache.create_cache_cluster(CacheClusterId="alone", Engine="redis", CacheNodeType="cache.t4g.micro",
                                     NumCacheNodes=1, CacheSubnetGroupName="cache", SecurityGroupIds=[groups[1]])
    interfaces = _interfaces(ec2, ("group-id", groups[1]))
    assert [(i["Description"], i["SubnetId"]) for i in interfaces] == [("ElastiCache alone", subnets[0])]
    elasticache.delete_cache_cluster(CacheClusterId="alone")
    assert _interfaces(ec2, ("vpc-id", vpc)) == []
