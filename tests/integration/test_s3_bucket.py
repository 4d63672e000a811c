"""The images bucket is exactly the spec's "S3 Storage", idempotent, and bad settings fail before any change."""

import json

import pytest

pytestmark = pytest.mark.integration
BUCKET = "tickr-event-images"


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    first = run_playbook(emulator.env, extra=["--tags", "s3_bucket"])
    assert first.returncode == 0, first.failure_messages() or first.output[-3000:]
    return emulator, first


def test_bucket_matches_the_spec(deployed):
    emulator, first = deployed
    assert first.changed > 0
    s3 = emulator.client("s3")
    assert s3.get_bucket_location(Bucket=BUCKET)["LocationConstraint"] == "eu-west-1"
    assert s3.get_bucket_versioning(Bucket=BUCKET).get("Status") in (None, "Suspended")
    rule = s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    block = s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"]
    assert block == {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
    tags = {t["Key"]: t["Value"] for t in s3.get_bucket_tagging(Bucket=BUCKET)["TagSet"]}
    assert tags["Project"] == "tickr" and tags["Environment"] == "local"


def test_lifecycle_archives_to_glacier_and_never_expires(deployed):
    s3 = deployed[0].client("s3")
    rules = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    assert len(rules) == 1
    rule = rules[0]
    assert rule["ID"] == "Archive old images" and rule["Status"] == "Enabled"
    assert rule["Transitions"] == [{"Days": 90, "StorageClass": "GLACIER"}]
    assert "Expiration" not in rule


def test_cors_admits_only_the_web_app(deployed):
    s3 = deployed[0].client("s3")
    assert s3.get_bucket_cors(Bucket=BUCKET)["CORSRules"] == [{
        "AllowedOrigins": ["https://tickr.tn"], "AllowedMethods": ["GET", "PUT", "POST"],
        "AllowedHeaders": ["*"], "MaxAgeSeconds": 3600,
    }]


def test_policy_denies_requests_without_tls(deployed):
    s3 = deployed[0].client("s3")
    policy = json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])
    [statement] = policy["Statement"]
    assert statement["Effect"] == "Deny" and statement["Principal"] == "*" and statement["Action"] == "s3:*"
    assert sorted(statement["Resource"]) == [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"]
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_second_run_changes_nothing(deployed, run_playbook):
    second = run_playbook(deployed[0].env, extra=["--tags", "s3_bucket"])
    assert second.returncode == 0 and second.changed == 0, second.failure_messages() or second.output[-3000:]


def test_a_rerun_takes_back_cors_and_lifecycle_changed_by_hand(deployed, run_playbook):
    # Read once, compared by filters: a rule changed by hand must not pass for one in place.
    emulator = deployed[0]
    s3 = emulator.client("s3")
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration={"CORSRules": [
        {"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "PUT", "POST"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 3600}]})
    s3.put_bucket_lifecycle_configuration(Bucket=BUCKET, LifecycleConfiguration={"Rules": [
        {"ID": "Archive old images", "Filter": {"Prefix": ""}, "Status": "Enabled",
         "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}]}]})
    rerun = run_playbook(emulator.env, extra=["--tags", "s3_bucket"])
    assert rerun.returncode == 0 and rerun.changed == 2, rerun.failure_messages() or rerun.output[-3000:]
    assert s3.get_bucket_cors(Bucket=BUCKET)["CORSRules"][0]["AllowedOrigins"] == ["https://tickr.tn"]
    [rule] = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    assert rule["Transitions"] == [{"Days": 90, "StorageClass": "GLACIER"}]


@pytest.mark.parametrize(
    "extra_vars, variable",
    [
        ({"s3_bucket_name": "Tickr_Images"}, "s3_bucket_name"),
        ({"s3_bucket_name": "192.168.1.10"}, "s3_bucket_name"),
        ({"s3_bucket_cors_origins": ["http://tickr.tn"]}, "s3_bucket_cors_origins"),
        ({"s3_bucket_archive_after_days": 0}, "s3_bucket_archive_after_days"),
        ({"s3_bucket_archive_storage_class": "tape"}, "s3_bucket_archive_storage_class"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "s3_bucket", "-e", json.dumps(extra_vars)])
    assert run.returncode != 0
    assert variable in " ".join(run.failure_messages())
    assert fresh_emulator.client("s3").list_buckets()["Buckets"] == []
