"""tickr.aws.secretsmanager_secret_readers on a stubbed Secrets Manager and STS: one Deny of GetSecretValue to all but
the readers, matched on aws:PrincipalArn; an assumed role stands for its role at any path; the value is never read;
an equal policy changes nothing, and check mode writes nothing."""

import json

from ansible_collections.tickr.aws.plugins.modules import secretsmanager_secret_readers

from module_runner import run_module, stubbed

NAME = "tickr/db/password"
ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tickr/db/password-AbCdEf"
SSO = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Deployer_0123456789abcdef/alice@tickr.tn"
EXECUTION = ["arn:aws:iam::123456789012:role/*/ecsTaskExecutionRole", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"]
DEPLOYER = ["arn:aws:iam::123456789012:role/*/AWSReservedSSO_Deployer_0123456789abcdef",
            "arn:aws:iam::123456789012:role/AWSReservedSSO_Deployer_0123456789abcdef"]


def _policy(patterns):
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "ReadersOnly", "Effect": "Deny", "Principal": "*", "Action": "secretsmanager:GetSecretValue",
        "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": patterns}}}]}


def _run(args, answers, caller=None, check_mode=False):
    secrets, secrets_stub = stubbed("secretsmanager")
    sts, sts_stub = stubbed("sts")
    if caller:
        sts_stub.add_response("get_caller_identity", {"Arn": caller, "Account": "123456789012", "UserId": "AROAX:alice"}, {})
    for operation, answer, expected in answers:
        secrets_stub.add_response(operation, answer, expected)
    with secrets_stub, sts_stub:
        result = run_module(secretsmanager_secret_readers, dict({"name": NAME}, **args),
                            {"secretsmanager": secrets, "sts": sts}, check_mode=check_mode)
    secrets_stub.assert_no_pending_responses()
    sts_stub.assert_no_pending_responses()
    return result


def _describe(**extra):
    return ("describe_secret", dict({"ARN": ARN, "Name": NAME}, **extra), {"SecretId": NAME})


def _current(policy):
    answer = {"ARN": ARN, "Name": NAME}
    if policy is not None:
        answer["ResourcePolicy"] = json.dumps(policy)
    return ("get_resource_policy", answer, {"SecretId": ARN})


def _put(policy):
    return ("put_resource_policy", {"ARN": ARN, "Name": NAME},
            {"SecretId": ARN, "ResourcePolicy": json.dumps(policy), "BlockPublicPolicy": True})


def test_a_secret_without_policy_gets_the_readers_only_statement_with_the_deployers_role():
    wanted = _policy(sorted(EXECUTION + DEPLOYER))
    result = _run({"readers": ["ecsTaskExecutionRole"], "caller_reads": True},
                  [_describe(), _current(None), _put(wanted)], caller=SSO)
    assert result["changed"] is True and result["failed"] is False
    assert result["policy"] == wanted
    assert result["readers"] == sorted(EXECUTION + DEPLOYER)


def test_the_same_policy_again_changes_nothing():
    wanted = _policy(sorted(EXECUTION + DEPLOYER))
    result = _run({"readers": ["ecsTaskExecutionRole"], "caller_reads": True},
                  [_describe(), _current(wanted)], caller=SSO)
    assert result["changed"] is False


def test_another_deployer_replaces_the_last_one():
    user = "arn:aws:iam::123456789012:user/awx-tickr"
    wanted = _policy(sorted(EXECUTION + [user]))
    result = _run({"readers": ["ecsTaskExecutionRole"], "caller_reads": True},
                  [_describe(), _current(_policy(sorted(EXECUTION + DEPLOYER))), _put(wanted)], caller=user)
    assert result["changed"] is True
    assert result["diff"]["before"]["Statement"][0]["Condition"]["ArnNotLike"]["aws:PrincipalArn"] == sorted(EXECUTION + DEPLOYER)
    assert result["readers"] == sorted(EXECUTION + [user])


def test_check_mode_reports_the_change_and_writes_nothing():
    result = _run({"readers": ["ecsTaskExecutionRole"]}, [_describe(), _current(None)], check_mode=True)
    assert result["changed"] is True
    assert result["policy"] == _policy(EXECUTION)


def test_check_mode_on_a_secret_not_made_yet_is_a_change():
    result = _run({"readers": ["ecsTaskExecutionRole"]},
                  [("describe_secret", {"ARN": ARN, "Name": NAME, "DeletedDate": "2026-12-01T00:00:00Z"},
                    {"SecretId": NAME})], check_mode=True)
    assert result["changed"] is True


def test_a_missing_secret_fails_naming_it():
    result = _run({"readers": ["ecsTaskExecutionRole"]},
                  [("describe_secret", {"ARN": ARN, "Name": NAME, "DeletedDate": "2026-12-01T00:00:00Z"},
                    {"SecretId": NAME})])
    assert result["failed"] is True
    assert NAME in result["msg"]


def test_no_reader_at_all_is_refused_before_any_call():
    result = _run({"readers": []}, [])
    assert result["failed"] is True
    assert result["msg"].startswith("readers:")
