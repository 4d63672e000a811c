"""make security: Prowler's checks for the services the stack uses, narrowed to the stack's own resources.

Runs Prowler (its own venv, .venv-prowler) against whatever the AWS credentials and AWS_ENDPOINT_URL point at,
with the repository's mutelist (security/mutelist.yml), then prints every finding on the stack's resources that did
not pass as a short table: FAIL (neither fixed nor waived) or WAIVED (muted, with the mutelist's reason). Exits 1
when a FAIL remains, 2 when Prowler itself fails.

A resource is the stack's when it carries the stack's Project and Environment tags, when Prowler reports no tags
for it and its name or ARN holds the stack's name prefix, or when it lives in the stack's VPC (the VPC's default
security group and network ACL carry no tags of ours). The account's own settings (password policy, CloudTrail
metric filters, ...) are the account owner's, not the stack's, and are left out.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The services site.yml builds resources in (Prowler's names).
SERVICES = ["ec2", "vpc", "s3", "rds", "elasticache", "ecs", "elbv2", "secretsmanager", "cloudwatch", "iam"]
REASON_WIDTH = 70


def stack_values(inventory):
    stack = yaml.safe_load((pathlib.Path(inventory) / "group_vars" / "all" / "stack.yml").read_text())
    return {key: stack[key] for key in ("tickr_project", "tickr_environment", "tickr_name_prefix", "tickr_region")}


def run_prowler(prowler, region, mutelist, output_dir):
    output_dir.mkdir(parents=True, exist_ok=True)
    findings = output_dir / "findings.ocsf.json"
    # Prowler appends to a report it finds.
    findings.unlink(missing_ok=True)
    command = [
        prowler, "aws", "--region", region, "--service", *SERVICES,
        "--mutelist-file", str(mutelist),
        "--output-formats", "json-ocsf", "--output-directory", str(output_dir), "--output-filename", "findings",
        "--no-banner", "--no-color", "--ignore-exit-code-3",
    ]
    log = output_dir / "prowler.log"
    with log.open("w") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0:
        sys.exit(f"prowler failed (exit {result.returncode}); its output: {log}")
    return json.loads(findings.read_text())


def stack_vpc_ids(findings, tags):
    return {
        resource["data"]["metadata"].get("id")
        for finding in findings
        for resource in finding["resources"]
        if resource["type"] == "AwsEc2Vpc" and tags <= set(resource["labels"])
    }


def is_stack_resource(resource, tags, prefix, vpc_ids):
    labels = set(resource["labels"])
    if labels:
        if tags <= labels:
            return True
    elif prefix in resource["uid"] or prefix in resource["name"]:
        return True
    metadata = resource.get("data", {}).get("metadata")
    return isinstance(metadata, dict) and metadata.get("vpc_id") in vpc_ids


def reasons(mutelist):
    """Check name -> the first sentence of its waiver's reason, across the mutelist's accounts."""
    accounts = yaml.safe_load(pathlib.Path(mutelist).read_text())["Mutelist"]["Accounts"]
    found = {}
    for account in accounts.values():
        for check, entry in account["Checks"].items():
            found.setdefault(check, entry.get("Description", "").split(". ")[0])
    return found


def rows(findings, stack):
    tags = {f"Project:{stack['tickr_project']}", f"Environment:{stack['tickr_environment']}"}
    vpc_ids = stack_vpc_ids(findings, tags)
    for finding in findings:
        resource = finding["resources"][0]
        if not is_stack_resource(resource, tags, stack["tickr_name_prefix"], vpc_ids):
            continue
        if finding["status_code"] == "PASS":
            yield "PASS", finding, resource
        elif finding["status"] == "Suppressed":
            yield "WAIVED", finding, resource
        elif finding["status_code"] == "FAIL":
            yield "FAIL", finding, resource


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", default="inventories/local")
    parser.add_argument("--mutelist", default=str(ROOT / "security" / "mutelist.yml"))
    parser.add_argument("--prowler", default=str(ROOT / ".venv-prowler" / "bin" / "prowler"))
    parser.add_argument("--output-dir", default=str(ROOT / "tests" / "output" / "security"))
    parser.add_argument("--findings", help="read this OCSF file instead of running Prowler")
    args = parser.parse_args()

    stack = stack_values(args.inventory)
    if args.findings:
        findings = json.loads(pathlib.Path(args.findings).read_text())
    else:
        findings = run_prowler(args.prowler, stack["tickr_region"], args.mutelist, pathlib.Path(args.output_dir))
    why = reasons(args.mutelist)

    counts = {"PASS": 0, "WAIVED": 0, "FAIL": 0}
    table = []
    for result, finding, resource in rows(findings, stack):
        counts[result] += 1
        if result == "PASS":
            continue
        check = finding["metadata"]["event_code"]
        detail = why.get(check, "") if result == "WAIVED" else finding["status_detail"]
        table.append((result, check, resource["name"] or resource["uid"], detail[:REASON_WIDTH]))
    table.sort(key=lambda row: (row[0] != "FAIL", row[1], row[2]))

    widths = [max([len(row[i]) for row in table] + [len(title)]) for i, title in enumerate(("RESULT", "CHECK", "RESOURCE"))]
    print(f"{'RESULT':<{widths[0]}}  {'CHECK':<{widths[1]}}  {'RESOURCE':<{widths[2]}}  WHY")
    for row in table:
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")
    print(f"{counts['PASS']} passed, {counts['WAIVED']} waived ({os.path.relpath(args.mutelist, ROOT)}), {counts['FAIL']} failed")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
