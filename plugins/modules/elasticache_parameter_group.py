#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: elasticache_parameter_group
version_added: 0.1.0
short_description: Manage an ElastiCache cache parameter group of any family, with check mode and diff
description:
  - Creates a cache parameter group, sets the given parameters, and deletes it.
  - community.aws.elasticache_parameter_group stops at the V(redis6.x) family (no V(redis7)), has no check
    mode and calls ModifyCacheParameterGroup on every run.
  - Parameters not listed in O(values) are left alone.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The group's name.
    type: str
    required: true
  family:
    description: The family, such as V(redis7). Required to create the group; a different family fails.
    type: str
  description:
    description: The group's description (set on creation).
    type: str
    default: ""
  values:
    description:
      - Parameter names and values, such as C(maxmemory-policy) V(allkeys-lru). Values are compared as text.
    type: dict
  state:
    description: Whether the group exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Redis 7 parameters of the cache
  tickr.aws.elasticache_parameter_group:
    name: tickr-redis7
    family: redis7
    description: Tickr Redis parameters
    values:
      maxmemory-policy: allkeys-lru
      timeout: 300
"""

RETURN = r"""
parameter_group:
  description: The group (name, family, description, arn).
  returned: when the group exists
  type: dict
  sample: {"cache_parameter_group_name": "tickr-redis7", "cache_parameter_group_family": "redis7"}
parameters:
  description: Every parameter of the group and its value.
  returned: when the group exists
  type: dict
  sample: {"maxmemory-policy": "allkeys-lru", "timeout": "300"}
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.tickr.aws.plugins.module_utils import elasticache
from ansible_collections.tickr.aws.plugins.module_utils.elasticache import AnsibleElastiCacheError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# ModifyCacheParameterGroup takes at most 20 parameters a call.
MAX_PARAMETERS_PER_CALL = 20


def parameter_changes(wanted, current):
    """ModifyCacheParameterGroup's ParameterNameValues for the values that differ (as text), and the unknown names."""
    changes, unknown = [], []
    for name in sorted(wanted or {}):
        value = wanted[name]
        value = ("yes" if value else "no") if isinstance(value, bool) else to_text(value)
        if name not in current:
            unknown.append(name)
        elif current[name] != value:
            changes.append({"ParameterName": name, "ParameterValue": value})
    return changes, unknown


def parameter_values(client, name):
    """The group's parameters as name -> value (an unset value is the empty text)."""
    return {p["ParameterName"]: p.get("ParameterValue", "") for p in elasticache.describe_cache_parameters(client, name)}


def ensure_absent(module, client, group, current):
    if group and not module.check_mode:
        elasticache.delete_cache_parameter_group(client, module.params["name"])
    module.exit_json(changed=bool(group), diff={"before": current, "after": {}})


def create(module, client):
    """Creates the group (predicts it in check mode, then exits); the new group and its parameters."""
    name, family = module.params["name"], module.params["family"]
    if not family:
        module.fail_json(msg=f"Cache parameter group {name} does not exist: family is required to create it")
    if module.check_mode:
        module.exit_json(changed=True, diff={"before": {}, "after": module.params["values"] or {}})
    elasticache.create_cache_parameter_group(client, name, family, module.params["description"])
    return elasticache.describe_cache_parameter_group(client, name), parameter_values(client, name)


def ensure_present(module, client, group, current):
    name, family = module.params["name"], module.params["family"]
    changed = group is None
    if group is None:
        group, current = create(module, client)
    elif family and group["CacheParameterGroupFamily"] != family:
        module.fail_json(msg=f"Cache parameter group {name} is of family {group['CacheParameterGroupFamily']}, not {family}: "
                             "AWS cannot change a family; use another name")
    changes, unknown = parameter_changes(module.params["values"], current)
    if unknown:
        module.fail_json(msg=f"Unknown parameters for family {group['CacheParameterGroupFamily']}: {', '.join(unknown)}")
    before = dict(current)
    if changes:
        changed = True
        if not module.check_mode:
            for start in range(0, len(changes), MAX_PARAMETERS_PER_CALL):
                elasticache.modify_cache_parameter_group(client, name, changes[start:start + MAX_PARAMETERS_PER_CALL])
        current.update({c["ParameterName"]: c["ParameterValue"] for c in changes})
    module.exit_json(changed=changed, parameter_group=camel_dict_to_snake_dict(group), parameters=current,
                     diff={"before": before, "after": current})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            family=dict(type="str"),
            description=dict(type="str", default=""),
            values=dict(type="dict"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    client = module.client("elasticache")
    name = module.params["name"]
    try:
        group = elasticache.describe_cache_parameter_group(client, name)
        current = parameter_values(client, name) if group else {}
        if module.params["state"] == "absent":
            ensure_absent(module, client, group, current)
        ensure_present(module, client, group, current)
    except AnsibleElastiCacheError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
