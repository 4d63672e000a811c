"""The floor of the benchmark: a plain boto3 script that creates the stack's resources with no checks at all.

No lookups, no idempotence, no validation: the least any tool can do. The benchmark runs it in the same
invocation as the playbook so the ratios between the two hold on a noisy machine. Each function creates one
role's resources and returns how many resources it made.
"""

REGION = "eu-west-1"
PREFIX = "tickr"


def _tags(name, **extra):
    tags = {"Name": name, "Project": "tickr", "Environment": "local", "ManagedBy": "ansible", **extra}
    return [{"ResourceType": "placeholder", "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}]


def _spec(resource_type, name, **extra):
    spec = _tags(name, **extra)
    spec[0]["ResourceType"] = resource_type
    return spec


def networking(session):
    ec2 = session.client("ec2")
    made = 0
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=_spec("vpc", f"{PREFIX}-vpc"))["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    made += 1
    subnets = {}
    for tier, az, cidr in [("public", "a", "10.0.1.0/24"), ("public", "b", "10.0.2.0/24"),
                           ("private", "a", "10.0.11.0/24"), ("private", "b", "10.0.12.0/24")]:
        name = f"{PREFIX}-{tier}-{REGION}{az}"
        subnets[(tier, az)] = ec2.create_subnet(
            VpcId=vpc, CidrBlock=cidr, AvailabilityZone=REGION + az, TagSpecifications=_spec("subnet", name, Tier=tier)
        )["Subnet"]["SubnetId"]
        made += 1
    igw = ec2.create_internet_gateway(TagSpecifications=_spec("internet-gateway", f"{PREFIX}-igw"))["InternetGateway"]
    ec2.attach_internet_gateway(InternetGatewayId=igw["InternetGatewayId"], VpcId=vpc)
    made += 1
    public = ec2.create_route_table(VpcId=vpc, TagSpecifications=_spec("route-table", f"{PREFIX}-public"))["RouteTable"]
    ec2.create_route(RouteTableId=public["RouteTableId"], DestinationCidrBlock="0.0.0.0/0", GatewayId=igw["InternetGatewayId"])
    for az in "ab":
        ec2.associate_route_table(RouteTableId=public["RouteTableId"], SubnetId=subnets[("public", az)])
    private = []
    for az in "ab":
        table = ec2.create_route_table(VpcId=vpc, TagSpecifications=_spec("route-table", f"{PREFIX}-private-{REGION}{az}"))
        private.append(table["RouteTable"]["RouteTableId"])
        ec2.associate_route_table(RouteTableId=private[-1], SubnetId=subnets[("private", az)])
    made += 3
    groups = {}
    for role in ["alb", "ecs", "rds", "redis", "endpoints"]:
        groups[role] = ec2.create_security_group(
            GroupName=f"{PREFIX}-{role}-sg", Description=f"{PREFIX} {role} security group", VpcId=vpc,
            TagSpecifications=_spec("security-group", f"{PREFIX}-{role}-sg"))["GroupId"]
        made += 1
        everything = [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
        ec2.revoke_security_group_egress(GroupId=groups[role], IpPermissions=everything)

    def tcp(port, **target):
        return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, **target}

    def group(role):
        return {"UserIdGroupPairs": [{"GroupId": groups[role]}]}

    s3_list = ec2.describe_prefix_lists(
        Filters=[{"Name": "prefix-list-name", "Values": [f"com.amazonaws.{REGION}.s3"]}])["PrefixLists"][0]["PrefixListId"]
    ec2.authorize_security_group_ingress(GroupId=groups["alb"], IpPermissions=[
        tcp(80, IpRanges=[{"CidrIp": "0.0.0.0/0"}]), tcp(443, IpRanges=[{"CidrIp": "0.0.0.0/0"}])])
    ec2.authorize_security_group_egress(GroupId=groups["alb"], IpPermissions=[{"IpProtocol": "-1", **group("ecs")}])
    ec2.authorize_security_group_ingress(GroupId=groups["ecs"], IpPermissions=[tcp(3000, **group("alb"))])
    ec2.authorize_security_group_egress(GroupId=groups["ecs"], IpPermissions=[
        tcp(5432, **group("rds")), tcp(6379, **group("redis")), tcp(443, **group("endpoints")),
        tcp(443, PrefixListIds=[{"PrefixListId": s3_list}])])
    ec2.authorize_security_group_ingress(GroupId=groups["rds"], IpPermissions=[tcp(5432, **group("ecs"))])
    ec2.authorize_security_group_ingress(GroupId=groups["redis"], IpPermissions=[tcp(6379, **group("ecs"))])
    ec2.authorize_security_group_ingress(GroupId=groups["endpoints"], IpPermissions=[tcp(443, **group("ecs"))])
    ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.s3", VpcEndpointType="Gateway", RouteTableIds=private)
    made += 1
    for service in ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sns", "monitoring", "xray"]:
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.{service}", VpcEndpointType="Interface",
                                SubnetIds=[subnets[("private", "a")], subnets[("private", "b")]], SecurityGroupIds=[groups["endpoints"]])
        made += 1
    return made


# One function per role of site.yml, in its order; a role without a floor yet is left out of the ratios.
ROLES = {"networking": networking}
