"""The images bucket is exactly the spec's "S3 Storage", idempotent, and bad settings fail before any change."""

import json
import urllib.request

import boto3
import botocore.exceptions
import pytest

from conftest import stack_leftovers

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


def test_lifecycle_archives_to_glacier_instant_retrieval_and_never_expires(deployed):
    # Glacier Instant Retrieval: old event images stay readable by the app and the CDN (GLACIER would answer
    # GetObject with InvalidObjectState until each image is restored).
    s3 = deployed[0].client("s3")
    configuration = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)
    [rule] = configuration["Rules"]
    assert rule["ID"] == "Archive old images" and rule["Status"] == "Enabled"
    assert rule["Transitions"] == [{"Days": 90, "StorageClass": "GLACIER_IR"}]
    assert "Expiration" not in rule
    # Sent explicitly, not left to S3's default of the day.
    assert configuration["TransitionDefaultMinimumObjectSize"] == "all_storage_classes_128K"


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
    assert rule["Transitions"] == [{"Days": 90, "StorageClass": "GLACIER_IR"}]


def test_a_rerun_takes_back_a_minimum_object_size_changed_by_hand(deployed, run_playbook):
    # The rules as planned, but small images let into Glacier: the configuration is not the one planned.
    emulator = deployed[0]
    s3 = emulator.client("s3")
    rules = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    s3.put_bucket_lifecycle_configuration(Bucket=BUCKET, LifecycleConfiguration={"Rules": rules},
                                          TransitionDefaultMinimumObjectSize="varies_by_storage_class")
    rerun = run_playbook(emulator.env, extra=["--tags", "s3_bucket"])
    assert rerun.returncode == 0 and rerun.changed == 1, rerun.failure_messages() or rerun.output[-3000:]
    configuration = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)
    assert configuration["TransitionDefaultMinimumObjectSize"] == "all_storage_classes_128K"
    assert configuration["Rules"] == rules


def test_check_mode_predicts_a_lifecycle_change(deployed, run_playbook):
    emulator = deployed[0]
    s3 = emulator.client("s3")
    rules = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    s3.put_bucket_lifecycle_configuration(Bucket=BUCKET, LifecycleConfiguration={"Rules": rules},
                                          TransitionDefaultMinimumObjectSize="varies_by_storage_class")
    check = run_playbook(emulator.env, extra=["--tags", "s3_bucket", "--check"])
    assert check.returncode == 0 and check.changed == 1, check.failure_messages() or check.output[-3000:]
    # --check changed nothing.
    assert s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["TransitionDefaultMinimumObjectSize"] == "varies_by_storage_class"
    converge = run_playbook(emulator.env, extra=["--tags", "s3_bucket"])
    assert converge.returncode == 0 and converge.changed == 1, converge.failure_messages() or converge.output[-3000:]


@pytest.mark.parametrize(
    "extra_vars, variable",
    [
        ({"s3_bucket_name": "Tickr_Images"}, "s3_bucket_name"),
        ({"s3_bucket_name": "192.168.1.10"}, "s3_bucket_name"),
        ({"s3_bucket_cors_origins": ["http://tickr.tn"]}, "s3_bucket_cors_origins"),
        ({"s3_bucket_archive_after_days": 0}, "s3_bucket_archive_after_days"),
        ({"s3_bucket_archive_storage_class": "tape"}, "s3_bucket_archive_storage_class"),
        ({"s3_bucket_archive_storage_class": "STANDARD_IA", "s3_bucket_archive_after_days": 10}, "s3_bucket_archive_after_days"),
        ({"s3_bucket_transition_default_minimum_object_size": "128K"}, "s3_bucket_transition_default_minimum_object_size"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "s3_bucket", "-e", json.dumps(extra_vars)])
    assert run.returncode != 0
    assert variable in " ".join(run.failure_messages())
    assert fresh_emulator.client("s3").list_buckets()["Buckets"] == []


def other_account_s3(emulator):
    """S3 as another AWS account sees it: STS AssumeRole into a role of that account, as a user would."""
    credentials = emulator.client("sts").assume_role(
        RoleArn="arn:aws:iam::111122223333:role/images", RoleSessionName="other-account")["Credentials"]
    return boto3.client("s3", region_name="eu-west-1", endpoint_url=emulator.url,
                        aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                        aws_session_token=credentials["SessionToken"])


@pytest.fixture
def name_taken(fresh_emulator):
    """tickr-event-images is another account's bucket, with its own tags."""
    other = other_account_s3(fresh_emulator)
    other.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    other.put_bucket_tagging(Bucket=BUCKET, Tagging={"TagSet": [{"Key": "Owner", "Value": "someone-else"}]})
    yield fresh_emulator, other
    forget_other_accounts(fresh_emulator)


def forget_other_accounts(emulator):
    """moto's reset takes seconds more once a second account exists (longer than emulator.py waits on a busy
    machine): done here, with time, so the next test's reset is quick."""
    request = urllib.request.Request(f"{emulator.url}/moto-api/reset", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=120):
        pass


def _assert_taken_and_untouched(run, emulator, other):
    assert run.returncode != 0
    messages = " ".join(run.failure_messages())
    assert messages.startswith("s3_bucket_name: 'tickr-event-images' is taken"), messages or run.output[-3000:]
    assert emulator.client("s3").list_buckets()["Buckets"] == []
    assert other.get_bucket_tagging(Bucket=BUCKET)["TagSet"] == [{"Key": "Owner", "Value": "someone-else"}]
    with pytest.raises(botocore.exceptions.ClientError):
        other.get_bucket_policy(Bucket=BUCKET)


def test_a_name_another_account_holds_stops_the_role_before_any_change(name_taken, run_playbook, proxy_factory):
    emulator, other = name_taken
    proxy = proxy_factory()
    run = run_playbook(proxy.env, extra=["--tags", "s3_bucket"])
    _assert_taken_and_untouched(run, emulator, other)
    assert proxy.stats()["mutating"] == 0, proxy.stats()["mutations"]


def test_a_name_another_account_holds_stops_site_before_any_change(name_taken, run_playbook, proxy_factory):
    # The whole site.yml: the name is checked in its pre_tasks, so no role has built anything either.
    emulator, other = name_taken
    proxy = proxy_factory()
    run = run_playbook(proxy.env)
    _assert_taken_and_untouched(run, emulator, other)
    assert proxy.stats()["mutating"] == 0, proxy.stats()["mutations"]
    assert stack_leftovers(emulator) == {}


def test_a_bucket_of_ours_is_taken_over(fresh_emulator, run_playbook):
    # Ours already (a first run stopped halfway, or made by hand): the role converges it.
    fresh_emulator.client("s3").create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    run = run_playbook(fresh_emulator.env, extra=["--tags", "s3_bucket"])
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    assert fresh_emulator.client("s3").get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"][0]["ID"] == "Archive old images"
