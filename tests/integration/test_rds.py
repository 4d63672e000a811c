"""The PostgreSQL instance is exactly the spec's "RDS PostgreSQL", keeps its password, and refuses bad input."""

import json

import pytest

pytestmark = pytest.mark.integration
INSTANCE = "tickr-postgres"
SECRET = "tickr/db/password"


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    first = run_playbook(emulator.env, extra=["--tags", "networking,rds", "-vvv"], json_output=False)
    assert first.returncode == 0, first.output[-3000:]
    password = emulator.client("secretsmanager").get_secret_value(SecretId=SECRET)["SecretString"]
    return emulator, first, password


def test_instance_matches_the_spec(deployed):
    emulator = deployed[0]
    rds = emulator.client("rds")
    db = rds.describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"][0]
    expected = {
        "Engine": "postgres", "EngineVersion": "15.4", "DBInstanceClass": "db.t3.small", "AllocatedStorage": 20,
        "MaxAllocatedStorage": 100, "StorageType": "gp3", "StorageEncrypted": True, "MultiAZ": False,
        "PubliclyAccessible": False, "BackupRetentionPeriod": 7, "PreferredBackupWindow": "03:00-04:00",
        "PreferredMaintenanceWindow": "sun:04:00-sun:05:00", "MonitoringInterval": 60,
        "PerformanceInsightsEnabled": True, "DBName": "tickr", "MasterUsername": "tickr",
        "EnabledCloudwatchLogsExports": ["postgresql"], "DeletionProtection": False, "CopyTagsToSnapshot": True,
    }
    assert {k: db.get(k) for k in expected} == expected
    assert db["Endpoint"]["Port"] == 5432
    assert db["MonitoringRoleArn"].endswith(":role/tickr-rds-monitoring")
    assert [g["DBParameterGroupName"] for g in db["DBParameterGroups"]] == ["tickr-postgres15"]
    ec2 = emulator.client("ec2")
    [sg] = db["VpcSecurityGroups"]
    assert ec2.describe_security_groups(GroupIds=[sg["VpcSecurityGroupId"]])["SecurityGroups"][0]["GroupName"] == "tickr-rds-sg"
    private = ec2.describe_subnets(Filters=[{"Name": "tag:Tier", "Values": ["private"]}])["Subnets"]
    assert db["DBSubnetGroup"]["DBSubnetGroupName"] == "tickr-db"
    assert sorted(s["SubnetIdentifier"] for s in db["DBSubnetGroup"]["Subnets"]) == sorted(s["SubnetId"] for s in private)


def test_parameter_group_forces_tls(deployed):
    rds = deployed[0].client("rds")
    params = rds.describe_db_parameters(DBParameterGroupName="tickr-postgres15")["Parameters"]
    assert {p["ParameterName"]: p.get("ParameterValue") for p in params}["rds.force_ssl"] == "1"
    group = rds.describe_db_parameter_groups(DBParameterGroupName="tickr-postgres15")["DBParameterGroups"][0]
    assert group["DBParameterGroupFamily"] == "postgres15"


def test_monitoring_role_trusts_rds_monitoring_only(deployed):
    iam = deployed[0].client("iam")
    role = iam.get_role(RoleName="tickr-rds-monitoring")["Role"]
    [statement] = role["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "monitoring.rds.amazonaws.com"}
    attached = iam.list_attached_role_policies(RoleName="tickr-rds-monitoring")["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]


def test_password_is_generated_kept_and_never_printed(deployed, run_playbook):
    emulator, first, password = deployed
    assert len(password) == 32 and password.isalnum()
    assert password not in first.output
    second = run_playbook(emulator.env, extra=["--tags", "networking,rds"])
    assert second.returncode == 0 and second.changed == 0, second.failure_messages() or second.output[-3000:]
    assert emulator.client("secretsmanager").get_secret_value(SecretId=SECRET)["SecretString"] == password
    check = run_playbook(emulator.env, extra=["--tags", "networking,rds", "--check"])
    assert check.returncode == 0 and check.changed == 0, check.failure_messages() or check.output[-3000:]


@pytest.mark.parametrize(
    "extra_vars, variable",
    [
        ({"rds_instance_class": "t3.small"}, "rds_instance_class"),
        ({"rds_engine_version": "16.1"}, "rds_engine_version"),
        ({"rds_max_allocated_storage": 10}, "rds_max_allocated_storage"),
        ({"rds_backup_window": "03:30-04:30"}, "rds_backup_window"),
        ({"rds_maintenance_window": "sunday"}, "rds_maintenance_window"),
        ({"rds_parameters": {"Max Connections": "100"}}, "rds_parameters"),
        ({"rds_monitoring_interval": 45}, "rds_monitoring_interval"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "rds", "-e", json.dumps(extra_vars)])
    assert run.returncode != 0
    assert variable in " ".join(run.failure_messages())
    assert fresh_emulator.client("rds").describe_db_instances()["DBInstances"] == []
    assert fresh_emulator.client("secretsmanager").list_secrets()["SecretList"] == []
