import pytest

from ansible_collections.tickr.aws.plugins.modules.cloudfront_origin_access_control import (
    config_changes,
    creation_config,
    current_config,
    desired_fields,
    find_control,
    snake,
)

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
