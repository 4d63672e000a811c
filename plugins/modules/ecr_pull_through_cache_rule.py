#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecr_pull_through_cache_rule
version_added: 0.1.0
short_description: Create, adopt or delete an Amazon ECR pull through cache rule
description:
  - Manages one pull through cache rule of the account's private registry in the region. Images under
    C(<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<upstream repository>) are then pulled from the upstream
    registry on first use and kept in a private repository C(<prefix>/<upstream repository>), which ECR creates.
    Tasks in private subnets reach such images through the ECR VPC endpoints, without a NAT gateway.
  - A rule belongs to the whole registry (account and region), not to one stack. With O(adopt_same_upstream), a rule
    that already caches O(upstream_registry_url) under another prefix is used as it is (RV(rule) names its prefix)
    instead of creating a second one.
  - AWS cannot change a rule's upstream; a rule under O(ecr_repository_prefix) with another upstream fails the task.
  - amazon.aws and community.aws have no module for pull through cache rules.
  - API reference U(https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreatePullThroughCacheRule.html);
    user guide U(https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html).
author:
  - Tickr platform team (@tickr-tn)
options:
  ecr_repository_prefix:
    description: The repository name prefix of the cached images (2 to 30 characters, for example V(ecr-public)).
    type: str
    required: true
  upstream_registry_url:
    description: The upstream registry, for example V(public.ecr.aws) for Amazon ECR Public. Required with O(state=present).
    type: str
  upstream_registry:
    description: The upstream registry's kind as AWS names it (for example V(ecr-public)); AWS infers it when unset.
    type: str
  credential_arn:
    description: The Secrets Manager secret (C(ecr-pullthroughcache/...)) holding the upstream's credentials.
      ECR Public and the other anonymous registries need none.
    type: str
  adopt_same_upstream:
    description: When no rule has O(ecr_repository_prefix), use a rule caching the same upstream under another prefix.
    type: bool
    default: true
  state:
    description: Whether the rule should exist. V(absent) deletes the rule with this prefix, and only when its upstream
      is O(upstream_registry_url) if that is given; the cached repositories stay.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Cache Amazon ECR Public in the private registry
  tickr.aws.ecr_pull_through_cache_rule:
    ecr_repository_prefix: ecr-public
    upstream_registry_url: public.ecr.aws
  register: ptc

- name: The collector image, pulled through the cache
  ansible.builtin.debug:
    msg: "{{ ptc.registry_id }}.dkr.ecr.eu-west-1.amazonaws.com/{{ ptc.rule.ecr_repository_prefix }}/aws-observability/aws-otel-collector:v0.50.0"

- name: Delete the rule, only if it still caches ECR Public
  tickr.aws.ecr_pull_through_cache_rule:
    ecr_repository_prefix: ecr-public
    upstream_registry_url: public.ecr.aws
    state: absent
"""

RETURN = r"""
rule:
  description: The rule as C(DescribePullThroughCacheRules) returns it, in snake_case (the one adopted, if so); empty when absent.
  returned: always
  type: dict
  sample: {"ecr_repository_prefix": "ecr-public", "upstream_registry_url": "public.ecr.aws", "upstream_registry": "ecr-public",
           "registry_id": "123456789012"}
adopted:
  description: Whether an existing rule with the same upstream and another prefix was used instead of creating one.
  returned: always
  type: bool
registry_id:
  description: The account of the private registry, when known (not under check mode before the rule exists).
  returned: always
  type: str
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import ecr
from ansible_collections.tickr.aws.plugins.module_utils.ecr import AnsibleECRError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# The API's pattern for ecrRepositoryPrefix (CreatePullThroughCacheRule), checked before any call.
PREFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._-/"


# Pure logic, unit-tested.
def prefix_error(prefix):
    """Why AWS would refuse this prefix, or None (length 2-30; lowercase segments separated by '/')."""
    if not 2 <= len(prefix) <= 30:
        return f"ecr_repository_prefix '{prefix}' must be 2 to 30 characters"
    if prefix == "ROOT":
        return None
    if any(c not in PREFIX_CHARS for c in prefix) or any(
            not part or not part[0].isalnum() or not part[-1].isalnum() for part in prefix.rstrip("/").split("/")):
        return (f"ecr_repository_prefix '{prefix}' must be lowercase letters and digits, segments separated by '/', "
                "each starting and ending with a letter or digit ('.', '_', '-' inside)")
    return None


