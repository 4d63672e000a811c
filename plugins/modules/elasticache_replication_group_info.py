#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: elasticache_replication_group_info
version_added: 0.1.0
short_description: Describe an ElastiCache replication group and its primary node
description:
  - Returns a replication group (status, primary endpoint, encryption flags) with its first member cluster
    (engine version, parameter group, security groups), for instance to wait until it is available.
  - community.aws has no module that describes replication groups.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The replication group id.
    type: str
    required: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Wait until the cache is available
  tickr.aws.elasticache_replication_group_info:
    name: tickr-redis
  register: redis
  until: redis.replication_group.status | default('') == 'available'
  retries: 120
  delay: 15
"""

RETURN = r"""
exists:
  description: Whether the group exists.
  returned: always
  type: bool
  sample: true
replication_group:
  description: The group in snake_case (see tickr.aws.elasticache_replication_group), empty when absent.
  returned: always
  type: dict
  sample: {"status": "available", "primary_endpoint": {"address": "master.tickr-redis.abc.euw1.cache.amazonaws.com", "port": 6379}}
"""

from ansible_collections.tickr.aws.plugins.module_utils.elasticache import AnsibleElastiCacheError
from ansible_collections.tickr.aws.plugins.module_utils.elasticache import describe_replication_group
from ansible_collections.tickr.aws.plugins.module_utils.elasticache import replication_group_result
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def main():
    module = TickrAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("elasticache")
    try:
        group, cluster = describe_replication_group(client, module.params["name"])
        module.exit_json(changed=False, exists=group is not None, replication_group=replication_group_result(client, group, cluster))
    except AnsibleElastiCacheError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
