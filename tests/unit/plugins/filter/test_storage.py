"""s3_cors_in_place and s3_lifecycle_rule_in_place must call "in place" exactly what the modules would leave unchanged.

Each case runs the real module's comparison (community.aws.s3_cors, community.aws.s3_lifecycle) on the rules found and
compares its verdict with the filter's on the same rules as amazon.aws.s3_bucket_info returns them."""

import copy

import pytest

from ansible_collections.community.aws.plugins.modules import s3_cors, s3_lifecycle
from ansible_collections.tickr.aws.plugins.filter.storage import s3_cors_in_place, s3_lifecycle_rule_in_place

# The role's rules (roles/s3_bucket/vars/main.yml, inventories/local) and GetBucketCors' answer once s3_cors set them.
CORS = [{"allowed_origins": ["https://tickr.tn", "https://www.tickr.tn"], "allowed_methods": ["GET", "PUT"],
         "allowed_headers": ["*"], "max_age_seconds": 3000}]
CORS_FOUND = [{"AllowedOrigins": ["https://tickr.tn", "https://www.tickr.tn"], "AllowedMethods": ["GET", "PUT"],
               "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}]

RULE = {"rule_id": "archive-images", "transition_days": 90, "storage_class": "glacier"}
RULE_FOUND = {"ID": "archive-images", "Filter": {"Prefix": ""}, "Status": "Enabled",
              "Transitions": [{"Days": 90, "StorageClass": "GLACIER"}]}


class Exited(Exception):
    pass


class FakeModule:
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


@pytest.mark.parametrize("found", [
    CORS_FOUND,
    [dict(CORS_FOUND[0], AllowedMethods=["PUT", "GET"])],                                    # order does not matter
    [dict(CORS_FOUND[0], AllowedOrigins=["https://tickr.tn"])],                              # an origin missing
    [dict(CORS_FOUND[0], MaxAgeSeconds=60)],
    [dict(CORS_FOUND[0], ExposeHeaders=["ETag"])],                                           # more than planned
    CORS_FOUND + [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}],                     # a rule added by hand
    [],                                                                                      # none (new bucket)
])
def test_cors_in_place_is_what_s3_cors_leaves_alone(found):
    in_place = s3_cors_in_place({"name": "tickr-images", "bucket_cors": {"CORSRules": found}}, CORS)
    assert in_place is not cors_module_changes(found, CORS)


def test_cors_of_a_bucket_not_found_is_not_in_place():
    assert s3_cors_in_place({}, CORS) is False


def lifecycle_module_changes(found, rule):
    params = dict.fromkeys(s3_lifecycle_params())
    params.update(rule_id=rule["rule_id"], transition_days=rule["transition_days"], storage_class=rule["storage_class"],
                  prefix="", status="enabled", purge_transitions=True)
    module = FakeModule(**params)
    wanted = s3_lifecycle.build_rule(None, module)
    changed, _configuration = s3_lifecycle.compare_and_update_configuration(None, module, copy.deepcopy(found), wanted)
    return changed


def s3_lifecycle_params():
    return ["abort_incomplete_multipart_upload_days", "expiration_date", "expiration_days", "expire_object_delete_marker",
            "maximum_object_size", "minimum_object_size", "noncurrent_version_expiration_days",
            "noncurrent_version_transition_days", "noncurrent_version_transitions", "noncurrent_version_storage_class",
            "noncurrent_version_keep_newer", "prefix", "rule_id", "status", "storage_class", "transition_date",
            "transition_days", "transitions", "purge_transitions"]


@pytest.mark.parametrize("found", [
    [RULE_FOUND],
    [{"ID": "keep-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}}, RULE_FOUND],
    [dict(RULE_FOUND, Status="Disabled")],
    [dict(RULE_FOUND, Transitions=[{"Days": 30, "StorageClass": "GLACIER"}])],
    [dict(RULE_FOUND, Transitions=[{"Days": 90, "StorageClass": "DEEP_ARCHIVE"}])],
    [dict(RULE_FOUND, Filter={"Prefix": "images/"})],
    [dict(RULE_FOUND, Expiration={"Days": 365})],                                            # expiry added by hand
    [dict(RULE_FOUND, ID="other")],
    [],
])
def test_lifecycle_rule_in_place_is_what_s3_lifecycle_leaves_alone(found):
    bucket = {"name": "tickr-images", "bucket_lifecycle_configuration": {"Rules": found}}
    in_place = s3_lifecycle_rule_in_place(bucket, RULE["rule_id"], RULE["transition_days"], RULE["storage_class"])
    assert in_place is not lifecycle_module_changes(found, RULE)


def test_lifecycle_of_a_bucket_not_found_is_not_in_place():
    assert s3_lifecycle_rule_in_place({}, "archive-images", 90, "glacier") is False
