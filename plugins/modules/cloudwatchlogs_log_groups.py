#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: cloudwatchlogs_log_groups
version_added: 0.1.0
short_description: Create, correct or delete a list of CloudWatch Logs log groups in one run
description:
  - Reads the log groups named in O(names) with one C(DescribeLogGroups) (over their names' common prefix) and
    their tags, then creates the missing ones and sets the retention and tags of the others where they differ.
  - One run for the whole list, where amazon.aws.cloudwatchlogs_log_group takes one run per group.
  - In check mode nothing is written, an existing group's retention included (amazon.aws.cloudwatchlogs_log_group
    10.1.2 sets it even then); the changes are predicted.
author:
  - Tickr platform team (@tickr-tn)
options:
  names:
    description: The log groups' names.
    type: list
    elements: str
    required: true
  retention:
    description:
      - Days the groups keep their events, one of the values CloudWatch Logs accepts.
      - Omitted, a group's retention is left as found (a new group keeps its events forever).
    type: int
  tags:
    description:
      - The groups' tags. Omitted, their tags are left as found.
      - Tags whose key starts with C(aws:) are never removed.
    type: dict
  purge_tags:
    description: Whether tags not in O(tags) are removed. Ignored when O(tags) is omitted.
    type: bool
    default: true
  state:
    description: Whether the groups should exist. V(absent) deletes them with their events.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Keep the backend's and the database's logs a week
  tickr.aws.cloudwatchlogs_log_groups:
    names:
      - /ecs/tickr-backend
      - /aws/rds/instance/tickr-postgres/postgresql
    retention: 7
    tags:
      Project: tickr

- name: Delete them
  tickr.aws.cloudwatchlogs_log_groups:
    names: [/ecs/tickr-backend]
    state: absent
"""

RETURN = r"""
log_groups:
  description: The groups as they are after the run (as they would be, in check mode), in the order of O(names).
  returned: when O(state=present)
  type: list
  elements: dict
  contains:
    log_group_name:
      description: The group's name.
      type: str
    retention_in_days:
      description: Days it keeps its events; absent when forever.
      type: int
    tags:
      description: Its tags.
      type: dict
  sample: [{"log_group_name": "/ecs/tickr-backend", "retention_in_days": 7, "tags": {"Project": "tickr"}}]
changed_log_groups:
  description: The names of the groups created, corrected or deleted (that would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: ["/ecs/tickr-backend"]
"""

import os

from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.tickr.aws.plugins.module_utils import cloudwatchlogs
from ansible_collections.tickr.aws.plugins.module_utils.cloudwatchlogs import AnsibleCloudWatchLogsError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def common_prefix(names):
    """The prefix every name shares: one DescribeLogGroups over it finds them all."""
    return os.path.commonprefix(list(names)) if names else ""


def group_changes(found, tags_found, retention, tags, purge_tags):
    """(retention to set or None, tags to set, tag keys to remove) for a group found."""
    set_retention = retention if retention is not None and found.get("retentionInDays") != retention else None
    if tags is None:
        return set_retention, {}, []
    to_set, to_remove = compare_aws_tags(tags_found, tags, purge_tags=purge_tags)
    return set_retention, to_set, to_remove


def described(name, retention, tags):
    result = {"log_group_name": name, "tags": tags}
    if retention is not None:
        result["retention_in_days"] = retention
    return result


def ensure_present(module, client, names, found):
    retention, tags, purge_tags = module.params["retention"], module.params["tags"], module.params["purge_tags"]
    if tags is not None:
        tags = {str(k): str(v) for k, v in tags.items()}
    result, changed = [], []
    for name in names:
        group = found.get(name)
        if group is None:
            changed.append(name)
            if not module.check_mode:
                cloudwatchlogs.create_log_group(client, name, tags)
                if retention is not None:
                    cloudwatchlogs.put_retention_policy(client, name, retention)
            result.append(described(name, retention, tags or {}))
            continue
        arn = cloudwatchlogs.tagging_arn(group)
        tags_found = cloudwatchlogs.list_tags(client, arn) if tags is not None else {}
        set_retention, to_set, to_remove = group_changes(group, tags_found, retention, tags, purge_tags)
        if set_retention is not None or to_set or to_remove:
            changed.append(name)
        if not module.check_mode:
            if set_retention is not None:
                cloudwatchlogs.put_retention_policy(client, name, set_retention)
            if to_remove:
                cloudwatchlogs.untag_resource(client, arn, to_remove)
            if to_set:
                cloudwatchlogs.tag_resource(client, arn, to_set)
        tags_after = {k: v for k, v in tags_found.items() if k not in to_remove}
        tags_after.update(to_set)
        result.append(described(name, retention if retention is not None else group.get("retentionInDays"), tags_after))
    module.exit_json(changed=bool(changed), changed_log_groups=changed, log_groups=result)


def ensure_absent(module, client, names, found):
    changed = [name for name in names if name in found]
    if not module.check_mode:
        for name in changed:
            cloudwatchlogs.delete_log_group(client, name)
    module.exit_json(changed=bool(changed), changed_log_groups=changed)


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            names=dict(type="list", elements="str", required=True),
            retention=dict(type="int"),
            tags=dict(type="dict"),
            purge_tags=dict(type="bool", default=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    names = list(dict.fromkeys(module.params["names"]))
    client = module.client("logs")
    try:
        wanted = set(names)
        found = {g["logGroupName"]: g for g in cloudwatchlogs.describe_log_groups(client, common_prefix(names))
                 if g["logGroupName"] in wanted}
        if module.params["state"] == "absent":
            ensure_absent(module, client, names, found)
        ensure_present(module, client, names, found)
    except AnsibleCloudWatchLogsError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
