"""ECS starts a Fargate service's tasks only when their images, logs and secrets are reachable; deployments follow.

AWS: ``CreateService``, and ``UpdateService`` changing the task definition, the network configuration, the
platform version or the load balancers, or with ``forceNewDeployment``, start a deployment (``deployments[]``, ``ecs-svc/<id>``); a new
``desiredCount`` scales the current one. A Fargate task (platform 1.4.0) starts only when, from its subnet:
- each container's image can be pulled: from the account's private ECR
  (``<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]``), the repository must hold that tag or
  digest, reached through the ``com.amazonaws.<region>.ecr.api`` and ``.ecr.dkr`` interface endpoints (private
  DNS on) and the S3 gateway endpoint ``com.amazonaws.<region>.s3`` on the subnet's route table (the layers live
  in S3), or through a 0.0.0.0/0 route to a NAT gateway (or to an internet gateway with ``assignPublicIp``
  ENABLED); under a pull through cache prefix (patches/ecr_pull_through_cache_rules.py), the first pull creates
  the repository ``<prefix>/<upstream repository>`` and caches the image; any other registry (``public.ecr.aws``,
  Docker Hub, ...) is on the internet: VPC endpoints do not serve it, only NAT (or the internet gateway) does;
- a container logging with ``awslogs`` reaches ``com.amazonaws.<region>.logs`` (or NAT) and its log group
  exists (unless ``awslogs-create-group`` is ``true``);
- a container's ``secrets`` reach ``com.amazonaws.<region>.secretsmanager`` (Secrets Manager ARNs) or ``.ssm``
  (parameters) (or NAT), and the secret exists (the agent then reads it: patches/secretsmanager_last_accessed_date);
- an interface endpoint's security groups let the task's security groups (or its subnet) in on 443, and the
  task's security groups let 443 out to it (to the S3 prefix list, or anywhere, for the gateway endpoint).
Otherwise the task stops (``lastStatus`` STOPPED, ``stopCode`` TaskFailedToStart) with the agent's reason
(``CannotPullContainerError: ...``, ``ResourceInitializationError: ...``) in ``stoppedReason`` and in its
containers' ``reason``. With the deployment circuit breaker on, the deployment is ``FAILED`` ("ECS deployment
circuit breaker: tasks failed to start.") once ``failedTasks`` reaches the threshold (half the desired count,
at least 3, at most 200); with ``rollback`` and an earlier completed deployment, ECS rolls back to it: the
service's task definition and a new ``PRIMARY`` deployment (COMPLETED) are the earlier ones and the failed
deployment goes. Without the circuit breaker the deployment stays ``IN_PROGRESS`` (ECS keeps retrying). When the
tasks start, the deployment is ``COMPLETED``, the earlier deployments' tasks are stopped and the deployments
removed. Service events say each step, newest first. ``ListTasks`` filters on ``serviceName`` (tasks of group
``service:<name>``) and lists ``RUNNING`` tasks unless ``desiredStatus`` says otherwise; ``DeleteService`` stops
the service's tasks. ``RunTask`` on Fargate follows the same start rules (moto 5.2.5 answers it with a 500 in a
VPC without DNS hostnames: its task reads a private DNS name the interface lacks).
See https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html,
https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html and
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html.
moto 5.2.5: a service never starts a task, its deployment stays IN_PROGRESS whatever its images or network,
``ListTasks`` ignores ``serviceName`` and lists stopped tasks by default.
Modelled at the call (a deployment is decided when it starts); not modelled: IAM permissions of the execution
role, network ACLs, the platform versions before 1.4.0, EC2 launch type services (left as moto has them).
"""

import datetime
import hashlib
import ipaddress
import math
import re
import uuid

from moto.core.utils import utcnow
from moto.ec2.models import ec2_backends
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ecr.models import ecr_backends
from moto.ecs.exceptions import InvalidParameterException, ServiceNotFoundException
from moto.ecs.models import EC2ContainerServiceBackend, Task
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.logs.models import logs_backends
from moto.secretsmanager.models import secretsmanager_backends

from . import ecr_pull_through_cache_rules, ecs_service_deployment_configuration, secretsmanager_last_accessed_date

PRIVATE_ECR = re.compile(r"^(?P<account>\d{12})\.dkr\.ecr\.(?P<region>[a-z0-9-]+)\.amazonaws\.com/"
                         r"(?P<repository>[^:@]+)(?::(?P<tag>[^@]+))?(?:@(?P<digest>sha256:[0-9a-f]{64}))?$")
PULL_RETRIES = 7
NOT_FOUND = "CannotPullContainerError: pull image manifest has been retried {n} time(s): failed to resolve ref {ref}: {ref}: not found"
MANIFEST_TIMEOUT = ('CannotPullContainerError: pull image manifest has been retried {n} time(s): failed to resolve ref {ref}: '
                    'failed to do request: Head "https://{registry}/v2/{repository}/manifests/{reference}": '
                    'dial tcp {ip}:443: i/o timeout')
