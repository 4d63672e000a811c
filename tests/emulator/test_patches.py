"""Each fidelity patch restores an AWS behaviour; these tests state that behaviour over HTTP."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "emulator"))

import patches  # noqa: E402


def test_every_patch_says_what_aws_does():
    for name in patches.names():
        module = __import__(f"patches.{name}", fromlist=["apply"])
        assert "AWS" in (module.__doc__ or "") and "moto" in module.__doc__, name
        assert callable(module.apply), name


def _vpc_and_group(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    group = ec2.create_security_group(GroupName="g", Description="g", VpcId=vpc)["GroupId"]
    return vpc, group


def test_prefix_list_rules_keep_their_description(fresh_emulator):
    ec2 = fresh_emulator.client("ec2")
    group = _vpc_and_group(ec2)[1]
    s3 = ec2.describe_prefix_lists(
        Filters=[{"Name": "prefix-list-name", "Values": ["com.amazonaws.eu-west-1.s3"]}])["PrefixLists"][0]
    ec2.authorize_security_group_egress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
        "PrefixListIds": [{"PrefixListId": s3["PrefixListId"], "Description": "S3 gateway endpoint"}],
    }])
    egress = ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["IpPermissionsEgress"]
    https = [p for p in egress if p.get("FromPort") == 443][0]
    assert https["PrefixListIds"] == [{"PrefixListId": s3["PrefixListId"], "Description": "S3 gateway endpoint"}]


def test_rule_description_updates_return_true(fresh_emulator):
    ec2 = fresh_emulator.client("ec2")
    group = _vpc_and_group(ec2)[1]
    permission = {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[permission])
    ec2.authorize_security_group_egress(GroupId=group, IpPermissions=[permission])
    described = dict(permission, IpRanges=[{"CidrIp": "0.0.0.0/0", "Description": "web"}])
    assert ec2.update_security_group_rule_descriptions_ingress(GroupId=group, IpPermissions=[described])["Return"]
    assert ec2.update_security_group_rule_descriptions_egress(GroupId=group, IpPermissions=[described])["Return"]
