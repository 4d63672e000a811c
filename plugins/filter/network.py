# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters that check a network plan against AWS's rules before anything is created."""

import ipaddress
import re

AZ_PATTERN = re.compile(r"^(?P<region>[a-z]{2}(-[a-z]+)+-\d)(?P<zone>[a-z])$")


def _network(value):
    try:
        return ipaddress.IPv4Network(str(value), strict=True)
    except (ipaddress.AddressValueError, ipaddress.NetmaskValueError, ValueError):
        return None


def cidr_errors(value, variable):
    """Errors of one CIDR that AWS would take for a VPC or a subnet (/16 to /28, network address)."""
    network = _network(value)
    if network is None:
        return [f"{variable}: '{value}' is not an IPv4 CIDR block with its network address (e.g. 10.0.1.0/24)"]
    if not 16 <= network.prefixlen <= 28:
        return [f"{variable}: '{value}' has a /{network.prefixlen} mask; AWS takes /16 to /28"]
    return []


def network_plan_errors(vpc_cidr, region, tiers, vpc_variable="networking_vpc_cidr", min_azs=2):
    """Check the VPC CIDR and each tier's subnets.

    ``tiers`` maps a variable name (``networking_public_subnets``) to its list of ``{az, cidr}``.
    Rules: every CIDR valid and inside the VPC, no two subnets overlapping, every AZ in ``region``, one subnet per
    AZ in a tier (an ALB takes one subnet per AZ), each tier spread over ``min_azs`` distinct AZs (an ALB and an
    RDS subnet group need two).
    """
    errors = cidr_errors(vpc_cidr, vpc_variable)
    vpc = None if errors else _network(vpc_cidr)
    placed = []
    for variable, subnets in tiers.items():
        if not isinstance(subnets, list) or not subnets:
            errors.append(f"{variable}: must be a non-empty list of {{az, cidr}}")
            continue
        zones = {}
        for index, subnet in enumerate(subnets):
            where = f"{variable}[{index}]"
            if not isinstance(subnet, dict) or not {"az", "cidr"} <= set(subnet):
                errors.append(f"{where}: must be a mapping with 'az' and 'cidr'")
                continue
            az = str(subnet["az"])
            match = AZ_PATTERN.match(az)
            if not match or match.group("region") != region:
                errors.append(f"{where}.az: '{az}' is not an availability zone of region {region} (e.g. {region}a)")
            if az in zones:
                errors.append(f"{where}.az: '{az}' is already the AZ of {variable}[{zones[az]}]; a tier takes one "
                              "subnet per availability zone (an ALB takes one subnet per AZ)")
            zones.setdefault(az, index)
            cidr_problems = cidr_errors(subnet["cidr"], f"{where}.cidr")
            errors.extend(cidr_problems)
            if cidr_problems:
                continue
            network = _network(subnet["cidr"])
            if vpc is not None and not network.subnet_of(vpc):
                errors.append(f"{where}.cidr: {network} is outside the VPC {vpc} ({vpc_variable})")
            for other_where, other in placed:
                if network.overlaps(other):
                    errors.append(f"{where}.cidr: {network} overlaps {other} ({other_where}.cidr)")
            placed.append((where, network))
        if len(zones) < min_azs:
            errors.append(f"{variable}: spans {len(zones)} availability zone(s); AWS needs at least {min_azs} (ALB, RDS)")
    return errors


def subnet_ids_by_tier(subnets):
    """Group subnets, as amazon.aws's ec2_vpc_subnet(_info) return them, by their Tier tag then AZ.

    ``[{id: subnet-1, availability_zone: eu-west-1a, tags: {Tier: public}}, ...]``
    gives ``{public: {eu-west-1a: subnet-1}, ...}``, AZs in order, so lists built from it are stable.
    """
    grouped = {}
    for subnet in sorted(subnets, key=lambda s: (s.get("availability_zone") or "", s.get("id") or "")):
        tier = (subnet.get("tags") or {}).get("Tier", "untiered")
        grouped.setdefault(tier, {})[subnet["availability_zone"]] = subnet["id"]
    return grouped