LAYER_TIMEOUT = ('CannotPullContainerError: ref pull has been retried {n} time(s): failed to copy: httpReadSeeker: failed open: '
                 'failed to do request: Get "https://prod-{region}-starport-layer-bucket.s3.{region}.amazonaws.com/{path}": '
                 'dial tcp {ip}:443: i/o timeout')
ECR_AUTH_TIMEOUT = ('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: '
                    'unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request '
                    'failed caused by: Post "https://api.ecr.{region}.amazonaws.com/": dial tcp {ip}:443: i/o timeout. '
                    'Please check your task network configuration.')
ASM_TIMEOUT = ('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: '
               'unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret {arn} '
               'from secrets manager: RequestCanceled: request context canceled caused by: context deadline exceeded. '
               'Please check your task network configuration.')
ASM_NOT_FOUND = ('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: '
                 'unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret {arn} '
                 "from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret. "
                 'status code: 400, request id: {request}')
SSM_TIMEOUT = ('ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: '
               'unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context '
               'canceled caused by: context deadline exceeded. Please check your task network configuration.')
LOGS_TIMEOUT = ('ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: '
                'failed to create Cloudwatch log stream: RequestError: send request failed caused by: '
                'Post "https://logs.{region}.amazonaws.com/": dial tcp {ip}:443: i/o timeout : exit status 1')
LOGS_NO_GROUP = ('ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: '
                 'failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. '
                 ': exit status 1')
CIRCUIT_BREAKER_FAILED = "ECS deployment circuit breaker: tasks failed to start."
PLATFORM_VERSION = "1.4.0"


def _ip(name):
    """A public address for a name, made up but stable, for the agent's 'dial tcp' messages."""
    digest = hashlib.sha256(name.encode()).digest()
    return f"52.{digest[0] % 64 + 16}.{digest[1]}.{digest[2] % 254 + 1}"


def _now():
    return utcnow()


# --- network reachability, from one subnet -----------------------------------------------------------------

class Network:
    """What one task subnet reaches, per AWS's routing: its route table, the VPC's endpoints, NAT or IGW."""

    def __init__(self, account_id, region, subnet_id, security_group_ids, assign_public_ip):
        self.region = region
        self.ec2 = ec2_backends[account_id][region]
        self.subnet = self.ec2.get_subnet(subnet_id)
        self.vpc_id = self.subnet.vpc_id
        self.groups = list(security_group_ids or [])
        if not self.groups:
            default = self.ec2.get_default_security_group(self.vpc_id)
            self.groups = [default.id] if default else []
        self.assign_public_ip = (assign_public_ip or "DISABLED").upper() == "ENABLED"
        self.route_table = self._route_table()

    def _route_table(self):
        tables = [t for t in self.ec2.route_tables.values() if t.vpc_id == self.vpc_id]
        for table in tables:
            if self.subnet.id in table._associations.values():
                return table
        return next((t for t in tables if t.main_association_id is not None), None)

    def _default_route(self, table):
        for route in (table.routes if table else []):
            if route.destination_cidr_block == "0.0.0.0/0":
                return route
        return None

    def internet(self):
        """A 0.0.0.0/0 route to an available NAT gateway that itself reaches an internet gateway, or to an internet
        gateway when the task gets a public address."""
        route = self._default_route(self.route_table)
        if route is None:
            return False
        nat = route.nat_gateway
        if nat is not None:
            if nat.state != "available":
                return False
            if getattr(nat, "connectivity_type", "public") == "private":
                return False
            nat_subnet = self.ec2.get_subnet(nat.subnet_id)
            saved, self.subnet = self.subnet, nat_subnet
            nat_table = self._route_table()
            self.subnet = saved
            upstream = self._default_route(nat_table)
            return bool(upstream and upstream.gateway is not None and str(upstream.gateway.id).startswith("igw-"))
        gateway = route.gateway
        return bool(gateway is not None and str(gateway.id).startswith("igw-") and self.assign_public_ip)

    def _endpoints(self, suffix):
        name = f"com.amazonaws.{self.region}.{suffix}"
        return [e for e in self.ec2.vpc_end_points.values()
                if e.vpc_id == self.vpc_id and e.service_name == name and e.state == "available"]

    def interface_endpoint(self, suffix):
        """An interface endpoint with private DNS, a subnet in the VPC and security groups that let the task in."""
        for endpoint in self._endpoints(suffix):
            if (endpoint.vpc_endpoint_type or "").lower() != "interface":
                continue
            if endpoint.private_dns_enabled and endpoint.subnet_ids and self._security_groups_allow(endpoint):
                return True
        return False

    def gateway_endpoint(self, suffix):
        """A gateway endpoint on the subnet's route table, its prefix list let out on 443 by the task's groups."""
        for endpoint in self._endpoints(suffix):
            if (endpoint.vpc_endpoint_type or "").lower() == "gateway" and self.route_table is not None \
                    and self.route_table.id in (endpoint.route_table_ids or []) \
                    and self._egress_to_prefix_list(endpoint.destination_prefix_list_id):
                return True
        return False

    def _egress_to_prefix_list(self, prefix_list_id):
        for group_id in self.groups:
            group = self._group(group_id)
            for rule in (group.egress_rules if group else []):
                if not self._covers_443(rule):
                    continue
                if prefix_list_id and rule.prefix_list_id == prefix_list_id:
                    return True
                if (rule.ip_range or {}).get("CidrIp") == "0.0.0.0/0":
                    return True
        return False

    def reaches(self, suffix):
        """Whether the AWS API <suffix> (ecr.api, logs, ...) answers from this subnet."""
        return self.interface_endpoint(suffix) or self.internet()

    def reaches_s3(self):
        return self.gateway_endpoint("s3") or self.interface_endpoint("s3") or self.internet()

    # Security groups: endpoint ingress on 443 from the task (its groups or its subnet), task egress on 443.
    @staticmethod
    def _covers_443(rule):
        if rule.ip_protocol in ("-1", "all"):
            return True
        if rule.ip_protocol not in ("tcp", "6"):
            return False
        if rule.from_port is None:
            return True
        return rule.from_port <= 443 <= rule.to_port

    @staticmethod
    def _cidr_covers(cidr, network):
        try:
            return ipaddress.ip_network(network).subnet_of(ipaddress.ip_network(cidr))
        except (ValueError, TypeError):
            return False

    def _group(self, group_id):
        return self.ec2.get_security_group_from_id(group_id)

    def _security_groups_allow(self, endpoint):
        endpoint_groups = list(endpoint.security_group_ids or [])
        if not endpoint_groups:
            default = self.ec2.get_default_security_group(self.vpc_id)
            endpoint_groups = [default.id] if default else []
        endpoint_subnets = [self.ec2.get_subnet(s).cidr_block for s in endpoint.subnet_ids or []]

        def ingress_ok():
            for group_id in endpoint_groups:
                group = self._group(group_id)
                for rule in (group.ingress_rules if group else []):
                    if not self._covers_443(rule):
                        continue
                    if (rule.source_group or {}).get("GroupId") in self.groups:
                        return True
                    cidr = (rule.ip_range or {}).get("CidrIp")
                    if cidr and self._cidr_covers(cidr, self.subnet.cidr_block):
                        return True
            return False

        def egress_ok():
            for group_id in self.groups:
                group = self._group(group_id)
                for rule in (group.egress_rules if group else []):
                    if not self._covers_443(rule):
                        continue
                    if (rule.source_group or {}).get("GroupId") in endpoint_groups:
                        return True
                    cidr = (rule.ip_range or {}).get("CidrIp")
                    if cidr and endpoint_subnets and all(self._cidr_covers(cidr, s) for s in endpoint_subnets):
                        return True
            return False

        return ingress_ok() and egress_ok()


