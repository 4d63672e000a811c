"""The PostgreSQL instance is exactly the spec's "RDS PostgreSQL", keeps its password, and refuses bad input."""

import json
import re

import pytest

from conftest import EMULATOR_CALLER, Emulator, role_readers, secret_readers

pytestmark = pytest.mark.integration
INSTANCE = "tickr-postgres"
SECRET = "tickr/db/password"
LOG_GROUP = "/aws/rds/instance/tickr-postgres/postgresql"
# The emulator's default minor of PostgreSQL 15 (tools/emulator/patches/rds_engine_versions.py), as
# DescribeDBEngineVersions gives it.
DEFAULT_MINOR = "15.15"


@pytest.fixture(scope="module")
def slow_iam_emulator(tmp_path_factory):
    """An emulator of this module's own where IAM takes 20 s to make a new role usable by RDS (AWS: "a few seconds",
    sometimes more): longer than the role's creation takes to reach the instance's, whatever the machine's load, so
    the first run always meets RDS's refusal of the monitoring role."""
    emu = Emulator(tmp_path_factory.mktemp("emulator-rds"))
    emu.env["TICKR_EMULATOR_IAM_PROPAGATION_SECONDS"] = "20"
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture(scope="module")
def deployed(slow_iam_emulator, run_playbook):
    emulator = slow_iam_emulator
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
        "Engine": "postgres", "EngineVersion": DEFAULT_MINOR, "DBInstanceClass": "db.t3.small", "AllocatedStorage": 20,
        "MaxAllocatedStorage": 100, "StorageType": "gp3", "StorageEncrypted": True, "MultiAZ": False,
        "PubliclyAccessible": False, "BackupRetentionPeriod": 7, "PreferredBackupWindow": "03:00-04:00",
        "PreferredMaintenanceWindow": "sun:04:00-sun:05:00", "MonitoringInterval": 60,
        "PerformanceInsightsEnabled": True, "DBName": "tickr", "MasterUsername": "tickr",
        "EnabledCloudwatchLogsExports": ["postgresql"], "DeletionProtection": False, "CopyTagsToSnapshot": True,
        "CACertificateIdentifier": "rds-ca-rsa2048-g1",
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
    # Bound to this account's instance: no other account's instance can have RDS assume it.
    account = deployed[0].client("sts").get_caller_identity()["Account"]
    assert statement["Condition"] == {"StringLike": {"aws:SourceArn": f"arn:aws:rds:eu-west-1:{account}:db:tickr-postgres"},
                                      "StringEquals": {"aws:SourceAccount": account}}
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


def test_only_the_tasks_and_the_deployer_may_read_the_password(deployed):
    # The deployer passes the password to RDS; the ECS execution role gives it to the tasks.
    assert secret_readers(deployed[0], SECRET) == sorted(role_readers("ecsTaskExecutionRole") + [EMULATOR_CALLER])


def test_a_new_monitoring_role_is_retried_until_rds_accepts_it(deployed):
    """RDS refuses the Enhanced Monitoring role for 20 s after its creation (the emulator's rule, slowed down for this
    module): the first run retries that refusal, alone, and converges."""
    first = deployed[1]
    # ansible-core 2.21 names the role before the task: "[tickr-local]: tickr.aws.rds : Ensure ...".
    assert re.search(r"FAILED - RETRYING: \[tickr-local\]: (tickr\.aws\.rds : )?Ensure the PostgreSQL instance exists as the spec says",
                     first.output)


def test_the_exported_logs_keep_the_stack_retention(deployed):
    logs = deployed[0].client("logs")
    [group] = logs.describe_log_groups(logGroupNamePrefix=LOG_GROUP)["logGroups"]
    assert group["logGroupName"] == LOG_GROUP and group["retentionInDays"] == 7
    tags = logs.list_tags_for_resource(resourceArn=group["arn"].removesuffix(":*"))["tags"]
    assert tags["Project"] == "tickr" and tags["Environment"] == "local"


def test_a_running_instance_on_a_later_minor_is_left_in_place(deployed, run_playbook):
    """AWS upgrades minors on its own: a rerun must not ask for the configured (lower) one back."""
    emulator = deployed[0]
    rds = emulator.client("rds")
    rds.modify_db_instance(DBInstanceIdentifier=INSTANCE, EngineVersion="15.17", ApplyImmediately=True)
    rerun = run_playbook(emulator.env, extra=["--tags", "rds"])
    assert rerun.returncode == 0 and rerun.changed == 0, rerun.failure_messages() or rerun.output[-3000:]
    pinned = run_playbook(emulator.env, extra=["--tags", "rds", "-e", "rds_engine_version=15.15"])
    assert pinned.returncode == 0 and pinned.changed == 0, pinned.failure_messages() or pinned.output[-3000:]
    assert rds.describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"][0]["EngineVersion"] == "15.17"


