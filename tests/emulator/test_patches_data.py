"""ElastiCache fidelity patches (tools/emulator/patches/elasticache_*), proven over HTTP against the emulator."""

import pytest
from botocore.exceptions import ClientError


def test_cache_parameter_group_lifecycle(fresh_emulator):
    """AWS: a redis7 parameter group holds the family's parameters at their defaults; modify sets them."""
    ec = fresh_emulator.client("elasticache")
    group = ec.create_cache_parameter_group(CacheParameterGroupName="pg", CacheParameterGroupFamily="redis7",
                                            Description="d")["CacheParameterGroup"]
    assert group["CacheParameterGroupFamily"] == "redis7"
    described = ec.describe_cache_parameter_groups(CacheParameterGroupName="pg")["CacheParameterGroups"]
    assert described[0]["Description"] == "d"
    params = {p["ParameterName"]: p for p in ec.describe_cache_parameters(CacheParameterGroupName="pg")["Parameters"]}
    assert params["maxmemory-policy"]["ParameterValue"] == "volatile-lru"
    assert params["timeout"]["ParameterValue"] == "0"
    ec.modify_cache_parameter_group(CacheParameterGroupName="pg", ParameterNameValues=[
        {"ParameterName": "maxmemory-policy", "ParameterValue": "allkeys-lru"},
        {"ParameterName": "timeout", "ParameterValue": "300"}])
    params = {p["ParameterName"]: p for p in ec.describe_cache_parameters(CacheParameterGroupName="pg")["Parameters"]}
    assert params["maxmemory-policy"]["ParameterValue"] == "allkeys-lru"
    assert params["timeout"]["Source"] == "user"
    ec.reset_cache_parameter_group(CacheParameterGroupName="pg", ResetAllParameters=True)
    params = {p["ParameterName"]: p for p in ec.describe_cache_parameters(CacheParameterGroupName="pg")["Parameters"]}
    assert params["timeout"]["ParameterValue"] == "0"
    ec.delete_cache_parameter_group(CacheParameterGroupName="pg")
    with pytest.raises(ClientError, match="CacheParameterGroupNotFound"):
        ec.describe_cache_parameter_groups(CacheParameterGroupName="pg")


@pytest.mark.parametrize("name,value", [("no-such-parameter", "1"), ("maxmemory-policy", "most-lru"), ("timeout", "5")])
def test_cache_parameter_group_rejects_unknown_or_invalid(fresh_emulator, name, value):
    """AWS: InvalidParameterValue for an unknown parameter or a value outside AllowedValues; nothing changes."""
    ec = fresh_emulator.client("elasticache")
    ec.create_cache_parameter_group(CacheParameterGroupName="pg", CacheParameterGroupFamily="redis7", Description="d")
    with pytest.raises(ClientError, match="InvalidParameterValue"):
        ec.modify_cache_parameter_group(CacheParameterGroupName="pg",
                                        ParameterNameValues=[{"ParameterName": name, "ParameterValue": value}])


def _network(emulator):
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.11.0/24", AvailabilityZone="eu-west-1a")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName="redis", Description="r", VpcId=vpc)["GroupId"]
    sg2 = ec2.create_security_group(GroupName="redis2", Description="r", VpcId=vpc)["GroupId"]
    return subnet, sg, sg2


