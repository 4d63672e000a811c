# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The run's plan: each change the inventory asks of what exists, with what it costs the users (its disruption).

site.yml's pre_tasks build it from what the roles read (tasks_from: plan), print it and refuse, before anything
changes, a change that replaces a resource holding data or deletes data unless tickr_allow_data_loss names its
variable. Each label says what the role's call makes AWS do, after the AWS documentation named beside it."""

from ansible_collections.tickr.aws.plugins.filter.rds import rds_parameter_groups_pending_reboot
from ansible_collections.tickr.aws.plugins.filter.rds import rds_parameters_by_apply_method

# The disruption kinds, from the mildest.
CREATED = "created"
IN_PLACE = "in place"
TASKS_REPLACED = "tasks replaced"
AT_WINDOW = "at the maintenance window"
REBOOT = "reboot"
REPLACEMENT = "replacement"
DATA_LOSS = "data loss"
DISRUPTIONS = (CREATED, IN_PLACE, TASKS_REPLACED, AT_WINDOW, REBOOT, REPLACEMENT, DATA_LOSS)


def plan_change(resource, change, variable, disruption, holds_data=False):
    """One predicted change: ``holds_data`` marks a resource whose replacement leaves its data behind."""
    if disruption not in DISRUPTIONS:
        raise ValueError(f"unknown disruption {disruption!r}: one of {', '.join(DISRUPTIONS)}")
    return {"resource": resource, "change": change, "variable": variable, "disruption": disruption,
            "holds_data": bool(holds_data)}


def _onoff(value):
    return "on" if value else "off"


def _parameter_plan(name, found, wanted, parameters):
    """The changes of rds_parameters to the instance's parameter group, and the reboot rds_reboot_for_parameters makes
    for a group already waiting for one. ``parameters``: the group's user values
    (tickr.aws.rds_instance_param_group_parameters_info), None when the group does not exist yet: its parameters are
    then part of its creation, nothing the instance runs changes.

    A dynamic parameter applies at once, a static one after a manual reboot of the instance ("Modifying parameters
    in a DB parameter group in Amazon RDS",
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.Modifying.html); the role
    sends each as rds_parameters_by_apply_method splits them, so the labels follow the same split."""
    changes = []
    reboots = bool(wanted.get("reboot_for_parameters"))
    if parameters is not None:
        # A parameter the user never set keeps the engine's default: DescribeDBParameters with Source=user omits it.
        have = {p["parameter_name"]: p.get("parameter_value") for p in parameters}
        for method, values in rds_parameters_by_apply_method(wanted.get("parameters")).items():
            for key, value in sorted(values.items()):
                current = have.get(key)
                # AWS answers every value as a string.
                if current is not None and str(current) == str(value):
                    continue
                change = f"parameter {key} {'engine default' if current is None else current} -> {value}"
                if method == "immediate":
                    changes.append(plan_change(name, f"{change} (applies at once)", "rds_parameters", IN_PLACE,
                                               holds_data=True))
                else:
                    how = ("the instance reboots to apply it" if reboots
                           else "pending-reboot until a reboot: rds_reboot_for_parameters")
                    changes.append(plan_change(name, f"{change} ({how})", "rds_parameters", REBOOT, holds_data=True))
    if reboots:
        for group in rds_parameter_groups_pending_reboot(found):
            changes.append(plan_change(name, f"rebooted to apply its parameter group {group}",
                                       "rds_reboot_for_parameters", REBOOT, holds_data=True))
    return changes


