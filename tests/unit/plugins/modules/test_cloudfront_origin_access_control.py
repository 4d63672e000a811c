"""tickr.aws.cloudfront_origin_access_control: what to create or update; main() against a fake CloudFront."""

import pytest

from ansible_collections.tickr.aws.plugins.modules import cloudfront_origin_access_control
from ansible_collections.tickr.aws.plugins.modules.cloudfront_origin_access_control import (
    config_changes,
    creation_config,
    current_config,
    desired_fields,
    find_control,
    snake,
)

from cloudwatch_fakes import FakeClient, run_module

SUMMARY = {"Id": "E2QWRUHAPOMQZL", "Name": "tickr-event-images", "Description": "CloudFront reads tickr-event-images",
           "SigningProtocol": "sigv4", "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"}


def _params(**set_options):
    return dict(dict.fromkeys(["description", "signing_protocol", "signing_behavior", "origin_type"]), **set_options)


def test_unset_options_are_left_out():
    assert desired_fields(_params(signing_behavior="always")) == {"SigningBehavior": "always"}
    assert desired_fields(_params()) == {}


def test_creation_defaults_to_sigv4_always_s3():
    assert creation_config("oac", {}) == {"Name": "oac", "Description": "", "SigningProtocol": "sigv4",
                                          "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"}
    assert creation_config("oac", {"SigningBehavior": "no-override"})["SigningBehavior"] == "no-override"


def test_summary_becomes_a_config_without_its_id():
    assert current_config(SUMMARY) == {k: v for k, v in SUMMARY.items() if k != "Id"}
    # AWS leaves an empty description out.
    assert current_config(dict(SUMMARY, Description=None))["Description"] == ""


def test_same_settings_change_nothing():
    desired = desired_fields(_params(description="CloudFront reads tickr-event-images", signing_protocol="sigv4",
                                     signing_behavior="always", origin_type="s3"))
    assert config_changes(current_config(SUMMARY), desired) == {}
    assert config_changes(current_config(dict(SUMMARY, Description=None)), {"Description": ""}) == {}


def test_only_the_differing_fields_change():
    current = current_config(SUMMARY)
    assert config_changes(current, {"SigningBehavior": "never", "SigningProtocol": "sigv4"}) == {"SigningBehavior": "never"}
    assert config_changes(current, {"Description": "other"}) == {"Description": "other"}


def test_snake_case_result_carries_the_id():
    assert snake(current_config(SUMMARY), "E2") == {
        "id": "E2", "name": "tickr-event-images", "description": "CloudFront reads tickr-event-images",
        "signing_protocol": "sigv4", "signing_behavior": "always", "origin_access_control_origin_type": "s3"}


class _Paginator:
    def __init__(self, pages):
        self.pages = pages

    def paginate(self):
        return iter(self.pages)


class _Client:
    def __init__(self, pages):
        self.pages = pages

    def get_paginator(self, name):
        assert name == "list_origin_access_controls"
        return _Paginator(self.pages)


def test_find_by_name_across_pages():
    pages = [{"OriginAccessControlList": {"Items": [dict(SUMMARY, Id="A", Name="other")]}},
             {"OriginAccessControlList": {"Items": [SUMMARY]}},
             {"OriginAccessControlList": {"Quantity": 0}}]
    assert find_control(_Client(pages), "tickr-event-images") == SUMMARY
    assert find_control(_Client(pages), "missing") is None


def test_two_with_the_same_name_is_an_error():
    pages = [{"OriginAccessControlList": {"Items": [SUMMARY, dict(SUMMARY, Id="B")]}}]
    with pytest.raises(ValueError, match="2 origin access controls are named tickr-event-images"):
        find_control(_Client(pages), "tickr-event-images")


# main() against a fake CloudFront: one listing, the ETag read only before a write, nothing written in check mode,
# AWS's message reaches the user.
CONFIG = {k: v for k, v in SUMMARY.items() if k != "Id"}
WANTED = {"name": "tickr-event-images", "description": "CloudFront reads tickr-event-images", "signing_protocol": "sigv4",
          "signing_behavior": "always", "origin_type": "s3"}


