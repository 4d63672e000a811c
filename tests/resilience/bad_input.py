"""The harness the bad input tests (test_bad_input*.py) share.

A case gives its values as extra vars from a JSON file, which take precedence over the inventory as a wrong value in
group_vars would, and runs site.yml through the counting proxy. It must fail with messages that name the variable
and every word of the rule it breaks, blame that variable and no other, and cost no AWS call at all, leaving the
account empty.

The ``empty_account`` fixture is defined here: a test module imports it (``from bad_input import empty_account``)
rather than through a tests/resilience/conftest.py, which would shadow tests/conftest.py for ``from conftest
import ...`` (pytest loads both under the one module name "conftest").
"""

import functools
import json
import re

import pytest

from conftest import stack_leftovers

# What a message blames: the variable each of its "; "-separated parts starts with (argument spec messages start
# with a sentence instead, and blame nothing this way).
_BLAMED = re.compile(r"^\s*([a-z][a-z0-9_]*)(?=[\[.: ]|$)")


def blamed(messages):
    parts = [part for message in messages for part in message.split("; ")]
    return {m.group(1) for m in map(_BLAMED.match, parts) if m and "_" in m.group(1)}


class CachedClients:
    """The emulator with its boto3 clients made once: stack_leftovers asks for some thirty on every call."""

    def __init__(self, emulator):
        self.client = functools.lru_cache(maxsize=None)(emulator.client)


@pytest.fixture(scope="module")
def empty_account(emulator):
    """The worker's emulator, emptied once for the module: no case may put anything in it."""
    emulator.reset()
    account = CachedClients(emulator)
    assert stack_leftovers(account) == {}
    return account


def run_with_values(proxy_factory, run_playbook, tmp_path, values, *extra, **kwargs):
    """site.yml through a new counting proxy with ``values`` as extra vars (a JSON file), then ``extra`` arguments;
    ``kwargs`` go to run_playbook (inventory, json_output). Returns (proxy, run)."""
    path = tmp_path / "extra_vars.json"
    path.write_text(json.dumps(values))
    proxy = proxy_factory()
    return proxy, run_playbook(proxy.env, extra=["-e", f"@{path}", *extra], **kwargs)


def assert_fails_before_any_aws_call(run, proxy, account, variable, rule, values=None):
    """The run failed with messages naming ``variable`` and every word of ``rule``, blaming ``variable`` and no other,
    without a single AWS call and with nothing left in ``account``. Returns the failure messages."""
    assert run.returncode != 0, f"{values} was accepted"
    messages = run.failure_messages()
    assert messages, run.output[-3000:]
    text = " ".join(messages)
    for word in [variable, *rule]:
        assert word in text, (word, messages)
    # The failure blames the variable at fault, and no other.
    assert blamed(messages) <= {variable}, (variable, messages)
    stats = proxy.stats()
    assert stats["mutating"] == 0, stats["mutations"]
    # Stricter than "no change": validation is local, so bad input costs no AWS call at all.
    assert stats["total"] == 0, stats["calls"]
    assert stack_leftovers(account) == {}
    return messages


def bad_input_test(cases, *extra, **kwargs):
    """The test of a module's ``cases`` (id: (values, variable, rule)), each run with ``extra`` arguments and
    run_playbook ``kwargs``: assign it to a test_* name of the module, which imports the empty_account fixture."""

    @pytest.mark.parametrize("values, variable, rule", list(cases.values()), ids=list(cases))
    def test(empty_account, proxy_factory, run_playbook, tmp_path, values, variable, rule):
        proxy, run = run_with_values(proxy_factory, run_playbook, tmp_path, values, *extra, **kwargs)
        assert_fails_before_any_aws_call(run, proxy, empty_account, variable, rule, values)

    return test