def security_group_ids(roles, prefix, found, results=None):
    """``{role: group id}`` of the stack's groups (named ``<prefix>-<role>-sg``): those found in the VPC
    (ec2_security_group_info), else those the loop creating the missing ones just made (its results)."""
    ids = {group["group_name"]: group["group_id"] for group in found or []}
    for result in results or []:
        if result.get("group_id"):
            ids[result["group_name"]] = result["group_id"]
    return {role: ids.get(f"{prefix}-{role}-sg", "") for role in roles}


def subnet_plans(public, private, prefix, tags):
    """The subnets of the plan for tickr.aws.ec2_vpc_network: ``{cidr, az, tags}``, each named
    ``<prefix>-<tier>-<az>`` and tagged with its Tier, public ones first."""
    return [{"cidr": subnet["cidr"], "az": subnet["az"],
             "tags": dict(tags or {}, Name=f"{prefix}-{tier}-{subnet['az']}", Tier=tier)}
            for tier, subnets in (("public", public), ("private", private)) for subnet in subnets or []]


def nat_gateway_plans(public, azs, prefix, tags):
    """The NAT gateways of the plan for tickr.aws.ec2_vpc_network: one in the public subnet of each AZ of ``azs``,
    named ``<prefix>-nat-<az>``."""
    return [{"subnet": subnet["cidr"], "tags": dict(tags or {}, Name=f"{prefix}-nat-{subnet['az']}")}
            for subnet in public or [] if subnet["az"] in (azs or [])]


def route_table_plans(subnets, prefix, tags, gateway_id=None, nat_azs=None):
    """The route tables of the plan for tickr.aws.ec2_vpc_network, from the subnet plans (tickr.aws.subnet_plans).

    The public subnets share one table whose default route goes to the internet gateway ``gateway_id``, or without
    one to the VPC's (``internet_gateway: true``, which the module resolves); each private
    subnet gets its own, whose default route goes to the NAT gateway of its AZ, else the first one, when ``nat_azs``
    names any (V2: the AZs whose public subnet holds a NAT gateway), and nowhere otherwise."""
    public = [s for s in subnets if s["tags"].get("Tier") == "public"]
    private = sorted((s for s in subnets if s["tags"].get("Tier") == "private"), key=lambda s: s["az"])
    nat_subnets = {s["az"]: s["cidr"] for s in public if s["az"] in (nat_azs or [])}
    plans = [{
        "tags": dict(tags or {}, Name=f"{prefix}-public", Tier="public"),
        "subnets": [s["cidr"] for s in public],
        "routes": [{"dest": "0.0.0.0/0", "gateway_id": gateway_id} if gateway_id
                   else {"dest": "0.0.0.0/0", "internet_gateway": True}],
    }]
    for subnet in private:
        nat = nat_subnets.get(subnet["az"]) or next(iter(nat_subnets.values()), None)
        plans.append({
            "tags": dict(tags or {}, Name=f"{prefix}-private-{subnet['az']}", Tier="private"),
            "subnets": [subnet["cidr"]],
            "routes": [{"dest": "0.0.0.0/0", "nat_gateway_subnet": nat}] if nat else [],
        })
    return plans


def vpc_endpoint_plans(gateway, interface, region, prefix, tags, private, policies=None):
    """The VPC endpoints of the plan for tickr.aws.ec2_vpc_network, gateway endpoints first, each named
    ``<prefix>-vpce-<service>``: a gateway endpoint on the private route tables (``<prefix>-private-<az>``), an
    interface endpoint in the ``private`` subnets (``{az, cidr}`` each) behind ``<prefix>-endpoints-sg``; each
    with its policy in ``policies`` (service -> policy, ``*`` for the services not named), if any."""
    def plan(service, kind, **where):
        found = dict({"service": f"com.amazonaws.{region}.{service}", "type": kind,
                      "tags": dict(tags or {}, Name=f"{prefix}-vpce-{service}")}, **where)
        policy = (policies or {}).get(service, (policies or {}).get("*"))
        if policy is not None:
            found["policy"] = policy
        return found

    azs = sorted(subnet["az"] for subnet in private or [])
    return ([plan(service, "Gateway", route_tables=[f"{prefix}-private-{az}" for az in azs]) for service in gateway or []]
            + [plan(service, "Interface", subnets=[subnet["cidr"] for subnet in private or []],
                    security_groups=[f"{prefix}-endpoints-sg"]) for service in interface or []])


