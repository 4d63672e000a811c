# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters that check RDS settings against AWS's rules before anything is created."""

import re

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


class FilterModule:
    def filters(self):
        return {"rds_window_errors": rds_window_errors}
