"""A fake AWS client for the unit tests of the tickr.aws modules whose calls go through module_utils wrappers
(cloudwatch_metric_alarms and cloudwatchlogs_log_groups first), and a runner of a module's main() on it with
Ansible's own argument handling."""

import copy
import json
from unittest import mock

import botocore.exceptions
import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


class Exited(Exception):
    pass


class FakeClient:
    """Answers reads from ``pages`` (operation -> result), records every call; raises ``error`` on ``fail_on``."""

    def __init__(self, reads, fail_on=None, error=("InvalidParameterException", "AWS refused it")):
        self.reads, self.fail_on, self.error, self.calls = reads, fail_on, error, []

    def _call(self, operation, params):
        self.calls.append((operation, params))
        if operation == self.fail_on:
            code, message = self.error
            raise botocore.exceptions.ClientError({"Error": {"Code": code, "Message": message}}, operation)
        return copy.deepcopy(self.reads.get(operation, {}))

    def get_paginator(self, operation):
        """A paginator of one page, the operation's read: whole (build_full_result) or page by page."""
        client = self

        class Pages:
            def __init__(self, params):
                self.params = params

            def build_full_result(self):
                return client._call(operation, self.params)

            def __iter__(self):
                return iter([self.build_full_result()])

        class Paginator:
            def paginate(self, **params):
                return Pages(params)

        return Paginator()

    def __getattr__(self, operation):
        return lambda **params: self._call(operation, params)

    def operations(self):
        return [operation for operation, params in self.calls]

    def writes(self, reads=None):
        """The calls but the reads: ``reads`` names them, else every Describe*, Get* and List* call is one."""
        is_read = (lambda op: op in reads) if reads is not None else (lambda op: op.startswith(("describe_", "get_", "list_")))
        return [(op, params) for op, params in self.calls if not is_read(op)]


def run_module(module_file, args, client, check_mode=False):
    """main() with ``args``; returns what it exits or fails with (``failed`` says which)."""

    def exit_json(self, **result):
        raise Exited(dict(json.loads(json.dumps(result)), failed=False))

    def fail_json(self, **result):
        raise Exited(dict(json.loads(json.dumps(result, default=str)), failed=True))

    with patch_module_args(dict(args, _ansible_check_mode=check_mode)), \
            mock.patch.object(TickrAWSModule, "client", lambda self, *a, **k: client), \
            mock.patch.object(TickrAWSModule, "exit_json", exit_json), \
            mock.patch.object(TickrAWSModule, "fail_json", fail_json), \
            pytest.raises((Exited, SystemExit)) as exited:
        module_file.main()
    # Ansible's own argument checks fail before AnsibleAWSModule's methods are reached.
    return exited.value.args[0] if exited.type is Exited else {"failed": True, "rc": exited.value.code}
