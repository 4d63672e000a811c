"""Values of the right shape that AWS refuses halfway (issue 17, case 11): a Redis node type or engine version
ElastiCache does not offer, a parameter value the engine does not take, a tag AWS refuses. Each stops site.yml
before any AWS call, with one message per broken rule naming the variable.

Same harness as test_bad_input.py (bad_input.py): values as extra vars from a JSON file; ``variable`` is the one
blamed, and no other; every word of ``rule`` appears in the failure.
"""

import pytest

from bad_input import bad_input_test, empty_account, run_with_values  # noqa: F401 # pylint: disable=unused-import

pytestmark = pytest.mark.integration

CASES = {
    # Node types: the dated table of what ElastiCache offers (roles/redis/vars/main.yml)
    "redis-node-type-unknown-size": ({"redis_node_type": "cache.t3.tiny"}, "redis_node_type",
                                     ["'cache.t3.tiny'", "not a size ElastiCache offers", "micro, small, medium"]),
    "redis-node-type-unknown-family": ({"redis_node_type": "cache.x9.large"}, "redis_node_type",
                                       ["'cache.x9.large'", "not a node type ElastiCache offers", "cache.t4g"]),
    "redis-node-type-previous-generation": ({"redis_node_type": "cache.t2.micro"}, "redis_node_type",
                                            ["'cache.t2.micro'", "previous-generation", "creates no new cluster"]),
    "redis-node-type-data-tiering": ({"redis_node_type": "cache.r6gd.xlarge"}, "redis_node_type",
                                     ["'cache.r6gd.xlarge'", "data tiering"]),
    # Engine versions
    "redis-engine-version-not-offered": ({"redis_engine_version": "7.3"}, "redis_engine_version",
                                         ["'7.3'", "not a Redis 7 version ElastiCache offers", "7.0, 7.1"]),
    "redis-engine-version-major-alone": ({"redis_engine_version": "7"}, "redis_engine_version",
                                         ["'7'", "<major>.<minor>"]),
    # Parameter values
    "redis-maxmemory-policy": ({"redis_parameters": {"maxmemory-policy": "lru", "timeout": 300}},
                               "redis_parameters", ["redis_parameters.maxmemory-policy", "'lru'", "allkeys-lru, volatile-lfu"]),
    "redis-timeout-below-20": ({"redis_parameters": {"maxmemory-policy": "allkeys-lru", "timeout": 5}},
                               "redis_parameters", ["redis_parameters.timeout", "'5'", "0, 20 or more"]),
    "redis-timeout-word": ({"redis_parameters": {"timeout": "five minutes"}},
                           "redis_parameters", ["redis_parameters.timeout", "'five minutes'", "whole number"]),
    "redis-maxclients-not-modifiable": ({"redis_parameters": {"maxclients": 1000}}, "redis_parameters",
                                        ["redis_parameters.maxclients", "does not let a parameter group change it"]),
    "redis-cluster-enabled": ({"redis_parameters": {"cluster-enabled": "yes"}}, "redis_parameters",
                              ["redis_parameters.cluster-enabled", "cluster-mode-disabled"]),
    # The stack's tags, carried by every resource
    "tag-key-aws-prefix": ({"tickr_tags": {"Project": "tickr", "aws:cost-center": "events"}}, "tickr_tags",
                           ["'aws:cost-center'", "prefix AWS reserves"]),
    "tag-key-too-long": ({"tickr_tags": {"Project": "tickr", "K" * 129: "x"}}, "tickr_tags", ["129 characters", "1-128"]),
    "tag-value-too-long": ({"tickr_tags": {"Project": "t" * 257}}, "tickr_tags", ["'Project'", "257 characters", "0-256"]),
    "tag-key-characters": ({"tickr_tags": {"Project": "tickr", "Cost#Center": "x"}}, "tickr_tags",
                           ["'Cost#Center'", "characters AWS refuses"]),
    "tag-value-characters": ({"tickr_tags": {"Project": "tickr", "Owner": "ops, dev"}}, "tickr_tags",
                             ["'ops, dev'", "characters AWS refuses"]),
    "tag-value-null": ({"tickr_tags": {"Project": "tickr", "Owner": None}}, "tickr_tags", ["'Owner'", "no text value"]),
    "too-many-tags": ({"tickr_tags": {f"Tag{i}": "x" for i in range(49)}}, "tickr_tags", ["49 tags", "at most 50", "roles add 2"]),
}


test_value_aws_refuses_fails_before_any_aws_call = bad_input_test(CASES)


def test_each_broken_parameter_gets_its_own_message(empty_account, proxy_factory, run_playbook, tmp_path):  # noqa: F811
    proxy, run = run_with_values(proxy_factory, run_playbook, tmp_path,
                                 {"redis_parameters": {"maxmemory-policy": "lru", "timeout": 5}})
    assert run.returncode != 0
    parts = [p for m in run.failure_messages() for p in m.split("; ")]
    assert [p.split(":")[0] for p in parts] == ["redis_parameters.maxmemory-policy", "redis_parameters.timeout"], parts
    assert proxy.stats()["total"] == 0
