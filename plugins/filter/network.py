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


class FilterModule:
    def filters(self):
        return {
            "network_plan_errors": network_plan_errors,
            "subnet_ids_by_tier": subnet_ids_by_tier,
        }
