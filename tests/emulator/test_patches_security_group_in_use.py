"""A security group that a network interface is still in cannot be deleted, over HTTP (ec2_security_group_in_use):
the database's group goes once the database, and with it its requester-managed interface, is gone."""

import pytest
from botocore.exceptions import ClientError


def test_a_group_with_an_interface_in_it_cannot_be_deleted_until_its_resource_is_gone(fresh_emulator):
    ec2, rds = fresh_emulator.client("ec2"), fresh_emulator.client("rds")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{n}.0/24", AvailabilityZone=f"eu-west-1{zone}")
               ["Subnet"]["SubnetId"] for n, zone in ((11, "a"), (12, "b"))]
    used, unused = [ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
                    for name in ("used", "unused")]
    rds.create_db_subnet_group(DBSubnetGroupName="db", DBSubnetGroupDescription="db", SubnetIds=subnets)
    rds.create_db_instance(DBInstanceIdentifier="db", DBInstanceClass="db.t3.small", Engine="postgres",
                           AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32,
                           DBSubnetGroupName="db", VpcSecurityGroupIds=[used])

    with pytest.raises(ClientError) as error:
        ec2.delete_security_group(GroupId=used)
    assert error.value.response["Error"]["Code"] == "DependencyViolation"
    assert f"resource {used} has a dependent object" in error.value.response["Error"]["Message"]
    assert [g["GroupId"] for g in ec2.describe_security_groups(GroupIds=[used])["SecurityGroups"]] == [used]

    # A group no interface is in goes at once; the database's goes once the database is deleted.
    ec2.delete_security_group(GroupId=unused)
    rds.delete_db_instance(DBInstanceIdentifier="db", SkipFinalSnapshot=True)
    ec2.delete_security_group(GroupId=used)
    remaining = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"]
    assert [g["GroupName"] for g in remaining] == ["default"]
