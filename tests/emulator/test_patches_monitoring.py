"""The monitoring role's fidelity patches (X-Ray sampling rules, AWS Budgets), stated over HTTP."""

import botocore.exceptions
import pytest

RULE = {
    "RuleName": "tickr-backend", "ResourceARN": "*", "Priority": 1000, "FixedRate": 0.05, "ReservoirSize": 1,
    "ServiceName": "tickr-backend", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1,
}


def _rules(xray):
    return {r["SamplingRule"]["RuleName"]: r["SamplingRule"] for r in xray.get_sampling_rules()["SamplingRuleRecords"]}


def test_xray_accounts_hold_the_default_sampling_rule(fresh_emulator):
    default = _rules(fresh_emulator.client("xray"))["Default"]
    assert (default["Priority"], default["FixedRate"], default["ReservoirSize"]) == (10000, 0.05, 1)
    assert default["RuleARN"].endswith(":sampling-rule/Default")


def test_xray_sampling_rules_are_created_updated_and_deleted(fresh_emulator):
    xray = fresh_emulator.client("xray")
    created = xray.create_sampling_rule(SamplingRule=RULE)["SamplingRuleRecord"]
    assert created["SamplingRule"]["RuleARN"].endswith(":sampling-rule/tickr-backend")
    assert _rules(xray)["tickr-backend"]["FixedRate"] == 0.05
    with pytest.raises(botocore.exceptions.ClientError, match="InvalidRequestException"):
        xray.create_sampling_rule(SamplingRule=RULE)

    xray.update_sampling_rule(SamplingRuleUpdate={"RuleName": "tickr-backend", "FixedRate": 0.1})
    updated = _rules(xray)["tickr-backend"]
    assert (updated["FixedRate"], updated["ReservoirSize"], updated["ServiceName"]) == (0.1, 1, "tickr-backend")

    xray.delete_sampling_rule(RuleName="tickr-backend")
    assert list(_rules(xray)) == ["Default"]
    with pytest.raises(botocore.exceptions.ClientError, match="InvalidRequestException"):
        xray.delete_sampling_rule(RuleName="tickr-backend")


NOTIFICATION = {"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN", "Threshold": 80.0,
                "ThresholdType": "PERCENTAGE"}
SUBSCRIBERS = [{"SubscriptionType": "EMAIL", "Address": "ops@tickr.tn"}]


def _budget(budgets, amount="150.0"):
    budgets.create_budget(
        AccountId="123456789012",
        Budget={"BudgetName": "tickr-monthly", "BudgetType": "COST", "TimeUnit": "MONTHLY",
                "BudgetLimit": {"Amount": amount, "Unit": "USD"}},
        NotificationsWithSubscribers=[{"Notification": NOTIFICATION, "Subscribers": SUBSCRIBERS}])


def test_budgets_are_updated_and_keep_their_notifications(fresh_emulator):
    budgets = fresh_emulator.client("budgets", region="us-east-1")
    _budget(budgets)
    budgets.update_budget(AccountId="123456789012", NewBudget={
        "BudgetName": "tickr-monthly", "BudgetType": "COST", "TimeUnit": "MONTHLY",
        "BudgetLimit": {"Amount": "200.0", "Unit": "USD"}})
    budget = budgets.describe_budget(AccountId="123456789012", BudgetName="tickr-monthly")["Budget"]
    assert budget["BudgetLimit"] == {"Amount": "200.0", "Unit": "USD"}
    notifications = budgets.describe_notifications_for_budget(AccountId="123456789012", BudgetName="tickr-monthly")
    assert len(notifications["Notifications"]) == 1


def test_budget_notifications_list_their_subscribers(fresh_emulator):
    budgets = fresh_emulator.client("budgets", region="us-east-1")
    _budget(budgets)
    subscribers = budgets.describe_subscribers_for_notification(
        AccountId="123456789012", BudgetName="tickr-monthly", Notification=NOTIFICATION)["Subscribers"]
    assert subscribers == SUBSCRIBERS
    with pytest.raises(botocore.exceptions.ClientError, match="NotFoundException"):
        budgets.describe_subscribers_for_notification(
            AccountId="123456789012", BudgetName="tickr-monthly", Notification=dict(NOTIFICATION, Threshold=100.0))


def test_the_emulator_account_has_mfa_on_its_root_user(fresh_emulator):
    summary = fresh_emulator.client("iam").get_account_summary()["SummaryMap"]
    assert summary["AccountMFAEnabled"] == 1
