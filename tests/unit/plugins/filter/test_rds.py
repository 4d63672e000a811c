import pytest

from ansible_collections.tickr.aws.plugins.filter.rds import (
    rds_engine_version_to_send,
    rds_major_upgrade,
    rds_offer_errors,
    rds_parameters_by_apply_method,
    rds_pending_changes,
    rds_pending_summary,
    rds_transition_errors,
    rds_window_errors,
)


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


# What RDS offers (rds_offer_errors) and what to send it (rds_engine_version_to_send)

SPEC = {"engine_version": "15", "instance_class": "db.t3.small", "parameters": {"rds.force_ssl": "1"},
        "ca_certificate_identifier": "rds-ca-rsa2048-g1"}


def test_the_spec_settings_are_offered():
    assert rds_offer_errors(SPEC) == []
    assert rds_offer_errors(dict(SPEC, engine_version="15.15", instance_class="db.m6g.large")) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"engine_version": "15.4"}, "rds_engine_version: '15.4' is not a PostgreSQL version RDS offers in eu-west-1"),
        ({"engine_version": "15.12"}, "rds_engine_version: '15.12' is not a PostgreSQL version RDS offers"),
        ({"engine_version": "14.9"}, "rds_engine_version: '14.9' is not a PostgreSQL 15 version"),
        ({"engine_version": "fifteen"}, "rds_engine_version: 'fifteen' is not a PostgreSQL 15 version"),
        ({"instance_class": "db.t3.tiny"}, "rds_instance_class: 'db.t3.tiny' is not an instance class RDS offers"),
        ({"instance_class": "db.t2.micro"}, "rds_instance_class: 'db.t2.micro' is not an instance class RDS offers"),
        ({"parameters": {"rds.force_ssl": "2"}}, "rds_parameters: rds.force_ssl = '2' is not a value postgres15 accepts (0 or 1)"),
        ({"parameters": {"max_connections": "5"}}, "rds_parameters: max_connections = '5' is not a value postgres15 accepts"),
        ({"parameters": {"statement_timeout": "1s"}}, "rds_parameters: statement_timeout = '1s' is not a value"),
        ({"ca_certificate_identifier": "rds-ca-2019"}, "rds_ca_certificate_identifier: 'rds-ca-2019' is not a CA RDS signs with"),
    ],
)
def test_each_setting_rds_does_not_offer_is_named(change, expected):
    errors = rds_offer_errors(dict(SPEC, **change))
    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_one_message_per_broken_rule_and_malformed_classes_left_to_the_format_rule():
    errors = rds_offer_errors({"engine_version": "15.4", "instance_class": "t3.small",
                               "parameters": {"rds.force_ssl": "on", "work_mem": "anything"}})
    assert [e.split(":", maxsplit=1)[0] for e in errors] == ["rds_engine_version", "rds_parameters"]


@pytest.mark.parametrize(
    "wanted, running, default, expected",
    [
        ("15", None, "15.15", "15.15"),       # new instance: the major's default minor
        ("15", None, None, "15"),             # no default known: the major, RDS picks
        ("15", "15.17", "15.15", "15.17"),    # AWS upgraded it: kept, no downgrade
        ("15", "15.13", None, "15.13"),       # a major alone never asks for a change
        ("15.15", "15.13", None, "15.15"),    # a minor asked above the running one: upgrade
        ("15.15", "15.17", None, "15.17"),    # below the running one: kept
        ("15.15", None, None, "15.15"),
        ("15", "14.20", "15.15", "15.15"),    # another major: the wanted one (RDS asks for AllowMajorVersionUpgrade)
    ],
)
def test_the_version_sent_never_asks_for_a_downgrade(wanted, running, default, expected):
    assert rds_engine_version_to_send(wanted, running, default) == expected


def test_a_new_instance_and_the_same_major_are_no_transition():
    assert rds_transition_errors({}, "15") == []
    assert rds_transition_errors({"engine_version": "15.15"}, "15") == []
    assert rds_transition_errors({"engine_version": "15.15"}, "15.17") == []


def test_a_major_downgrade_is_refused_and_an_upgrade_needs_the_switch():
    assert rds_transition_errors({"engine_version": "15.15"}, "14")[0].startswith(
        "rds_engine_version: 14 is below the running PostgreSQL 15.15; RDS cannot downgrade")
    assert "set rds_allow_major_version_upgrade: true" in rds_transition_errors({"engine_version": "15.15"}, "16")[0]
    assert rds_transition_errors({"engine_version": "15.15"}, "16", True) == []


def test_pending_changes_read_as_the_summary_prints_them():
    instance = {"pending_modified_values": {"db_instance_class": "db.t3.medium", "multi_az": True}}
    assert rds_pending_changes(instance) == ["class db.t3.medium", "Multi-AZ on"]
    assert rds_pending_changes({"pending_modified_values": {}}) == []
    assert rds_pending_changes(None) == []


def test_a_major_upgrade_is_told_from_a_minor_one_and_from_a_new_instance():
    assert rds_major_upgrade("15.15", "16") is True
    assert rds_major_upgrade("15.15", "15.17") is False
    assert rds_major_upgrade(None, "16") is False


def test_dynamic_parameters_apply_at_once_and_static_or_unknown_ones_at_a_reboot():
    split = rds_parameters_by_apply_method({"rds.force_ssl": "1", "max_connections": "200", "shared_preload_libraries": "x"})
    assert split == {"immediate": {"rds.force_ssl": "1"},
                     "pending-reboot": {"max_connections": "200", "shared_preload_libraries": "x"}}
    assert rds_parameters_by_apply_method({"max_connections": "200"}) == {"pending-reboot": {"max_connections": "200"}}
    # The group is still sent (created) with no parameter.
    assert rds_parameters_by_apply_method({}) == {"immediate": {}}


def test_the_summary_says_what_waits_for_the_window_and_what_for_a_reboot():
    window = "sun:04:00-sun:05:00"
    held = {"pending_modified_values": {"db_instance_class": "db.t3.medium"},
            "db_parameter_groups": [{"db_parameter_group_name": "tickr-postgres15", "parameter_apply_status": "in-sync"}]}
    assert rds_pending_summary(held, window) == (
        "class db.t3.medium until sun:04:00-sun:05:00 (rds_apply_immediately: true applies them now)")
    reboot = {"db_parameter_groups": [{"db_parameter_group_name": "tickr-postgres15", "parameter_apply_status": "pending-reboot"}]}
    assert rds_pending_summary(reboot, window) == (
        "parameter group tickr-postgres15 until a reboot (rds_reboot_for_parameters: true reboots the instance)")
    assert rds_pending_summary({}, window) == "nothing"
