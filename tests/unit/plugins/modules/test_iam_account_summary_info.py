"""tickr.aws.iam_account_summary_info against a stubbed IAM: one GetAccountSummary, whose AccountMFAEnabled says
whether the root user has MFA; nothing else called, in check mode either; AWS's message reaches the user."""

import pytest

from ansible_collections.tickr.aws.plugins.modules import iam_account_summary_info

from module_runner import run_module, stubbed

SUMMARY = {"AccountMFAEnabled": 1, "Users": 3, "Roles": 12, "RolesQuota": 1000}


def run(answer=None, error=None, check_mode=False):
    client, stub = stubbed("iam")
    if error:
        stub.add_client_error("get_account_summary", *error)
    else:
        stub.add_response("get_account_summary", {"SummaryMap": answer}, {})
    with stub:
        result = run_module(iam_account_summary_info, {}, client, check_mode=check_mode)
    stub.assert_no_pending_responses()
    return result


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_summary_is_returned_as_iam_spells_it(check_mode):
    result = run(SUMMARY, check_mode=check_mode)
    assert (result["failed"], result["changed"], result["summary"], result["root_mfa_enabled"]) == (False, False, SUMMARY, True)


@pytest.mark.parametrize("summary", [dict(SUMMARY, AccountMFAEnabled=0), {"Users": 3}])
def test_a_root_user_without_mfa_is_reported(summary):
    assert run(summary)["root_mfa_enabled"] is False


def test_aws_refusal_reaches_the_user_with_awss_message():
    message = "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:GetAccountSummary"
    result = run(error=("AccessDenied", message, 403))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to read the account's IAM summary: An error occurred (AccessDenied) when calling the "
                             f"GetAccountSummary operation: {message}")
