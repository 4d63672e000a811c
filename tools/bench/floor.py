"""The floor of the benchmark: a plain boto3 script that creates the stack's resources with no checks at all.

No idempotence, no validation, no lookups but of what AWS alone knows (the S3 prefix list's id, the database's
and cache's endpoints once available, the certificate's issue): the least any tool can do. The benchmark runs it
in the same invocation as the playbook so the ratios between the two hold on a noisy machine. One function per role of
playbooks/site.yml, in its order (cdn is off by default and has none); each creates what its role creates, with
the same names and values, and returns how many resources it made. ``stack`` carries what a function made that
a later one needs (ids, ARNs), as the play's tickr_* facts do between roles.

Only the calls are timed: the clients are made once beforehand (``Clients``), and a wait the converge does not pay
in full is left out, its seconds in ``stack["untimed_seconds"]``: the certificate's issue, which the converge overlaps
with the rest of its role. The waits it pays too stay in: IAM's propagation before RDS takes the monitoring role
(the converge retries after a delay of its own), the database's and cache's availability.

A resource is an object with its own id or ARN, created by a call of its own and deletable on its own: a VPC, a
subnet, a secret, a DB instance, a log group, a listener, an alarm... Settings of an object are not counted, even
when a call of their own writes them: attributes, tags, rules, routes, associations and attachments, inline and
managed policies, a bucket's encryption, lifecycle, CORS, public access block and policy, account preferences.
"""

import json
import secrets
import string
import time
from pathlib import Path

import jinja2

REGION = "eu-west-1"
PREFIX = "tickr"
TAGS = {"Project": "tickr", "Environment": "local", "ManagedBy": "ansible"}
ROLES_DIR = Path(__file__).resolve().parents[2] / "roles"


# The collector's configuration, as the ecs_service role writes it (roles/ecs_service/vars/main.yml).
OTEL_COLLECTOR_CONFIG = {
    "extensions": {"health_check": {}, "awsproxy": {"endpoint": "0.0.0.0:2000", "region": REGION}},
    "receivers": {"otlp": {"protocols": {"grpc": {"endpoint": "0.0.0.0:4317"}, "http": {"endpoint": "0.0.0.0:4318"}}}},
    "processors": {"resourcedetection": {"detectors": ["env", "ecs"]}, "batch/traces": {"timeout": "1s", "send_batch_size": 50}},
    "exporters": {"awsxray": {"region": REGION}},
    "service": {"extensions": ["health_check", "awsproxy"], "pipelines": {"traces": {
        "receivers": ["otlp"], "processors": ["resourcedetection", "batch/traces"], "exporters": ["awsxray"]}}},
}


def _tags(name, **extra):
    tags = {"Name": name, **TAGS, **extra}
    return [{"ResourceType": "placeholder", "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}]


def _spec(resource_type, name, **extra):
    spec = _tags(name, **extra)
    spec[0]["ResourceType"] = resource_type
    return spec


def _tag_list(key="Key", value="Value", **extra):
    return [{key: k, value: v} for k, v in {**TAGS, **extra}.items()]


def _password(length):
    # As the roles' password lookup: letters and digits (RDS and ElastiCache refuse / @ " and spaces).
    return "".join(secrets.choice(string.ascii_letters + string.digits) for position in range(length))


def _trust(service):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})


