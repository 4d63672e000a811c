"""Type errors: a word where a number or a boolean is expected stops site.yml before any AWS call, with one line
naming the variable, the value and the type expected, and without the role's argument spec printed before it.

Same harness as test_bad_input.py (bad_input.py): values as extra vars from a JSON file (they take precedence over
the inventory as a wrong value in group_vars would); ``variable`` is the one blamed, and no other; every word of
``rule`` appears.
"""

import pytest

from bad_input import assert_fails_before_any_aws_call, blamed, empty_account, run_with_values  # noqa: F401 # pylint: disable=unused-import

pytestmark = pytest.mark.integration

CASES = {
    "redis-num-nodes-word": ({"redis_num_nodes": "two"}, "redis_num_nodes", ["'two'", "whole number (int)"]),
    "rds-storage-word": ({"rds_allocated_storage": "twenty"}, "rds_allocated_storage", ["'twenty'", "whole number (int)"]),
    "cdn-enabled-maybe": ({"cdn_enabled": "maybe"}, "cdn_enabled", ["'maybe'", "true or false (bool)"]),
    "app-port-word": ({"networking_app_port": "eighty"}, "networking_app_port", ["'eighty'", "whole number (int)"]),
    "threshold-word": ({"monitoring_ecs_cpu_threshold": "high"}, "monitoring_ecs_cpu_threshold", ["'high'", "monitoring"]),
    "ses-dkim-word": ({"ses_dkim": "sure"}, "ses_dkim", ["'sure'", "true or false (bool)"]),
    "redis-parameters-not-a-mapping": ({"redis_parameters": ["timeout", 300]}, "redis_parameters", ["mapping (dict)"]),
}


@pytest.mark.parametrize("values, variable, rule", list(CASES.values()), ids=list(CASES))
def test_type_error_names_the_variable_and_type_before_any_aws_call(empty_account, proxy_factory,  # noqa: F811
                                                                    run_playbook, tmp_path, values, variable, rule):
    proxy, run = run_with_values(proxy_factory, run_playbook, tmp_path, values)
    messages = assert_fails_before_any_aws_call(run, proxy, empty_account, variable, rule, values)
    # One line, and the one message holds the variable and every word of the rule.
    assert len(messages) == 1, messages
    assert "\n" not in messages[0], messages
    for word in [variable, *rule]:
        assert word in messages[0], (word, messages)


def test_several_type_errors_are_reported_together(empty_account, proxy_factory, run_playbook, tmp_path):  # noqa: F811
    values = {"redis_num_nodes": "two", "rds_allocated_storage": "twenty", "cdn_enabled": "maybe"}
    proxy, run = run_with_values(proxy_factory, run_playbook, tmp_path, values)
    assert run.returncode != 0
    [message] = run.failure_messages()
    assert blamed([message]) == set(values), message
    assert proxy.stats()["total"] == 0


def test_the_default_output_shows_one_line_not_the_argument_spec(empty_account, proxy_factory,  # noqa: F811
                                                                 run_playbook, tmp_path):
    """What a user sees (default callback): the line naming the variable, no argument spec dump before it."""
    proxy, run = run_with_values(proxy_factory, run_playbook, tmp_path, {"redis_num_nodes": "two"}, json_output=False)
    assert run.returncode != 0
    assert "redis_num_nodes: 'two' is not a whole number (int)" in run.output
    assert "argument_spec_data" not in run.output, run.output[-3000:]
    assert "Validation of arguments failed" not in run.output, run.output[-3000:]
    assert proxy.stats()["total"] == 0
