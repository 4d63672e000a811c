"""tickr.aws.secretsmanager_secret_info on a stubbed Secrets Manager: one ListSecrets for the names, exact names only,
DescribeSecret for what the listing cannot settle, the answer DescribeSecret's; AWS's message reaches the user."""

import datetime

import pytest

from ansible_collections.tickr.aws.plugins.modules import secretsmanager_secret_info

from module_runner import run_stubbed

ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:{}-AbCdEf"
CREATED = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
DB = "tickr/db/password"
REDIS = "tickr/redis/auth-token"
JWT = "tickr/jwt/secret"
MISSING = "ResourceNotFoundException"
VERSION = "01234567-89ab-cdef-0123-456789abcdef"


def _metadata(name, **extra):
    return dict({"ARN": ARN.format(name), "Name": name, "Description": f"{name} of tickr", "CreatedDate": CREATED,
                 "LastChangedDate": CREATED, "Tags": [{"Key": "Project", "Value": "tickr"}]}, **extra)


def _entry(name, **extra):
    """The secret as ListSecrets lists it."""
    return _metadata(name, SecretVersionsToStages={VERSION: ["AWSCURRENT"]}, **extra)


def _described(name, **extra):
    """The secret as DescribeSecret describes it."""
    return _metadata(name, VersionIdsToStages={VERSION: ["AWSCURRENT"]}, **extra)


def _listing(names, entries):
    """One ListSecrets call for ``names``: its entries, or the error code it fails with."""
    answer = entries if isinstance(entries, str) else {"SecretList": entries}
    return ("list_secrets", answer, {"Filters": [{"Key": "name", "Values": names}], "IncludePlannedDeletion": True})


def _describe(name, answer):
    return ("describe_secret", answer, {"SecretId": name})


def _run(names, answers, check_mode=False):
    return run_stubbed(secretsmanager_secret_info, "secretsmanager", {"names": names}, answers, check_mode=check_mode,
                       message="Secrets Manager refused: {code}")


def _described_alone(name, **extra):
    """The secret as the module returns it when DescribeSecret alone answers for it."""
    return _run([name], [_listing([name], []), _describe(name, _described(name, **extra))])["secrets_by_name"][name]


@pytest.mark.parametrize("check_mode", [False, True])
def test_secrets_that_exist_are_found_with_one_listing(check_mode):
    names = [JWT, DB, REDIS]
    # The prefix filter also lists tickr/db/password-old: not asked for, left out.
    result = _run(names, [_listing(names, [_entry(DB), _entry(DB + "-old"), _entry(REDIS), _entry(JWT)])], check_mode=check_mode)
    assert (result["failed"], result["changed"], result["missing"]) == (False, False, [])
    assert list(result["secrets_by_name"]) == names
    assert [s["name"] for s in result["secrets"]] == names
    assert result["secrets_by_name"][DB] == _described_alone(DB) == {
        "arn": ARN.format(DB), "name": DB, "description": f"{DB} of tickr", "created_date": CREATED,
        "last_changed_date": CREATED, "version_ids_to_stages": {VERSION: ["AWSCURRENT"]}, "tags": {"Project": "tickr"}}


def test_a_name_not_listed_is_described_and_missing_when_it_does_not_exist():
    result = _run([DB, REDIS], [_listing([DB, REDIS], [_entry(DB)]), _describe(REDIS, MISSING)])
    assert result["missing"] == [REDIS] and list(result["secrets_by_name"]) == [DB]


def test_a_secret_the_listing_does_not_show_yet_is_found_by_describing_it():
    # ListSecrets may lag minutes behind a CreateSecret: the role would generate the secret again.
    result = _run([DB], [_listing([DB], []), _describe(DB, _described(DB))])
    assert result["missing"] == [] and result["secrets_by_name"][DB]["arn"] == ARN.format(DB)


def test_a_secret_scheduled_for_deletion_is_missing():
    deleted = {"DeletedDate": CREATED}
    result = _run([DB], [_listing([DB], [_entry(DB, **deleted)]), _describe(DB, _described(DB, **deleted))])
    assert (result["failed"], result["missing"], result["secrets"], result["secrets_by_name"]) == (False, [DB], [], {})


def test_a_secret_restored_since_the_listing_is_found():
    result = _run([DB], [_listing([DB], [_entry(DB, DeletedDate=CREATED)]), _describe(DB, _described(DB))])
    assert result["missing"] == [] and list(result["secrets_by_name"]) == [DB]


def test_a_replicated_secret_is_described_for_its_replication_status():
    replicated = {"PrimaryRegion": "eu-west-1"}
    status = [{"Region": "eu-central-1", "Status": "InSync"}]
    result = _run([DB], [_listing([DB], [_entry(DB, **replicated)]),
                         _describe(DB, _described(DB, ReplicationStatus=status, **replicated))])
    assert result["secrets_by_name"][DB]["replication_status"] == [{"region": "eu-central-1", "status": "InSync"}]


def test_an_arn_is_described_not_listed():
    arn = ARN.format(DB)
    result = _run([arn], [_describe(arn, _described(DB))])
    assert list(result["secrets_by_name"]) == [arn] and result["missing"] == []
    result = _run([arn, REDIS], [_listing([REDIS], [_entry(REDIS)]), _describe(arn, MISSING)])
    assert result["missing"] == [arn] and list(result["secrets_by_name"]) == [REDIS]


def test_more_than_ten_names_are_listed_ten_a_call():
    names = [f"tickr/s{i:02}" for i in range(11)]
    result = _run(names, [_listing(names[:10], [_entry(n) for n in names[:10]]), _listing(names[10:], [_entry(names[10])])])
    assert result["missing"] == [] and list(result["secrets_by_name"]) == names


def test_a_name_given_twice_is_looked_up_once_and_reported_each_time():
    result = _run([DB, REDIS, DB, REDIS], [_listing([DB, REDIS], [_entry(DB)]), _describe(REDIS, MISSING)])
    assert result["missing"] == [REDIS, REDIS]
    assert list(result["secrets_by_name"]) == [DB] and len(result["secrets"]) == 1
    assert result["secrets_by_name"][DB]["tags"] == {"Project": "tickr"}


def test_aws_refusal_reaches_the_user_with_awss_message():
    result = _run([DB], [_listing([DB], "AccessDeniedException")])
    assert result["failed"] is True
    assert result["msg"] == ("Failed to list the secrets: An error occurred (AccessDeniedException) when calling the ListSecrets "
                             "operation: Secrets Manager refused: AccessDeniedException")
    result = _run([DB], [_listing([DB], []), _describe(DB, "AccessDeniedException")])
    assert result["failed"] is True
    assert result["msg"] == ("Failed to describe the secret: An error occurred (AccessDeniedException) when calling the "
                             "DescribeSecret operation: Secrets Manager refused: AccessDeniedException")
