"""Two stacks in one account, as inventories/staging says small setups run: the local stack owns the account-wide
things (tickr_account_owner: true: SES identities and templates, SMS preferences, the budget, the ECR pull-through
cache rule), a copy of inventories/staging (tickr_account_owner: false) uses them. Both converge and verify side by
side; destroying the second leaves the account exactly as the owner alone had it, and the owner's verify passes."""

import shutil

import pytest

from conftest import ROOT, push_backend_image, stack_leftovers

pytestmark = pytest.mark.integration

OWNER = ("inventories/local", "tickr-local")

# Only what real AWS needs and the emulator does not: the emulator issues the API's certificate within seconds, so
# staging may wait for it (on AWS it waits for DNS validation records, hence false in inventories/staging) and its
# service is created in one run.
EMULATOR_OVERRIDES = """---
ecs_service_certificate_wait: true
"""


def _ses_shared(emulator):
    sesv2, sns = emulator.client("sesv2"), emulator.client("sns")
    return {
        "identities": sorted(i["IdentityName"] for i in sesv2.list_email_identities()["EmailIdentities"]),
        "templates": sorted(t["TemplateName"] for t in sesv2.list_email_templates()["TemplatesMetadata"]),
        "sms": sns.get_sms_attributes()["attributes"],
    }


def _account_wide(emulator):
    budgets = emulator.client("budgets", "us-east-1").describe_budgets(AccountId="123456789012").get("Budgets", [])
    rules = emulator.client("ecr").describe_pull_through_cache_rules()["pullThroughCacheRules"]
    return dict(_ses_shared(emulator),
                budgets=sorted((b["BudgetName"], b["BudgetLimit"]["Amount"]) for b in budgets),
                rules=sorted((r["ecrRepositoryPrefix"], r["upstreamRegistryUrl"]) for r in rules))


def _verify_lines(run):
    return [line for line in run.stdout.splitlines() if " PASS" in line or " FAIL " in line or " PENDING " in line]


@pytest.fixture(scope="module")
def two_stacks(emulator, run_playbook, tmp_path_factory):
    emulator.reset()
    staging = tmp_path_factory.mktemp("two-stacks") / "staging"
    shutil.copytree(ROOT / "inventories" / "staging", staging)
    (staging / "group_vars" / "all" / "emulator.yml").write_text(EMULATOR_OVERRIDES)

    push_backend_image(emulator)
    owner = run_playbook(emulator.env, inventory=OWNER[0], host=OWNER[1])
    assert owner.returncode == 0, owner.failure_messages() or owner.output[-3000:]
    alone = {"leftovers": stack_leftovers(emulator), "account_wide": _account_wide(emulator)}

    push_backend_image(emulator, repository="tickr-staging-backend")
    second = run_playbook(emulator.env, inventory=str(staging), host="tickr-staging", json_output=False)
    assert second.returncode == 0, second.output[-4000:]
    return emulator, staging, alone, second


def test_the_second_stack_uses_the_owner_s_account_wide_things_and_changes_none(two_stacks):
    emulator, _staging, alone, second = two_stacks
    assert _account_wide(emulator) == alone["account_wide"]
    flat = " ".join(second.output.split())
    # Its own mail configuration set beside the owner's, sending from the owner's identities (their DKIM records).
    sets = emulator.client("sesv2").list_configuration_sets()["ConfigurationSets"]
    assert sorted(sets) == ["tickr-staging-transactional", "tickr-transactional"]
    assert "._domainkey.tickr.tn" in flat
    # What the comparison above is about: the owner's, and nothing of the second stack's own.
    shared = alone["account_wide"]
    assert [name for name, _limit in shared["budgets"]] == ["tickr-monthly-cost"]
    assert shared["rules"] == [("ecr-public", "public.ecr.aws")]
    assert shared["identities"] == ["noreply@tickr.tn", "support@tickr.tn", "tickr.tn"]
    assert len(shared["templates"]) == 6 and shared["sms"]["DefaultSenderID"] == "TICKR"


def test_each_stack_verifies_beside_the_other(two_stacks, run_playbook):
    emulator, staging = two_stacks[:2]
    for inventory, host, shared in ((OWNER[0], OWNER[1], False), (str(staging), "tickr-staging", True)):
        run = run_playbook(emulator.env, playbook="playbooks/verify.yml", inventory=inventory, host=host,
                           json_output=False)
        lines = _verify_lines(run)
        assert run.returncode == 0, "\n".join(lines) or run.output[-4000:]
        assert "0 failed" in run.stdout
        text = "\n".join(lines)
        assert "SES identities exist" in text and "templates in every language exist" in text
        assert "pull through cache rule caches public.ecr.aws" in text
        assert ("(shared, another stack owns them)" in text) == shared
        # Only the owner compares the shared things with its inventory.
        for owner_only in ("identities as the inventory says", "templates as their files say", "SMS preferences",
                           "budget of $150"):
            assert (owner_only in text) != shared, (host, owner_only)


def test_destroying_the_second_stack_leaves_the_owner_as_it_was(two_stacks, run_playbook):
    emulator, staging, alone, _second = two_stacks
    run = run_playbook(emulator.env, playbook="playbooks/destroy.yml", inventory=str(staging), host="tickr-staging",
                       extra=["-e", "tickr_destroy_confirm=tickr-staging",
                              "-e", "s3_bucket_destroy_with_objects=tickr-staging-event-images"], json_output=False)
    assert run.returncode == 0, run.output[-4000:]
    assert _account_wide(emulator) == alone["account_wide"]
    left = stack_leftovers(emulator)
    # Staging's secrets stay restorable for its tickr_secret_recovery_days, as on AWS.
    pending = [s for s in left.get("secrets", []) if s.startswith("tickr-staging/")]
    assert len(pending) == 3, left.get("secrets")
    left["secrets"] = [s for s in left["secrets"] if s not in pending]
    assert left == alone["leftovers"]

    verify = run_playbook(emulator.env, playbook="playbooks/verify.yml", inventory=OWNER[0], host=OWNER[1],
                          json_output=False)
    assert verify.returncode == 0, "\n".join(_verify_lines(verify)) or verify.output[-4000:]
    assert "0 failed" in verify.stdout