def _until(read, ready, delay, timeout=1800):
    """Read until ready, only where AWS needs it for the next call: an endpoint exists once its instance is
    available, a listener takes an issued certificate. No sleep when the first read is ready (moto: instant)."""
    deadline = time.monotonic() + timeout
    while not ready(result := read()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still not ready after {timeout} s: {result}")
        time.sleep(delay)
    return result


# Every client the floor uses, made once before it is timed: a module run makes its own, but the floor is the least
# any tool can do, and botocore's first client of a service costs more than the calls it makes here.
SERVICES = (("ec2", REGION), ("rds", REGION), ("iam", REGION), ("secretsmanager", REGION), ("logs", REGION),
            ("elasticache", REGION), ("s3", REGION), ("sesv2", REGION), ("sns", REGION), ("acm", REGION), ("ecs", REGION),
            ("elbv2", REGION), ("ecr", REGION), ("application-autoscaling", REGION), ("cloudwatch", REGION), ("xray", REGION),
            ("budgets", "us-east-1"))


class Clients:
    """boto3 clients by service and region, all made at once; ``client`` hands out the same one each time."""

    def __init__(self, session, services=SERVICES):
        self._made = {(name, region): session.client(name, region_name=region) for name, region in services}

    def client(self, name, region_name=REGION):
        return self._made[(name, region_name)]


def networking(aws, stack):
    ec2 = aws.client("ec2")
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
    for service in ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "email", "sns", "monitoring", "xray"]:
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.{service}", VpcEndpointType="Interface",
                                SubnetIds=[subnets[("private", "a")], subnets[("private", "b")]], SecurityGroupIds=[groups["endpoints"]])
        made += 1
    stack.update(vpc=vpc, groups=groups, public_subnets=[subnets[("public", az)] for az in "ab"],
                 private_subnets=[subnets[("private", az)] for az in "ab"])
    return made


