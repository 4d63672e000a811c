"""tickr.aws.budget: how notifications and limits compare; main() against a fake AWS Budgets."""

import botocore.exceptions

from ansible_collections.tickr.aws.plugins.modules import budget
from ansible_collections.tickr.aws.plugins.modules.budget import (
    budget_changes,
    format_amount,
    from_aws,
    normalise_notification,
    notification_changes,
    to_aws,
)

from cloudwatch_fakes import FakeClient, run_module

ACTUAL = normalise_notification({"notification_type": "ACTUAL", "threshold": 80, "email_addresses": ["ops@tickr.tn"]})
FORECAST = normalise_notification({"notification_type": "FORECASTED", "threshold": 100, "email_addresses": ["ops@tickr.tn"]})
BUDGET = {"BudgetName": "b", "TimeUnit": "MONTHLY", "BudgetLimit": {"Amount": "150.0", "Unit": "USD"}}


def test_notifications_round_trip_through_the_api_shape():
    notification, subscribers = to_aws(ACTUAL)
    assert notification == {"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN", "Threshold": 80.0,
                            "ThresholdType": "PERCENTAGE"}
    assert subscribers == [{"SubscriptionType": "EMAIL", "Address": "ops@tickr.tn"}]
    assert from_aws(notification, subscribers) == ACTUAL


def test_same_notifications_change_nothing():
    assert notification_changes([ACTUAL, FORECAST], [FORECAST, ACTUAL]) == ([], [])


def test_new_missing_and_resubscribed_notifications():
    assert notification_changes([ACTUAL], [ACTUAL, FORECAST]) == ([], [FORECAST])
    assert notification_changes([ACTUAL, FORECAST], [ACTUAL]) == ([FORECAST], [])
    other = dict(ACTUAL, email_addresses=["cto@tickr.tn"])
    assert notification_changes([ACTUAL], [other]) == ([ACTUAL], [other])


def test_amounts_compare_as_numbers():
    assert budget_changes(BUDGET, "MONTHLY", 150, "USD") == {}
    assert budget_changes(dict(BUDGET, BudgetLimit={"Amount": "150", "Unit": "USD"}), None, 150.0, "USD") == {}
    assert budget_changes(BUDGET, None, 200, "USD") == {"BudgetLimit": {"Amount": "200.0", "Unit": "USD"}}


def test_unset_options_are_left_alone():
    assert budget_changes(BUDGET, None, None, "USD") == {}
    assert budget_changes(BUDGET, "QUARTERLY", None, "USD") == {"TimeUnit": "QUARTERLY"}


def test_format_amount():
    assert format_amount(150) == "150.0"
    assert format_amount(99.5) == "99.5"


# main() against a fake AWS Budgets: the budget and its notifications read, a write only for what differs, nothing
# written in check mode, AWS's message reaches the user.
ACCOUNT = "123456789012"
FOUND = dict(BUDGET, BudgetName="tickr-monthly", BudgetType="COST")
SUBSCRIBERS = [{"SubscriptionType": "EMAIL", "Address": "ops@tickr.tn"}]
WANTED = {"name": "tickr-monthly", "time_unit": "MONTHLY", "limit_amount": 150, "notifications": [
    {"notification_type": "ACTUAL", "threshold": 80, "email_addresses": ["ops@tickr.tn"]},
    {"notification_type": "FORECASTED", "threshold": 100, "email_addresses": ["ops@tickr.tn"]}]}


class BudgetsClient(FakeClient):
    """DescribeBudget answers the budget held (NotFoundException when none); CreateBudget holds one. Every
    notification has SUBSCRIBERS. STS names ACCOUNT."""

    def __init__(self, found, notifications, **kwargs):
        super().__init__({"get_caller_identity": {"Account": ACCOUNT},
                          "describe_notifications_for_budget": {"Notifications": notifications},
                          "describe_subscribers_for_notification": {"Subscribers": SUBSCRIBERS}}, **kwargs)
        self.budget = found

    def describe_budget(self, **params):
        self._call("describe_budget", params)
        if self.budget is None:
            raise botocore.exceptions.ClientError(
                {"Error": {"Code": "NotFoundException", "Message": "the budget doesn't exist"}}, "DescribeBudget")
        return {"Budget": self.budget}

    def create_budget(self, **params):
        self._call("create_budget", params)
        self.budget = params["Budget"]


def run(found, notifications, args, check_mode=False, **fake):
    client = BudgetsClient(found, notifications, **fake)
    return run_module(budget, args, client, check_mode=check_mode), client