def test_verify_names_the_running_version_ca_and_log_retention(deployed, run_playbook):
    emulator = deployed[0]
    run = run_playbook(emulator.env, playbook="tests/integration/playbooks/rds_verify.yml", json_output=False)
    assert run.returncode == 0, run.output[-3000:]
    for line in ("(major 15 as configured)", "server certificate signed by rds-ca-rsa2048-g1",
                 "server certificate valid (until", "exported logs kept 7 days"):
        assert line in run.output, (line, run.output[-3000:])
    assert re.search(r"PostgreSQL 15[.][0-9]+ [(]major 15 as configured[)]", run.output), run.output[-3000:]


def test_verify_fails_when_rds_exports_to_a_group_without_retention(deployed, run_playbook):
    emulator = deployed[0]
    logs = emulator.client("logs")
    logs.delete_retention_policy(logGroupName=LOG_GROUP)
    try:
        run = run_playbook(emulator.env, playbook="tests/integration/playbooks/rds_verify.yml", json_output=False)
        assert run.returncode != 0 and "exported logs kept 7 days" in run.output, run.output[-3000:]
    finally:
        logs.put_retention_policy(logGroupName=LOG_GROUP, retentionInDays=7)


@pytest.mark.parametrize(
    "extra_vars, variable",
    [
        ({"rds_instance_class": "t3.small"}, "rds_instance_class"),
        ({"rds_engine_version": "16.1"}, "rds_engine_version"),
        ({"rds_engine_version": "15.4"}, "rds_engine_version"),
        ({"rds_instance_class": "db.t3.tiny"}, "rds_instance_class"),
        ({"rds_parameters": {"rds.force_ssl": "2"}}, "rds_parameters"),
        ({"rds_ca_certificate_identifier": "rds-ca-2019"}, "rds_ca_certificate_identifier"),
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


def _parameter_apply_status(rds):
    return [g["ParameterApplyStatus"] for g in rds.describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"][0]["DBParameterGroups"]]


def test_a_static_parameter_waits_for_a_reboot_which_rds_reboot_for_parameters_makes(deployed, run_playbook):
    """RDS applies a static parameter at the next reboot only, never by itself: reported as pending, rebooted on demand."""
    emulator = deployed[0]
    rds = emulator.client("rds")
    tuned = {"rds_parameters": {"rds.force_ssl": "1", "max_connections": "200"}}
    run = run_playbook(emulator.env, extra=["--tags", "rds", "-e", json.dumps(tuned)])
    assert run.returncode == 0 and run.changed > 0, run.failure_messages() or run.output[-3000:]
    assert _parameter_apply_status(rds) == ["pending-reboot"]
    assert "parameter group tickr-postgres15 until a reboot (rds_reboot_for_parameters: true" in json.dumps(run.result)
    rerun = run_playbook(emulator.env, extra=["--tags", "rds", "-e", json.dumps(tuned)])
    assert rerun.returncode == 0 and rerun.changed == 0, rerun.failure_messages() or rerun.output[-3000:]
    verify = run_playbook(emulator.env, playbook="tests/integration/playbooks/rds_verify.yml", extra=["-e", json.dumps(tuned)])
    assert verify.returncode == 0, verify.failure_messages()
    assert '"pending": "a reboot (rds_reboot_for_parameters)"' in json.dumps(verify.result)
    reboot = dict(tuned, rds_reboot_for_parameters=True)
    rebooted = run_playbook(emulator.env, extra=["--tags", "rds", "-e", json.dumps(reboot)])
    assert rebooted.returncode == 0 and rebooted.changed == 1, rebooted.failure_messages() or rebooted.output[-3000:]
    assert _parameter_apply_status(rds) == ["in-sync"]
    assert '"database_pending": "nothing"' in json.dumps(rebooted.result)
    again = run_playbook(emulator.env, extra=["--tags", "rds", "-e", json.dumps(reboot)])
    assert again.returncode == 0 and again.changed == 0, again.failure_messages() or again.output[-3000:]