# --- images ------------------------------------------------------------------------------------------------

def parse_image(image):
    """(registry, repository, reference, ref) of an image name, as containerd resolves it."""
    match = PRIVATE_ECR.match(image)
    if match:
        registry = image.split("/", 1)[0]
        reference = match["digest"] or match["tag"] or "latest"
        pinned = f"@{match['digest']}" if match["digest"] else f":{match['tag'] or 'latest'}"
        ref = f"{registry}/{match['repository']}{pinned}"
        return registry, match["repository"], reference, ref
    name, digest = (image.split("@", 1) + [None])[:2]
    first, rest = name.split("/", 1) if "/" in name else (name, "")
    if rest and ("." in first or ":" in first or first == "localhost"):
        registry, path = first, rest
    else:
        registry, path = "docker.io", name if rest else f"library/{name}"
    path, tag = path.split(":", 1) if ":" in path.rsplit("/", 1)[-1] else (path, "")
    reference = digest or tag or "latest"
    ref = f"{registry}/{path}" + (f"@{digest}" if digest else f":{tag or 'latest'}")
    host = "registry-1.docker.io" if registry == "docker.io" else registry
    return host, path, reference, ref


def _cache_through_rule(backend, repository, reference):
    """On the first pull under a pull through cache prefix, ECR creates the repository and caches the image."""
    rule, upstream_repository = ecr_pull_through_cache_rules.rule_for_repository(backend, repository)
    if rule is None:
        return False
    if repository not in backend.repositories:
        backend.create_repository(repository_name=repository, registry_id=None, encryption_config=None,
                                  image_scan_config=None, image_tag_mutability=None, tags=[])
    repo = backend.repositories[repository]
    if not reference.startswith("sha256:"):
        tagged = [i for i in repo.images if reference in i.image_tags]
        if not tagged:
            import push_image  # tools/emulator/push_image.py, beside server.py on sys.path

            config, layer = push_image.image_blobs(f"{rule['upstreamRegistryUrl']}/{upstream_repository}", reference)
            manifest = push_image.manifest_for(config, layer)
            digest = "sha256:" + hashlib.sha256(manifest.encode()).hexdigest()
            backend.put_image(repository, manifest, reference, push_image.MANIFEST_MEDIA_TYPE, digest)
    return True