def rds(aws, stack):
    """Secret, DB subnet group, parameter group, Enhanced Monitoring role, the log group RDS exports to, instance: 6."""
    client, iam = aws.client("rds"), aws.client("iam")
    password = _password(32)
    stack["db_secret"] = aws.client("secretsmanager").create_secret(
        Name=f"{PREFIX}/db/password", Description=f"Master password of the {PREFIX}-postgres PostgreSQL instance",
        SecretString=password, Tags=_tag_list())["ARN"]
    client.create_db_subnet_group(DBSubnetGroupName=f"{PREFIX}-db", DBSubnetGroupDescription=f"{PREFIX} database subnets (private)",
                                  SubnetIds=stack["private_subnets"], Tags=_tag_list())
    client.create_db_parameter_group(DBParameterGroupName=f"{PREFIX}-postgres15", DBParameterGroupFamily="postgres15",
                                     Description=f"{PREFIX} PostgreSQL 15 parameters", Tags=_tag_list())
    client.modify_db_parameter_group(DBParameterGroupName=f"{PREFIX}-postgres15", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "pending-reboot"}])
    role = iam.create_role(RoleName=f"{PREFIX}-rds-monitoring", Description="Lets RDS publish Enhanced Monitoring metrics to CloudWatch Logs",
                           AssumeRolePolicyDocument=_trust("monitoring.rds.amazonaws.com"), Tags=_tag_list())["Role"]["Arn"]
    iam.attach_role_policy(RoleName=f"{PREFIX}-rds-monitoring", PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole")
    aws.client("logs").create_log_group(logGroupName=f"/aws/rds/instance/{PREFIX}-postgres/postgresql", tags=TAGS)
    aws.client("logs").put_retention_policy(logGroupName=f"/aws/rds/instance/{PREFIX}-postgres/postgresql", retentionInDays=7)
    create = dict(
        DBInstanceIdentifier=f"{PREFIX}-postgres", Engine="postgres", EngineVersion="15.15", DBInstanceClass="db.t3.small",
        AllocatedStorage=20, MaxAllocatedStorage=100, StorageType="gp3", StorageEncrypted=True, DBName="tickr", Port=5432,
        MasterUsername="tickr", MasterUserPassword=password, DBSubnetGroupName=f"{PREFIX}-db", DBParameterGroupName=f"{PREFIX}-postgres15",
        VpcSecurityGroupIds=[stack["groups"]["rds"]], PubliclyAccessible=False, MultiAZ=False, BackupRetentionPeriod=7,
        PreferredBackupWindow="03:00-04:00", PreferredMaintenanceWindow="sun:04:00-sun:05:00", MonitoringInterval=60,
        MonitoringRoleArn=role, EnablePerformanceInsights=True, EnableCloudwatchLogsExports=["postgresql"], CopyTagsToSnapshot=True,
        DeletionProtection=False, CACertificateIdentifier="rds-ca-rsa2048-g1", Tags=_tag_list())
    # IAM propagates a new role within seconds; RDS refuses it until then, and the converge waits for it too.
    for attempt in range(30):
        try:
            client.create_db_instance(**create)
            break
        except client.exceptions.ClientError as error:
            if "ENHANCED_MONITORING" not in str(error) or attempt == 29:
                raise
            time.sleep(1)
    return 6


def redis(aws, stack):
    """Secret, cache subnet group, parameter group, replication group: 4 (its member cluster is AWS's doing)."""
    client = aws.client("elasticache")
    token = _password(32)
    stack["redis_secret"] = aws.client("secretsmanager").create_secret(
        Name=f"{PREFIX}/redis/auth-token", Description=f"AUTH token of the {PREFIX}-redis Redis replication group",
        SecretString=token, Tags=_tag_list())["ARN"]
    client.create_cache_subnet_group(CacheSubnetGroupName=f"{PREFIX}-redis", CacheSubnetGroupDescription=f"{PREFIX} Redis subnets (private)",
                                     SubnetIds=stack["private_subnets"])
    client.create_cache_parameter_group(CacheParameterGroupName=f"{PREFIX}-redis7", CacheParameterGroupFamily="redis7",
                                        Description=f"{PREFIX} Redis redis7 parameters")
    client.modify_cache_parameter_group(CacheParameterGroupName=f"{PREFIX}-redis7", ParameterNameValues=[
        {"ParameterName": "maxmemory-policy", "ParameterValue": "allkeys-lru"}, {"ParameterName": "timeout", "ParameterValue": "300"}])
    client.create_replication_group(
        ReplicationGroupId=f"{PREFIX}-redis", ReplicationGroupDescription=f"{PREFIX} Redis (sessions, rate limits, cache)", Engine="redis",
        EngineVersion="7.1", CacheNodeType="cache.t3.micro", NumCacheClusters=1, CacheParameterGroupName=f"{PREFIX}-redis7",
        CacheSubnetGroupName=f"{PREFIX}-redis", SecurityGroupIds=[stack["groups"]["redis"]], Port=6379, AtRestEncryptionEnabled=True,
        TransitEncryptionEnabled=True, AuthToken=token, SnapshotRetentionLimit=0, AutomaticFailoverEnabled=False, MultiAZEnabled=False,
        Tags=_tag_list())
    return 4


def s3_bucket(aws, stack):
    """The bucket: 1. No versioning call: a new bucket has none, as the spec wants (the role's module sends none either)."""
    s3, bucket = aws.client("s3"), f"{PREFIX}-event-images"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}, ObjectOwnership="BucketOwnerEnforced")
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": _tag_list()})
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [{
        "ID": "Archive old images", "Filter": {"Prefix": ""}, "Status": "Enabled", "Transitions": [{"Days": 90, "StorageClass": "GLACIER"}]}]})
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [{
        "AllowedOrigins": ["https://tickr.tn"], "AllowedMethods": ["GET", "PUT", "POST"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 3600}]})
    return 1


