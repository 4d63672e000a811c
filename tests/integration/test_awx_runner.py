"""AWX runs playbooks through ansible-runner: site.yml converges that way too, and leaks no secret.

The private data dir is laid out as AWX lays it: the project synced into project/, the collection installed
from its built tarball into requirements_collections/, the inventory in inventory/, the AWS credential's
variables in env/envvars and the survey answers in env/extravars.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VERSION = yaml.safe_load((ROOT / "galaxy.yml").read_text())["version"]
SECRET_SUFFIXES = ["/db/password", "/redis/auth-token", "/jwt/secret"]


def _sh(*args, **kwargs):
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False, **kwargs)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def private_data_dir(tmp_path_factory, emulator):
    pdd = tmp_path_factory.mktemp("awx-job")
    project = pdd / "project"
    project.mkdir()
    files = _sh("git", "ls-files", "-z", cwd=ROOT).stdout.split("\0")
    _sh("cp", "--parents", "-t", project, *[f for f in files if f], cwd=ROOT)
    build = tmp_path_factory.mktemp("build")
    _sh(BIN / "ansible-galaxy", "collection", "build", "--output-path", build, project, cwd=build)
    collections = pdd / "requirements_collections"
    _sh(BIN / "ansible-galaxy", "collection", "install", "--force", "--no-deps", "-p", collections,
        build / f"tickr-aws-{VERSION}.tar.gz", cwd=build, env={"PATH": str(BIN), "HOME": str(build)})
    _sh("cp", "-r", ROOT / "inventories" / "local", pdd / "inventory")
    (pdd / "env").mkdir()
    envvars = {
        # What AWX's "Amazon Web Services" credential injects, plus the emulator's endpoint.
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_ENDPOINT_URL": emulator.url,
        "ANSIBLE_COLLECTIONS_PATH": str(collections),
        "ANSIBLE_CONFIG": str(project / "ansible.cfg"),
    }
    (pdd / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    (pdd / "env" / "extravars").write_text(yaml.safe_dump({}))
    return pdd


def test_site_converges_through_ansible_runner_without_leaking_secrets(private_data_dir, emulator):
    emulator.reset()
    proc = subprocess.run(
        [str(BIN / "ansible-runner"), "run", str(private_data_dir), "-p", "playbooks/site.yml", "--ident", "job1"],
        capture_output=True, text=True, check=False, timeout=1800,
        env={"PATH": str(BIN) + ":/usr/bin:/bin", "HOME": str(private_data_dir)},
    )
    artifacts = private_data_dir / "artifacts" / "job1"
    stdout = (artifacts / "stdout").read_text()
    assert proc.returncode == 0, stdout[-4000:]
    assert (artifacts / "status").read_text().strip() == "successful"
    assert (artifacts / "rc").read_text().strip() == "0"
    assert "tickr.aws.networking" in stdout

    ec2 = emulator.client("ec2")
    assert len(ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["tickr-vpc"]}])["Vpcs"]) == 1

    secrets = emulator.client("secretsmanager")
    values = []
    for entry in secrets.list_secrets()["SecretList"]:
        if any(entry["Name"].endswith(suffix) for suffix in SECRET_SUFFIXES):
            values.append(secrets.get_secret_value(SecretId=entry["ARN"])["SecretString"])
    everything = [stdout] + [p.read_text() for p in (artifacts / "job_events").glob("*.json")]
    for event in (artifacts / "job_events").glob("*.json"):
        json.loads(event.read_text())  # every event is well-formed JSON, as AWX reads it
    for value in values:
        assert len(value) >= 16
        assert not any(value in text for text in everything), "a secret leaked into the runner's artifacts"


def _runner(private_data_dir, playbook, ident, extravars):
    (private_data_dir / "env" / "extravars").write_text(yaml.safe_dump(extravars))
    proc = subprocess.run(
        [str(BIN / "ansible-runner"), "run", str(private_data_dir), "-p", playbook, "--ident", ident],
        capture_output=True, text=True, check=False, timeout=1800,
        env={"PATH": str(BIN) + ":/usr/bin:/bin", "HOME": str(private_data_dir)},
    )
    artifacts = private_data_dir / "artifacts" / ident
    stdout = (artifacts / "stdout").read_text()
    assert proc.returncode == 0 and (artifacts / "status").read_text().strip() == "successful", stdout[-4000:]
    return stdout


def _backend_image(emulator):
    ecs = emulator.client("ecs")
    service = ecs.describe_services(cluster="tickr-cluster", services=["tickr-backend-service"])["services"][0]
    assert (service["desiredCount"], service["runningCount"]) == (2, 2)
    definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
    return next(c["image"] for c in definition["containerDefinitions"] if c["name"] == "backend")


def test_release_and_rollback_templates_run_through_ansible_runner(private_data_dir, emulator):
    """After the site job above: the stack's repository was empty, the service waits for its first image."""
    sys.path.insert(0, str(ROOT / "tools" / "emulator"))
    from push_image import push_image

    survey = yaml.safe_load((ROOT / "awx" / "surveys" / "release.yml").read_text())
    [question] = survey["spec"]
    ecr = emulator.client("ecr")
    digests = [push_image(ecr, "tickr-backend", tag) for tag in ("1.0.0", "1.1.0")]
    for index, tag in enumerate(("1.0.0", "1.1.0")):
        _runner(private_data_dir, "playbooks/release.yml", f"release{index}", {question["variable"]: tag})
        assert _backend_image(emulator).endswith(f"/tickr-backend@{digests[index]}")
    stdout = _runner(private_data_dir, "playbooks/rollback.yml", "rollback", {})
    assert _backend_image(emulator).endswith(f"/tickr-backend@{digests[0]}")
    assert "went back to" in stdout and digests[0] in stdout
