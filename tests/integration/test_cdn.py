"""The V2 CDN (roles/cdn): off by default; switched on, the spec's CloudFront distribution in front of the images
bucket, read back from the account, idempotent; bad settings fail before any change."""

import json

import pytest

from conftest import stack_leftovers

pytestmark = pytest.mark.integration
BUCKET = "tickr-event-images"
ALIAS = "cdn.tickr.tn"
ON = ["--tags", "s3_bucket,cdn", "-e", "cdn_enabled=true"]


def _distributions(emulator):
    return emulator.client("cloudfront", "us-east-1").list_distributions()["DistributionList"].get("Items") or []


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    first = run_playbook(emulator.env, extra=ON)
    assert first.returncode == 0, first.failure_messages() or first.output[-3000:]
    [summary] = _distributions(emulator)
    cloudfront = emulator.client("cloudfront", "us-east-1")
    distribution = cloudfront.get_distribution(Id=summary["Id"])["Distribution"]
    return emulator, first, distribution


def test_origin_access_control_signs_every_request_to_s3(deployed):
    emulator, distribution = deployed[0], deployed[2]
    cloudfront = emulator.client("cloudfront", "us-east-1")
    [control] = cloudfront.list_origin_access_controls()["OriginAccessControlList"]["Items"]
    assert control["Name"] == BUCKET
    assert (control["SigningProtocol"], control["SigningBehavior"], control["OriginAccessControlOriginType"]) == ("sigv4", "always", "s3")
    [origin] = distribution["DistributionConfig"]["Origins"]["Items"]
    assert origin["DomainName"] == f"{BUCKET}.s3.eu-west-1.amazonaws.com"
    assert origin["OriginAccessControlId"] == control["Id"]
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # no legacy origin access identity