def ses(aws, stack):
    """Three identities, the configuration set, six templates: 10 (the event destination and the SMS
    preferences are settings)."""
    client = aws.client("sesv2")
    # A domain created without DkimSigningAttributes gets Easy DKIM (tokens, signing on): the role's dkim: true.
    for identity in ["tickr.tn", "noreply@tickr.tn", "support@tickr.tn"]:
        client.create_email_identity(EmailIdentity=identity)
    name = f"{PREFIX}-transactional"
    client.create_configuration_set(ConfigurationSetName=name, Tags=_tag_list())
    client.create_configuration_set_event_destination(ConfigurationSetName=name, EventDestinationName="cloudwatch", EventDestination={
        "Enabled": True, "MatchingEventTypes": ["BOUNCE", "COMPLAINT"], "CloudWatchDestination": {"DimensionConfigurations": [
            {"DimensionName": "ses:configuration-set", "DimensionValueSource": "MESSAGE_TAG", "DefaultDimensionValue": name}]}})
    # The role's template files, stripped at the end as Ansible's file lookup does; French keeps the plain name.
    for template in ["ticket-confirmation", "event-published", "refund-completed"]:
        for language in ["fr", "en"]:
            folder = ROLES_DIR / "ses" / "files" / "templates" / template / language
            subject, html, text = ((folder / part).read_text().rstrip() for part in ["subject.txt", "body.html", "body.txt"])
            client.create_email_template(TemplateName=template if language == "fr" else f"{template}-{language}",
                                         TemplateContent={"Subject": subject, "Html": html, "Text": text})
    aws.client("sns").set_sms_attributes(attributes={"DefaultSMSType": "Transactional", "MonthlySpendLimit": "1", "DefaultSenderID": "TICKR"})
    return 10


