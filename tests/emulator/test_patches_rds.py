"""RDS fidelity patches, over HTTP."""

import datetime
import time

import pytest
from botocore.exceptions import ClientError

VERSION = "15.15"


def _create(rds, backup="03:00-04:00", maintenance="sun:04:00-sun:05:00", name="db", **extra):
    params = dict(
        DBInstanceIdentifier=name, DBInstanceClass="db.t3.small", Engine="postgres", EngineVersion=VERSION,
        AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32,
        PreferredBackupWindow=backup, PreferredMaintenanceWindow=maintenance,
    )
    params.update(extra)
    return rds.create_db_instance(**params)["DBInstance"]


def _error(call, *args, **kwargs):
    with pytest.raises(ClientError) as error:
        call(*args, **kwargs)
    return error.value.response["Error"]


def test_touching_windows_are_accepted(fresh_emulator):
    rds = fresh_emulator.client("rds")
    instance = _create(rds, "03:00-04:00", "sun:04:00-sun:05:00")
    assert instance["PreferredBackupWindow"] == "03:00-04:00"
    assert instance["PreferredMaintenanceWindow"] == "sun:04:00-sun:05:00"


def test_overlapping_windows_are_still_rejected(fresh_emulator):
    rds = fresh_emulator.client("rds")
    with pytest.raises(ClientError, match="must not overlap"):
        _create(rds, "03:00-04:30", "sun:04:00-sun:05:00", name="db2")


def test_describing_a_missing_parameter_group_fails_as_on_aws(fresh_emulator):
    rds = fresh_emulator.client("rds")
    with pytest.raises(ClientError) as error:
        rds.describe_db_parameter_groups(DBParameterGroupName="absent")
    assert error.value.response["Error"]["Code"] == "DBParameterGroupNotFound"
    rds.create_db_parameter_group(DBParameterGroupName="present", DBParameterGroupFamily="postgres15", Description="d")
    assert [g["DBParameterGroupName"] for g in rds.describe_db_parameter_groups(DBParameterGroupName="present")["DBParameterGroups"]] == ["present"]


def test_instances_describe_performance_insights_and_gp3_baseline(fresh_emulator):
    rds = fresh_emulator.client("rds")
    _create(rds, name="pi", StorageType="gp3", EnablePerformanceInsights=True)
    instance = rds.describe_db_instances(DBInstanceIdentifier="pi")["DBInstances"][0]
    assert instance["PerformanceInsightsEnabled"] is True
    assert instance["PerformanceInsightsRetentionPeriod"] == 7
    assert instance["Iops"] == 3000 and instance["StorageThroughput"] == 125
    rds.modify_db_instance(DBInstanceIdentifier="pi", EnablePerformanceInsights=False, ApplyImmediately=True)
    assert rds.describe_db_instances(DBInstanceIdentifier="pi")["DBInstances"][0]["PerformanceInsightsEnabled"] is False