# What each endpoint service name stands for, in the reachability checklist's words.
API_LABELS = {
    "ecr.api": "ECR API",
    "ecr.dkr": "ECR registry",
    "s3": "S3",
    "logs": "CloudWatch Logs",
    "secretsmanager": "Secrets Manager",
    "email": "SES API",
    "sns": "SNS",
    "monitoring": "CloudWatch metrics",
    "xray": "X-Ray (tracing)",
}
# A private ECR image pulls its manifest from ecr.api and ecr.dkr and its layers from S3
# (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html).
PRIVATE_ECR_APIS = ("ecr.api", "ecr.dkr", "s3")
HTTPS = 443


def _covers(cidr, networks):
    outer = _network(cidr)
    return outer is not None and all(_network(n) is not None and _network(n).subnet_of(outer) for n in networks)


def _permissions_allow(permissions, port, groups=(), cidrs=(), prefix_lists=(), any_address=False):
    """Whether one of the permissions (ec2 info modules' snake_case shape) lets tcp ``port`` pass to or from one of
    ``groups``, a CIDR block covering every one of ``cidrs``, one of ``prefix_lists``, or (``any_address``) anywhere."""
    for permission in permissions or []:
        protocol = str(permission.get("ip_protocol"))
        if protocol not in ("-1", "tcp", "6"):
            continue
        if protocol != "-1" and not (permission.get("from_port", 0) or 0) <= port <= (permission.get("to_port", 65535) or 65535):
            continue
        if any(pair.get("group_id") in groups for pair in permission.get("user_id_group_pairs", [])):
            return True
        if any(entry.get("prefix_list_id") in prefix_lists for entry in permission.get("prefix_list_ids", [])):
            return True
        for block in permission.get("ip_ranges", []):
            network = _network(block.get("cidr_ip"))
            if network is not None and ((any_address and network.prefixlen == 0) or (cidrs and _covers(block["cidr_ip"], cidrs))):
                return True
    return False


def _table_of(subnet_id, tables):
    main = None
    for table in tables or []:
        for assoc in table.get("associations", []):
            if assoc.get("subnet_id") == subnet_id:
                return table
            if assoc.get("main"):
                main = table
    return main