def _image_exists(backend, repository, reference):
    repo = backend.repositories.get(repository)
    if repo is None:
        return False
    if reference.startswith("sha256:"):
        return any(i.get_image_digest() == reference for i in repo.images)
    return any(reference in i.image_tags for i in repo.images)


def image_failure(account_id, region, network, image):
    """Why a container's image cannot be pulled from this subnet, or None (caching through a rule on the way)."""
    registry, repository, reference, ref = parse_image(image)
    match = PRIVATE_ECR.match(image)
    n = PULL_RETRIES
    timeout = MANIFEST_TIMEOUT.format(n=n, ref=ref, registry=registry, repository=repository, reference=reference,
                                      ip=_ip(registry))
    if match and match["region"] == region:
        if not network.reaches("ecr.api"):
            return ECR_AUTH_TIMEOUT.format(region=region, ip=_ip(f"api.ecr.{region}"))
        if not network.reaches("ecr.dkr"):
            return timeout
        if match["account"] == account_id:
            backend = ecr_backends[account_id][region]
            _cache_through_rule(backend, repository, reference)
            if not _image_exists(backend, repository, reference):
                return NOT_FOUND.format(n=n, ref=ref)
        if not network.reaches_s3():
            path = hashlib.sha256(ref.encode()).hexdigest()[:32] + "/" + str(uuid.uuid5(uuid.NAMESPACE_URL, ref))
            return LAYER_TIMEOUT.format(n=n, region=region, path=path, ip=_ip(f"s3.{region}"))
        return None
    # Another region's ECR, ECR Public, Docker Hub, ...: on the internet, which VPC endpoints do not reach.
    if not network.internet():
        return timeout
    if match and match["account"] == account_id:
        other = ecr_backends[account_id][match["region"]]
        if not _image_exists(other, repository, reference):
            return NOT_FOUND.format(n=n, ref=ref)
    return None


def _secret_id_and_region(region, arn):
    """(the secret's region, its ARN without a JSON key or version suffix) of a container secret's valueFrom."""
    parts = arn.split(":")
    secret_id = ":".join(parts[:7]) if len(parts) > 7 else arn
    secret_region = parts[3] if len(parts) > 3 and parts[3] else region
    return secret_region, secret_id


def _secret_exists(account_id, region, arn):
    secret_region, secret_id = _secret_id_and_region(region, arn)
    try:
        return secret_id in secretsmanager_backends[account_id][secret_region].secrets
    except Exception:  # noqa: BLE001  an identifier moto cannot read: do not invent a failure
        return True


def task_failure(account_id, region, task_definition, network):
    """(task stoppedReason, {container: reason}) when the task cannot start from this subnet, else None."""
    containers = task_definition.container_definitions or []
    reasons = {}
    first = None

    def fail(container, reason):
        nonlocal first
        reasons.setdefault(container, reason)
        first = first or reason

    # The agent first fetches secrets and registry auth, then pulls the images, then starts the log drivers.
    for container in containers:
        for secret in container.get("secrets") or []:
            value_from = secret.get("valueFrom", "")
            if ":secretsmanager:" in value_from:
                if not network.reaches("secretsmanager"):
                    fail(container.get("name"), ASM_TIMEOUT.format(arn=value_from))
                elif not _secret_exists(account_id, region, value_from):
                    fail(container.get("name"), ASM_NOT_FOUND.format(arn=value_from, request=uuid.uuid4()))
                else:
                    # The agent read it with the execution role: Secrets Manager records the day.
                    secretsmanager_last_accessed_date.mark_read(account_id, *_secret_id_and_region(region, value_from))
            elif not network.reaches("ssm"):
                fail(container.get("name"), SSM_TIMEOUT)
    if first:
        return first, reasons
    for container in containers:
        reason = image_failure(account_id, region, network, container.get("image", ""))
        if reason:
            fail(container.get("name"), reason)
    if first:
        return first, reasons
    for container in containers:
        log = container.get("logConfiguration") or {}
        if log.get("logDriver") != "awslogs":
            continue
        options = log.get("options") or {}
        log_region = options.get("awslogs-region", region)
        if not network.reaches("logs") or log_region != region and not network.internet():
            fail(container.get("name"), LOGS_TIMEOUT.format(region=log_region, ip=_ip(f"logs.{log_region}")))
            continue
        group = options.get("awslogs-group")
        logs = logs_backends[account_id][log_region]
        if group and group not in logs.groups:
            if str(options.get("awslogs-create-group", "false")).lower() == "true":
                logs.create_log_group(group, {})
            else:
                fail(container.get("name"), LOGS_NO_GROUP)
    return (first, reasons) if first else None


# --- tasks -------------------------------------------------------------------------------------------------