def test_parameter_groups_list_engine_defaults_and_user_values(fresh_emulator):
    rds = fresh_emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="pg", DBParameterGroupFamily="postgres15", Description="d")
    before = {p["ParameterName"]: p for p in rds.describe_db_parameters(DBParameterGroupName="pg")["Parameters"]}
    assert before["rds.force_ssl"]["Source"] == "engine-default" and before["rds.force_ssl"]["IsModifiable"] is True
    rds.modify_db_parameter_group(DBParameterGroupName="pg", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    after = {p["ParameterName"]: p for p in rds.describe_db_parameters(DBParameterGroupName="pg")["Parameters"]}
    assert after["rds.force_ssl"]["ParameterValue"] == "1" and after["rds.force_ssl"]["Source"] == "user"
    assert set(after) == set(before)


# Engine versions (rds_engine_versions)

def test_engine_versions_list_the_offered_postgresql_15_minors(emulator):
    rds = emulator.client("rds")
    found = rds.describe_db_engine_versions(Engine="postgres", DBParameterGroupFamily="postgres15")["DBEngineVersions"]
    versions = [v["EngineVersion"] for v in found]
    assert "15.4" not in versions and "15.12" not in versions
    assert VERSION in versions
    assert {v["DBParameterGroupFamily"] for v in found} == {"postgres15"}
    assert {v["MajorEngineVersion"] for v in found} == {"15"}
    assert all("rds-ca-rsa2048-g1" in v["SupportedCACertificateIdentifiers"] for v in found)
    default = rds.describe_db_engine_versions(Engine="postgres", DBParameterGroupFamily="postgres15",
                                              DefaultOnly=True)["DBEngineVersions"]
    assert [v["EngineVersion"] for v in default] == [VERSION]
    by_major = rds.describe_db_engine_versions(Engine="postgres", EngineVersion="15", DefaultOnly=True)["DBEngineVersions"]
    assert [v["EngineVersion"] for v in by_major] == [VERSION]
    assert rds.describe_db_engine_versions(Engine="postgres", EngineVersion="15.4")["DBEngineVersions"] == []


def test_a_retired_version_cannot_be_created(fresh_emulator):
    rds = fresh_emulator.client("rds")
    error = _error(_create, rds, EngineVersion="15.4")
    assert error["Code"] == "InvalidParameterCombination"
    assert error["Message"] == "Cannot find version 15.4 for postgres"
    assert rds.describe_db_instances()["DBInstances"] == []


def test_a_major_alone_gets_its_default_minor(fresh_emulator):
    rds = fresh_emulator.client("rds")
    assert _create(rds, EngineVersion="15")["EngineVersion"] == VERSION


def test_modify_refuses_a_downgrade_and_a_retired_version(fresh_emulator):
    rds = fresh_emulator.client("rds")
    _create(rds, EngineVersion="15.17")
    error = _error(rds.modify_db_instance, DBInstanceIdentifier="db", EngineVersion="15.15", ApplyImmediately=True)
    assert error["Code"] == "InvalidParameterCombination"
    assert error["Message"] == "Cannot upgrade postgres from 15.17 to 15.15"
    error = _error(rds.modify_db_instance, DBInstanceIdentifier="db", EngineVersion="15.4", ApplyImmediately=True)
    assert error["Message"] == "Cannot find version 15.4 for postgres"
    # A major alone never lowers the running minor.
    rds.modify_db_instance(DBInstanceIdentifier="db", EngineVersion="15", ApplyImmediately=True)
    assert rds.describe_db_instances(DBInstanceIdentifier="db")["DBInstances"][0]["EngineVersion"] == "15.17"


def test_modify_upgrades_a_minor_and_needs_the_flag_for_a_major(fresh_emulator):
    rds = fresh_emulator.client("rds")
    _create(rds, EngineVersion="15.13")
    rds.modify_db_instance(DBInstanceIdentifier="db", EngineVersion="15.15", ApplyImmediately=True)
    assert rds.describe_db_instances(DBInstanceIdentifier="db")["DBInstances"][0]["EngineVersion"] == "15.15"
    error = _error(rds.modify_db_instance, DBInstanceIdentifier="db", EngineVersion="16.11", ApplyImmediately=True)
    assert "AllowMajorVersionUpgrade" in error["Message"]


# Enhanced Monitoring role propagation (rds_monitoring_role_propagation)

def _monitoring_role(emulator, name="monitoring"):
    iam = emulator.client("iam")
    return iam.create_role(RoleName=name, AssumeRolePolicyDocument=(
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"monitoring.rds.amazonaws.com"},'
        '"Action":"sts:AssumeRole"}]}'))["Role"]["Arn"]


def test_a_monitoring_role_seconds_old_is_refused_then_accepted(fresh_emulator):
    rds = fresh_emulator.client("rds")
    arn = _monitoring_role(fresh_emulator)
    error = _error(_create, rds, MonitoringInterval=60, MonitoringRoleArn=arn)
    assert error["Code"] == "InvalidParameterValue"
    assert error["Message"] == ("IAM role ARN value is invalid or does not include the required permissions for: "
                                "ENHANCED_MONITORING")
    assert rds.describe_db_instances()["DBInstances"] == []
    time.sleep(5.5)
    assert _create(rds, MonitoringInterval=60, MonitoringRoleArn=arn)["MonitoringRoleArn"] == arn


def test_a_monitoring_role_that_does_not_exist_is_refused(fresh_emulator):
    rds = fresh_emulator.client("rds")
    error = _error(_create, rds, MonitoringInterval=60, MonitoringRoleArn="arn:aws:iam::123456789012:role/absent")
    assert "ENHANCED_MONITORING" in error["Message"]


