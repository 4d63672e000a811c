#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: budget
version_added: 0.1.0
short_description: Manage an AWS Budgets cost budget and its email or SNS alerts
description:
  - Creates, updates or deletes a budget of AWS Budgets (a global service, always called through
    its C(us-east-1) endpoint whatever the play's region) and its notifications.
  - Notifications are compared by type, comparison, threshold and threshold type; a notification whose
    subscribers differ is replaced.
  - amazon.aws and community.aws have no module for AWS Budgets.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The budget's name, unique in the account.
    type: str
    required: true
  account_id:
    description: The account the budget belongs to. The caller's account when omitted.
    type: str
  budget_type:
    description: What the budget tracks. Set at creation; AWS does not change a budget's type.
    type: str
    choices: [COST, USAGE, RI_UTILIZATION, RI_COVERAGE, SAVINGS_PLANS_UTILIZATION, SAVINGS_PLANS_COVERAGE]
    default: COST
  time_unit:
    description: The budget's period. Left alone on an existing budget when omitted; V(MONTHLY) at creation.
    type: str
    choices: [DAILY, MONTHLY, QUARTERLY, ANNUALLY]
  limit_amount:
    description: The budget's limit, for example V(150). Required to create a budget; left alone when omitted.
    type: float
  limit_unit:
    description: The limit's unit.
    type: str
    default: USD
  notifications:
    description:
      - The budget's alerts. Omit to leave them alone; V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      notification_type:
        description: Alert on actual or forecasted spend.
        type: str
        choices: [ACTUAL, FORECASTED]
        required: true
      comparison_operator:
        description: How spend compares with the threshold.
        type: str
        choices: [GREATER_THAN, LESS_THAN, EQUAL_TO]
        default: GREATER_THAN
      threshold:
        description: The threshold, a percentage of the limit or an absolute value.
        type: float
        required: true
      threshold_type:
        description: Whether O(notifications[].threshold) is a percentage of the limit or an amount.
        type: str
        choices: [PERCENTAGE, ABSOLUTE_VALUE]
        default: PERCENTAGE
      email_addresses:
        description: Emails to alert.
        type: list
        elements: str
        default: []
      sns_topic_arns:
        description: SNS topics to alert.
        type: list
        elements: str
        default: []
  state:
    description: Whether the budget should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: A monthly budget of $150 with alerts at 80 % actual and 100 % forecast
  tickr.aws.budget:
    name: tickr-monthly
    time_unit: MONTHLY
    limit_amount: 150
    notifications:
      - notification_type: ACTUAL
        threshold: 80
        email_addresses: [ops@tickr.tn]
      - notification_type: FORECASTED
        threshold: 100
        email_addresses: [ops@tickr.tn]

- name: Delete it
  tickr.aws.budget:
    name: tickr-monthly
    state: absent
"""

RETURN = r"""
budget:
  description: The budget as C(DescribeBudget) returns it, in snake_case; empty when absent.
  returned: always
  type: dict
  sample: {"budget_name": "tickr-monthly", "budget_type": "COST", "time_unit": "MONTHLY",
           "budget_limit": {"amount": "150.0", "unit": "USD"}}
notifications:
  description: The budget's notifications with their subscribers, in the shape of O(notifications).
  returned: always
  type: list
  elements: dict
  sample: [{"notification_type": "ACTUAL", "comparison_operator": "GREATER_THAN", "threshold": 80.0,
            "threshold_type": "PERCENTAGE", "email_addresses": ["ops@tickr.tn"], "sns_topic_arns": []}]
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import budgets
from ansible_collections.tickr.aws.plugins.module_utils.budgets import AnsibleBudgetsError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

BUDGETS_REGION = "us-east-1"


# Pure logic, unit-tested.
def notification_key(notification):
    """What identifies a notification to AWS Budgets."""
    return (notification["notification_type"], notification["comparison_operator"],
            float(notification["threshold"]), notification["threshold_type"])


def normalise_notification(notification):
    return {
        "notification_type": notification["notification_type"],
        "comparison_operator": notification.get("comparison_operator") or "GREATER_THAN",
        "threshold": float(notification["threshold"]),
        "threshold_type": notification.get("threshold_type") or "PERCENTAGE",
        "email_addresses": sorted(notification.get("email_addresses") or []),
        "sns_topic_arns": sorted(notification.get("sns_topic_arns") or []),
    }


def from_aws(notification, subscribers):
    return normalise_notification({
        "notification_type": notification["NotificationType"],
        "comparison_operator": notification["ComparisonOperator"],
        "threshold": notification["Threshold"],
        "threshold_type": notification.get("ThresholdType", "PERCENTAGE"),
        "email_addresses": [s["Address"] for s in subscribers if s["SubscriptionType"] == "EMAIL"],
        "sns_topic_arns": [s["Address"] for s in subscribers if s["SubscriptionType"] == "SNS"],
    })


def to_aws(notification):
    """(Notification, Subscribers) as the Budgets API takes them."""
    aws_notification = {
        "NotificationType": notification["notification_type"],
        "ComparisonOperator": notification["comparison_operator"],
        "Threshold": notification["threshold"],
        "ThresholdType": notification["threshold_type"],
    }
    subscribers = ([{"SubscriptionType": "EMAIL", "Address": a} for a in notification["email_addresses"]]
                   + [{"SubscriptionType": "SNS", "Address": a} for a in notification["sns_topic_arns"]])
    return aws_notification, subscribers


def notification_changes(current, desired):
    """(to_delete, to_create): notifications absent from the other side, or whose subscribers differ."""
    current_by_key = {notification_key(n): n for n in current}
    desired_by_key = {notification_key(n): n for n in desired}
    to_delete = [n for k, n in current_by_key.items() if desired_by_key.get(k) != n]
    to_create = [n for k, n in desired_by_key.items() if current_by_key.get(k) != n]
    return to_delete, to_create


def budget_changes(current, time_unit, limit_amount, limit_unit):
    """The fields of an existing budget to change; an option left unset is never a change."""
    changes = {}
    if time_unit is not None and current.get("TimeUnit") != time_unit:
        changes["TimeUnit"] = time_unit
    limit = current.get("BudgetLimit") or {}
    if limit_amount is not None and (float(limit.get("Amount", "nan")) != float(limit_amount) or limit.get("Unit") != limit_unit):
        changes["BudgetLimit"] = {"Amount": format_amount(limit_amount), "Unit": limit_unit}
    return changes


def format_amount(amount):
    return f"{float(amount):.1f}" if float(amount) == int(amount) else str(float(amount))


def summary(budget):
    if not budget:
        return {}
    limit = budget.get("BudgetLimit") or {}
    return {"budget_type": budget.get("BudgetType"), "time_unit": budget.get("TimeUnit"),
            "limit_amount": float(limit["Amount"]) if "Amount" in limit else None, "limit_unit": limit.get("Unit")}


def describe_notifications(client, account_id, name):
    """The budget's notifications with their subscribers, in the shape of the notifications option."""
    notifications = [from_aws(n, budgets.describe_subscribers_for_notification(client, account_id, name, n))
                     for n in budgets.describe_notifications_for_budget(client, account_id, name)]
    return sorted(notifications, key=notification_key)


def ensure_absent(module, client, account_id, current, before):
    if current and not module.check_mode:
        budgets.delete_budget(client, account_id, module.params["name"])
    module.exit_json(changed=current is not None, budget={}, notifications=[], diff={"before": before, "after": {}})


def ensure_present(module, client, account_id, current, current_notifications, before):
    p = module.params
    name = p["name"]
    desired_notifications = (sorted((normalise_notification(n) for n in p["notifications"]), key=notification_key)
                             if p["notifications"] is not None else current_notifications)
    changed = False
    if current is None:
        if p["limit_amount"] is None:
            module.fail_json(msg=f"limit_amount is required to create budget {name}")
        changed = True
        if not module.check_mode:
            budget = {"BudgetName": name, "BudgetType": p["budget_type"], "TimeUnit": p["time_unit"] or "MONTHLY",
                      "BudgetLimit": {"Amount": format_amount(p["limit_amount"]), "Unit": p["limit_unit"]}}
            budgets.create_budget(client, account_id, budget, [dict(zip(("Notification", "Subscribers"), to_aws(n)))
                                                               for n in desired_notifications])
    else:
        changes = budget_changes(current, p["time_unit"], p["limit_amount"], p["limit_unit"])
        to_delete, to_create = notification_changes(current_notifications, desired_notifications)
        changed = bool(changes or to_delete or to_create)
        if changed and not module.check_mode:
            if changes:
                new_budget = {k: v for k, v in current.items() if k in ("BudgetName", "BudgetType", "TimeUnit", "BudgetLimit",
                                                                        "CostFilters", "CostTypes", "TimePeriod")}
                new_budget.update(changes)
                budgets.update_budget(client, account_id, new_budget)
            for notification in to_delete:
                budgets.delete_notification(client, account_id, name, to_aws(notification)[0])
            for notification in to_create:
                budgets.create_notification(client, account_id, name, *to_aws(notification))

    # Read back only what was written: unchanged (or in check mode), the budget is as it was found.
    reread = changed and not module.check_mode
    after_budget = budgets.describe_budget(client, account_id, name) if reread else current
    created = {"budget_type": p["budget_type"], "time_unit": p["time_unit"] or "MONTHLY",
               "limit_amount": p["limit_amount"], "limit_unit": p["limit_unit"]}
    after = dict(summary(after_budget) if after_budget else created, notifications=desired_notifications)
    if module.check_mode and current:
        after.update({k: v for k, v in (("time_unit", p["time_unit"]), ("limit_amount", p["limit_amount"])) if v is not None})
    module.exit_json(
        changed=changed,
        budget=camel_dict_to_snake_dict(after_budget) if after_budget else {},
        notifications=describe_notifications(client, account_id, name) if reread and after_budget else desired_notifications,
        diff={"before": before, "after": after},
    )


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            account_id=dict(type="str"),
            budget_type=dict(type="str", default="COST", choices=["COST", "USAGE", "RI_UTILIZATION", "RI_COVERAGE",
                                                                  "SAVINGS_PLANS_UTILIZATION", "SAVINGS_PLANS_COVERAGE"]),
            time_unit=dict(type="str", choices=["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY"]),
            limit_amount=dict(type="float"),
            limit_unit=dict(type="str", default="USD"),
            notifications=dict(type="list", elements="dict", options=dict(
                notification_type=dict(type="str", required=True, choices=["ACTUAL", "FORECASTED"]),
                comparison_operator=dict(type="str", default="GREATER_THAN", choices=["GREATER_THAN", "LESS_THAN", "EQUAL_TO"]),
                threshold=dict(type="float", required=True),
                threshold_type=dict(type="str", default="PERCENTAGE", choices=["PERCENTAGE", "ABSOLUTE_VALUE"]),
                email_addresses=dict(type="list", elements="str", default=[]),
                sns_topic_arns=dict(type="list", elements="str", default=[]),
            )),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    name = p["name"]
    if p["limit_amount"] is not None and p["limit_amount"] <= 0:
        module.fail_json(msg=f"limit_amount of budget {name} must be greater than 0, got {p['limit_amount']}")
    client = module.client("budgets", region=BUDGETS_REGION)
    try:
        account_id = p["account_id"] or budgets.get_caller_account(module.client("sts"))
        current = budgets.describe_budget(client, account_id, name)
        current_notifications = describe_notifications(client, account_id, name) if current else []
        before = dict(summary(current), notifications=current_notifications) if current else {}
        if p["state"] == "absent":
            ensure_absent(module, client, account_id, current, before)
        ensure_present(module, client, account_id, current, current_notifications, before)
    except AnsibleBudgetsError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