def test_distribution_is_https_only_europe_cached_a_day(deployed):
    config = deployed[2]["DistributionConfig"]
    assert config["Enabled"] is True
    assert config["PriceClass"] == "PriceClass_100"
    behavior = config["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behavior["DefaultTTL"] == 86400 and behavior["MinTTL"] == 0
    assert sorted(behavior["AllowedMethods"]["Items"]) == ["GET", "HEAD"]
    assert config["CacheBehaviors"]["Quantity"] == 0


def test_alias_has_an_issued_certificate_of_us_east_1(deployed):
    emulator, first, distribution = deployed
    config = distribution["DistributionConfig"]
    assert config["Aliases"]["Items"] == [ALIAS]
    viewer = config["ViewerCertificate"]
    arn = viewer["ACMCertificateArn"]
    assert arn.split(":")[3] == "us-east-1"
    assert viewer["CloudFrontDefaultCertificate"] is False
    assert (viewer["SSLSupportMethod"], viewer["MinimumProtocolVersion"]) == ("sni-only", "TLSv1.2_2021")
    certificate = emulator.client("acm", "us-east-1").describe_certificate(CertificateArn=arn)["Certificate"]
    assert certificate["DomainName"] == ALIAS and certificate["Status"] == "ISSUED"
    assert emulator.client("acm", "eu-west-1").list_certificates()["CertificateSummaryList"] == []
    # The DNS validation records to publish are exported as a fact.
    facts = first.result["plays"][0]["tasks"]
    exported = [t["hosts"]["tickr-local"]["ansible_facts"] for t in facts
                if "tickr_cdn_certificate_validation_records" in t["hosts"].get("tickr-local", {}).get("ansible_facts", {})]
    [records] = [e["tickr_cdn_certificate_validation_records"] for e in exported]
    assert [r["domain_name"] for r in records] == [ALIAS] and records[0]["type"] == "CNAME"
    assert exported[0]["tickr_cdn_distribution_arn"] == distribution["ARN"]
    assert exported[0]["tickr_cdn_domain_name"] == distribution["DomainName"]


def test_bucket_admits_only_this_distribution_and_still_denies_plain_http(deployed):
    emulator, distribution = deployed[0], deployed[2]
    policy = json.loads(emulator.client("s3").get_bucket_policy(Bucket=BUCKET)["Policy"])
    statements = {s["Sid"]: s for s in policy["Statement"]}
    assert sorted(statements) == ["AllowCloudFrontReadImages", "DenyInsecureTransport"]
    grant = statements["AllowCloudFrontReadImages"]
    assert grant["Effect"] == "Allow" and grant["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert grant["Action"] == "s3:GetObject" and grant["Resource"] == f"arn:aws:s3:::{BUCKET}/*"
    assert grant["Condition"] == {"StringEquals": {"AWS:SourceArn": distribution["ARN"]}}
    assert statements["DenyInsecureTransport"]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    # The bucket stays private.
    block = emulator.client("s3").get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"]
    assert set(block.values()) == {True}


def test_second_run_changes_nothing(deployed, run_playbook):
    second = run_playbook(deployed[0].env, extra=ON)
    assert second.returncode == 0 and second.changed == 0, second.failure_messages() or second.output[-3000:]
    assert len(_distributions(deployed[0])) == 1


def test_s3_bucket_alone_keeps_the_cdn_statement(deployed, run_playbook):
    run = run_playbook(deployed[0].env, extra=["--tags", "s3_bucket"])
    assert run.returncode == 0 and run.changed == 0, run.failure_messages() or run.output[-3000:]
    policy = json.loads(deployed[0].client("s3").get_bucket_policy(Bucket=BUCKET)["Policy"])
    assert sorted(s["Sid"] for s in policy["Statement"]) == ["AllowCloudFrontReadImages", "DenyInsecureTransport"]


def test_verify_checks_the_distribution_and_the_bucket_policy(deployed, run_playbook):
    run = run_playbook(deployed[0].env, playbook="playbooks/verify.yml", extra=["-e", "cdn_enabled=true"],
                       json_output=False)
    lines = [line for line in run.stdout.splitlines() if line.lstrip(' "').startswith("CDN ")]
    assert len(lines) == 8, run.stdout[-5000:]
    assert [line for line in lines if " FAIL " in line] == []
    assert any("bucket policy admits only this distribution" in line for line in lines)


def test_destroy_takes_the_distribution_down_before_the_bucket(deployed, run_playbook):
    emulator = deployed[0]
    destroy = ["-e", "tickr_destroy_confirm=tickr-local", "--tags", "cdn,s3_bucket"]
    run = run_playbook(emulator.env, playbook="playbooks/destroy.yml", extra=destroy)
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    leftovers = stack_leftovers(emulator)
    for kind in ("distributions", "origin_access_controls", "certificates", "buckets"):
        assert kind not in leftovers, leftovers
    again = run_playbook(emulator.env, playbook="playbooks/destroy.yml", extra=destroy)
    assert again.returncode == 0 and again.changed == 0, again.failure_messages()


def test_disabled_by_default_builds_nothing(fresh_emulator, run_playbook):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "s3_bucket,cdn"])
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    assert _distributions(fresh_emulator) == []
    assert fresh_emulator.client("cloudfront", "us-east-1").list_origin_access_controls()["OriginAccessControlList"].get("Items") in (None, [])
    assert fresh_emulator.client("acm", "us-east-1").list_certificates()["CertificateSummaryList"] == []
    policy = json.loads(fresh_emulator.client("s3").get_bucket_policy(Bucket=BUCKET)["Policy"])
    assert [s["Sid"] for s in policy["Statement"]] == ["DenyInsecureTransport"]


@pytest.mark.parametrize(
    "extra_vars, variable",
    [
        ({"cdn_certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc"}, "cdn_certificate_arn"),
        ({"cdn_alias": "CDN tickr"}, "cdn_alias"),
        ({"cdn_default_ttl": 10, "cdn_min_ttl": 60}, "cdn_min_ttl"),
        ({"cdn_viewer_protocol_policy": "allow-all"}, "cdn_viewer_protocol_policy"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "cdn", "-e", json.dumps(dict(extra_vars, cdn_enabled=True))])
    assert run.returncode != 0
    assert variable in " ".join(run.failure_messages())
    assert _distributions(fresh_emulator) == []
    assert fresh_emulator.client("acm", "us-east-1").list_certificates()["CertificateSummaryList"] == []