def test_enhanced_monitoring_names_its_log_stream(fresh_emulator):
    rds = fresh_emulator.client("rds")
    arn = _monitoring_role(fresh_emulator)
    time.sleep(5.5)
    _create(rds, name="monitored", MonitoringInterval=60, MonitoringRoleArn=arn)
    _create(rds, name="unmonitored")
    described = {d["DBInstanceIdentifier"]: d for d in rds.describe_db_instances()["DBInstances"]}
    monitored = described["monitored"]
    assert monitored["EnhancedMonitoringResourceArn"] == (
        f"arn:aws:logs:eu-west-1:123456789012:log-group:RDSOSMetrics:log-stream:{monitored['DbiResourceId']}")
    assert "EnhancedMonitoringResourceArn" not in described["unmonitored"]


# CA certificate (rds_ca_certificate)

def test_instances_describe_their_ca_and_its_validity(fresh_emulator):
    rds = fresh_emulator.client("rds")
    _create(rds, name="default-ca")
    _create(rds, name="pinned", CACertificateIdentifier="rds-ca-rsa4096-g1")
    described = {d["DBInstanceIdentifier"]: d for d in rds.describe_db_instances()["DBInstances"]}
    assert described["default-ca"]["CACertificateIdentifier"] == "rds-ca-rsa2048-g1"
    details = described["pinned"]["CertificateDetails"]
    assert details["CAIdentifier"] == "rds-ca-rsa4096-g1"
    assert details["ValidTill"] > datetime.datetime.now(datetime.timezone.utc)


def test_an_unknown_ca_is_refused(fresh_emulator):
    rds = fresh_emulator.client("rds")
    assert _error(_create, rds, CACertificateIdentifier="rds-ca-default")["Code"] == "CertificateNotFound"
    _create(rds)
    error = _error(rds.modify_db_instance, DBInstanceIdentifier="db", CACertificateIdentifier="rds-ca-2015")
    assert error["Code"] == "CertificateNotFound"


# Certificate authorities (rds_describe_certificates)

def test_the_cas_are_listed_with_their_validity(fresh_emulator):
    rds = fresh_emulator.client("rds")
    answer = rds.describe_certificates()
    assert answer["DefaultCertificateForNewLaunches"] == "rds-ca-rsa2048-g1"
    listed = {c["CertificateIdentifier"]: c for c in answer["Certificates"]}
    assert set(listed) == {"rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"}
    default = listed["rds-ca-rsa2048-g1"]
    assert default["ValidTill"].year == 2061 and default["ValidFrom"].year == 2021
    assert default["CertificateArn"] == "arn:aws:rds:eu-west-1::cert:rds-ca-rsa2048-g1"
    assert default["CustomerOverride"] is False and default["CertificateType"] == "CA"
    one = rds.describe_certificates(CertificateIdentifier="rds-ca-ecc384-g1")["Certificates"]
    assert [c["CertificateIdentifier"] for c in one] == ["rds-ca-ecc384-g1"]
    assert _error(rds.describe_certificates, CertificateIdentifier="rds-ca-2019")["Code"] == "CertificateNotFound"


# Instance classes (rds_orderable_instance_classes)

def test_orderable_options_list_the_postgresql_15_classes(emulator):
    rds = emulator.client("rds")
    options = rds.describe_orderable_db_instance_options(Engine="postgres", EngineVersion=VERSION)["OrderableDBInstanceOptions"]
    classes = {o["DBInstanceClass"] for o in options}
    assert {"db.t3.small", "db.t3.medium", "db.m6g.large"} <= classes
    assert "db.t3.tiny" not in classes and "db.t2.micro" not in classes
    assert {o["EngineVersion"] for o in options} == {VERSION}
    one = rds.describe_orderable_db_instance_options(Engine="postgres", EngineVersion=VERSION,
                                                     DBInstanceClass="db.t3.small")["OrderableDBInstanceOptions"]
    assert [(o["DBInstanceClass"], o["StorageType"]) for o in one] == [("db.t3.small", "gp3")]


def test_a_class_rds_does_not_offer_is_refused(fresh_emulator):
    rds = fresh_emulator.client("rds")
    error = _error(_create, rds, DBInstanceClass="db.t3.tiny")
    assert error["Code"] == "InvalidParameterCombination"
    assert error["Message"].startswith("RDS does not support creating a DB instance with the following combination: "
                                       "DBInstanceClass=db.t3.tiny, Engine=postgres, EngineVersion=15.15")
    assert rds.describe_db_instances()["DBInstances"] == []