class _Network:
    """The VPC as tickr.aws.ec2_vpc_network_info read it, seen from the ECS tasks' subnets and security groups."""

    def __init__(self, network, region, tasks, vpc):
        self.region = region
        self.subnets = {s["id"]: s for s in network.get("subnets", [])}
        self.groups = {g["group_id"]: g for g in network.get("security_groups", [])}
        self.endpoints = [e for e in network.get("vpc_endpoints", [])
                          if str(e.get("state", "")).lower() not in ("deleted", "deleting", "failed", "rejected", "expired")]
        self.nats = {n["nat_gateway_id"]: n for n in network.get("nat_gateways", []) if n.get("state") == "available"}
        self.tables = network.get("route_tables", [])
        self.task_subnets = [self.subnets[s] for s in tasks.get("subnets", []) if s in self.subnets]
        self.task_groups = [g for g in tasks.get("security_groups", []) if g in self.groups]
        self.task_azs = sorted({s["availability_zone"] for s in self.task_subnets})
        self.task_cidrs = [s["cidr_block"] for s in self.task_subnets]
        self.egress = [p for g in self.task_groups for p in self.groups[g].get("ip_permissions_egress", [])]
        self.vpc = vpc or {}
        self._nat = None

    def group_names(self, ids):
        return ", ".join(self.groups.get(i, {}).get("group_name", i) for i in ids)

    def interface_route(self, service):
        """``(True, how)`` when an interface endpoint of ``service`` serves the tasks, else ``(False, what is missing)``."""
        name = f"com.amazonaws.{self.region}.{service}"
        found = [e for e in self.endpoints if e.get("service_name") == name
                 and str(e.get("vpc_endpoint_type", "")).lower() == "interface"]
        if not found:
            return False, f"no interface endpoint {name}"
        problems = []
        for endpoint in found:
            missing = []
            if str(endpoint.get("state", "")).lower() != "available":
                missing.append(f"{endpoint['vpc_endpoint_id']} is {endpoint.get('state')}, not available")
            if not endpoint.get("private_dns_enabled"):
                missing.append(f"{endpoint['vpc_endpoint_id']} has private DNS off, so {service}.{self.region}.amazonaws.com "
                               "does not resolve to it")
            if self.vpc and not (self.vpc.get("enable_dns_support") and self.vpc.get("enable_dns_hostnames")):
                missing.append("the VPC's DNS support and DNS hostnames must both be on for private DNS")
            azs = {self.subnets.get(s, {}).get("availability_zone") for s in endpoint.get("subnet_ids", [])}
            uncovered = [az for az in self.task_azs if az not in azs]
            if uncovered:
                missing.append(f"{endpoint['vpc_endpoint_id']} has no subnet in {', '.join(uncovered)}")
            groups = [g.get("group_id") for g in endpoint.get("groups", [])]
            ingress = [p for g in groups for p in self.groups.get(g, {}).get("ip_permissions", [])]
            if not _permissions_allow(ingress, HTTPS, groups=self.task_groups, cidrs=self.task_cidrs):
                missing.append(f"its security group ({self.group_names(groups) or 'none'}) does not admit tcp 443 from "
                               f"{self.group_names(self.task_groups) or 'the tasks'}")
            cidrs = [self.subnets[s]["cidr_block"] for s in endpoint.get("subnet_ids", []) if s in self.subnets]
            if not _permissions_allow(self.egress, HTTPS, groups=groups, cidrs=cidrs):
                missing.append(f"{self.group_names(self.task_groups) or 'the tasks'} egress does not allow tcp 443 to "
                               f"{self.group_names(groups) or 'the endpoint'}")
            if not missing:
                return True, f"interface endpoint {endpoint['vpc_endpoint_id']}"
            problems.extend(missing)
        return False, "; ".join(problems)

    def gateway_route(self, service):
        """``(True, how)`` when a gateway endpoint of ``service`` is routed from every task subnet, else the gap."""
        name = f"com.amazonaws.{self.region}.{service}"
        found = [e for e in self.endpoints if e.get("service_name") == name
                 and str(e.get("vpc_endpoint_type", "")).lower() == "gateway"]
        if not found:
            return False, f"no gateway endpoint {name}"
        problems = []
        for endpoint in found:
            missing = []
            prefix_lists = set()
            for subnet in self.task_subnets:
                table = _table_of(subnet["id"], self.tables) or {}
                routes = [r for r in table.get("routes", []) if r.get("gateway_id") == endpoint["vpc_endpoint_id"]]
                if not routes:
                    missing.append(f"{endpoint['vpc_endpoint_id']} is not on the route table of {subnet['id']}")
                prefix_lists |= {r.get("destination_prefix_list_id") for r in routes if r.get("destination_prefix_list_id")}
            if not missing and not _permissions_allow(self.egress, HTTPS, prefix_lists=prefix_lists, any_address=True):
                missing.append(f"{self.group_names(self.task_groups) or 'the tasks'} egress does not allow tcp 443 to "
                               f"the {service} prefix list")
            if not missing:
                return True, f"gateway endpoint {endpoint['vpc_endpoint_id']}"
            problems.extend(missing)
        return False, "; ".join(problems)

    def nat_route(self):
        """``(True, how)`` when every task subnet routes 0.0.0.0/0 to an available NAT gateway and the tasks' egress
        allows tcp 443 anywhere, else what is missing."""
        if self._nat is None:
            missing, used = [], []
            for subnet in self.task_subnets:
                table = _table_of(subnet["id"], self.tables) or {}
                nats = [r.get("nat_gateway_id") for r in table.get("routes", [])
                        if r.get("destination_cidr_block") == "0.0.0.0/0" and r.get("nat_gateway_id")]
                if not any(n in self.nats for n in nats):
                    missing.append(f"{subnet['id']} has no 0.0.0.0/0 route to an available NAT gateway")
                used.extend(n for n in nats if n in self.nats)
            if not self.task_subnets:
                missing.append("no task subnet found")
            if not missing and not _permissions_allow(self.egress, HTTPS, any_address=True):
                missing.append(f"{self.group_names(self.task_groups) or 'the tasks'} egress does not allow tcp 443 to 0.0.0.0/0")
            self._nat = (False, "not through NAT: " + "; ".join(missing)) if missing else (True, "NAT gateway " + ", ".join(sorted(set(used))))
        return self._nat

    def route(self, service):
        """How the tasks reach ``service``: an interface endpoint, a gateway endpoint, else a NAT gateway."""
        gaps = []
        for way in (self.interface_route, self.gateway_route):
            reached, detail = way(service)
            if reached:
                return True, detail
            if not detail.startswith("no "):
                gaps.append(detail)
        reached, detail = self.nat_route()
        if reached:
            return True, detail
        if not gaps:
            gaps.append(f"no endpoint com.amazonaws.{self.region}.{service}")
        return False, "; ".join(gaps + [detail])


