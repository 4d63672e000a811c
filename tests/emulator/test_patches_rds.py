"""RDS fidelity patches, over HTTP."""

import pytest
from botocore.exceptions import ClientError


def _create(rds, backup, maintenance, name="db"):
    return rds.create_db_instance(
        DBInstanceIdentifier=name, DBInstanceClass="db.t3.small", Engine="postgres", EngineVersion="15.4",
        AllocatedStorage=20, MasterUsername="tickr", MasterUserPassword="x" * 32,
        PreferredBackupWindow=backup, PreferredMaintenanceWindow=maintenance,
    )["DBInstance"]


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
    rds.create_db_instance(
        DBInstanceIdentifier="pi", DBInstanceClass="db.t3.small", Engine="postgres", EngineVersion="15.4",
        AllocatedStorage=20, StorageType="gp3", MasterUsername="tickr", MasterUserPassword="x" * 32,
        EnablePerformanceInsights=True,
    )
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