def test_replication_group_members_carry_its_settings(fresh_emulator):
    """AWS: DescribeCacheClusters lists the group's member with its parameter group, security groups, version."""
    ec = fresh_emulator.client("elasticache")
    subnet, sg, sg2 = _network(fresh_emulator)
    ec.create_cache_subnet_group(CacheSubnetGroupName="sn", CacheSubnetGroupDescription="d", SubnetIds=[subnet])
    ec.create_cache_parameter_group(CacheParameterGroupName="pg", CacheParameterGroupFamily="redis7", Description="d")
    group = ec.create_replication_group(
        ReplicationGroupId="rg", ReplicationGroupDescription="d", Engine="redis", EngineVersion="7.1",
        CacheNodeType="cache.t3.micro", NumCacheClusters=1, CacheParameterGroupName="pg", CacheSubnetGroupName="sn",
        SecurityGroupIds=[sg], AtRestEncryptionEnabled=True, TransitEncryptionEnabled=True, AuthToken="a" * 32,
        PreferredMaintenanceWindow="sun:05:00-sun:06:00")["ReplicationGroup"]
    assert group["MemberClusters"] == ["rg-001"]
    cluster = ec.describe_cache_clusters(CacheClusterId="rg-001")["CacheClusters"][0]
    assert cluster["ReplicationGroupId"] == "rg"
    assert cluster["EngineVersion"] == "7.1.0"
    assert cluster["CacheParameterGroup"]["CacheParameterGroupName"] == "pg"
    assert [g["SecurityGroupId"] for g in cluster["SecurityGroups"]] == [sg]
    assert cluster["CacheSubnetGroupName"] == "sn"
    assert cluster["PreferredMaintenanceWindow"] == "sun:05:00-sun:06:00"
    assert cluster["TransitEncryptionEnabled"] is True
    assert cluster["AtRestEncryptionEnabled"] is True
    assert cluster["AuthTokenEnabled"] is True


def test_modify_replication_group_applies_to_members_and_delete_removes(fresh_emulator):
    """AWS: ModifyReplicationGroup changes security groups, parameter group, window; DeleteReplicationGroup removes it."""
    ec = fresh_emulator.client("elasticache")
    subnet, sg, sg2 = _network(fresh_emulator)
    ec.create_cache_subnet_group(CacheSubnetGroupName="sn", CacheSubnetGroupDescription="d", SubnetIds=[subnet])
    ec.create_replication_group(ReplicationGroupId="rg", ReplicationGroupDescription="d", Engine="redis",
                                CacheNodeType="cache.t3.micro", NumCacheClusters=1, CacheSubnetGroupName="sn",
                                SecurityGroupIds=[sg])
    ec.create_cache_parameter_group(CacheParameterGroupName="pg2", CacheParameterGroupFamily="redis7", Description="d")
    ec.modify_replication_group(ReplicationGroupId="rg", SecurityGroupIds=[sg2], CacheParameterGroupName="pg2",
                                PreferredMaintenanceWindow="mon:01:00-mon:02:00", SnapshotWindow="03:00-04:00",
                                ApplyImmediately=True)
    cluster = ec.describe_cache_clusters(CacheClusterId="rg-001")["CacheClusters"][0]
    assert [g["SecurityGroupId"] for g in cluster["SecurityGroups"]] == [sg2]
    assert cluster["CacheParameterGroup"]["CacheParameterGroupName"] == "pg2"
    assert cluster["PreferredMaintenanceWindow"] == "mon:01:00-mon:02:00"
    assert ec.describe_replication_groups(ReplicationGroupId="rg")["ReplicationGroups"][0]["SnapshotWindow"] == "03:00-04:00"
    ec.delete_replication_group(ReplicationGroupId="rg")
    with pytest.raises(ClientError, match="ReplicationGroupNotFound"):
        ec.describe_replication_groups(ReplicationGroupId="rg")
    assert ec.describe_cache_clusters()["CacheClusters"] == []


def test_elasticache_cache_subnet_groups_can_be_deleted(fresh_emulator):
    ec2 = fresh_emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    elasticache = fresh_emulator.client("elasticache")
    elasticache.create_cache_subnet_group(CacheSubnetGroupName="tickr-redis", CacheSubnetGroupDescription="d",
                                          SubnetIds=[subnet])
    elasticache.delete_cache_subnet_group(CacheSubnetGroupName="tickr-redis")
    assert elasticache.describe_cache_subnet_groups()["CacheSubnetGroups"] == []
    with pytest.raises(ClientError, match="CacheSubnetGroupNotFoundFault"):
        elasticache.delete_cache_subnet_group(CacheSubnetGroupName="tickr-redis")


