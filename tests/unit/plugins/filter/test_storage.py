"""s3_cors_in_place and s3_lifecycle_in_place must call "in place" exactly what the modules would leave unchanged.

s3_cors_in_place runs community.aws.s3_cors's own comparison; s3_lifecycle_in_place must agree with what
tickr.aws.s3_bucket_lifecycle writes, on configurations as amazon.aws.s3_bucket_info returns them."""

import copy

import pytest

from ansible_collections.community.aws.plugins.modules import s3_cors
from ansible_collections.tickr.aws.plugins.filter.storage import s3_cors_in_place, s3_lifecycle_in_place

# The role's rules (roles/s3_bucket/vars/main.yml, inventories/local) and GetBucketCors' answer once s3_cors set them.
CORS = [{"allowed_origins": ["https://tickr.tn", "https://www.tickr.tn"], "allowed_methods": ["GET", "PUT"],
         "allowed_headers": ["*"], "max_age_seconds": 3000}]
CORS_FOUND = [{"AllowedOrigins": ["https://tickr.tn", "https://www.tickr.tn"], "AllowedMethods": ["GET", "PUT"],
               "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}]

# The role's archive rule (roles/s3_bucket/vars/main.yml), as the module sends it and S3 returns it.
RULES = [{"ID": "Archive old images", "Filter": {"Prefix": ""}, "Status": "Enabled",
          "Transitions": [{"Days": 90, "StorageClass": "GLACIER_IR"}]}]
SIZE = "all_storage_classes_128K"


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


def _bucket(rules, size=SIZE):
    configuration = {"Rules": rules}
    if size is not None:
        configuration["TransitionDefaultMinimumObjectSize"] = size
    return {"name": "tickr-event-images", "bucket_lifecycle_configuration": configuration}


def test_lifecycle_as_written_is_in_place():
    assert s3_lifecycle_in_place(_bucket(copy.deepcopy(RULES)), RULES, SIZE) is True
    # S3 may list a rule's keys in any order.
    assert s3_lifecycle_in_place(_bucket([dict(reversed(list(RULES[0].items())))]), RULES, SIZE) is True


@pytest.mark.parametrize("bucket", [
    _bucket(RULES, "varies_by_storage_class"),                                              # size changed by hand
    _bucket(RULES, None),                                                                   # a configuration older than the field
    _bucket([dict(RULES[0], Transitions=[{"Days": 90, "StorageClass": "GLACIER"}])]),       # today's Glacier rule
    _bucket([dict(RULES[0], Transitions=[{"Days": 30, "StorageClass": "GLACIER_IR"}])]),
    _bucket([dict(RULES[0], Status="Disabled")]),
    _bucket([dict(RULES[0], Expiration={"Days": 365})]),                                    # expiry added by hand
    _bucket(RULES + [{"ID": "keep-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}}]),
    _bucket([dict(RULES[0], ID="other")]),
    {"name": "tickr-event-images", "bucket_lifecycle_configuration": {}},                   # none yet
    {},                                                                                     # no bucket yet
])
def test_lifecycle_that_differs_is_not_in_place(bucket):
    assert s3_lifecycle_in_place(bucket, RULES, SIZE) is False


def test_no_rules_wanted_is_in_place_only_without_a_configuration():
    assert s3_lifecycle_in_place({"bucket_lifecycle_configuration": {}}, [], SIZE) is True
    assert s3_lifecycle_in_place(_bucket(RULES), [], SIZE) is False