def rds_plan(instances, wanted, parameters=None):
    """The changes to the PostgreSQL instance. ``instances``: the account's instances as amazon.aws.rds_instance_info
    lists them; ``wanted``: id, instance_class, multi_az, allocated_storage, engine_version, backup_retention_days,
    apply_immediately, tags (the stack's, to find an instance of the stack under another identifier), parameters
    (rds_parameters) and reboot_for_parameters; ``parameters``: the user values of the instance's parameter group,
    as tickr.aws.rds_instance_param_group_parameters_info returns them (None: no such group yet).

    What each change costs, after "Settings for DB instances" in the RDS User Guide
    (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ModifyInstance.Settings.html): the class and the
    engine version restart the instance (downtime), Multi-AZ and storage do not; without apply_immediately all four
    wait for the maintenance window. A longer backup retention applies at once, from 0 it restarts the instance; a
    shorter one deletes the automated backups older than the new retention. A new identifier creates another,
    empty instance: the role does not rename."""
    name = wanted["id"]
    found = next((i for i in instances if i.get("db_instance_identifier") == name), None)
    if found is None:
        tags = wanted.get("tags") or {}
        others = [i["db_instance_identifier"] for i in instances
                  if tags and all((i.get("tags") or {}).get(k) == v for k, v in tags.items())]
        if others:
            return [plan_change(name, f"a new, empty instance beside {', '.join(others)} (the data stays there)",
                                "rds_instance_id", REPLACEMENT, holds_data=True)]
        return [plan_change(name, "created", "rds_instance_id", CREATED)]
    pending = found.get("pending_modified_values") or {}
    immediately = bool(wanted["apply_immediately"])
    held = IN_PLACE if immediately else AT_WINDOW
    restart = REBOOT if immediately else AT_WINDOW
    changes = []

    def have(key, pending_key):
        return pending.get(pending_key, found.get(key))

    if have("db_instance_class", "db_instance_class") != wanted["instance_class"]:
        changes.append(plan_change(name, f"class {found['db_instance_class']} -> {wanted['instance_class']}",
                                   "rds_instance_class", restart, holds_data=True))
    if bool(have("multi_az", "multi_az")) != bool(wanted["multi_az"]):
        changes.append(plan_change(name, f"Multi-AZ {_onoff(found.get('multi_az'))} -> {_onoff(wanted['multi_az'])}",
                                   "rds_multi_az", held, holds_data=True))
    storage = int(have("allocated_storage", "allocated_storage") or 0)
    if int(wanted["allocated_storage"]) > storage:
        changes.append(plan_change(name, f"storage {storage} -> {int(wanted['allocated_storage'])} GB",
                                   "rds_allocated_storage", held, holds_data=True))
    running = str(have("engine_version", "engine_version") or "")
    version = str(wanted["engine_version"])
    if running.split(".")[:len(version.split("."))] != version.split("."):
        changes.append(plan_change(name, f"PostgreSQL {running} -> {version}", "rds_engine_version", restart,
                                   holds_data=True))
    days, want_days = int(found.get("backup_retention_period") or 0), int(wanted["backup_retention_days"])
    if days != want_days:
        if want_days < days:
            disruption = DATA_LOSS
        elif days == 0:
            disruption = restart
        else:
            disruption = IN_PLACE
        changes.append(plan_change(name, f"backups kept {days} -> {want_days} days" +
                                   (f" (the automated backups older than {want_days} days are deleted)"
                                    if want_days < days else ""),
                                   "rds_backup_retention_days", disruption, holds_data=True))
    return changes + _parameter_plan(name, found, wanted, parameters)


def redis_plan(group, wanted):
    """The changes to the Redis replication group. ``group``: tickr.aws.elasticache_replication_group_info's
    replication_group (empty when none); ``wanted``: id, node_type, num_nodes, at_rest_encryption.

    ElastiCache changes the node type online, keeping the data ("Scaling clusters for Valkey or Redis OSS",
    https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Scaling.RedisReplGrps.html), and adds or removes
    replicas while the primary serves and keeps the data
    (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/increase-decrease-replica-count.html). Encryption at
    rest is set on creation only (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html):
    a new group, restored from a backup; the role refuses it and leaves the group alone."""
    name = wanted["id"]
    if not group:
        return [plan_change(name, "created", "redis_replication_group_id", CREATED)]
    changes = []
    if group.get("cache_node_type") != wanted["node_type"]:
        changes.append(plan_change(name, f"node type {group.get('cache_node_type')} -> {wanted['node_type']}",
                                   "redis_node_type", IN_PLACE, holds_data=True))
    nodes = len(group.get("member_clusters") or [])
    if nodes != int(wanted["num_nodes"]):
        what = "replica added" if int(wanted["num_nodes"]) > nodes else "replica removed, the primary keeps the data"
        changes.append(plan_change(name, f"nodes {nodes} -> {int(wanted['num_nodes'])} ({what})", "redis_num_nodes",
                                   IN_PLACE, holds_data=True))
    encrypted = bool(group.get("at_rest_encryption_enabled"))
    if encrypted != bool(wanted["at_rest_encryption"]):
        changes.append(plan_change(
            name, f"encryption at rest {_onoff(encrypted)} -> {_onoff(wanted['at_rest_encryption'])} "
                  "(a new group restored from a backup: the role refuses it)",
            "redis_at_rest_encryption", REPLACEMENT, holds_data=True))
    return changes


def network_plan(found, wanted):
    """The changes to the network. ``found``: vpcs (amazon.aws.ec2_vpc_net_info's, by Name tag), subnets and
    nat_gateways of that VPC (empty without one); ``wanted``: name, cidr, subnets (each cidr, az), nat_gateways (the
    count networking_nat_gateway and its mode make).

    tickr.aws.ec2_vpc_network finds the VPC by Name tag and CIDR and subnets by CIDR: another CIDR makes a new VPC
    or subnet beside the old one, which keeps what runs in it. NAT gateways are created or deleted, and the private
    route tables' default routes follow, in place."""
    name = wanted["name"]
    vpcs = found.get("vpcs") or []
    if not vpcs:
        return [plan_change(name, "created, with its subnets, groups and endpoints", "networking_vpc_cidr", CREATED)]
    changes = []
    cidrs = sorted(v["cidr_block"] for v in vpcs)
    if wanted["cidr"] not in cidrs:
        changes.append(plan_change(name, f"{', '.join(cidrs)} -> {wanted['cidr']} (a new VPC; the old one keeps "
                                   "what runs in it)", "networking_vpc_cidr", REPLACEMENT))
        return changes
    have = {s["cidr_block"]: s for s in found.get("subnets") or []}
    for subnet in wanted["subnets"]:
        if subnet["cidr"] not in have:
            same_az = sorted(c for c, s in have.items() if s.get("availability_zone") == subnet["az"]
                             and (s.get("tags") or {}).get("Tier") == subnet["tier"])
            change = (f"{', '.join(same_az)} -> {subnet['cidr']} (a new subnet; the old one keeps what runs in it)"
                      if same_az else f"{subnet['cidr']} created")
            changes.append(plan_change(f"{name} {subnet['tier']} subnet in {subnet['az']}", change,
                                       f"networking_{subnet['tier']}_subnets", REPLACEMENT if same_az else CREATED))
    nats = len(found.get("nat_gateways") or [])
    if nats != int(wanted["nat_gateways"]):
        changes.append(plan_change(name, f"NAT gateways {nats} -> {int(wanted['nat_gateways'])}",
                                   "networking_nat_gateway", IN_PLACE))
    return changes