@pytest.mark.parametrize("node_type", ["cache.t3.tiny", "cache.t2.micro", "t3.micro", "cache.r6g.medium"])
def test_replication_group_on_a_node_type_aws_does_not_offer_is_refused(fresh_emulator, node_type):
    """AWS: InvalidParameterValue "Invalid Cache Node Type" for a type it does not offer or no longer creates;
    nothing is created."""
    ec = fresh_emulator.client("elasticache")
    with pytest.raises(ClientError, match=r"InvalidParameterValue.*Invalid Cache Node Type"):
        ec.create_replication_group(ReplicationGroupId="rg", ReplicationGroupDescription="d", Engine="redis",
                                    EngineVersion="7.1", CacheNodeType=node_type, NumCacheClusters=1)
    assert ec.describe_replication_groups()["ReplicationGroups"] == []
    with pytest.raises(ClientError, match=r"InvalidParameterValue.*Invalid Cache Node Type"):
        ec.create_cache_cluster(CacheClusterId="cc", Engine="redis", CacheNodeType=node_type, NumCacheNodes=1)


def test_node_type_offered_is_taken_and_a_modify_to_an_unknown_one_is_refused(fresh_emulator):
    """AWS: a current-generation type creates the group; ModifyReplicationGroup to an unknown type is refused and
    the group keeps its type."""
    ec = fresh_emulator.client("elasticache")
    ec.create_replication_group(ReplicationGroupId="rg", ReplicationGroupDescription="d", Engine="redis",
                                EngineVersion="7.1", CacheNodeType="cache.t4g.micro", NumCacheClusters=1)
    with pytest.raises(ClientError, match=r"InvalidParameterValue.*Invalid Cache Node Type"):
        ec.modify_replication_group(ReplicationGroupId="rg", CacheNodeType="cache.t4g.huge", ApplyImmediately=True)
    [group] = ec.describe_replication_groups(ReplicationGroupId="rg")["ReplicationGroups"]
    assert group["CacheNodeType"] == "cache.t4g.micro"


@pytest.mark.parametrize("name,value", [("lfu-log-factor", "0"), ("active-defrag-cycle-max", "80"),
                                        ("maxclients", "1000"), ("lazyfree-lazy-expire", "maybe")])
def test_cache_parameter_group_rejects_values_outside_the_engines_rules(fresh_emulator, name, value):
    """AWS: InvalidParameterValue for a value outside AllowedValues, or for a parameter it does not let change."""
    ec = fresh_emulator.client("elasticache")
    ec.create_cache_parameter_group(CacheParameterGroupName="pg", CacheParameterGroupFamily="redis7", Description="d")
    with pytest.raises(ClientError, match="InvalidParameterValue"):
        ec.modify_cache_parameter_group(CacheParameterGroupName="pg",
                                        ParameterNameValues=[{"ParameterName": name, "ParameterValue": value}])


def test_cache_parameter_group_takes_every_parameter_the_role_knows(fresh_emulator):
    """AWS: every modifiable redis7 parameter the role accepts is accepted at a valid value."""
    ec = fresh_emulator.client("elasticache")
    ec.create_cache_parameter_group(CacheParameterGroupName="pg", CacheParameterGroupFamily="redis7", Description="d")
    values = {"lfu-log-factor": "10", "lfu-decay-time": "1", "active-defrag-cycle-max": "75",
              "active-defrag-cycle-min": "5", "active-defrag-ignore-bytes": "104857600",
              "active-defrag-threshold-lower": "10", "active-defrag-threshold-upper": "100",
              "lazyfree-lazy-expire": "yes", "lazyfree-lazy-server-del": "no",
              "client-output-buffer-limit-normal-hard-limit": "0", "client-output-buffer-limit-pubsub-hard-limit": "0"}
    ec.modify_cache_parameter_group(CacheParameterGroupName="pg", ParameterNameValues=[
        {"ParameterName": k, "ParameterValue": v} for k, v in values.items()])
    params = {p["ParameterName"]: p["ParameterValue"] for p in ec.describe_cache_parameters(CacheParameterGroupName="pg")["Parameters"]}
    assert {k: params[k] for k in values} == values


