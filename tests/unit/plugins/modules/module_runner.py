"""Runs a tickr.aws module's main() in the test process, its AWS client a botocore Stubber that answers only the
calls a test queues: an unexpected call (a write in check mode, for one) fails the test."""

import contextlib
import json
from unittest import mock

import boto3
import pytest
from botocore.stub import Stubber

from ansible.module_utils import basic
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule


try:
    from ansible.module_utils.testing import patch_module_args  # ansible-core 2.19 and newer
except ImportError:  # ansible-core 2.18 reads the arguments from basic._ANSIBLE_ARGS
    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, "_ANSIBLE_ARGS", json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()):
            yield


class ModuleExit(Exception):
    def __init__(self, result):
        super().__init__(result)
        self.result = result


def stubbed(service):
    client = boto3.client(service, region_name="eu-west-1", aws_access_key_id="k", aws_secret_access_key="s")
    return client, Stubber(client)


def run_module(module, args, client, check_mode=False):
    """The module's result (``failed`` when it failed) after one main() with ``args``, AWS answering through ``client``
    (or, a dict, the client of each service)."""
    args = dict(args, region="eu-west-1", _ansible_check_mode=check_mode)

    def leave(self, **result):
        raise ModuleExit(dict(result, failed=False) if "failed" not in result else result)

    def fail(self, msg, **result):
        raise ModuleExit(dict(result, msg=msg, failed=True))

    with patch_module_args(args), \
            mock.patch.object(basic.AnsibleModule, "exit_json", leave), \
            mock.patch.object(basic.AnsibleModule, "fail_json", fail), \
            mock.patch.object(AnsibleAWSModule, "client",
                              lambda self, service, **kwargs: client[service] if isinstance(client, dict) else client):
        with pytest.raises(ModuleExit) as done:
            module.main()
    return done.value.result


def run_stubbed(module, service, args, answers, check_mode=False, message="AWS refused: {code}"):
    """main() with ``args`` on a stubbed ``service`` that answers ``answers`` in turn, each (operation, its response or
    the error code it fails with, the parameters it must be called with): a call not queued fails the module, a call
    queued and not made fails the test."""
    client, stub = stubbed(service)
    for operation, answer, expected in answers:
        if isinstance(answer, str):
            stub.add_client_error(operation, service_error_code=answer, service_message=message.format(code=answer),
                                  http_status_code=400, expected_params=expected)
        else:
            stub.add_response(operation, answer, expected)
    with stub:
        result = run_module(module, args, client, check_mode=check_mode)
    stub.assert_no_pending_responses()
    return result
