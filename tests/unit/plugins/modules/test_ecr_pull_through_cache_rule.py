"""tickr.aws.ecr_pull_through_cache_rule: what the registry's rules plan (keep, adopt, create, delete, refuse), the
module run on a mocked ECR client, nothing written in check mode or when the rule is in place, AWS's message
reaching the user."""

from unittest.mock import MagicMock

import botocore.exceptions
import pytest

from ansible_collections.tickr.aws.plugins.modules import ecr_pull_through_cache_rule
from ansible_collections.tickr.aws.plugins.modules.ecr_pull_through_cache_rule import plan, prefix_error

from cloudwatch_fakes import run_module

OURS = {"ecrRepositoryPrefix": "ecr-public", "upstreamRegistryUrl": "public.ecr.aws", "upstreamRegistry": "ecr-public",
        "registryId": "123456789012"}
OTHER = {"ecrRepositoryPrefix": "mirror", "upstreamRegistryUrl": "public.ecr.aws", "registryId": "123456789012"}
QUAY = {"ecrRepositoryPrefix": "ecr-public", "upstreamRegistryUrl": "quay.io", "registryId": "123456789012"}
MUTATING = ["create_pull_through_cache_rule", "delete_pull_through_cache_rule", "update_pull_through_cache_rule"]


def _client(rules):
    client = MagicMock()
    client.get_paginator.return_value.paginate.return_value.build_full_result.return_value = {"pullThroughCacheRules": rules}
    client.create_pull_through_cache_rule.side_effect = lambda **r: dict(r, registryId="123456789012", ResponseMetadata={})
    return client


def _params(**over):
    return dict({"ecr_repository_prefix": "ecr-public", "upstream_registry_url": "public.ecr.aws", "upstream_registry": None,
                 "credential_arn": None, "adopt_same_upstream": True, "state": "present"}, **over)


def _mutations(client):
    return [name for name in MUTATING if getattr(client, name).called]


def ensure(client, params, check_mode):
    """The module's result on ``client``; ValueError with its message when it fails."""
    result = run_module(ecr_pull_through_cache_rule, {k: v for k, v in params.items() if v is not None}, client, check_mode=check_mode)
    if result["failed"]:
        raise ValueError(result.get("msg"))
    return result


@pytest.mark.parametrize("prefix", ["ecr-public", "cache/ecr-public", "ROOT", "a1"])
def test_prefixes_aws_accepts(prefix):
    assert prefix_error(prefix) is None


@pytest.mark.parametrize("prefix", ["e", "Ecr-Public", "ecr_public-", "-ecr", "a" * 31, "ecr public", "a//b"])
def test_prefixes_aws_refuses(prefix):
    assert prefix_error(prefix)


def test_same_rule_changes_nothing():
    assert plan([OURS], "ecr-public", "public.ecr.aws", "present") == {"action": "none", "rule": OURS, "adopted": False}


def test_missing_rule_is_created():
    step = plan([], "ecr-public", "public.ecr.aws", "present", upstream_registry="ecr-public")
    assert step["action"] == "create"
    assert step["rule"] == {"ecrRepositoryPrefix": "ecr-public", "upstreamRegistryUrl": "public.ecr.aws",
                            "upstreamRegistry": "ecr-public"}


def test_a_rule_with_the_same_upstream_is_adopted():
    step = plan([OTHER], "ecr-public", "public.ecr.aws", "present")
    assert step == {"action": "none", "rule": OTHER, "adopted": True}
    assert plan([OTHER], "ecr-public", "public.ecr.aws", "present", adopt=False)["action"] == "create"


def test_a_prefix_taken_by_another_upstream_fails():
    step = plan([QUAY], "ecr-public", "public.ecr.aws", "present")
    assert step["action"] == "fail"
    assert "caches quay.io, not public.ecr.aws" in step["msg"]


def test_absent_deletes_only_a_rule_with_our_upstream():
    assert plan([OURS], "ecr-public", "public.ecr.aws", "absent")["action"] == "delete"
    assert plan([QUAY], "ecr-public", "public.ecr.aws", "absent")["action"] == "none"
    assert plan([OTHER], "ecr-public", "public.ecr.aws", "absent")["action"] == "none"
    assert plan([], "ecr-public", None, "absent")["action"] == "none"


