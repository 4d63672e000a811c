"""Shared fixtures: a real moto server over HTTP (with our fidelity patches) and a way to run playbooks on it."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest

ROOT = Path(__file__).resolve().parent.parent
EMULATOR = ROOT / "tools" / "emulator" / "emulator.py"
REGION = "eu-west-1"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Emulator:
    """One moto server of our own for a test session, on a free port, reset between tests that ask."""

    def __init__(self, state_dir):
        self.port = _free_port()
        self.env = dict(
            os.environ,
            TICKR_EMULATOR_PORT=str(self.port),
            TICKR_EMULATOR_STATE=str(state_dir),
            AWS_ENDPOINT_URL=f"http://127.0.0.1:{self.port}",
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            AWS_SESSION_TOKEN="testing",
            ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
        )
        # The region must come from the inventory (module_defaults), as on AWX: none from the environment.
        for name in ("AWS_PROFILE", "AWS_DEFAULT_REGION", "AWS_REGION"):
            self.env.pop(name, None)
        self.url = self.env["AWS_ENDPOINT_URL"]

    def _cli(self, command):
        return subprocess.run(
            [sys.executable, str(EMULATOR), command], env=self.env, check=True, capture_output=True, text=True
        ).stdout.strip()

    def start(self):
        return self._cli("start")

    def stop(self):
        self._cli("stop")

    def reset(self):
        self._cli("reset")

    def maintenance_window(self):
        """Runs the maintenance window: RDS applies what it held for it (patches/rds_pending_modified_values.py)."""
        return self._cli("maintenance-window")

    def client(self, service, region=REGION):
        return boto3.client(
            service,
            region_name=region,
            endpoint_url=self.url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            aws_session_token="testing",
        )


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    emu = Emulator(tmp_path_factory.mktemp("emulator"))
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture
def fresh_emulator(emulator):
    """The session's emulator, emptied: each test starts from an empty account."""
    emulator.reset()
    return emulator


class PlaybookRun:
    def __init__(self, proc, host):
        self.returncode = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.output = proc.stdout + proc.stderr
        self.result = None
        try:
            # raw_decode: the tickr.aws.changes callback prints its list after the JSON document.
            self.result = json.JSONDecoder().raw_decode(proc.stdout[proc.stdout.index("{"):])[0]
        except ValueError:
            pass
        self.stats = (self.result or {}).get("stats", {}).get(host, {})

    @property
    def changed(self):
        return self.stats.get("changed")

    def failure_messages(self):
        messages = []
        for play in (self.result or {}).get("plays", []):
            for task in play.get("tasks", []):
                for res in task.get("hosts", {}).values():
                    if res.get("failed"):
                        messages.append(res.get("msg", ""))
                    for item in res.get("results", []) or []:
                        # ansible-core 2.21 leaves `failed` out of a failed assert's loop items: `evaluated_to` says it.
                        if item.get("failed") or item.get("evaluated_to") is False:
                            messages.append(item.get("msg", ""))
        return messages