# Replicas (elasticache_replication_group_replicas)

def _one_node_group(emulator, nodes=1, **extra):
    ec = emulator.client("elasticache")
    subnet, sg = _network(emulator)[:2]
    ec.create_cache_subnet_group(CacheSubnetGroupName="sn", CacheSubnetGroupDescription="d", SubnetIds=[subnet])
    return ec, ec.create_replication_group(
        ReplicationGroupId="rg", ReplicationGroupDescription="d", Engine="redis", EngineVersion="7.1",
        CacheNodeType="cache.t3.micro", NumCacheClusters=nodes, CacheSubnetGroupName="sn", SecurityGroupIds=[sg],
        **extra)["ReplicationGroup"]


def test_num_cache_clusters_gives_a_primary_and_its_replicas(fresh_emulator):
    ec, group = _one_node_group(fresh_emulator, nodes=2, AutomaticFailoverEnabled=True, MultiAZEnabled=True)
    assert group["MemberClusters"] == ["rg-001", "rg-002"]
    roles = [m["CurrentRole"] for m in group["NodeGroups"][0]["NodeGroupMembers"]]
    assert roles == ["primary", "replica"]
    assert ec.describe_cache_clusters(CacheClusterId="rg-002")["CacheClusters"][0]["ReplicationGroupId"] == "rg"


def test_failover_needs_a_replica_and_multi_az_needs_failover(fresh_emulator):
    ec = _one_node_group(fresh_emulator)[0]
    with pytest.raises(ClientError) as error:
        ec.create_replication_group(ReplicationGroupId="rg2", ReplicationGroupDescription="d", Engine="redis",
                                    CacheNodeType="cache.t3.micro", NumCacheClusters=1, CacheSubnetGroupName="sn",
                                    AutomaticFailoverEnabled=True)
    assert error.value.response["Error"]["Code"] == "InvalidParameterCombination"
    with pytest.raises(ClientError, match="at least one read replica"):
        ec.modify_replication_group(ReplicationGroupId="rg", AutomaticFailoverEnabled=True, ApplyImmediately=True)
    with pytest.raises(ClientError, match="Multi-AZ requires automatic failover"):
        ec.modify_replication_group(ReplicationGroupId="rg", MultiAZEnabled=True, ApplyImmediately=True)


def test_replicas_are_added_and_removed_in_place(fresh_emulator):
    ec = _one_node_group(fresh_emulator)[0]
    group = ec.increase_replica_count(ReplicationGroupId="rg", NewReplicaCount=1, ApplyImmediately=True)["ReplicationGroup"]
    assert group["MemberClusters"] == ["rg-001", "rg-002"]
    ec.modify_replication_group(ReplicationGroupId="rg", AutomaticFailoverEnabled=True, MultiAZEnabled=True,
                                ApplyImmediately=True)
    with pytest.raises(ClientError, match="at least one replica"):
        ec.decrease_replica_count(ReplicationGroupId="rg", NewReplicaCount=0, ApplyImmediately=True)
    ec.modify_replication_group(ReplicationGroupId="rg", AutomaticFailoverEnabled=False, MultiAZEnabled=False,
                                ApplyImmediately=True)
    group = ec.decrease_replica_count(ReplicationGroupId="rg", NewReplicaCount=0, ApplyImmediately=True)["ReplicationGroup"]
    assert group["MemberClusters"] == ["rg-001"]
    assert [c["CacheClusterId"] for c in ec.describe_cache_clusters()["CacheClusters"]] == ["rg-001"]


def test_deleting_a_group_with_a_final_snapshot_keeps_the_snapshot(fresh_emulator):
    ec = _one_node_group(fresh_emulator)[0]
    ec.delete_replication_group(ReplicationGroupId="rg", FinalSnapshotIdentifier="rg-final")
    assert [s["SnapshotName"] for s in ec.describe_snapshots(SnapshotName="rg-final")["Snapshots"]] == ["rg-final"]
