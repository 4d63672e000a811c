# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""AWS Budgets calls of tickr.aws.budget, and the STS call that names the caller's account a budget belongs to: each
one retried with jittered backoff, each failure raised as AnsibleBudgetsError with AWS's message."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class AnsibleBudgetsError(AnsibleAWSError):
    pass


class BudgetsErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleBudgetsError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("NotFoundException")


@BudgetsErrorHandler.common_error_handler("read the caller's account")
@AWSRetry.jittered_backoff()
def get_caller_account(sts_client):
    """The account of the caller (STS GetCallerIdentity), whose budgets the module manages unless told another."""
    return sts_client.get_caller_identity()["Account"]


@BudgetsErrorHandler.list_error_handler("describe the budget")
@AWSRetry.jittered_backoff()
def describe_budget(client, account_id, name):
    """The budget; None when the account has no budget of that name."""
    return client.describe_budget(AccountId=account_id, BudgetName=name)["Budget"]


@BudgetsErrorHandler.list_error_handler("describe the budget's notifications", [])
@AWSRetry.jittered_backoff()
def describe_notifications_for_budget(client, account_id, name):
    """The budget's notifications, every page."""
    paginator = client.get_paginator("describe_notifications_for_budget")
    return paginator.paginate(AccountId=account_id, BudgetName=name).build_full_result().get("Notifications", [])


@BudgetsErrorHandler.list_error_handler("describe the notification's subscribers", [])
@AWSRetry.jittered_backoff()
def describe_subscribers_for_notification(client, account_id, name, notification):
    """The subscribers of one of the budget's notifications, every page."""
    paginator = client.get_paginator("describe_subscribers_for_notification")
    pages = paginator.paginate(AccountId=account_id, BudgetName=name, Notification=notification)
    return pages.build_full_result().get("Subscribers", [])


@BudgetsErrorHandler.common_error_handler("create the budget")
@AWSRetry.jittered_backoff()
def create_budget(client, account_id, budget, notifications_with_subscribers):
    client.create_budget(AccountId=account_id, Budget=budget, NotificationsWithSubscribers=notifications_with_subscribers)


@BudgetsErrorHandler.common_error_handler("update the budget")
@AWSRetry.jittered_backoff()
def update_budget(client, account_id, new_budget):
    client.update_budget(AccountId=account_id, NewBudget=new_budget)


@BudgetsErrorHandler.common_error_handler("create the budget's notification")
@AWSRetry.jittered_backoff()
def create_notification(client, account_id, name, notification, subscribers):
    client.create_notification(AccountId=account_id, BudgetName=name, Notification=notification, Subscribers=subscribers)


@BudgetsErrorHandler.deletion_error_handler("delete the budget's notification")
@AWSRetry.jittered_backoff()
def delete_notification(client, account_id, name, notification):
    client.delete_notification(AccountId=account_id, BudgetName=name, Notification=notification)
    return True


@BudgetsErrorHandler.deletion_error_handler("delete the budget")
@AWSRetry.jittered_backoff()
def delete_budget(client, account_id, name):
    client.delete_budget(AccountId=account_id, BudgetName=name)
    return True