def _containers(task, task_definition, status, reasons=None):
    containers = []
    for definition in task_definition.container_definitions or []:
        container = {
            "containerArn": f"arn:aws:ecs:{task.region_name}:{task._account_id}:container/{task.cluster_name}/"
                            f"{task.id}/{uuid.uuid4()}",
            "taskArn": task.task_arn, "name": definition.get("name"), "image": definition.get("image"),
            "lastStatus": status, "healthStatus": "UNKNOWN", "networkInterfaces": [],
            "cpu": str(definition.get("cpu", 0)),
        }
        if definition.get("memory") is not None:
            container["memory"] = str(definition["memory"])
        reason = (reasons or {}).get(definition.get("name"))
        if reason:
            container["reason"] = reason
        containers.append(container)
    return containers


def _hold(task, status):
    """Fix a task's status: moto moves tasks on by itself at each DescribeTasks, ECS does not."""
    task._transitions = []
    task.status = status


def start_task(backend, cluster, task_definition, network_configuration, subnet_index, group, started_by,
               launch_type="FARGATE", platform_version=None, tags=None, capacity_provider_name=None):
    """One Fargate task, RUNNING or STOPPED (TaskFailedToStart) as the start rules decide; returns (task, failure)."""
    awsvpc = dict((network_configuration or {}).get("awsvpcConfiguration") or {})
    subnets = list(awsvpc.get("subnets") or [])
    subnet = subnets[subnet_index % len(subnets)]
    awsvpc["subnets"] = [subnet] + [s for s in subnets if s != subnet]
    awsvpc.setdefault("securityGroups", [])
    task = Task(cluster=cluster, task_definition=task_definition, container_instance_arn=None,
                resource_requirements=None, backend=backend, group=group, launch_type=launch_type,
                started_by=started_by, tags=tags or [], networking_configuration={"awsvpcConfiguration": awsvpc},
                platform_version=platform_version or "LATEST", capacity_provider_name=capacity_provider_name)
    network = Network(backend.account_id, backend.region_name, subnet, awsvpc.get("securityGroups"),
                      awsvpc.get("assignPublicIp"))
    now = _now()
    task.created_at = now
    task.platform_version = PLATFORM_VERSION
    task.platform_family = "Linux"
    task.availability_zone = network.subnet.availability_zone
    task.cpu = task_definition.cpu
    task.memory = task_definition.memory
    task.connectivity = "CONNECTED"
    task.connectivity_at = now
    task.health_status = "UNKNOWN"
    task.version = 1
    failure = task_failure(backend.account_id, backend.region_name, task_definition, network)
    if failure:
        reason, reasons = failure
        _stop(task, "TaskFailedToStart", reason)
        task.containers = _containers(task, task_definition, "STOPPED", reasons)
    else:
        _hold(task, "RUNNING")
        task.desired_status = "RUNNING"
        task.pull_started_at = now
        task.pull_stopped_at = now
        task.started_at = now
        task.containers = _containers(task, task_definition, "RUNNING")
    backend.tasks.setdefault(cluster.name, {})[task.task_arn] = task
    return task, failure


def _stop(task, stop_code, reason):
    """Stop a task as ECS does: desired and last status STOPPED, its network interface deleted."""
    now = _now()
    _hold(task, "STOPPED")
    task.desired_status = "STOPPED"
    task.stop_code = stop_code
    task.stopped_reason = reason
    task.stopping_at = task.stopped_at = task.execution_stopped_at = now
    for container in task.containers if isinstance(getattr(task, "containers", None), list) else []:
        if isinstance(container, dict):
            container["lastStatus"] = "STOPPED"
            if stop_code != "TaskFailedToStart":
                container.setdefault("exitCode", 0)
    ec2 = ec2_backends[task._account_id][task.region_name]
    for attachment in task.attachments:
        for detail in attachment.get("details", []):
            if detail.get("name") == "networkInterfaceId":
                ec2.enis.pop(detail["value"], None)
        attachment["status"] = "DELETED"


# --- services and their deployments ------------------------------------------------------------------------

def _deployment_id():
    return "ecs-svc/" + str(uuid.uuid4().int)[:19]


def _event(service, message):
    events = service.events
    now = _now()
    if events and events[0]["createdAt"] >= now:
        now = events[0]["createdAt"] + datetime.timedelta(milliseconds=1)
    events.insert(0, {"id": str(uuid.uuid4()), "createdAt": now, "message": f"(service {service.name}) {message}"})


def _service_tasks(backend, service, status=None):
    group = f"service:{service.name}"
    tasks = backend.tasks.get(service.cluster_name, {}).values()
    return [t for t in tasks if t.group == group and (status is None or t.desired_status == status)]


def failure_threshold(desired_count):
    """The circuit breaker's failed task threshold: half the desired count, at least 3, at most 200."""
    return min(200, max(3, math.ceil(desired_count * 0.5)))


