"""RDS accepts a backup window that ends when the maintenance window starts (or the reverse).

AWS: windows must not overlap; windows that only touch (backup 03:00-04:00, maintenance sun:04:00-sun:05:00,
as Tickr's spec sets them) are accepted.
moto 5.2.5: counts a zero-second overlap as overlapping and rejects them ("The backup window and maintenance
window must not overlap.").
"""

from moto.rds import models as rds_models
from moto.rds import utils as rds_utils

OVERLAP = "The backup window and maintenance window must not overlap."


def _minutes(hhmm):
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _touch_only(maintenance_window, backup_window):
    """True when the windows (within one day, neither crossing midnight) share only an instant."""
    backup_start, backup_end = (_minutes(t) for t in backup_window.split("-"))
    start, end = maintenance_window.lower().split("-")
    if start[:3] != end[:3]:
        return False
    maintenance_start, maintenance_end = _minutes(start[4:]), _minutes(end[4:])
    if backup_end < backup_start or maintenance_end < maintenance_start:
        return False
    return min(backup_end, maintenance_end) - max(backup_start, maintenance_start) == 0


def apply():
    original = rds_utils.valid_preferred_maintenance_window

    def valid_preferred_maintenance_window(maintenance_window, backup_window):
        message = original(maintenance_window, backup_window)
        if message == OVERLAP and _touch_only(maintenance_window, backup_window):
            # Still check the maintenance window's own format and length.
            return original(maintenance_window, None)
        return message

    rds_models.valid_preferred_maintenance_window = valid_preferred_maintenance_window
