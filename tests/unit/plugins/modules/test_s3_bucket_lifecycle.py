import botocore.exceptions

from ansible_collections.tickr.aws.plugins.module_utils.s3 import (
    found_configuration, lifecycle_configuration, normalize_rule, wanted_configuration)
from ansible_collections.amazon.aws.plugins.module_utils.s3 import AnsibleS3Error
from ansible_collections.tickr.aws.plugins.module_utils.s3 import read_configuration
from ansible_collections.tickr.aws.plugins.modules.s3_bucket_lifecycle import rules_without_id

RULE = {"ID": "Archive old images", "Filter": {"Prefix": ""}, "Status": "Enabled",
        "Transitions": [{"Days": 90, "StorageClass": "GLACIER_IR"}]}


class FakeS3:
    def __init__(self, answer=None, error=None):
        self.answer, self.error = answer, error

    def get_bucket_lifecycle_configuration(self, Bucket):
        if self.error:
            raise botocore.exceptions.ClientError({"Error": {"Code": self.error, "Message": "no"}},
                                                  "GetBucketLifecycleConfiguration")
        return dict(self.answer, ResponseMetadata={"HTTPStatusCode": 200})


def test_a_rule_without_an_id_is_refused():
    assert rules_without_id([RULE, {"Status": "Enabled"}, dict(RULE, ID="")]) == [1, 2]
    assert rules_without_id([RULE]) == []


def test_transitions_compare_in_time_order_and_empty_keys_are_ignored():
    two = dict(RULE, Transitions=[{"Days": 365, "StorageClass": "DEEP_ARCHIVE"}, {"Days": 90, "StorageClass": "GLACIER_IR"}])
    assert normalize_rule(two)["Transitions"] == [{"Days": 90, "StorageClass": "GLACIER_IR"},
                                                  {"Days": 365, "StorageClass": "DEEP_ARCHIVE"}]
    assert normalize_rule(dict(RULE, NoncurrentVersionTransitions=[], Expiration=None)) == RULE


def test_rules_compare_by_id_whatever_their_order():
    other = {"ID": "a-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}}
    assert lifecycle_configuration([RULE, other], "x") == lifecycle_configuration([other, RULE], "x")


def lifecycle_in_place(answer, rules, size):
    return found_configuration(answer) == wanted_configuration(rules, size)


def test_the_minimum_object_size_is_part_of_the_configuration():
    answer = {"Rules": [RULE], "TransitionDefaultMinimumObjectSize": "varies_by_storage_class"}
    assert lifecycle_in_place(answer, [RULE], "varies_by_storage_class")
    assert not lifecycle_in_place(answer, [RULE], "all_storage_classes_128K")
    # An answer without the field matches neither value: the module writes it explicitly.
    assert not lifecycle_in_place({"Rules": [RULE]}, [RULE], "all_storage_classes_128K")


def test_no_configuration_reads_as_none():
    assert found_configuration(None) is None and found_configuration({"Rules": []}) is None
    assert read_configuration(FakeS3(error="NoSuchLifecycleConfiguration"), "b") is None
    # A bucket not there yet (--check before it exists, or created a moment ago).
    assert read_configuration(FakeS3(error="NoSuchBucket"), "b") is None


def test_a_configuration_is_read_without_its_metadata():
    answer = {"Rules": [RULE], "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}
    assert read_configuration(FakeS3(answer), "b") == lifecycle_configuration([RULE], "all_storage_classes_128K")


def test_other_errors_are_not_swallowed():
    try:
        read_configuration(FakeS3(error="AccessDenied"), "b")
    except AnsibleS3Error as e:
        assert e.exception.response["Error"]["Code"] == "AccessDenied"
    else:
        raise AssertionError("AccessDenied was swallowed")
