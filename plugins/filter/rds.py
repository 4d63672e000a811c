# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters that check RDS settings against AWS's rules and offer before anything is created."""

import re

# What RDS offers PostgreSQL 15 in eu-west-1, as of 2026-12-02 (a dated table: validation makes no AWS call, so a
# bad value costs nothing). Update it with the release calendar and the describe calls named below.
OFFER_AS_OF = "2026-12-02"
# Minor versions: "Release calendars for Amazon RDS for PostgreSQL"
# (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html); 15.9-15.12
# reached the end of standard support on 2026-05-31 (new instances refused from 2026-05-01), 15.4 long before.
# `aws rds describe-db-engine-versions --engine postgres --db-parameter-group-family postgres15` lists them.
POSTGRES_VERSIONS = {"15": ["15.13", "15.14", "15.15", "15.16", "15.17"]}
# Instance classes: `aws rds describe-orderable-db-instance-options --engine postgres --engine-version 15.15`
# (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html), by family.
_SIZES = {
    "t3": ["micro", "small", "medium", "large", "xlarge", "2xlarge"],
    "t4g": ["micro", "small", "medium", "large", "xlarge", "2xlarge"],
    "m5": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "m5d": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "m6g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "m6gd": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "m6i": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"],
    "m6id": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"],
    "m7g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "r5": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "r5b": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "r5d": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "r6g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "r6gd": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "r6i": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"],
    "r6id": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"],
    "r7g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "x2g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
}
POSTGRES_INSTANCE_CLASSES = {f"db.{family}.{size}" for family, sizes in _SIZES.items() for size in sizes}
# Parameter values the postgres15 family accepts (AllowedValues of DescribeEngineDefaultParameters
# --db-parameter-group-family postgres15) and their ApplyType, for the parameters the spec and its runbooks set.
# Others are left to the parameter group task, which fails on a name AWS does not know.
POSTGRES_PARAMETERS = {
    "rds.force_ssl": ("boolean", None, "dynamic"),
    "log_connections": ("boolean", None, "dynamic"),
    "log_disconnections": ("boolean", None, "dynamic"),
    "max_connections": ("integer", (6, 8388607), "static"),
    "log_min_duration_statement": ("integer", (-1, 2147483647), "dynamic"),
    "statement_timeout": ("integer", (0, 2147483647), "dynamic"),
    "idle_in_transaction_session_timeout": ("integer", (0, 2147483647), "dynamic"),
}
# CAs RDS signs server certificates with (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html);
# rds-ca-2019 expired in 2024.
RDS_CAS = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"]
_VERSION = re.compile(r"^(\d+)(?:[.](\d+))?$")

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEK = 7 * 24 * 60
BACKUP = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
MAINTENANCE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$")


def _overlap(a_start, a_end, b_start, b_end, period):
    """Minutes two intervals (ends may wrap past ``period``) share; touching intervals share none."""
    shared = 0
    for shift in (-period, 0, period):
        shared = max(shared, min(a_end, b_end + shift) - max(a_start, b_start + shift))
    return shared


