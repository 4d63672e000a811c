"""The whole platform as its operators run it: `make deploy` on a fresh emulator, a no-op rerun, verify.yml green,
verify.yml red once a security group is widened by hand, and destroy.yml guarded, then leaving nothing."""

import subprocess

import pytest

from conftest import ROOT, service_and_deployment, stack_leftovers

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    deploy = subprocess.run(["make", "deploy"], cwd=ROOT, env=emulator.env, capture_output=True, text=True,
                            timeout=1800, check=False)
    assert deploy.returncode == 0, deploy.stdout[-3000:] + deploy.stderr[-2000:]
    assert "WHAT CHANGED: tickr-local" in deploy.stdout
    return emulator, deploy


def test_make_deploy_prints_the_summary_and_what_changed(deployed):
    output = deployed[1].stdout
    for field in ("alb:", "database:", "cache:", "bucket: tickr-event-images", "ses_dkim_records:",
                  "certificate_validation_records:"):
        assert field in output
    assert "service: 'tickr-backend-service: deployment COMPLETED, 2 of 2 tasks running" in " ".join(output.split())
    assert "networking : Ensure the VPC, internet gateway, subnets" in output.split("WHAT CHANGED: tickr-local")[1]


def test_make_deploy_pushes_the_image_and_runs_the_spec_s_two_tasks(deployed):
    service, primary = service_and_deployment(deployed[0])
    assert service["runningCount"] == 2 and service["desiredCount"] == 2
    assert primary["rolloutState"] == "COMPLETED"
    images = deployed[0].client("ecr").describe_images(repositoryName="tickr-backend")["imageDetails"]
    assert [i["imageTags"] for i in images] == [["latest"]]


def test_a_second_run_changes_nothing(deployed, run_playbook):
    rerun = run_playbook(deployed[0].env)
    assert rerun.returncode == 0, rerun.failure_messages() or rerun.output[-3000:]
    assert rerun.changed == 0


def _secret_values(emulator):
    secrets = emulator.client("secretsmanager")
    return [secrets.get_secret_value(SecretId=s["Name"])["SecretString"] for s in secrets.list_secrets()["SecretList"]]


def test_verify_passes_on_the_deployed_stack_and_prices_it(deployed, run_playbook):
    run = run_playbook(deployed[0].env, playbook="playbooks/verify.yml", extra=["-vvv"], json_output=False)
    assert run.returncode == 0, run.output[-5000:]
    values = _secret_values(deployed[0])
    assert len(values) == 3 and not [v for v in values if v in run.output]
    assert " FAIL " not in run.stdout
    assert "0 failed" in run.stdout
    for line in ("MFA on the root user", "tickr-rds-sg rules exactly as specified", "automated backups kept 7 days",
                 "all public access blocked", "log groups kept 7 days", "X-Ray sampling rule tickr-backend",
                 "service scales from 2 to 10 tasks", "scales on CPU at 70 % and memory at 80 %"):
        assert line in run.stdout
    assert "VPC interface endpoints" in run.stdout and "over the 150.00 USD budget" in run.stdout


def test_verify_fails_with_the_reason_once_a_security_group_is_widened(deployed, run_playbook):
    ec2 = deployed[0].client("ec2")
    group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["tickr-rds-sg"]}])["SecurityGroups"][0]
    widened = [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
    ec2.authorize_security_group_ingress(GroupId=group["GroupId"], IpPermissions=widened)
    try:
        run = run_playbook(deployed[0].env, playbook="playbooks/verify.yml", json_output=False)
    finally:
        ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=widened)
    assert run.returncode != 0
    failures = [line for line in run.stdout.splitlines() if " FAIL " in line]
    assert len(failures) == 1, failures
    assert "tickr-rds-sg rules exactly as specified" in failures[0]
    assert "unexpected: in tcp 5432 from 0.0.0.0/0" in failures[0]


def test_destroy_refuses_without_the_stack_name(deployed, run_playbook):
    for extra in ([], ["-e", "tickr_destroy_confirm=tickr-production"]):
        run = run_playbook(deployed[0].env, playbook="playbooks/destroy.yml", extra=extra)
        assert run.returncode != 0
        assert any("tickr_destroy_confirm=tickr-local" in m for m in run.failure_messages()), run.failure_messages()
    assert stack_leftovers(deployed[0])["vpcs"]


def test_destroy_leaves_nothing_of_the_stack(deployed, run_playbook):
    values = _secret_values(deployed[0])
    run = run_playbook(deployed[0].env, playbook="playbooks/destroy.yml", json_output=False,
                       extra=["-e", "tickr_destroy_confirm=tickr-local", "-vvv"])
    assert run.returncode == 0, run.output[-3000:]
    assert len(values) == 3 and not [v for v in values if v in run.output]
    # The local stack owns the account-wide things (tickr_account_owner): its pull-through cache rule and the
    # repository its first pull created go too (tests/integration/test_two_stacks.py: a stack that does not own them).
    assert stack_leftovers(deployed[0]) == {}
    assert deployed[0].client("ecr").describe_pull_through_cache_rules()["pullThroughCacheRules"] == []
    again = run_playbook(deployed[0].env, playbook="playbooks/destroy.yml", extra=["-e", "tickr_destroy_confirm=tickr-local"])
    assert again.returncode == 0 and again.changed == 0, again.failure_messages()


def test_destroying_production_needs_the_second_flag(emulator, run_playbook):
    run = run_playbook(emulator.env, playbook="playbooks/destroy.yml", inventory="inventories/production",
                       host="tickr-production", extra=["-e", "tickr_destroy_confirm=tickr-production", "--tags", "always"])
    assert run.returncode != 0
    assert any("tickr_destroy_production_confirmed=true" in m for m in run.failure_messages()), run.failure_messages()
