import pytest

from ansible_collections.tickr.aws.plugins.filter.rds import rds_window_errors


def test_the_spec_windows_touch_and_are_valid():
    assert rds_window_errors("sun:04:00-sun:05:00", "03:00-04:00") == []
    assert rds_window_errors("Sun:04:00-Sun:05:00", "05:00-06:00") == []


@pytest.mark.parametrize(
    "maintenance, backup, expected",
    [
        ("sun:04:00-sun:05:00", "3:00-4:00", "rds_backup_window: '3:00-4:00' is not hh24:mi-hh24:mi"),
        ("sunday 04:00", "03:00-04:00", "rds_maintenance_window: 'sunday 04:00' is not ddd:hh24:mi-ddd:hh24:mi"),
        ("sun:04:00-sun:05:00", "03:00-03:15", "rds_backup_window: '03:00-03:15' lasts 15 minutes"),
        ("sun:04:00-sun:04:10", "01:00-02:00", "rds_maintenance_window: 'sun:04:00-sun:04:10' lasts 10 minutes"),
        ("sun:04:00-sun:05:00", "03:30-04:30", "rds_backup_window: '03:30-04:30' overlaps rds_maintenance_window"),
        ("mon:00:00-mon:01:00", "23:30-00:30", "rds_backup_window: '23:30-00:30' overlaps"),
        ("sun:23:30-mon:00:30", "00:00-00:45", "rds_backup_window: '00:00-00:45' overlaps"),
    ],
)
def test_each_broken_rule_is_named(maintenance, backup, expected):
    errors = rds_window_errors(maintenance, backup)
    assert any(e.startswith(expected) for e in errors), errors


def test_elasticache_windows_need_an_hour():
    errors = rds_window_errors("sun:05:00-sun:05:30", "03:00-04:00", "redis_maintenance_window", "redis_snapshot_window", 60)
    assert errors == ["redis_maintenance_window: 'sun:05:00-sun:05:30' lasts 30 minutes; AWS takes 60 minutes to 24 hours"]
    assert rds_window_errors("sun:05:00-sun:06:00", "03:00-03:45", "m", "s", 60) == [
        "s: '03:00-03:45' lasts 45 minutes; AWS needs at least 60"]
    assert rds_window_errors("sun:05:00-sun:06:00", "03:00-04:00", "m", "s", 60) == []


@pytest.mark.parametrize("empty", [None, ""])
def test_a_window_left_to_aws_is_not_checked(empty):
    # ElastiCache picks a window left out: only the other one is checked, and no overlap.
    assert rds_window_errors(empty, "03:00-04:00", "m", "s", 60) == []
    assert rds_window_errors("sun:04:00-sun:05:00", empty, "m", "s", 60) == []
    assert rds_window_errors(empty, empty) == []
    assert rds_window_errors(empty, "3:00-4:00", "m", "s", 60) == ["s: '3:00-4:00' is not hh24:mi-hh24:mi in UTC (e.g. 03:00-04:00)"]
    assert rds_window_errors("sun:05:00-sun:05:30", empty, "m", "s", 60) == [
        "m: 'sun:05:00-sun:05:30' lasts 30 minutes; AWS takes 60 minutes to 24 hours"]


def test_one_malformed_window_does_not_hide_the_other_ones_rules():
    assert rds_window_errors("sun:04:00-sun:04:10", "3:00-4:00") == [
        "rds_backup_window: '3:00-4:00' is not hh24:mi-hh24:mi in UTC (e.g. 03:00-04:00)",
        "rds_maintenance_window: 'sun:04:00-sun:04:10' lasts 10 minutes; AWS takes 30 minutes to 24 hours"]