def _new_deployment(service, task_definition_arn):
    now = _now()
    deployment_id = _deployment_id()
    return {
        "id": deployment_id, "status": "PRIMARY", "taskDefinition": task_definition_arn,
        "desiredCount": service.desired_count, "pendingCount": 0, "runningCount": 0, "failedTasks": 0,
        "createdAt": now, "updatedAt": now, "launchType": service.launch_type,
        "platformVersion": service.platform_version or "LATEST", "platformFamily": "Linux",
        "networkConfiguration": service.network_configuration or None,
        "rolloutState": "IN_PROGRESS", "rolloutStateReason": f"ECS deployment {deployment_id} in progress.",
    }


def _start_tasks(backend, service, deployment, count, first_index=0):
    """Start ``count`` tasks of a deployment; returns (started tasks, failures)."""
    cluster = backend._get_cluster(service.cluster_name)
    task_definition = backend.describe_task_definition(deployment["taskDefinition"])
    started, failures = [], []
    for index in range(count):
        task, failure = start_task(backend, cluster, task_definition, service.network_configuration,
                                   first_index + index, f"service:{service.name}", deployment["id"],
                                   launch_type=service.launch_type if service.launch_type == "FARGATE" else "",
                                   platform_version=service.platform_version,
                                   capacity_provider_name=getattr(service, "tickr_capacity_provider", None))
        started.append(task)
        if failure:
            failures.append(failure)
    if started:
        _event(service, f"has started {len(started)} tasks: " + " ".join(f"(task {t.id})" for t in started) + ".")
    return started, failures


def _stop_tasks(service, tasks, by_deployment):
    if not tasks:
        return
    for task in tasks:
        _stop(task, "ServiceSchedulerInitiated", f"Scaling activity initiated by (deployment {by_deployment})")
    _event(service, f"has stopped {len(tasks)} running tasks: " + " ".join(f"(task {t.id})" for t in tasks) + ".")


def _running_of(backend, service, deployment_id):
    return [t for t in _service_tasks(backend, service, "RUNNING") if t.started_by == deployment_id]


def _complete(backend, service, deployment):
    """The deployment runs its desired count: COMPLETED; earlier deployments' tasks stop and they go."""
    deployment["rolloutState"] = "COMPLETED"
    deployment["rolloutStateReason"] = f"ECS deployment {deployment['id']} completed."
    deployment["updatedAt"] = _now()
    others = [t for t in _service_tasks(backend, service, "RUNNING") if t.started_by != deployment["id"]]
    _stop_tasks(service, others, deployment["id"])
    service.deployments = [deployment]
    _event(service, f"(deployment {deployment['id']}) deployment completed.")
    _event(service, "has reached a steady state.")


def roll_out(backend, service, deployment, adopt=False):
    """Run a deployment to its end as ECS would, at once: COMPLETED, IN_PROGRESS (retrying) or FAILED/rolled back."""
    config = getattr(service, "deployment_configuration", None) or {}
    breaker = (config.get("deploymentCircuitBreaker") or {})
    desired = deployment["desiredCount"]
    if adopt:  # a rollback takes over the earlier deployment's running tasks of the same task definition
        for task in _service_tasks(backend, service, "RUNNING"):
            if task.task_definition_arn == deployment["taskDefinition"]:
                task.started_by = deployment["id"]
    running = _running_of(backend, service, deployment["id"])
    if len(running) > desired:
        _stop_tasks(service, running[desired:], deployment["id"])
        running = running[:desired]
    # ECS replaces the tasks that fail to start until the circuit breaker's threshold; without the breaker it
    # retries for ever, modelled as one round (the deployment stays IN_PROGRESS).
    limit = failure_threshold(desired) if breaker.get("enable") else None
    failed = started_count = 0
    while True:
        missing = desired - len(_running_of(backend, service, deployment["id"]))
        if missing <= 0 or (limit is not None and failed >= limit):
            break
        batch = missing if limit is None else min(missing, limit - failed)
        started, failures = _start_tasks(backend, service, deployment, batch, first_index=started_count)
        started_count += len(started)
        failed += len(failures)
        if limit is None or not failures:
            break
    deployment["failedTasks"] = deployment.get("failedTasks", 0) + failed
    deployment["runningCount"] = len(_running_of(backend, service, deployment["id"]))
    deployment["pendingCount"] = 0
    deployment["updatedAt"] = _now()
    if deployment["runningCount"] >= desired:
        _complete(backend, service, deployment)
    elif breaker.get("enable"):
        deployment["rolloutState"] = "FAILED"
        deployment["rolloutStateReason"] = CIRCUIT_BREAKER_FAILED
        _event(service, f"(deployment {deployment['id']}) deployment failed: tasks failed to start.")
        previous = next((d for d in service.deployments if d is not deployment
                         and d.get("tickr_completed")), None)
        if breaker.get("rollback") and previous is not None:
            _event(service, f"rolling back to deployment {previous['id']}.")
            rollback = _new_deployment(service, previous["taskDefinition"])
            rollback["networkConfiguration"] = previous.get("networkConfiguration")
            rollback["desiredCount"] = service.desired_count
            rollback["rolloutStateReason"] = f"ECS deployment circuit breaker: rolling back to deploymentId {previous['id']}."
            for task in _running_of(backend, service, previous["id"]):
                task.started_by = rollback["id"]
            service.task_definition = previous["taskDefinition"]
            deployment["status"] = "ACTIVE"
            service.deployments = [rollback, deployment]
            roll_out(backend, service, rollback, adopt=True)
            if rollback["rolloutState"] == "COMPLETED":
                rollback["tickr_completed"] = True
    if deployment["rolloutState"] == "COMPLETED":
        deployment["tickr_completed"] = True
    _count(backend, service)