AWS_NOTIFICATIONS = [to_aws(ACTUAL)[0], to_aws(FORECAST)[0]]


def test_a_budget_as_wanted_is_left_alone():
    for check_mode in (True, False):
        result, client = run(FOUND, AWS_NOTIFICATIONS, WANTED, check_mode=check_mode)
        assert result["changed"] is False and client.writes() == []
        assert result["notifications"] == [ACTUAL, FORECAST]
    assert client.calls[0] == ("get_caller_identity", {})
    assert client.calls[1] == ("describe_budget", {"AccountId": ACCOUNT, "BudgetName": "tickr-monthly"})
    # Read once: nothing written, nothing read back.
    assert client.operations() == ["get_caller_identity", "describe_budget", "describe_notifications_for_budget",
                                   "describe_subscribers_for_notification", "describe_subscribers_for_notification"]


def test_a_missing_budget_is_created_with_its_notifications_but_not_in_check_mode():
    result, client = run(None, [], WANTED, check_mode=True)
    assert result["changed"] is True and client.writes() == [] and result["budget"] == {}
    assert result["diff"]["after"] == {"budget_type": "COST", "time_unit": "MONTHLY", "limit_amount": 150.0,
                                       "limit_unit": "USD", "notifications": [ACTUAL, FORECAST]}
    result, client = run(None, [], dict(WANTED, account_id=ACCOUNT))
    assert result["changed"] is True and result["budget"]["budget_name"] == "tickr-monthly"
    assert client.writes() == [("create_budget", {
        "AccountId": ACCOUNT,
        "Budget": {"BudgetName": "tickr-monthly", "BudgetType": "COST", "TimeUnit": "MONTHLY",
                   "BudgetLimit": {"Amount": "150.0", "Unit": "USD"}},
        "NotificationsWithSubscribers": [{"Notification": n, "Subscribers": SUBSCRIBERS} for n in AWS_NOTIFICATIONS]})]
    assert "get_caller_identity" not in client.operations()


def test_a_new_limit_and_a_missing_notification_are_written_but_not_in_check_mode():
    args = dict(WANTED, limit_amount=200)
    result, client = run(FOUND, AWS_NOTIFICATIONS[:1], args, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    assert result["diff"]["after"]["limit_amount"] == 200
    result, client = run(FOUND, AWS_NOTIFICATIONS[:1], args)
    assert client.writes() == [
        ("update_budget", {"AccountId": ACCOUNT, "NewBudget": dict(FOUND, BudgetLimit={"Amount": "200.0", "Unit": "USD"})}),
        ("create_notification", {"AccountId": ACCOUNT, "BudgetName": "tickr-monthly", "Notification": AWS_NOTIFICATIONS[1],
                                 "Subscribers": SUBSCRIBERS})]


def test_a_notification_no_longer_wanted_is_deleted():
    result, client = run(FOUND, AWS_NOTIFICATIONS, dict(WANTED, notifications=WANTED["notifications"][:1]))
    assert result["changed"] is True
    deleted = {"AccountId": ACCOUNT, "BudgetName": "tickr-monthly", "Notification": AWS_NOTIFICATIONS[1]}
    assert client.writes() == [("delete_notification", deleted)]


def test_absent_deletes_only_a_budget_found():
    args = {"name": "tickr-monthly", "account_id": ACCOUNT, "state": "absent"}
    result, client = run(FOUND, AWS_NOTIFICATIONS, args, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    result, client = run(FOUND, AWS_NOTIFICATIONS, args)
    assert result["changed"] is True and result["budget"] == {} and result["notifications"] == []
    assert client.writes() == [("delete_budget", {"AccountId": ACCOUNT, "BudgetName": "tickr-monthly"})]
    result, client = run(None, [], args)
    assert result["changed"] is False and client.writes() == []


def test_creating_without_a_limit_fails_before_any_write():
    result, client = run(None, [], {"name": "tickr-monthly"})
    assert result["failed"] is True and result["msg"] == "limit_amount is required to create budget tickr-monthly"
    assert client.writes() == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, client = run(FOUND, AWS_NOTIFICATIONS, dict(WANTED, limit_amount=200), fail_on="update_budget",
                         error=("InvalidParameterException", "The budget limit must be a positive number"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to update the budget: An error occurred (InvalidParameterException) when calling the "
                             "update_budget operation: The budget limit must be a positive number")
