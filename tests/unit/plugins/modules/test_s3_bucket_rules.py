"""The bucket's CORS and lifecycle rules as the role writes them are what S3 stores: a rerun leaves them alone, and
one that drifted is written back. CORS is community.aws.s3_cors's own comparison; the lifecycle is
tickr.aws.s3_bucket_lifecycle's, run against a stubbed S3."""

import copy

import pytest

from ansible_collections.community.aws.plugins.modules import s3_cors
from ansible_collections.tickr.aws.plugins.modules import s3_bucket_lifecycle

from module_runner import run_module, stubbed

# The role's rules (roles/s3_bucket/vars/main.yml, inventories/local) and GetBucketCors' answer once s3_cors set them.
CORS = [{"allowed_origins": ["https://tickr.tn", "https://www.tickr.tn"], "allowed_methods": ["GET", "PUT"],
         "allowed_headers": ["*"], "max_age_seconds": 3000}]
CORS_FOUND = [{"AllowedOrigins": ["https://tickr.tn", "https://www.tickr.tn"], "AllowedMethods": ["GET", "PUT"],
               "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}]

# The role's archive rule (roles/s3_bucket/vars/main.yml), as the module sends it and S3 returns it.
RULES = [{"ID": "Archive old images", "Filter": {"Prefix": ""}, "Status": "Enabled",
          "Transitions": [{"Days": 90, "StorageClass": "GLACIER_IR"}]}]
SIZE = "all_storage_classes_128K"
BUCKET = "tickr-event-images"


class Exited(Exception):
    pass


class FakeModule:
    check_mode = False

    def __init__(self, **params):
        self.params = params

    def exit_json(self, **result):
        raise Exited(result)

    def fail_json_aws(self, exception, msg=None):
        raise AssertionError(msg)


class FakeS3:
    def __init__(self, rules):
        self.rules = rules

    def get_bucket_cors(self, Bucket):
        return {"CORSRules": copy.deepcopy(self.rules)}

    def put_bucket_cors(self, Bucket, CORSConfiguration):
        pass


def cors_module_changes(found, rules):
    with pytest.raises(Exited) as exited:
        s3_cors.create_or_update_bucket_cors(FakeS3(found), FakeModule(name="tickr-images", rules=copy.deepcopy(rules)))
    return exited.value.args[0]["changed"]


@pytest.mark.parametrize("found, changes", [
    (CORS_FOUND, False),
    ([dict(CORS_FOUND[0], AllowedMethods=["PUT", "GET"])], False),                           # order does not matter
    ([dict(CORS_FOUND[0], AllowedOrigins=["https://tickr.tn"])], True),                      # an origin missing
    ([dict(CORS_FOUND[0], MaxAgeSeconds=60)], True),
    ([dict(CORS_FOUND[0], ExposeHeaders=["ETag"])], True),                                   # more than planned
    (CORS_FOUND + [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}], True),             # a rule added by hand
    ([], True),                                                                              # none (new bucket)
])
def test_the_roles_cors_rules_are_left_alone_as_s3_stores_them(found, changes):
    assert cors_module_changes(found, CORS) is changes


def _answer(rules, size=SIZE):
    configuration = {"Rules": rules}
    if size is not None:
        configuration["TransitionDefaultMinimumObjectSize"] = size
    return configuration


def run_lifecycle(answer, rules=None, check_mode=False, write=None):
    """The module's result with the bucket's configuration ``answer`` (None: none); ``write`` the call expected."""
    rules = RULES if rules is None else rules
    client, stub = stubbed("s3")
    if answer is None:
        stub.add_client_error("get_bucket_lifecycle_configuration", "NoSuchLifecycleConfiguration", "none", 404,
                              expected_params={"Bucket": BUCKET})
    else:
        stub.add_response("get_bucket_lifecycle_configuration", answer, {"Bucket": BUCKET})
    if write == "put":
        stub.add_response("put_bucket_lifecycle_configuration", {}, {
            "Bucket": BUCKET, "LifecycleConfiguration": {"Rules": RULES}, "TransitionDefaultMinimumObjectSize": SIZE})
    elif write == "delete":
        stub.add_response("delete_bucket_lifecycle", {}, {"Bucket": BUCKET})
    with stub:
        result = run_module(s3_bucket_lifecycle, {"name": BUCKET, "rules": rules,
                                                  "transition_default_minimum_object_size": SIZE}, client, check_mode)
    stub.assert_no_pending_responses()
    return result


def test_lifecycle_as_written_is_left_alone():
    assert run_lifecycle(_answer(copy.deepcopy(RULES)))["changed"] is False
    # S3 may list a rule's keys in any order.
    assert run_lifecycle(_answer([dict(reversed(list(RULES[0].items())))]))["changed"] is False


DRIFTED = [
    _answer(RULES, "varies_by_storage_class"),                                              # size changed by hand
    _answer(RULES, None),                                                                   # a configuration older than the field
    _answer([dict(RULES[0], Transitions=[{"Days": 90, "StorageClass": "GLACIER"}])]),       # today's Glacier rule
    _answer([dict(RULES[0], Transitions=[{"Days": 30, "StorageClass": "GLACIER_IR"}])]),
    _answer([dict(RULES[0], Status="Disabled")]),
    _answer([dict(RULES[0], Expiration={"Days": 365})]),                                    # expiry added by hand
    _answer(RULES + [{"ID": "keep-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}}]),
    _answer([dict(RULES[0], ID="other")]),
    None,                                                                                   # none yet
]


@pytest.mark.parametrize("answer", DRIFTED)
def test_lifecycle_that_differs_is_written_whole(answer):
    result = run_lifecycle(answer, write="put")
    assert result["changed"] is True and result["diff"]["after"]["Rules"] == RULES


@pytest.mark.parametrize("answer", DRIFTED)
def test_check_mode_predicts_and_writes_nothing(answer):
    result = run_lifecycle(answer, check_mode=True)
    assert result["failed"] is False and result["changed"] is True


def test_no_rules_wanted_deletes_a_configuration_and_leaves_none_alone():
    assert run_lifecycle(None, rules=[])["changed"] is False
    assert run_lifecycle(_answer(RULES), rules=[], write="delete")["changed"] is True


def test_an_aws_error_reaches_the_user_with_its_message():
    client, stub = stubbed("s3")
    stub.add_response("get_bucket_lifecycle_configuration", _answer(RULES, "varies_by_storage_class"), {"Bucket": BUCKET})
    stub.add_client_error("put_bucket_lifecycle_configuration", "InvalidRequest",
                          "'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'")
    with stub:
        result = run_module(s3_bucket_lifecycle, {"name": BUCKET, "rules": RULES}, client)
    assert result["failed"] is True
    assert "Failed to set the bucket's lifecycle configuration" in result["msg"]
    assert "must be greater than or equal to 30" in result["msg"]
