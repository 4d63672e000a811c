"""Bad input for the images bucket's archive rule: each value S3 would refuse (or that names no minimum object size
behaviour) stops site.yml before any AWS call, with one message naming the variable and the rule it breaks.

The harness is bad_input.py's: values as extra vars, the failure blames the variable and no other, and the
account sees no call at all."""

import pytest

from bad_input import bad_input_test, empty_account, run_with_values  # noqa: F401 # pylint: disable=unused-import
from conftest import stack_leftovers

pytestmark = pytest.mark.integration

CASES = {
    "archive-class-unknown": ({"s3_bucket_archive_storage_class": "tape"}, "s3_bucket_archive_storage_class",
                              ["'tape'", "not a class a lifecycle transition accepts", "GLACIER_IR"]),
    # STANDARD is where objects start: no transition goes there.
    "archive-class-standard": ({"s3_bucket_archive_storage_class": "STANDARD"}, "s3_bucket_archive_storage_class",
                               ["'STANDARD'", "not a class a lifecycle transition accepts"]),
    "archive-to-ia-too-soon": ({"s3_bucket_archive_storage_class": "STANDARD_IA", "s3_bucket_archive_after_days": 10},
                               "s3_bucket_archive_after_days", ["10", "under the 30 days", "STANDARD_IA"]),
    "minimum-object-size-unknown": ({"s3_bucket_transition_default_minimum_object_size": "128K"},
                                    "s3_bucket_transition_default_minimum_object_size",
                                    ["'128K'", "all_storage_classes_128K", "varies_by_storage_class"]),
}


test_bad_input_fails_before_any_aws_call = bad_input_test(CASES)


@pytest.mark.parametrize("storage_class", ["glacier_ir", "DEEP_ARCHIVE"])
def test_any_transition_class_passes_the_check_in_any_case(empty_account, proxy_factory, run_playbook,  # noqa: F811
                                                            tmp_path, storage_class):
    # --check with the bucket's role only: the settings pass, nothing is changed.
    run = run_with_values(proxy_factory, run_playbook, tmp_path, {"s3_bucket_archive_storage_class": storage_class},
                          "--tags", "s3_bucket", "--check")[1]
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    assert stack_leftovers(empty_account) == {}