# Pending modified values (rds_pending_modified_values)

def _described(rds, name):
    return rds.describe_db_instances(DBInstanceIdentifier=name)["DBInstances"][0]


def test_class_and_multi_az_wait_for_the_maintenance_window(fresh_emulator):
    rds = fresh_emulator.client("rds")
    _create(rds, name="held")
    rds.modify_db_instance(DBInstanceIdentifier="held", DBInstanceClass="db.t3.medium", MultiAZ=True,
                           BackupRetentionPeriod=14)
    instance = _described(rds, "held")
    assert instance["DBInstanceClass"] == "db.t3.small" and instance["MultiAZ"] is False
    assert instance["PendingModifiedValues"] == {"DBInstanceClass": "db.t3.medium", "MultiAZ": True}
    # Backup retention is not held for the window.
    assert instance["BackupRetentionPeriod"] == 14
    assert "held" in fresh_emulator.maintenance_window()
    _assert_applied(_described(rds, "held"))


def _assert_applied(instance):
    assert (instance["DBInstanceClass"], instance["MultiAZ"], instance.get("PendingModifiedValues")) == (
        "db.t3.medium", True, {})


def test_apply_immediately_applies_the_change_and_what_was_pending(fresh_emulator):
    rds = fresh_emulator.client("rds")
    _create(rds, name="now")
    rds.modify_db_instance(DBInstanceIdentifier="now", MultiAZ=True)
    rds.modify_db_instance(DBInstanceIdentifier="now", DBInstanceClass="db.t3.medium", ApplyImmediately=True)
    _assert_applied(_described(rds, "now"))


def test_asking_for_the_running_value_cancels_nothing_and_holds_nothing(fresh_emulator):
    rds = fresh_emulator.client("rds")
    _create(rds, name="same")
    rds.modify_db_instance(DBInstanceIdentifier="same", DBInstanceClass="db.t3.small", AllocatedStorage=20)
    assert not _described(rds, "same").get("PendingModifiedValues")


def _apply_status(rds, name):
    return [g["ParameterApplyStatus"] for g in _described(rds, name)["DBParameterGroups"]]


def test_a_parameter_change_waits_for_a_reboot_and_immediate_is_refused_for_static_ones(fresh_emulator):
    rds = fresh_emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="tuned", DBParameterGroupFamily="postgres15", Description="t")
    _create(rds, name="tuned-db", DBParameterGroupName="tuned")
    assert _apply_status(rds, "tuned-db") == ["in-sync"]
    # A dynamic parameter applied at once keeps the instance in sync.
    rds.modify_db_parameter_group(DBParameterGroupName="tuned", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    assert _apply_status(rds, "tuned-db") == ["in-sync"]
    error = _error(rds.modify_db_parameter_group, DBParameterGroupName="tuned", Parameters=[
        {"ParameterName": "max_connections", "ParameterValue": "200", "ApplyMethod": "immediate"}])
    assert error == {"Code": "InvalidParameterCombination", "Message": "cannot use immediate apply method for static parameter",
                     "Type": "Sender"}
    rds.modify_db_parameter_group(DBParameterGroupName="tuned", Parameters=[
        {"ParameterName": "max_connections", "ParameterValue": "200", "ApplyMethod": "pending-reboot"}])
    assert _apply_status(rds, "tuned-db") == ["pending-reboot"]
    # The maintenance window does not reboot for it; a reboot applies it.
    fresh_emulator.maintenance_window()
    assert _apply_status(rds, "tuned-db") == ["pending-reboot"]
    rds.reboot_db_instance(DBInstanceIdentifier="tuned-db")
    assert _apply_status(rds, "tuned-db") == ["in-sync"]


def test_another_parameter_group_runs_after_a_reboot(fresh_emulator):
    rds = fresh_emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="other", DBParameterGroupFamily="postgres15", Description="o")
    _create(rds, name="moved")
    rds.modify_db_instance(DBInstanceIdentifier="moved", DBParameterGroupName="other", ApplyImmediately=True)
    groups = _described(rds, "moved")["DBParameterGroups"]
    assert [(g["DBParameterGroupName"], g["ParameterApplyStatus"]) for g in groups] == [("other", "pending-reboot")]
