from ansible_collections.tickr.aws.plugins.modules.budget import (
    budget_changes,
    format_amount,
    from_aws,
    normalise_notification,
    notification_changes,
    to_aws,
)

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