def run(found, args, check_mode=False, **fake):
    reads = {"list_origin_access_controls": {"OriginAccessControlList": {"Items": found, "Quantity": len(found)}},
             "get_origin_access_control": {"ETag": "E1"},
             "create_origin_access_control": {"OriginAccessControl": {"Id": "ENEW", "OriginAccessControlConfig": CONFIG}},
             "update_origin_access_control": {"OriginAccessControl": {"Id": SUMMARY["Id"],
                                                                      "OriginAccessControlConfig": dict(CONFIG, SigningBehavior="never")}}}
    client = FakeClient(reads, **fake)
    return run_module(cloudfront_origin_access_control, args, client, check_mode=check_mode), client


def test_a_control_as_wanted_is_left_alone():
    for check_mode in (True, False):
        result, client = run([SUMMARY], WANTED, check_mode=check_mode)
        assert result["changed"] is False and result["origin_access_control"] == snake(CONFIG, SUMMARY["Id"])
        assert client.operations() == ["list_origin_access_controls"]


def test_a_missing_control_is_created_but_not_in_check_mode():
    result, client = run([], WANTED, check_mode=True)
    assert result["changed"] is True and result["origin_access_control"] == snake(CONFIG, "") and client.writes() == []
    result, client = run([], WANTED)
    assert result["changed"] is True and result["origin_access_control"] == snake(CONFIG, "ENEW")
    assert client.writes() == [("create_origin_access_control", {"OriginAccessControlConfig": CONFIG})]


def test_a_changed_field_is_updated_with_the_etag_but_not_in_check_mode():
    args = dict(WANTED, signing_behavior="never")
    result, client = run([SUMMARY], args, check_mode=True)
    assert result["changed"] is True and result["origin_access_control"]["signing_behavior"] == "never"
    assert client.operations() == ["list_origin_access_controls"]
    result, client = run([SUMMARY], args)
    assert client.operations() == ["list_origin_access_controls", "get_origin_access_control", "update_origin_access_control"]
    assert client.writes() == [("update_origin_access_control", {"Id": SUMMARY["Id"], "IfMatch": "E1",
                                                                 "OriginAccessControlConfig": dict(CONFIG, SigningBehavior="never")})]
    assert result["diff"]["before"]["signing_behavior"] == "always" and result["diff"]["after"]["signing_behavior"] == "never"


def test_absent_deletes_only_a_control_found():
    result, client = run([SUMMARY], {"name": SUMMARY["Name"], "state": "absent"}, check_mode=True)
    assert result["changed"] is True and client.operations() == ["list_origin_access_controls"]
    result, client = run([SUMMARY], {"name": SUMMARY["Name"], "state": "absent"})
    assert result["changed"] is True and result["origin_access_control"] == {}
    assert client.writes() == [("delete_origin_access_control", {"Id": SUMMARY["Id"], "IfMatch": "E1"})]
    result, client = run([], {"name": SUMMARY["Name"], "state": "absent"})
    assert result["changed"] is False and client.writes() == []


def test_two_controls_of_the_name_fail_without_a_write():
    result, client = run([SUMMARY, dict(SUMMARY, Id="B")], WANTED)
    assert result["failed"] is True and result["msg"].startswith("2 origin access controls are named tickr-event-images")
    assert client.writes() == []


def test_a_name_too_long_fails_before_any_call():
    result, client = run([], dict(WANTED, name="x" * 65))
    assert result["failed"] is True and client.calls == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, client = run([SUMMARY], {"name": SUMMARY["Name"], "state": "absent"}, fail_on="delete_origin_access_control",
                         error=("OriginAccessControlInUse", "The origin access control is in use by a distribution"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to delete the origin access control: An error occurred (OriginAccessControlInUse) when calling "
                             "the delete_origin_access_control operation: The origin access control is in use by a distribution")