@pytest.fixture(scope="session")
def run_playbook():
    """Run a playbook of ours on an inventory and return its JSON result (ansible.posix.json callback)."""

    def run(env, playbook="playbooks/site.yml", inventory="inventories/local", extra=(), host="tickr-local",
            json_output=True):
        run_env = dict(env)
        if json_output:
            run_env["ANSIBLE_STDOUT_CALLBACK"] = "ansible.posix.json"
        proc = subprocess.run(
            [str(Path(sys.executable).parent / "ansible-playbook"), "-i", inventory, playbook, *extra],
            cwd=ROOT,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        return PlaybookRun(proc, host)

    return run


class Proxy:
    """tools/emulator/proxy.py in its own process, between a playbook and the emulator."""

    def __init__(self, emulator, fault_rate=0.0, seed=None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, str(ROOT / "tools" / "emulator" / "proxy.py"), "--upstream", emulator.url,
                "--port", str(self.port), "--fault-rate", str(fault_rate)]
        if seed is not None:
            args += ["--seed", str(seed)]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.env = dict(emulator.env, AWS_ENDPOINT_URL=self.url)
        for _attempt in range(100):
            try:
                self.stats()
                break
            except OSError:
                time.sleep(0.05)

    def _call(self, path, method="GET"):
        request = urllib.request.Request(self.url + path, method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def stats(self):
        return self._call("/_tickr/stats")

    def reset(self):
        return self._call("/_tickr/reset", method="POST")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def proxy_factory(emulator):
    started = []

    def start(fault_rate=0.0, seed=None):
        proxy = Proxy(emulator, fault_rate, seed)
        started.append(proxy)
        return proxy

    yield start
    for proxy in started:
        proxy.stop()


def push_backend_image(emulator, tag="latest", repository="tickr-backend"):
    """Push an image into the stack's ECR repository as a developer does before a first site.yml (docker push),
    creating the repository (site.yml then adopts it); returns the image digest."""
    sys.path.insert(0, str(ROOT / "tools" / "emulator"))
    from push_image import push_image

    return push_image(emulator.client("ecr"), repository, tag, create_repository=True)


def create_data_secrets(emulator, prefix="tickr"):
    """What the rds and redis roles leave behind for the service (staging and production fail without them)."""
    sm = emulator.client("secretsmanager")
    sm.create_secret(Name=f"{prefix}/db/password", SecretString="db-password-from-the-rds-role")
    sm.create_secret(Name=f"{prefix}/redis/auth-token", SecretString="redis-token-from-the-redis-role")


def secret_readers(emulator, name):
    """The aws:PrincipalArn patterns the secret's resource policy lets read its value; fails unless the policy is one
    Deny of GetSecretValue, to every principal, whose only condition is ArnNotLike on aws:PrincipalArn."""
    policy = json.loads(emulator.client("secretsmanager").get_resource_policy(SecretId=name)["ResourcePolicy"])
    [statement] = policy["Statement"]
    assert (statement["Effect"], statement["Principal"], statement["Action"], statement["Resource"]) == (
        "Deny", "*", "secretsmanager:GetSecretValue", "*")
    assert list(statement["Condition"]) == ["ArnNotLike"] and list(statement["Condition"]["ArnNotLike"]) == ["aws:PrincipalArn"]
    return sorted(statement["Condition"]["ArnNotLike"]["aws:PrincipalArn"])


def role_readers(*roles):
    """The patterns that stand for these roles of the emulator's account, at any path."""
    return sorted(p for r in roles for p in (f"arn:aws:iam::123456789012:role/{r}", f"arn:aws:iam::123456789012:role/*/{r}"))


# Who runs the plays on the emulator, as its GetCallerIdentity answers (moto's made-up user).
EMULATOR_CALLER = "arn:aws:sts::123456789012:user/moto"


def service_and_deployment(emulator, cluster="tickr-cluster", service="tickr-backend-service"):
    """The ECS service as DescribeServices gives it, and its PRIMARY deployment."""
    found = emulator.client("ecs").describe_services(cluster=cluster, services=[service])["services"]
    if not found:
        return None, None
    return found[0], next((d for d in found[0].get("deployments", []) if d["status"] == "PRIMARY"), None)


# RDS names its automated snapshots after their creation time (rds:<instance>-2026-11-24-09-21): two runs
# minutes apart hold the same snapshot under different names.
_SNAPSHOT_TIME = re.compile(r"-\d{4}(-\d{2}){4}$")


def _name(tags):
    return {t["Key"]: t["Value"] for t in tags or []}.get("Name")


def account_snapshot(emulator):
    """What the stack's account holds, by name and shape (ids left out), to compare two runs."""
    ec2 = emulator.client("ec2")
    snapshot = {
        "vpcs": sorted((_name(v.get("Tags")), v["CidrBlock"]) for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]),
        "subnets": sorted((_name(s.get("Tags")), s["CidrBlock"], s["AvailabilityZone"])
                          for s in ec2.describe_subnets()["Subnets"] if _name(s.get("Tags"))),
        "internet_gateways": sorted(_name(i.get("Tags")) or "" for i in ec2.describe_internet_gateways()["InternetGateways"]),
        "route_tables": sorted(_name(r.get("Tags")) or "" for r in ec2.describe_route_tables()["RouteTables"] if _name(r.get("Tags"))),
        "vpc_endpoints": sorted(e["ServiceName"] for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]),
        "nat_gateways": sorted(n["State"] for n in ec2.describe_nat_gateways()["NatGateways"] if n["State"] != "deleted"),
        "security_groups": sorted(
            (g["GroupName"], len(g["IpPermissions"]), len(g["IpPermissionsEgress"]))
            for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"),
    }
    tagging = emulator.client("resourcegroupstaggingapi")
    resources = tagging.get_resources()["ResourceTagMappingList"]
    snapshot["tagged"] = sorted(
        (r["ResourceARN"].split(":")[2],
         _name(r.get("Tags")) or _SNAPSHOT_TIME.sub("", r["ResourceARN"].rsplit(":", 1)[-1].split("/")[0]))
        for r in resources)
    secrets = emulator.client("secretsmanager").list_secrets()["SecretList"]
    snapshot["secrets"] = sorted(s["Name"] for s in secrets)
    return snapshot


def stack_leftovers(emulator):
    """Everything of the stack the account still holds, by kind; empty once destroy.yml has run."""
    ec2, rds, elasticache, ecs = (emulator.client(s) for s in ("ec2", "rds", "elasticache", "ecs"))
    cloudwatch, sesv2, cloudfront = (emulator.client(s) for s in ("cloudwatch", "sesv2", "cloudfront"))
    clusters = ecs.describe_clusters(clusters=ecs.list_clusters()["clusterArns"] or ["none"])["clusters"]
    found = {
        "vpcs": [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]],
        "security_groups": [g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]
                            if g["GroupName"] != "default"],
        "vpc_endpoints": [e["VpcEndpointId"] for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
                          if e["State"] != "deleted"],
        "addresses": [a["PublicIp"] for a in ec2.describe_addresses()["Addresses"]],
        "db_instances": [d["DBInstanceIdentifier"] for d in rds.describe_db_instances()["DBInstances"]],
        "db_subnet_groups": [d["DBSubnetGroupName"] for d in rds.describe_db_subnet_groups()["DBSubnetGroups"]],
        "db_parameter_groups": [d["DBParameterGroupName"] for d in rds.describe_db_parameter_groups()["DBParameterGroups"]
                                if not d["DBParameterGroupName"].startswith("default.")],
        "replication_groups": [g["ReplicationGroupId"] for g in elasticache.describe_replication_groups()["ReplicationGroups"]],
        "cache_subnet_groups": [g["CacheSubnetGroupName"]
                                for g in elasticache.describe_cache_subnet_groups()["CacheSubnetGroups"]],
        "secrets": [s["Name"] for s in emulator.client("secretsmanager").list_secrets(IncludePlannedDeletion=True)["SecretList"]],
        "buckets": [b["Name"] for b in emulator.client("s3").list_buckets()["Buckets"]],
        # AWS keeps deleted clusters and deregistered task definitions visible as INACTIVE for a while.
        "ecs_clusters": [c["clusterName"] for c in clusters if c.get("status") == "ACTIVE"],
        "task_definitions": ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"],
        "scalable_targets": [t["ResourceId"] for t in emulator.client("application-autoscaling").describe_scalable_targets(
            ServiceNamespace="ecs")["ScalableTargets"]],
        "repositories": [r["repositoryName"] for r in emulator.client("ecr").describe_repositories()["repositories"]],
        "load_balancers": [lb["LoadBalancerName"] for lb in emulator.client("elbv2").describe_load_balancers()["LoadBalancers"]],
        "target_groups": [t["TargetGroupName"] for t in emulator.client("elbv2").describe_target_groups()["TargetGroups"]],
        # CloudFront takes its certificates from us-east-1 only (roles/cdn).
        "certificates": [c["DomainName"] for region in ("eu-west-1", "us-east-1")
                         for c in emulator.client("acm", region).list_certificates()["CertificateSummaryList"]],
        "distributions": [d["Id"] for d in cloudfront.list_distributions()["DistributionList"].get("Items", [])],
        "origin_access_controls": [o["Name"] for o in cloudfront.list_origin_access_controls()
                                   ["OriginAccessControlList"].get("Items", [])],
        "roles": [r["RoleName"] for r in emulator.client("iam").list_roles()["Roles"]
                  if not r["Path"].startswith("/aws-service-role/")],
        "log_groups": [g["logGroupName"] for g in emulator.client("logs").describe_log_groups()["logGroups"]],
        "alarms": [a["AlarmName"] for a in cloudwatch.describe_alarms()["MetricAlarms"]],
        "dashboards": [d["DashboardName"] for d in cloudwatch.list_dashboards()["DashboardEntries"]],
        "topics": [t["TopicArn"] for t in emulator.client("sns").list_topics()["Topics"]],
        "budgets": [b["BudgetName"] for b in emulator.client("budgets", "us-east-1").describe_budgets(
            AccountId="123456789012").get("Budgets", [])],
        # X-Ray's Default rule belongs to every account.
        "sampling_rules": [r["SamplingRule"]["RuleName"] for r in emulator.client("xray").get_sampling_rules()["SamplingRuleRecords"]
                           if r["SamplingRule"]["RuleName"] != "Default"],
        "email_identities": [i["IdentityName"] for i in sesv2.list_email_identities()["EmailIdentities"]],
        "configuration_sets": sesv2.list_configuration_sets()["ConfigurationSets"],
        "email_templates": [t["TemplateName"] for t in sesv2.list_email_templates()["TemplatesMetadata"]],
    }
    return {kind: names for kind, names in found.items() if names}
