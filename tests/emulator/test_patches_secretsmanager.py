"""Secrets Manager ListSecrets' name filter as AWS answers it (moto already does, but for the number of values:
tools/emulator/patches/secretsmanager_list_secrets_filter_values), proven over HTTP against the emulator."""

import datetime
import json

import pytest
from botocore.exceptions import ClientError


def _names(answer):
    return sorted(s["Name"] for s in answer["SecretList"])


def test_the_name_filter_matches_name_prefixes_case_sensitively(fresh_emulator):
    """AWS (API_Filter.html): ``name`` is a prefix match, case-sensitive; the values of a filter are alternatives."""
    sm = fresh_emulator.client("secretsmanager")
    for name in ("tickr/db/password", "tickr/db/password-old", "tickr/redis/auth-token", "Tickr/db/password", "other"):
        sm.create_secret(Name=name, SecretString="s")
    answer = sm.list_secrets(Filters=[{"Key": "name", "Values": ["tickr/db/password", "tickr/redis/auth-token"]}])
    assert _names(answer) == ["tickr/db/password", "tickr/db/password-old", "tickr/redis/auth-token"]
    assert _names(sm.list_secrets(Filters=[{"Key": "name", "Values": ["tickr/nothing"]}])) == []


def test_a_secret_scheduled_for_deletion_is_listed_only_with_include_planned_deletion(fresh_emulator):
    """AWS (API_ListSecrets.html): IncludePlannedDeletion, false by default, lists them too, with their DeletedDate."""
    sm = fresh_emulator.client("secretsmanager")
    sm.create_secret(Name="tickr/db/password", SecretString="s")
    sm.delete_secret(SecretId="tickr/db/password", RecoveryWindowInDays=7)
    name_filter = [{"Key": "name", "Values": ["tickr/db/password"]}]
    assert sm.list_secrets(Filters=name_filter)["SecretList"] == []
    [listed] = sm.list_secrets(Filters=name_filter, IncludePlannedDeletion=True)["SecretList"]
    assert listed["Name"] == "tickr/db/password" and "DeletedDate" in listed


def test_a_listed_secret_carries_what_describe_secret_does(fresh_emulator):
    """AWS: SecretListEntry holds DescribeSecret's metadata, its versions under SecretVersionsToStages."""
    sm = fresh_emulator.client("secretsmanager")
    arn = sm.create_secret(Name="tickr/db/password", SecretString="s", Description="d",
                           Tags=[{"Key": "Project", "Value": "tickr"}])["ARN"]
    [listed] = sm.list_secrets(Filters=[{"Key": "name", "Values": ["tickr/db/password"]}])["SecretList"]
    described = sm.describe_secret(SecretId="tickr/db/password")
    assert (listed["ARN"], listed["Description"], listed["Tags"]) == (arn, "d", [{"Key": "Project", "Value": "tickr"}])
    assert listed["SecretVersionsToStages"] == described["VersionIdsToStages"]


def test_more_than_ten_values_are_refused(fresh_emulator):
    """AWS (API_Filter.html): a filter's Values holds at most 10 items."""
    sm = fresh_emulator.client("secretsmanager")
    assert sm.list_secrets(Filters=[{"Key": "name", "Values": [f"s{i}" for i in range(10)]}])["SecretList"] == []
    with pytest.raises(ClientError) as refused:
        sm.list_secrets(Filters=[{"Key": "name", "Values": [f"s{i}" for i in range(11)]}])
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    assert "Member must have length less than or equal to 10" in refused.value.response["Error"]["Message"]


def test_reading_a_secret_records_the_day_it_was_read(fresh_emulator):
    """AWS (API_DescribeSecret.html): LastAccessedDate is omitted until the secret is retrieved, then the date of the
    last GetSecretValue, rounded to 00:00 UTC, in DescribeSecret and ListSecrets."""
    sm = fresh_emulator.client("secretsmanager")
    sm.create_secret(Name="tickr/db/password", SecretString="s")
    assert "LastAccessedDate" not in sm.describe_secret(SecretId="tickr/db/password")
    sm.get_secret_value(SecretId="tickr/db/password")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    midnight = datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc)
    assert sm.describe_secret(SecretId="tickr/db/password")["LastAccessedDate"] == midnight
    [listed] = sm.list_secrets(Filters=[{"Key": "name", "Values": ["tickr/db/password"]}])["SecretList"]
    assert listed["LastAccessedDate"] == midnight


def _deny_reading(principal=None, condition=None):
    statement = {"Effect": "Deny", "Principal": principal or "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def test_a_policy_naming_a_role_that_does_not_exist_is_refused_but_a_condition_may(fresh_emulator):
    """AWS (reference_policies_elements_principal.html): a Principal role is resolved when the policy is saved, so a
    missing one is refused (MalformedPolicyDocumentException); an aws:PrincipalArn condition is not resolved."""
    sm, iam = fresh_emulator.client("secretsmanager"), fresh_emulator.client("iam")
    sm.create_secret(Name="tickr/db/password", SecretString="s")
    role = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
    with pytest.raises(ClientError) as refused:
        sm.put_resource_policy(SecretId="tickr/db/password", ResourcePolicy=_deny_reading({"AWS": role}))
    assert refused.value.response["Error"]["Code"] == "MalformedPolicyDocumentException"
    sm.put_resource_policy(SecretId="tickr/db/password",
                           ResourcePolicy=_deny_reading(condition={"ArnNotLike": {"aws:PrincipalArn": [role]}}))

    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="ecsTaskExecutionRole", AssumeRolePolicyDocument=json.dumps(trust))
    sm.put_resource_policy(SecretId="tickr/db/password", ResourcePolicy=_deny_reading({"AWS": role}))
    assert json.loads(sm.get_resource_policy(SecretId="tickr/db/password")["ResourcePolicy"])["Statement"][0][
        "Principal"] == {"AWS": role}