def _count(backend, service):
    running = _service_tasks(backend, service, "RUNNING")
    service.running_count = len(running)
    service.pending_count = 0
    cluster = backend._get_cluster(service.cluster_name)
    cluster.running_tasks_count = sum(1 for tasks in [backend.tasks.get(cluster.name, {})]
                                      for t in tasks.values() if t.desired_status == "RUNNING" and t.status == "RUNNING")
    cluster.pending_tasks_count = 0


def scale(backend, service, deployment):
    """A new desired count on the current deployment: once COMPLETED, ECS starts or stops tasks without a new
    deployment, and the circuit breaker (which watches rollouts) does not fail it."""
    deployment["desiredCount"] = service.desired_count
    if deployment.get("rolloutState") != "COMPLETED":
        roll_out(backend, service, deployment)
        return
    running = _running_of(backend, service, deployment["id"])
    desired = service.desired_count
    if len(running) > desired:
        _stop_tasks(service, running[desired:], deployment["id"])
    elif len(running) < desired:
        failures = _start_tasks(backend, service, deployment, desired - len(running), first_index=len(running))[1]
        deployment["failedTasks"] = deployment.get("failedTasks", 0) + len(failures)
    deployment["runningCount"] = len(_running_of(backend, service, deployment["id"]))
    deployment["updatedAt"] = _now()
    if deployment["runningCount"] == desired:
        _event(service, "has reached a steady state.")
    _count(backend, service)


def start_deployment(backend, service):
    """A new deployment of the service's current task definition, rolled out; earlier ones stay until it completes."""
    for earlier in service.deployments:
        earlier["status"] = "ACTIVE"
    deployment = _new_deployment(service, service.task_definition)
    service.deployments = [deployment] + [d for d in service.deployments if d.get("tickr_completed")
                                          or d.get("runningCount")]
    roll_out(backend, service, deployment)
    return deployment


def is_fargate(service):
    return service.launch_type == "FARGATE" or getattr(service, "tickr_capacity_provider", None) in ("FARGATE", "FARGATE_SPOT")


def _primary(service):
    return next((d for d in service.deployments if d.get("status") == "PRIMARY"), None)


# --- the API calls -----------------------------------------------------------------------------------------

def _strategy_provider(response, backend, cluster_name):
    strategy = response._get_param("capacityProviderStrategy")
    if not strategy and not response._get_param("launchType"):
        try:
            strategy = backend._get_cluster(cluster_name).default_capacity_provider_strategy
        except Exception:  # noqa: BLE001  moto raises its own ClusterNotFound later
            strategy = None
    return (strategy or [{}])[0].get("capacityProvider")


