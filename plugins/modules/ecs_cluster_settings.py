#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecs_cluster_settings
version_added: 0.1.0
short_description: Set an existing ECS cluster's settings (Container Insights)
description:
  - Turns CloudWatch Container Insights on or off for an ECS cluster (C(UpdateCluster) with C(settings)).
  - community.aws's C(ecs_cluster) creates clusters but cannot set their settings.
author:
  - Tickr platform team (@tickr-tn)
options:
  cluster:
    description: The cluster's name or ARN. It must exist.
    type: str
    required: true
  container_insights:
    description:
      - V(enabled), V(enhanced) (observability with task and container level metrics) or V(disabled).
      - Left alone when omitted.
    type: str
    choices: [enabled, enhanced, disabled]
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Turn Container Insights on
  tickr.aws.ecs_cluster_settings:
    cluster: tickr-cluster
    container_insights: enabled
"""

RETURN = r"""
settings:
  description: The cluster's settings after the change, as a mapping.
  returned: always
  type: dict
  sample: {"containerInsights": "enabled"}
"""

from ansible_collections.tickr.aws.plugins.module_utils import ecs
from ansible_collections.tickr.aws.plugins.module_utils.ecs import AnsibleECSError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def settings_to_dict(settings):
    return {s["name"]: s["value"] for s in settings or []}


def settings_changes(current, desired):
    """The settings to send: those asked for (not None) that differ from the cluster's."""
    return {name: value for name, value in desired.items() if value is not None and current.get(name) != value}


def ensure_present(module, client, cluster, current):
    """Sets the settings asked for that differ from the cluster's ``current`` ones."""
    changes = settings_changes(current, {"containerInsights": module.params["container_insights"]})
    after = dict(current, **changes)
    if changes and not module.check_mode:
        updated = ecs.update_cluster_settings(client, cluster, changes)
        after = dict(current, **settings_to_dict(updated.get("settings")))
    module.exit_json(changed=bool(changes), settings=after, diff={"before": current, "after": after})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            cluster=dict(type="str", required=True),
            container_insights=dict(type="str", choices=["enabled", "enhanced", "disabled"]),
        ),
        supports_check_mode=True,
    )
    client = module.client("ecs")
    cluster = module.params["cluster"]
    try:
        found = [c for c in ecs.describe_clusters(client, cluster) if c.get("status") == "ACTIVE"]
        if not found:
            module.fail_json(msg=f"No active ECS cluster {cluster}")
        current = settings_to_dict(found[0].get("settings"))
        # AWS reports a cluster never configured as containerInsights=disabled.
        current.setdefault("containerInsights", "disabled")
        ensure_present(module, client, cluster, current)
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