def ecs_service(aws, stack):
    """Repository, pull through cache rule, JWT secret, two roles, log group, certificate, target group, ALB, two
    listeners, cluster, task definition, service, scalable target, two scaling policies: 18. The backend's image is
    pushed beforehand, as make deploy does."""
    acm, ecs, elb, iam = aws.client("acm"), aws.client("ecs"), aws.client("elbv2"), aws.client("iam")
    # Requested first: ACM issues it after a while (the emulator: 5 s), and only the HTTPS listener needs to wait.
    certificate = acm.request_certificate(DomainName="api.tickr.tn", ValidationMethod="DNS",
                                          Tags=_tag_list(Name="api.tickr.tn"))["CertificateArn"]
    # The task definition names the database and cache hosts: AWS gives an endpoint once available (site.yml waits too).
    environment = {"NODE_ENV": "production", "PORT": "3000", "AWS_REGION": REGION}
    if "db_secret" in stack:
        db = _until(lambda: aws.client("rds").describe_db_instances(DBInstanceIdentifier=f"{PREFIX}-postgres")["DBInstances"][0],
                    lambda instance: instance["DBInstanceStatus"] == "available", 15)
        environment.update(DB_HOST=db["Endpoint"]["Address"], DB_PORT="5432", DB_NAME="tickr", DB_USER="tickr")
    if "redis_secret" in stack:
        cache = _until(lambda: aws.client("elasticache").describe_replication_groups(
            ReplicationGroupId=f"{PREFIX}-redis")["ReplicationGroups"][0], lambda group: group["Status"] == "available", 15)
        environment.update(REDIS_HOST=cache["NodeGroups"][0]["PrimaryEndpoint"]["Address"], REDIS_PORT="6379")
    environment.update(S3_BUCKET=f"{PREFIX}-event-images", SES_CONFIGURATION_SET=f"{PREFIX}-transactional",
                       OTEL_SERVICE_NAME=f"{PREFIX}-backend", OTEL_EXPORTER_OTLP_ENDPOINT="http://localhost:4318",
                       OTEL_EXPORTER_OTLP_PROTOCOL="http/protobuf", OTEL_PROPAGATORS="tracecontext,baggage,xray")

    # The repository holds the pushed image already (bench.py pushes it first, as make deploy does): its settings.
    ecr = aws.client("ecr")
    repository = ecr.put_image_scanning_configuration(
        repositoryName=f"{PREFIX}-backend", imageScanningConfiguration={"scanOnPush": True})["registryId"]
    repository = f"{repository}.dkr.ecr.{REGION}.amazonaws.com/{PREFIX}-backend"
    ecr.put_lifecycle_policy(repositoryName=f"{PREFIX}-backend", lifecyclePolicyText=json.dumps({"rules": [{
        "rulePriority": 1, "description": "Expire untagged images after 14 days", "action": {"type": "expire"},
        "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}}]}))
    ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
    stack["jwt_secret"] = aws.client("secretsmanager").create_secret(
        Name=f"{PREFIX}/jwt/secret", Description="JWT signing secret of the Tickr backend", SecretString=_password(64), Tags=_tag_list())["ARN"]
    # Without the rds or redis role, their secrets are left out, as ecs_service_missing_secrets: warn does.
    app_secrets = [{"name": env, "valueFrom": stack[key]} for env, key in
                   [("DB_PASSWORD", "db_secret"), ("JWT_SECRET", "jwt_secret"), ("REDIS_AUTH_TOKEN", "redis_secret")] if key in stack]

    execution = iam.create_role(RoleName="ecsTaskExecutionRole", Description=f"ECS task execution role of {PREFIX}-backend",
                                AssumeRolePolicyDocument=_trust("ecs-tasks.amazonaws.com"), Tags=_tag_list())["Role"]["Arn"]
    partition, account = execution.split(":")[1], execution.split(":")[4]
    iam.attach_role_policy(RoleName="ecsTaskExecutionRole",
                           PolicyArn=f"arn:{partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    iam.put_role_policy(RoleName="ecsTaskExecutionRole", PolicyName=f"{PREFIX}-backend-secrets", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Sid": "ReadTheAppSecrets", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                                                "Resource": [s["valueFrom"] for s in app_secrets]}]}))
    iam.put_role_policy(RoleName="ecsTaskExecutionRole", PolicyName=f"{PREFIX}-backend-pull-through-cache", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Sid": "PullThroughCache", "Effect": "Allow",
                                                "Action": ["ecr:CreateRepository", "ecr:BatchImportUpstreamImage"],
                                                "Resource": f"arn:{partition}:ecr:{REGION}:{account}:repository/ecr-public/*"}]}))
    task_role = iam.create_role(RoleName="tickrBackendTaskRole", Description=f"What the {PREFIX}-backend application may do",
                                AssumeRolePolicyDocument=_trust("ecs-tasks.amazonaws.com"), Tags=_tag_list())["Role"]["Arn"]
    ses_arn = f"arn:{partition}:ses:{REGION}:{account}"
    iam.put_role_policy(RoleName="tickrBackendTaskRole", PolicyName=f"{PREFIX}-backend-app", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Sid": "PutEventImages", "Effect": "Allow", "Action": "s3:PutObject", "Resource": f"arn:{partition}:s3:::{PREFIX}-event-images/*"},
            {"Sid": "SendTemplatedEmailThroughTheConfigurationSet", "Effect": "Allow", "Action": "ses:SendTemplatedEmail",
             "Resource": [f"{ses_arn}:identity/tickr.tn", f"{ses_arn}:identity/noreply@tickr.tn", f"{ses_arn}:identity/support@tickr.tn",
                          f"{ses_arn}:template/*", f"{ses_arn}:configuration-set/{PREFIX}-transactional"]},
            {"Sid": "PublishSms", "Effect": "Allow", "Action": "sns:Publish", "Resource": "*"},
            {"Sid": "PutTickrMetrics", "Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*",
             "Condition": {"StringEquals": {"cloudwatch:namespace": "Tickr"}}},
            {"Sid": "SendXRaySegments", "Effect": "Allow", "Resource": "*",
             "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]}]}))

    logs, log_group = aws.client("logs"), f"/ecs/{PREFIX}-backend"
    logs.create_log_group(logGroupName=log_group, tags=TAGS)
    logs.put_retention_policy(logGroupName=log_group, retentionInDays=7)
    stack["log_groups"] = [log_group]

    def awslogs(prefix):
        return {"logDriver": "awslogs", "options": {"awslogs-group": log_group, "awslogs-region": REGION, "awslogs-stream-prefix": prefix}}

    task_definition = ecs.register_task_definition(
        family=f"{PREFIX}-backend", taskRoleArn=task_role, executionRoleArn=execution, networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
        # community.aws.ecs_taskdefinition's default, sent by the role.
        runtimePlatform={"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"}, containerDefinitions=[
            {"name": "backend", "image": f"{repository}:latest", "essential": True, "portMappings": [{"containerPort": 3000, "protocol": "tcp"}],
             "environment": [{"name": k, "value": v} for k, v in environment.items()], "secrets": app_secrets, "logConfiguration": awslogs("ecs"),
             "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:3000/health || exit 1"], "interval": 30, "timeout": 5,
                             "retries": 3, "startPeriod": 60},
             "dependsOn": [{"containerName": "aws-otel-collector", "condition": "START"}]},
            {"name": "aws-otel-collector", "image": f"{repository.split('/', maxsplit=1)[0]}/ecr-public/aws-observability/aws-otel-collector:v0.50.0",
             "essential": False, "cpu": 64, "memoryReservation": 256, "command": ["--config=env:OTEL_COLLECTOR_CONFIG"],
             "environment": [{"name": "OTEL_COLLECTOR_CONFIG", "value": json.dumps(OTEL_COLLECTOR_CONFIG)}],
             "healthCheck": {"command": ["/healthcheck"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10},
             "logConfiguration": awslogs("otel-collector")}],
    )["taskDefinition"]["taskDefinitionArn"]

    target_group = elb.create_target_group(
        Name=f"{PREFIX}-backend-tg", Protocol="HTTP", Port=3000, VpcId=stack["vpc"], TargetType="ip", HealthCheckProtocol="HTTP",
        HealthCheckPath="/health", HealthCheckPort="traffic-port", Matcher={"HttpCode": "200"}, Tags=_tag_list())["TargetGroups"][0]["TargetGroupArn"]
    stack["alb"] = elb.create_load_balancer(
        Name=f"{PREFIX}-alb", Type="application", Scheme="internet-facing", Subnets=stack["public_subnets"],
        SecurityGroups=[stack["groups"]["alb"]], Tags=_tag_list())["LoadBalancers"][0]["LoadBalancerArn"]
    elb.create_listener(LoadBalancerArn=stack["alb"], Protocol="HTTP", Port=80, DefaultActions=[{"Type": "redirect", "RedirectConfig": {
        "Protocol": "HTTPS", "Port": "443", "Host": "#{host}", "Path": "/#{path}", "Query": "#{query}", "StatusCode": "HTTP_301"}}])
    ecs.create_cluster(clusterName=f"{PREFIX}-cluster", settings=[{"name": "containerInsights", "value": "enabled"}])
    # A listener takes an issued certificate only; the service needs the target group behind a listener.
    # The converge requests it first in its role and issues enough module runs meanwhile that it is issued when its
    # listener needs it; this script is faster than the emulator's 5 s issue, so that wait is left out of its time.
    started = time.monotonic()
    _until(lambda: acm.describe_certificate(CertificateArn=certificate)["Certificate"]["Status"], lambda status: status != "PENDING_VALIDATION", 1)
    stack["untimed_seconds"] = stack.get("untimed_seconds", 0.0) + time.monotonic() - started
    elb.create_listener(LoadBalancerArn=stack["alb"], Protocol="HTTPS", Port=443, SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                        Certificates=[{"CertificateArn": certificate}], DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}])
    ecs.create_service(
        cluster=f"{PREFIX}-cluster", serviceName=f"{PREFIX}-backend-service", taskDefinition=task_definition, launchType="FARGATE",
        desiredCount=2, deploymentController={"type": "ECS"}, deploymentConfiguration={
            "minimumHealthyPercent": 100, "maximumPercent": 200, "deploymentCircuitBreaker": {"enable": True, "rollback": True}},
        networkConfiguration={"awsvpcConfiguration": {"subnets": stack["private_subnets"], "securityGroups": [stack["groups"]["ecs"]],
                                                      "assignPublicIp": "DISABLED"}},
        loadBalancers=[{"targetGroupArn": target_group, "containerName": "backend", "containerPort": 3000}],
        healthCheckGracePeriodSeconds=60, propagateTags="SERVICE", tags=_tag_list("key", "value"))

    scaling = aws.client("application-autoscaling")
    target = {"ServiceNamespace": "ecs", "ResourceId": f"service/{PREFIX}-cluster/{PREFIX}-backend-service",
              "ScalableDimension": "ecs:service:DesiredCount"}
    scaling.register_scalable_target(MinCapacity=2, MaxCapacity=10, **target)
    for name, metric, value in [("cpu", "ECSServiceAverageCPUUtilization", 70.0), ("memory", "ECSServiceAverageMemoryUtilization", 80.0)]:
        scaling.put_scaling_policy(PolicyName=f"{PREFIX}-backend-service-{name}", PolicyType="TargetTrackingScaling", **target,
                                   TargetTrackingScalingPolicyConfiguration={
                                       "TargetValue": value, "PredefinedMetricSpecification": {"PredefinedMetricType": metric},
                                       "ScaleOutCooldown": 60, "ScaleInCooldown": 300})
    return 18


def monitoring(aws, stack):
    """Topic, subscription, log groups (those ecs_service did not make), five alarms (four without the ALB),
    dashboard, sampling rule, budget: 10 after ecs_service."""
    sns, logs, cloudwatch = aws.client("sns"), aws.client("logs"), aws.client("cloudwatch")
    topic = sns.create_topic(Name=f"{PREFIX}-alerts", Attributes={"DisplayName": "TICKR alerts"}, Tags=_tag_list())["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="ops@tickr.tn")
    made = 2
    for group in [f"/ecs/{PREFIX}-backend"]:
        if group not in stack.get("log_groups", []):  # not a lookup: what this script made, /ecs/... by ecs_service
            logs.create_log_group(logGroupName=group, tags=TAGS)
            logs.put_retention_policy(logGroupName=group, retentionInDays=7)
            made += 1

    actions = {"AlarmActions": [topic], "OKActions": [topic], "EvaluationPeriods": 1}
    ecs = [{"Name": "ClusterName", "Value": f"{PREFIX}-cluster"}, {"Name": "ServiceName", "Value": f"{PREFIX}-backend-service"}]
    db = [{"Name": "DBInstanceIdentifier", "Value": f"{PREFIX}-postgres"}]
    for suffix, description, namespace, metric, statistic, dimensions, comparison, threshold in [
            ("ecs-cpu-high", "ECS backend service average CPU above 80 % for 5 minutes", "AWS/ECS", "CPUUtilization", "Average", ecs,
             "GreaterThanThreshold", 80.0),
            ("rds-cpu-high", "RDS CPU above 90 % for 5 minutes", "AWS/RDS", "CPUUtilization", "Average", db, "GreaterThanThreshold", 90.0),
            ("rds-free-storage-low", "RDS free storage below 2 GiB", "AWS/RDS", "FreeStorageSpace", "Minimum", db, "LessThanThreshold",
             2.0 * 1024 ** 3)]:
        cloudwatch.put_metric_alarm(AlarmName=f"{PREFIX}-{suffix}", AlarmDescription=description, Namespace=namespace, MetricName=metric,
                                    Statistic=statistic, Dimensions=dimensions, Period=300, ComparisonOperator=comparison,
                                    Threshold=threshold, TreatMissingData="missing", **actions)
        made += 1

    def summed(query_id, namespace, metric, dimensions=()):
        return {"Id": query_id, "ReturnData": False, "MetricStat": {
            "Metric": {"Namespace": namespace, "MetricName": metric, "Dimensions": list(dimensions)}, "Period": 300, "Stat": "Sum"}}

    # The ALB's metrics dimension, app/<name>/<id>; without the ALB the role leaves its alarm and widgets out.
    alb = stack["alb"].split(":loadbalancer/")[1] if "alb" in stack else ""
    if alb:
        lb = [{"Name": "LoadBalancer", "Value": alb}]
        cloudwatch.put_metric_alarm(
            AlarmName=f"{PREFIX}-api-error-rate-high", ComparisonOperator="GreaterThanThreshold", Threshold=5.0, TreatMissingData="notBreaching",
            AlarmDescription="More than 5 % of the API's requests answered 5XX (ALB and targets) over 5 minutes", **actions, Metrics=[
                {"Id": "error_rate", "Expression": "100 * (FILL(elb_5xx, 0) + FILL(target_5xx, 0)) / requests", "Label": "API error rate (%)",
                 "ReturnData": True},
                summed("elb_5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lb),
                summed("target_5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", lb),
                summed("requests", "AWS/ApplicationELB", "RequestCount", lb)])
        made += 1
    cloudwatch.put_metric_alarm(
        AlarmName=f"{PREFIX}-payment-success-rate-low", ComparisonOperator="LessThanThreshold", Threshold=90.0, TreatMissingData="notBreaching",
        AlarmDescription="Less than 90 % of payments succeeded over 5 minutes", **actions, Metrics=[
            {"Id": "success_rate", "Expression": "100 * succeeded / (succeeded + FILL(failed, 0))", "Label": "Payment success rate (%)",
             "ReturnData": True},
            summed("succeeded", "Tickr", "PaymentsSucceeded"), summed("failed", "Tickr", "PaymentsFailed")])
    made += 1

    # The role's own dashboard template, rendered with the role's values: the same body, not a copy to keep in step.
    template = jinja2.Environment()
    template.filters["to_json"] = json.dumps
    body = template.from_string((ROLES_DIR / "monitoring" / "templates" / "dashboard.json.j2").read_text()).render(
        tickr_region=REGION, __monitoring_alb_dimension=alb, monitoring_ecs_cluster_name=f"{PREFIX}-cluster",
        monitoring_ecs_service_name=f"{PREFIX}-backend-service", monitoring_rds_instance_id=f"{PREFIX}-postgres",
        monitoring_redis_cluster_id=f"{PREFIX}-redis-001", monitoring_metrics_namespace="Tickr", monitoring_metric_tickets_sold="TicketsSold",
        monitoring_metric_revenue="Revenue", monitoring_alarm_period=300)
    cloudwatch.put_dashboard(DashboardName=f"{PREFIX}-platform", DashboardBody=body)
    aws.client("xray").create_sampling_rule(SamplingRule={
        "RuleName": f"{PREFIX}-backend", "Priority": 1000, "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": f"{PREFIX}-backend",
        "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "ResourceARN": "*", "Version": 1})

    def alert(kind, threshold):
        return {"Notification": {"NotificationType": kind, "ComparisonOperator": "GREATER_THAN", "Threshold": threshold, "ThresholdType": "PERCENTAGE"},
                "Subscribers": [{"SubscriptionType": "EMAIL", "Address": "ops@tickr.tn"}]}

    # Budgets answers in us-east-1 only, as the role's module asks it; the account is the topic's.
    aws.client("budgets", region_name="us-east-1").create_budget(
        AccountId=topic.split(":")[4], Budget={"BudgetName": f"{PREFIX}-monthly-cost", "BudgetType": "COST", "TimeUnit": "MONTHLY",
                                               "BudgetLimit": {"Amount": "150.0", "Unit": "USD"}},
        NotificationsWithSubscribers=[alert("ACTUAL", 80.0), alert("FORECASTED", 100.0)])
    return made + 3


# One function per role of site.yml, in its order (cdn: off by default, no floor).
ROLES = {"networking": networking, "rds": rds, "redis": redis, "s3_bucket": s3_bucket, "ses": ses, "ecs_service": ecs_service,
         "monitoring": monitoring}
# What a role's floor takes from another's (ids in ``stack``); the playbook needs it built too on a fresh emulator.
NEEDS = {"rds": ["networking"], "redis": ["networking"], "ecs_service": ["networking"]}
