"""AWS Budgets: UpdateBudget and DescribeSubscribersForNotification.

AWS: ``UpdateBudget`` replaces a budget's definition (limit, time unit, ...) and keeps its notifications;
``DescribeSubscribersForNotification`` lists a notification's subscribers (``SubscriptionType`` EMAIL or SNS,
``Address``), ``NotFoundException`` when the budget or the notification does not exist.
moto 5.2.5: implements neither (the call fails as not implemented), although it stores the subscribers that
``CreateBudget`` and ``CreateNotification`` receive.
"""

import json

from moto.budgets.exceptions import NotFoundException
from moto.budgets.responses import BudgetsResponse
from moto.core.utils import unix_time


def _budget(response, account_id, name, what):
    budgets = response.backend.budgets[account_id]
    if name not in budgets:
        raise NotFoundException(f"Unable to {what} - the budget {name} doesn't exist.")
    return budgets[name]


def update_budget(self):
    account_id = self._get_param("AccountId")
    new_budget = dict(self._get_param("NewBudget") or {})
    budget = _budget(self, account_id, new_budget.get("BudgetName"), "update budget")
    new_budget.pop("CalculatedSpend", None)
    merged = dict(budget.budget, **new_budget)
    merged["LastUpdatedTime"] = unix_time()
    budget.budget = merged
    return json.dumps({})


def describe_subscribers_for_notification(self):
    account_id = self._get_param("AccountId")
    budget = _budget(self, account_id, self._get_param("BudgetName"), "describe subscribers")
    wanted = self._get_param("Notification")
    for notification in budget.notifications:
        if notification.details == wanted:
            return json.dumps({"Subscribers": notification.subscribers, "NextToken": None})
    raise NotFoundException("Unable to describe subscribers - the notification doesn't exist.")


def apply():
    BudgetsResponse.update_budget = update_budget
    BudgetsResponse.describe_subscribers_for_notification = describe_subscribers_for_notification