def ecs_service_plan(running, wanted):
    """The changes to the ECS service. ``running``: tickr.aws.ecs_service_image_info's result; ``wanted``: name,
    cpu, memory, desired_count (as tickr.aws.scaled_count gives it).

    Another task size is a new task definition revision, which ECS rolls out by replacing the tasks
    (rolling update, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html); the
    task count changes in place. The image is release.yml's, never site.yml's."""
    name = wanted["name"]
    if not running.get("exists"):
        return [plan_change(name, "created", "ecs_service_desired_count", CREATED)]
    changes = []
    for key, variable, unit in (("cpu", "ecs_service_cpu", " CPU units"), ("memory", "ecs_service_memory", " MiB")):
        if str(running.get(key)) != str(wanted[key]):
            changes.append(plan_change(name, f"task {key} {running.get(key)} -> {wanted[key]}{unit}", variable,
                                       TASKS_REPLACED))
    if int(running.get("desired_count") or 0) != int(wanted["desired_count"]):
        changes.append(plan_change(name, f"tasks {running.get('desired_count')} -> {wanted['desired_count']}",
                                   "ecs_service_desired_count", IN_PLACE))
    return changes


def log_retention_plan(groups, names, days):
    """The retention change of the stack's log groups. ``groups``: amazon.aws.cloudwatchlogs_log_group_info's
    log_groups for the first of ``names`` (they share one retention); ``days``: the retention wanted. CloudWatch
    Logs changes it in place (PutRetentionPolicy) and deletes the events older than the new retention: a shorter
    retention is a loss of data, named by tickr_log_retention_days."""
    resource = ", ".join(names)
    found = next((g for g in groups if g.get("log_group_name") == names[0]), None)
    if found is None:
        return [plan_change(resource, f"created, kept {days} days", "tickr_log_retention_days", CREATED)]
    have = found.get("retention_in_days")
    if have is not None and int(have) == int(days):
        return []
    shorter = have is None or int(days) < int(have)
    return [plan_change(resource, f"retention {have or 'never expire'} -> {days} days"
                        + (" (older events are deleted)" if shorter else ""),
                        "tickr_log_retention_days", DATA_LOSS if shorter else IN_PLACE)]


def plan_refusals(changes, allowed):
    """One message per change that needs ``tickr_allow_data_loss``: a replacement of a resource holding data, or a
    loss of data, whose variable the list ``allowed`` does not name."""
    allowed = allowed or []
    return [f"{c['variable']}: {c['resource']} {c['change']} is {c['disruption']}; add {c['variable']} to "
            "tickr_allow_data_loss to go ahead" for c in changes
            if (c["disruption"] == DATA_LOSS or (c["disruption"] == REPLACEMENT and c["holds_data"]))
            and c["variable"] not in allowed]


def plan_table(changes, cost_before, cost_after):
    """The PLAN block: one line per change (disruption, resource, change, variable), then the monthly cost before,
    after and the difference (tickr.aws.monthly_cost's totals)."""
    width = max([len(d) for d in DISRUPTIONS])
    order = sorted(changes, key=lambda c: (-DISRUPTIONS.index(c["disruption"]), c["resource"]))
    lines = [f"{c['disruption'].ljust(width)}  {c['resource']}: {c['change']}  ({c['variable']})" for c in order]
    if not lines:
        lines = ["no change"]
    before, after = cost_before["total"], cost_after["total"]
    lines.append(f"monthly cost {before:.2f} -> {after:.2f} USD ({after - before:+.2f})")
    return "\n".join(lines)


class FilterModule:
    def filters(self):
        return {
            "plan_change": plan_change,
            "rds_plan": rds_plan,
            "redis_plan": redis_plan,
            "network_plan": network_plan,
            "ecs_service_plan": ecs_service_plan,
            "log_retention_plan": log_retention_plan,
            "plan_refusals": plan_refusals,
            "plan_table": plan_table,
        }
