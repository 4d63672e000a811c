"""tools/security/scan.py: which findings are the stack's, and when the scan fails."""

import importlib.util
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
SPEC = importlib.util.spec_from_file_location("scan", ROOT / "tools" / "security" / "scan.py")
scan = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(scan)

STACK = {"tickr_project": "tickr", "tickr_environment": "local", "tickr_name_prefix": "tickr", "tickr_region": "eu-west-1"}
TAGS = ["Project:tickr", "Environment:local"]


def _finding(check, name, status_code="FAIL", status="New", labels=(), kind="AwsResource", **metadata):
    return {"metadata": {"event_code": check}, "status_code": status_code, "status": status,
            "status_detail": f"{check} on {name}",
            "resources": [{"name": name, "uid": f"arn:aws:x:eu-west-1:123456789012:{name}", "type": kind,
                           "labels": list(labels), "data": {"metadata": metadata}}]}


FINDINGS = [
    _finding("vpc_flow_logs_enabled", "vpc-1", labels=TAGS, kind="AwsEc2Vpc", id="vpc-1"),
    _finding("ec2_securitygroup_default_restrict_traffic", "sg-default", vpc_id="vpc-1"),       # in the stack's VPC
    _finding("ec2_securitygroup_default_restrict_traffic", "sg-other", vpc_id="vpc-other"),     # another VPC: not ours
    _finding("s3_bucket_object_versioning", "tickr-event-images", status="Suppressed", labels=TAGS),
    _finding("s3_bucket_object_versioning", "tickr-staging-images", labels=["Project:tickr", "Environment:staging"]),
    _finding("ecs_task_definitions_containers_readonly_access", "tickr-backend:1", status_code="PASS"),   # no tags: by name
    _finding("iam_password_policy_minimum_length_14", "password-policy"),                      # the account's
]


def test_only_the_stacks_resources_are_kept():
    rows = [(result, resource["name"]) for result, _finding, resource in scan.rows(FINDINGS, STACK)]
    assert rows == [("FAIL", "vpc-1"), ("FAIL", "sg-default"), ("WAIVED", "tickr-event-images"), ("PASS", "tickr-backend:1")]


def test_the_scan_fails_on_an_unwaived_finding_and_passes_when_all_are_waived(tmp_path, monkeypatch, capsys):
    findings = tmp_path / "findings.json"
    inventory = tmp_path / "inventory" / "group_vars" / "all"
    inventory.mkdir(parents=True)
    (inventory / "stack.yml").write_text(json.dumps(STACK))
    run = ["scan.py", "--inventory", str(tmp_path / "inventory"), "--findings", str(findings),
           "--mutelist", str(ROOT / "security" / "mutelist.yml")]
    monkeypatch.setattr(sys, "argv", run)
    findings.write_text(json.dumps(FINDINGS))
    assert scan.main() == 1
    out = capsys.readouterr().out
    assert "1 passed, 1 waived (security/mutelist.yml), 2 failed" in out
    assert "The architecture turns versioning off" in out
    findings.write_text(json.dumps([f for f in FINDINGS if f["status_code"] == "PASS" or f["status"] == "Suppressed"]))
    assert scan.main() == 0