def apply():
    # moto's Task reads its interface's private DNS name, which moto sets only in VPCs with DNS hostnames on:
    # without it every awsvpc task (RunTask too) is a 500. AWS then has no private DNS name: none it is.
    if not hasattr(NetworkInterface, "private_dns_name"):
        NetworkInterface.private_dns_name = None
    original_requirements = EC2ContainerServiceBackend._calculate_task_resource_requirements

    def requirements(task_definition):
        try:
            return original_requirements(task_definition)
        except TypeError:  # a Fargate container may give no memory (the task's applies): moto adds None
            return {"CPU": int(task_definition.cpu or 0), "MEMORY": int(task_definition.memory or 0), "PORTS": [],
                    "PORTS_UDP": []}

    EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(requirements)
    original_create = EC2ContainerServiceResponse.create_service
    original_update = EC2ContainerServiceResponse.update_service
    original_delete = EC2ContainerServiceBackend.delete_service
    original_list_tasks = EC2ContainerServiceBackend.list_tasks
    original_run_task = EC2ContainerServiceBackend.run_task

    def create_service(self):
        task_definition = self._get_param("taskDefinition")
        if task_definition and not self._get_param("networkConfiguration"):
            if self.ecs_backend.describe_task_definition(task_definition).network_mode == "awsvpc":
                raise InvalidParameterException(
                    "Network Configuration must be provided when networkMode 'awsvpc' is specified.")
        result = original_create(self)
        service = result.result["service"]
        provider = _strategy_provider(self, self.ecs_backend, self._get_param("cluster", "default"))
        if provider:
            service.tickr_capacity_provider = provider
        service.deployment_configuration = ecs_service_deployment_configuration.deployment_configuration(
            self._get_param("deploymentConfiguration"))
        if is_fargate(service) and service.task_definition and (service.deployment_controller or {}).get("type", "ECS") == "ECS":
            service.deployments = []
            start_deployment(self.ecs_backend, service)
        return result

    def update_service(self):
        backend = self.ecs_backend
        name = (self._get_param("service") or "").split("/")[-1]
        service = backend._get_service(self._get_param("cluster", "default"), name)
        before = {"task_definition": service.task_definition, "desired_count": service.desired_count,
                  "network_configuration": service.network_configuration,
                  "platform_version": service.platform_version,
                  "load_balancers": [dict(lb) for lb in service.load_balancers or []],
                  "deployment_configuration": getattr(service, "deployment_configuration", None),
                  "deployments": [dict(d) for d in service.deployments]}
        result = original_update(self)
        service = result.result["service"]
        requested = self._get_param("deploymentConfiguration")
        if requested is not None:
            merged = dict(before["deployment_configuration"] or {})
            merged.update({k: v for k, v in requested.items() if k != "deploymentCircuitBreaker"})
            if "deploymentCircuitBreaker" in requested:
                merged["deploymentCircuitBreaker"] = requested["deploymentCircuitBreaker"]
            service.deployment_configuration = ecs_service_deployment_configuration.deployment_configuration(merged)
        if not is_fargate(service) or not service.task_definition:
            return result
        service.deployments = before["deployments"]  # moto renames the deployment on forceNewDeployment
        if service.task_definition and not service.task_definition.startswith("arn:"):
            service.task_definition = backend.describe_task_definition(service.task_definition).arn
        new_deployment = (self._get_param("forceNewDeployment", False)
                          or service.task_definition != before["task_definition"]
                          or (self._get_param("networkConfiguration") is not None
                              and service.network_configuration != before["network_configuration"])
                          or (self._get_param("platformVersion") is not None
                              and service.platform_version != before["platform_version"])
                          or (self._get_param("loadBalancers") is not None
                              and list(service.load_balancers or []) != before["load_balancers"]))
        primary = _primary(service)
        if new_deployment or primary is None:
            start_deployment(backend, service)
        elif service.desired_count != before["desired_count"]:
            scale(backend, service, primary)
        else:
            _count(backend, service)
        return result

    def delete_service(self, cluster_name, service_name, force):
        service = original_delete(self, cluster_name, service_name, force)
        primary = _primary(service)
        running = _service_tasks(self, service, "RUNNING")
        for task in running:
            _stop(task, "ServiceSchedulerInitiated",
                  f"Scaling activity initiated by (deployment {primary['id'] if primary else 'ecs-svc/0'})")
        service.running_count = 0
        if running:
            cluster = self._get_cluster(service.cluster_name)
            cluster.running_tasks_count = max(0, cluster.running_tasks_count - len(running))
        return service

    def list_tasks(self, cluster_str=None, container_instance=None, family=None, started_by=None,
                   service_name=None, desiredStatus=None):
        if service_name:
            service = self._get_service(cluster_str or "default", service_name.split("/")[-1])
            if service is None:
                raise ServiceNotFoundException
        tasks = original_list_tasks(self, cluster_str, container_instance, family, started_by, None,
                                    desiredStatus or "RUNNING")
        if service_name:
            group = f"service:{service_name.split('/')[-1]}"
            tasks = [t for t in tasks if t.group == group]
        return tasks

    def run_task(self, cluster_str, task_definition_str, count, overrides, started_by, tags, launch_type,
                 networking_configuration=None, group=None, platform_version=None, capacity_provider_strategy=None):
        tasks = original_run_task(self, cluster_str, task_definition_str, count, overrides, started_by, tags,
                                  launch_type, networking_configuration, group, platform_version,
                                  capacity_provider_strategy)
        fargate = launch_type == "FARGATE" or any(t.capacity_provider_name in ("FARGATE", "FARGATE_SPOT") for t in tasks)
        if not fargate or not networking_configuration:
            return tasks
        task_definition = self.describe_task_definition(task_definition_str)
        awsvpc = networking_configuration.get("awsvpcConfiguration") or {}
        for index, task in enumerate(tasks):
            subnets = awsvpc.get("subnets") or []
            network = Network(self.account_id, self.region_name, subnets[index % len(subnets)],
                              awsvpc.get("securityGroups"), awsvpc.get("assignPublicIp"))
            failure = task_failure(self.account_id, self.region_name, task_definition, network)
            if failure:
                reason, reasons = failure
                task.containers = []
                _stop(task, "TaskFailedToStart", reason)
                task.containers = _containers(task, task_definition, "STOPPED", reasons)
        return tasks

    EC2ContainerServiceResponse.create_service = create_service
    EC2ContainerServiceResponse.update_service = update_service
    EC2ContainerServiceBackend.delete_service = delete_service
    EC2ContainerServiceBackend.list_tasks = list_tasks
    EC2ContainerServiceBackend.run_task = run_task