def rds_window_errors(maintenance_window, backup_window, maintenance_variable="rds_maintenance_window",
                      backup_variable="rds_backup_window", minimum_minutes=30):
    """Errors of a backup and a maintenance window as AWS checks them: format, at least ``minimum_minutes`` each
    (RDS: 30, ElastiCache: 60), maintenance under 24 hours, and no overlap (the daily backup window against the
    weekly one; touching is fine). A window left out (None or empty: AWS picks it) is not checked, nor the overlap."""
    errors = []
    has_backup = backup_window not in (None, "")
    has_maintenance = maintenance_window not in (None, "")
    backup = BACKUP.match(str(backup_window)) if has_backup else None
    maintenance = MAINTENANCE.match(str(maintenance_window).lower()) if has_maintenance else None
    if has_backup and not backup:
        errors.append(f"{backup_variable}: '{backup_window}' is not hh24:mi-hh24:mi in UTC (e.g. 03:00-04:00)")
    if has_maintenance and not maintenance:
        errors.append(f"{maintenance_variable}: '{maintenance_window}' is not ddd:hh24:mi-ddd:hh24:mi in UTC "
                      "(e.g. sun:04:00-sun:05:00)")
    if backup:
        b_start = int(backup.group(1)) * 60 + int(backup.group(2))
        b_end = int(backup.group(3)) * 60 + int(backup.group(4))
        if b_end <= b_start:
            b_end += 24 * 60
        if b_end - b_start < minimum_minutes:
            errors.append(f"{backup_variable}: '{backup_window}' lasts {b_end - b_start} minutes; "
                          f"AWS needs at least {minimum_minutes}")
    if not maintenance:
        return errors
    g = maintenance.groups()
    m_start = DAYS.index(g[0]) * 1440 + int(g[1]) * 60 + int(g[2])
    m_end = DAYS.index(g[3]) * 1440 + int(g[4]) * 60 + int(g[5])
    if m_end <= m_start:
        m_end += WEEK
    if not minimum_minutes <= m_end - m_start <= 24 * 60:
        errors.append(f"{maintenance_variable}: '{maintenance_window}' lasts {m_end - m_start} minutes; "
                      f"AWS takes {minimum_minutes} minutes to 24 hours")
    if not backup:
        return errors
    # The backup window recurs every day: compare it with the maintenance window on each day it could meet.
    day_start = (m_start // 1440) * 1440
    for offset in (-1440, 0, 1440):
        if _overlap(b_start + day_start + offset, b_end + day_start + offset, m_start, m_end, WEEK) > 0:
            errors.append(f"{backup_variable}: '{backup_window}' overlaps {maintenance_variable} '{maintenance_window}'; "
                          "AWS needs them apart (touching is fine)")
            break
    return errors


def _version_key(version):
    return tuple(int(part) for part in str(version).split("."))


def rds_engine_version_errors(version, variable="rds_engine_version"):
    """Errors of a PostgreSQL version as RDS offers it: the major alone ("15", its default minor) or an offered minor."""
    version = str(version)
    match = _VERSION.match(version)
    if not match or match.group(1) not in POSTGRES_VERSIONS:
        return [f"{variable}: '{version}' is not a PostgreSQL 15 version (15, or 15.<minor> that RDS offers), "
                "as the parameter group family postgres15 needs"]
    offered = POSTGRES_VERSIONS[match.group(1)]
    if match.group(2) is not None and version not in offered:
        return [f"{variable}: '{version}' is not a PostgreSQL version RDS offers in eu-west-1 (as of {OFFER_AS_OF}: "
                f"{', '.join(offered)}, or the major alone, '{match.group(1)}', for its default minor)"]
    return []


def rds_offer_errors(settings, prefix="rds_"):
    """Errors of the instance's settings against what RDS offers PostgreSQL 15 (the tables above), one per broken
    rule, each starting with the variable at fault. ``settings`` holds engine_version, instance_class, parameters and
    ca_certificate_identifier (any may be left out)."""
    errors = []
    if "engine_version" in settings:
        errors += rds_engine_version_errors(settings["engine_version"], f"{prefix}engine_version")
    instance_class = settings.get("instance_class")
    # A class not shaped db.<family>.<size> is the format rule's to name (roles/rds/tasks/validate.yml).
    if re.match(r"^db[.][a-z0-9]+[.][a-z0-9]+$", str(instance_class)) and instance_class not in POSTGRES_INSTANCE_CLASSES:
        families = sorted({c.split(".")[1] for c in POSTGRES_INSTANCE_CLASSES})
        errors.append(f"{prefix}instance_class: '{instance_class}' is not an instance class RDS offers for PostgreSQL 15 "
                      f"in eu-west-1 (as of {OFFER_AS_OF}: db.<family>.<size> of the families {', '.join(families)}, "
                      "e.g. db.t3.small)")
    for name, value in sorted((settings.get("parameters") or {}).items()):
        rule = POSTGRES_PARAMETERS.get(name)
        if rule is None:
            continue
        kind, bounds, _apply_type = rule
        text = str(value).strip()
        if kind == "boolean" and text not in ("0", "1"):
            errors.append(f"{prefix}parameters: {name} = '{value}' is not a value postgres15 accepts (0 or 1)")
        elif kind == "integer":
            ok = re.match(r"^-?\d+$", text) and bounds[0] <= int(text) <= bounds[1]
            if not ok:
                errors.append(f"{prefix}parameters: {name} = '{value}' is not a value postgres15 accepts "
                              f"(an integer {bounds[0]}-{bounds[1]})")
    ca = settings.get("ca_certificate_identifier")
    if ca is not None and ca not in RDS_CAS:
        errors.append(f"{prefix}ca_certificate_identifier: '{ca}' is not a CA RDS signs with ({', '.join(RDS_CAS)})")
    return errors


def rds_engine_version_to_send(wanted, running=None, default_minor=None):
    """The EngineVersion to give RDS for the ``wanted`` version (a major alone, or a minor).

    A running instance of the wanted major that is already on a later minor (AWS's automatic minor upgrades) or
    that a major alone names keeps its version: sending the wanted one would ask for a downgrade
    ("Cannot upgrade postgres from 15.17 to 15.15"). A new instance asked for a major alone gets ``default_minor``
    when given (DescribeDBEngineVersions with DefaultOnly), else the major itself."""
    wanted = str(wanted)
    major_only = "." not in wanted
    if running:
        running = str(running)
        if running.split(".", maxsplit=1)[0] == wanted.split(".", maxsplit=1)[0] and (major_only or _version_key(running) >= _version_key(wanted)):
            return running
    if major_only and default_minor:
        return str(default_minor)
    return wanted


def rds_transition_errors(running, wanted_version, allow_major_version_upgrade=False):
    """Errors of moving the running instance (rds_instance_info's answer, or nothing) to ``wanted_version``.

    RDS never downgrades a major ("Cannot upgrade postgres from 15.15 to 14.12") and upgrades one only with
    AllowMajorVersionUpgrade
    (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.PostgreSQL.MajorVersion.html)."""
    running_version = str((running or {}).get("engine_version") or "")
    if not running_version:
        return []
    have = int(running_version.split(".", maxsplit=1)[0])
    want = int(str(wanted_version).split(".", maxsplit=1)[0])
    if want < have:
        return [f"rds_engine_version: {wanted_version} is below the running PostgreSQL {running_version}; RDS cannot "
                "downgrade a major (restore a dump into a new instance instead)"]
    if want > have and not allow_major_version_upgrade:
        return [f"rds_engine_version: {wanted_version} is a major upgrade of the running PostgreSQL {running_version}; "
                "set rds_allow_major_version_upgrade: true to upgrade (the database restarts; try it on a snapshot first)"]
    return []


def rds_major_upgrade(running_version, wanted_version):
    """Whether moving the running instance (its version, or none) to ``wanted_version`` changes its major."""
    if not running_version:
        return False
    return str(running_version).split(".", maxsplit=1)[0] != str(wanted_version).split(".", maxsplit=1)[0]


def rds_pending_changes(instance):
    """What RDS holds for the maintenance window, as 'class db.t3.medium', 'Multi-AZ on', ... (empty: nothing)."""
    pending = (instance or {}).get("pending_modified_values") or {}
    labels = {"db_instance_class": "class {0}", "allocated_storage": "storage {0} GB", "storage_type": "storage type {0}",
              "engine_version": "PostgreSQL {0}", "ca_certificate_identifier": "CA {0}", "iops": "{0} IOPS",
              "storage_throughput": "throughput {0} MiB/s"}
    changes = []
    for key, value in sorted(pending.items()):
        if key == "multi_az":
            changes.append("Multi-AZ " + ("on" if value else "off"))
        elif key in labels:
            changes.append(labels[key].format(value))
    return changes


def rds_parameters_by_apply_method(parameters):
    """``parameters`` split by the ApplyMethod AWS accepts for them: {'immediate': dynamic ones, 'pending-reboot':
    static ones and names the table does not know (AWS accepts pending-reboot for any parameter, immediate only for
    dynamic ones)}. Empty groups are left out, but one is always given: the task that sends them creates the group."""
    split = {"immediate": {}, "pending-reboot": {}}
    for name, value in (parameters or {}).items():
        dynamic = POSTGRES_PARAMETERS.get(name, (None, None, "static"))[2] == "dynamic"
        split["immediate" if dynamic else "pending-reboot"][name] = value
    return {method: values for method, values in split.items() if values} or {"immediate": {}}


def rds_parameter_groups_pending_reboot(instance):
    """The instance's parameter groups whose changes wait for a reboot (ParameterApplyStatus pending-reboot)."""
    return [group.get("db_parameter_group_name") for group in (instance or {}).get("db_parameter_groups") or []
            if group.get("parameter_apply_status") == "pending-reboot"]


def rds_pending_summary(instance, maintenance_window):
    """What the instance has not applied yet, in words, for the run's summary: the changes RDS holds for the
    maintenance window, and the parameter groups that wait for a reboot (which the window does not do); 'nothing'."""
    parts = []
    held = rds_pending_changes(instance)
    if held:
        parts.append(f"{', '.join(held)} until {maintenance_window} (rds_apply_immediately: true applies them now)")
    for group in rds_parameter_groups_pending_reboot(instance):
        parts.append(f"parameter group {group} until a reboot (rds_reboot_for_parameters: true reboots the instance)")
    return "; ".join(parts) or "nothing"


class FilterModule:
    def filters(self):
        return {
            "rds_window_errors": rds_window_errors,
            "rds_offer_errors": rds_offer_errors,
            "rds_engine_version_to_send": rds_engine_version_to_send,
            "rds_transition_errors": rds_transition_errors,
            "rds_pending_changes": rds_pending_changes,
            "rds_pending_summary": rds_pending_summary,
            "rds_parameters_by_apply_method": rds_parameters_by_apply_method,
            "rds_parameter_groups_pending_reboot": rds_parameter_groups_pending_reboot,
            "rds_major_upgrade": rds_major_upgrade,
        }