def test_create_calls_aws_and_returns_the_rule():
    client = _client([])
    result = ensure(client, _params(), check_mode=False)
    client.create_pull_through_cache_rule.assert_called_once_with(
        ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
    assert result["changed"] is True
    assert result["rule"]["ecr_repository_prefix"] == "ecr-public"
    assert result["registry_id"] == "123456789012"
    assert result["diff"]["before"] == {}


def test_check_mode_makes_no_mutating_call():
    for rules, state in (([], "present"), ([OURS], "absent")):
        client = _client(rules)
        result = ensure(client, _params(state=state), check_mode=True)
        assert result["changed"] is True
        assert _mutations(client) == []


def test_converged_rule_makes_no_mutating_call():
    client = _client([OURS])
    result = ensure(client, _params(), check_mode=False)
    assert result["changed"] is False
    assert result["diff"]["before"] == result["diff"]["after"]
    assert _mutations(client) == []


def test_adopted_rule_is_returned_unchanged():
    client = _client([OTHER])
    result = ensure(client, _params(), check_mode=False)
    assert (result["changed"], result["adopted"], result["rule"]["ecr_repository_prefix"]) == (False, True, "mirror")
    assert _mutations(client) == []


def test_delete_calls_aws():
    client = _client([OURS])
    result = ensure(client, _params(state="absent"), check_mode=False)
    client.delete_pull_through_cache_rule.assert_called_once_with(ecrRepositoryPrefix="ecr-public")
    assert result["changed"] is True and result["rule"] == {}


def test_bad_input_fails_before_any_call():
    client = _client([])
    with pytest.raises(ValueError, match="ecr_repository_prefix 'E' must be 2 to 30"):
        ensure(client, _params(ecr_repository_prefix="E"), check_mode=False)
    with pytest.raises(ValueError, match="caches quay.io"):
        ensure(_client([QUAY]), _params(), check_mode=False)
    assert not client.get_paginator.called


def test_check_mode_and_a_converged_rule_read_only_the_rules():
    for rules, state, check_mode in (([], "present", True), ([OURS], "absent", True), ([OURS], "present", False),
                                     ([QUAY], "absent", False)):
        client = _client(rules)
        ensure(client, _params(state=state), check_mode=check_mode)
        assert [c[0] for c in client.mock_calls] == ["get_paginator", "get_paginator().paginate",
                                                     "get_paginator().paginate().build_full_result"]
        client.get_paginator.assert_called_once_with("describe_pull_through_cache_rules")


def test_check_mode_predicts_the_rule_created_and_deleted():
    result = ensure(_client([]), _params(upstream_registry="ecr-public"), check_mode=True)
    assert result["rule"] == {"ecr_repository_prefix": "ecr-public", "upstream_registry_url": "public.ecr.aws",
                              "upstream_registry": "ecr-public"}
    assert (result["registry_id"], result["diff"]["after"], result["adopted"]) == ("", result["rule"], False)
    result = ensure(_client([OURS]), _params(state="absent"), check_mode=True)
    assert (result["rule"], result["registry_id"], result["diff"]["before"]["ecr_repository_prefix"]) == ({}, "123456789012", "ecr-public")


def test_absent_leaves_a_missing_rule_and_another_upstreams_alone():
    for rules in ([], [QUAY]):
        client = _client(rules)
        result = ensure(client, _params(state="absent"), check_mode=False)
        assert (result["changed"], result["rule"], result["diff"]) == (False, {}, {"before": {}, "after": {}})
        assert _mutations(client) == []


def test_a_rule_deleted_meanwhile_is_no_change():
    client = _client([OURS])
    client.delete_pull_through_cache_rule.side_effect = botocore.exceptions.ClientError(
        {"Error": {"Code": "PullThroughCacheRuleNotFoundException", "Message": "gone"}}, "DeletePullThroughCacheRule")
    assert ensure(client, _params(state="absent"), check_mode=False)["changed"] is False


def test_present_needs_an_upstream_before_any_call(capsys):
    client = _client([])
    with pytest.raises(ValueError):
        ensure(client, _params(upstream_registry_url=None), check_mode=False)
    assert "state is present but all of the following are missing: upstream_registry_url" in capsys.readouterr().out
    assert client.mock_calls == []


@pytest.mark.parametrize("operation, rules, state", [
    ("get_paginator", [], "present"),
    ("create_pull_through_cache_rule", [], "present"),
    ("delete_pull_through_cache_rule", [OURS], "absent"),
])
def test_aws_refusal_reaches_the_user_with_awss_message(operation, rules, state):
    client = _client(rules)
    getattr(client, operation).side_effect = botocore.exceptions.ClientError(
        {"Error": {"Code": "AccessDeniedException", "Message": "User: ci is not authorized to perform: ecr:Something"}}, "Op")
    result = run_module(ecr_pull_through_cache_rule, _params(state=state), client)
    assert result["failed"] is True
    assert result["msg"].endswith("An error occurred (AccessDeniedException) when calling the Op operation: "
                                  "User: ci is not authorized to perform: ecr:Something")
    assert result["msg"].startswith("Failed to " + ("describe" if operation == "get_paginator" else operation.split("_")[0]) + " the pull through")