def image_registry(image, region):
    """``(registry host, private ECR of this region?)`` of a container image reference."""
    first, rest = str(image).split("/", 1) if "/" in str(image) else (str(image), "")
    host = first if rest and ("." in first or ":" in first or first == "localhost") else "docker.io"
    private = re.match(rf"^\d{{12}}\.dkr\.ecr(-fips)?\.{re.escape(region)}\.amazonaws\.com(\.cn)?$", host) is not None
    return host, private


def reachability(network, region, tasks, apis, images=None, vpc=None):
    """The checklist lines of what the ECS tasks reach: one per AWS API in ``apis`` (endpoint service names such as
    ``email``) and one per container image in ``images``.

    ``network`` is what tickr.aws.ec2_vpc_network_info returns for the VPC, ``tasks`` gives the tasks'
    ``subnets`` and ``security_groups`` (ids), ``vpc`` the VPC as amazon.aws.ec2_vpc_net_info returns it (its DNS
    attributes). An API is reached through an interface endpoint with private DNS, available, with a subnet in each
    of the tasks' AZs, whose group admits tcp 443 from the tasks' group and to which the tasks' egress allows 443; or
    through a gateway endpoint on the tasks' route tables (egress to its prefix list); or through a NAT gateway
    (0.0.0.0/0 from every task subnet, egress 443 anywhere). A private ECR image of ``region`` needs ecr.api, ecr.dkr
    and S3; an image from another registry needs the NAT gateway. A failed line names what is missing."""
    seen = _Network(network or {}, region, tasks or {}, vpc)
    lines = []
    for service in apis or []:
        reached, detail = seen.route(service)
        lines.append({"area": "Reach", "check": f"tasks -> {API_LABELS.get(service, service)} ({service})",
                      "passed": reached, "reason": "" if reached else detail})
    for image in dict.fromkeys(images or []):
        host, private = image_registry(image, region)
        if private:
            gaps = []
            for service in PRIVATE_ECR_APIS:
                reached, detail = seen.route(service)
                if not reached:
                    gaps.append(f"{service}: {detail}")
            lines.append({"area": "Reach", "check": f"tasks -> image {image} (private ECR)",
                          "passed": not gaps, "reason": "; ".join(gaps)})
        else:
            reached, detail = seen.nat_route()
            lines.append({"area": "Reach", "check": f"tasks -> image {image} ({host})", "passed": reached,
                          "reason": "" if reached else (f"{host} is outside the VPC's AWS endpoints, only a NAT gateway "
                                                        f"reaches it (or an ECR pull-through cache rule); {detail}")})
    return lines


def task_endpoint_errors(apis, interface_endpoints, gateway_endpoints, nat_gateway):
    """Without a NAT gateway, one message per AWS API of ``apis`` (networking_task_apis) that has no endpoint in
    networking_interface_endpoints or networking_gateway_endpoints: the tasks could not reach it. None with NAT."""
    if nat_gateway:
        return []
    held = set(interface_endpoints or []) | set(gateway_endpoints or [])
    errors = []
    for service in apis or []:
        if service not in held:
            variable = "networking_gateway_endpoints" if service in ("s3", "dynamodb") else "networking_interface_endpoints"
            errors.append(f"{variable}: has no '{service}' endpoint; without a NAT gateway (networking_nat_gateway: false) "
                          f"the ECS tasks reach the {API_LABELS.get(service, service)} only through it (networking_task_apis)")
    return errors


class FilterModule:
    def filters(self):
        return {
            "network_plan_errors": network_plan_errors,
            "subnet_ids_by_tier": subnet_ids_by_tier,
            "security_group_ids": security_group_ids,
            "subnet_plans": subnet_plans,
            "nat_gateway_plans": nat_gateway_plans,
            "vpc_endpoint_plans": vpc_endpoint_plans,
            "route_table_plans": route_table_plans,
            "reachability": reachability,
            "task_endpoint_errors": task_endpoint_errors,
        }