def normalise(url):
    return (url or "").strip().lower().rstrip("/")


def plan(rules, prefix, upstream_url, state, adopt=True, upstream_registry=None, credential_arn=None):
    """What to do, from the registry's rules: a dict with action (none, create, delete, fail), rule, adopted, msg."""
    by_prefix = {r["ecrRepositoryPrefix"].rstrip("/"): r for r in rules}
    mine = by_prefix.get(prefix.rstrip("/"))
    if state == "absent":
        if mine is None:
            return {"action": "none", "rule": None, "adopted": False}
        if upstream_url and normalise(mine.get("upstreamRegistryUrl")) != normalise(upstream_url):
            # Someone else's rule under the same prefix: not ours to delete.
            return {"action": "none", "rule": mine, "adopted": False}
        return {"action": "delete", "rule": mine, "adopted": False}
    if mine is not None:
        if normalise(mine.get("upstreamRegistryUrl")) != normalise(upstream_url):
            return {"action": "fail", "rule": mine, "adopted": False,
                    "msg": (f"ECR pull through cache rule '{prefix}' caches {mine.get('upstreamRegistryUrl')}, not {upstream_url}; "
                            "AWS cannot change a rule's upstream: choose another prefix or delete that rule")}
        return {"action": "none", "rule": mine, "adopted": False}
    if adopt:
        same = sorted((r for r in rules if normalise(r.get("upstreamRegistryUrl")) == normalise(upstream_url)),
                      key=lambda r: r["ecrRepositoryPrefix"])
        if same:
            return {"action": "none", "rule": same[0], "adopted": True}
    request = {"ecrRepositoryPrefix": prefix, "upstreamRegistryUrl": upstream_url}
    if upstream_registry:
        request["upstreamRegistry"] = upstream_registry
    if credential_arn:
        request["credentialArn"] = credential_arn
    return {"action": "create", "rule": request, "adopted": False}


def snake(rule):
    return camel_dict_to_snake_dict(rule) if rule else {}


def ensure_present(module, client, rules):
    """Keep the rule with the prefix, adopt one caching the same upstream, or create it."""
    p = module.params
    step = plan(rules, p["ecr_repository_prefix"], p["upstream_registry_url"], "present", p["adopt_same_upstream"],
                p["upstream_registry"], p["credential_arn"])
    if step["action"] == "fail":
        module.fail_json(msg=step["msg"])
    rule = step["rule"]
    if step["action"] == "none":
        module.exit_json(changed=False, rule=snake(rule), adopted=step["adopted"], registry_id=rule.get("registryId", ""),
                         diff={"before": snake(rule), "after": snake(rule)})
    if not module.check_mode:
        rule = ecr.create_pull_through_cache_rule(client, **rule)
    module.exit_json(changed=True, rule=snake(rule), adopted=False, registry_id=rule.get("registryId", ""),
                     diff={"before": {}, "after": snake(rule)})


def ensure_absent(module, client, rules):
    """Delete the rule with the prefix, unless it caches another upstream than the one given."""
    p = module.params
    step = plan(rules, p["ecr_repository_prefix"], p["upstream_registry_url"], "absent")
    rule = step["rule"] or {}
    if step["action"] == "none":
        module.exit_json(changed=False, rule={}, adopted=False, registry_id=rule.get("registryId", ""),
                         diff={"before": {}, "after": {}})
    changed = True
    if not module.check_mode:
        changed = ecr.delete_pull_through_cache_rule(client, rule["ecrRepositoryPrefix"])  # False: deleted meanwhile
    module.exit_json(changed=changed, rule={}, adopted=False, registry_id=rule.get("registryId", ""),
                     diff={"before": snake(rule), "after": {}})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            ecr_repository_prefix=dict(type="str", required=True),
            upstream_registry_url=dict(type="str"),
            upstream_registry=dict(type="str"),
            credential_arn=dict(type="str"),
            adopt_same_upstream=dict(type="bool", default=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_if=[("state", "present", ["upstream_registry_url"])],
        supports_check_mode=True,
    )
    error = prefix_error(module.params["ecr_repository_prefix"])
    if error:
        module.fail_json(msg=error)
    client = module.client("ecr")
    try:
        rules = ecr.describe_pull_through_cache_rules(client)
        if module.params["state"] == "absent":
            ensure_absent(module, client, rules)
        ensure_present(module, client, rules)
    except AnsibleECRError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
