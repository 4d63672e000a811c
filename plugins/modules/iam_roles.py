#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: iam_roles
version_added: 0.1.0
short_description: Create, correct or delete a list of IAM roles with their managed and inline policies in one run
description:
  - For each role of O(roles), reads the role, its attached managed policies and its inline policies, then creates
    what is missing and corrects what differs (the trust policy, the description, the tags, exactly the managed
    policies given and exactly the inline policies given).
  - One run for the roles and their policies, where amazon.aws.iam_role and amazon.aws.iam_policy take one run
    each (and read the role's policy lists again on every run).
  - In check mode nothing is written; the changes are predicted.
  - Policy documents are compared as IAM does (the order of statements, actions and principals does not matter).
author:
  - Tickr platform team (@tickr-tn)
options:
  roles:
    description: The roles.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: The role's name.
        type: str
        required: true
      assume_role_policy_document:
        description:
          - The trust policy (a mapping or its JSON text), which says who may assume the role.
          - Required to create the role; omitted, an existing role's trust policy is left as found.
        type: json
      description:
        description: The role's description. Omitted, it is left as found.
        type: str
      managed_policies:
        description:
          - The ARNs of the managed policies attached to the role, exactly these; others are detached.
          - Omitted, the attached policies are left as found.
        type: list
        elements: str
      inline_policies:
        description:
          - The role's inline policies, by name (each a mapping or its JSON text), exactly these; others are deleted.
          - Omitted, the inline policies are left as found.
        type: dict
      tags:
        description: The role's tags. Omitted, they are left as found.
        type: dict
  purge_tags:
    description: Whether tags not in a role's O(roles[].tags) are removed. Ignored for a role without O(roles[].tags).
    type: bool
    default: true
  state:
    description:
      - Whether the roles should exist. V(absent) deletes each role found with its inline policies, after
        detaching its managed policies.
    type: str
    choices: [present, absent]
    default: present
notes:
  - A new role is read back with botocore's C(role_exists) waiter before its policies are put on it. IAM stays
    eventually consistent for some seconds after that, and a service given the role at once may still refuse it.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The ECS task execution role, with exactly one inline policy
  tickr.aws.iam_roles:
    roles:
      - name: tickr-backend-execution
        description: ECS task execution role of tickr-backend
        assume_role_policy_document:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: {Service: ecs-tasks.amazonaws.com}
              Action: sts:AssumeRole
        managed_policies:
          - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
        inline_policies:
          tickr-backend-secrets:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: secretsmanager:GetSecretValue
                Resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:tickr/jwt-AbCdEf
        tags:
          Project: tickr

- name: Delete them with their policies
  tickr.aws.iam_roles:
    roles:
      - name: tickr-backend-execution
    state: absent
"""

RETURN = r"""
roles:
  description: The roles, in the order of O(roles) (with O(state=present)).
  returned: when O(state=present)
  type: list
  elements: dict
  contains:
    role_name:
      description: The role's name.
      type: str
      sample: tickr-backend-execution
    arn:
      description: The role's ARN; in check mode, none for a role to create.
      type: str
      sample: arn:aws:iam::123456789012:role/tickr-backend-execution
    managed_policies:
      description: The ARNs of the managed policies attached after the run.
      type: list
      elements: str
    inline_policies:
      description: The names of the inline policies after the run.
      type: list
      elements: str
    tags:
      description: The role's tags after the run.
      type: dict
changed_roles:
  description: The names of the roles created, changed or deleted (or that would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [tickr-backend-execution]
"""

import json

from ansible_collections.amazon.aws.plugins.module_utils.iam import AnsibleIAMError
from ansible_collections.amazon.aws.plugins.module_utils.iam import detach_iam_role_policy
from ansible_collections.amazon.aws.plugins.module_utils.iam import get_iam_role
from ansible_collections.amazon.aws.plugins.module_utils.iam import list_iam_role_attached_policies
from ansible_collections.amazon.aws.plugins.module_utils.iam import list_iam_role_policies
from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.tickr.aws.plugins.module_utils import iam
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def document(value):
    """A policy given as a mapping or as its JSON text, as a mapping."""
    return json.loads(value) if isinstance(value, str) else value


def found_role(client, name):
    """(the role, attached ARNs, inline policies by name) as IAM holds them; (None, [], {}) for a missing role."""
    role = get_iam_role(client, name)
    if role is None:
        return None, [], {}
    attached = [p["PolicyArn"] for p in list_iam_role_attached_policies(client, name)]
    inline = {policy: iam.get_role_policy(client, name, policy) for policy in list_iam_role_policies(client, name)}
    return role, attached, inline


def role_changes(spec, role, attached, inline, purge_tags):
    """What to write so the role found is as asked: a dict of the changes, empty when it is in place."""
    changes = {}
    trust = document(spec["assume_role_policy_document"]) if spec["assume_role_policy_document"] else None
    if trust is not None and compare_policies(role.get("AssumeRolePolicyDocument") or {}, trust):
        changes["trust"] = trust
    if spec["description"] is not None and spec["description"] != role.get("Description", ""):
        changes["description"] = spec["description"]
    if spec["tags"] is not None:
        to_set, to_remove = compare_aws_tags(boto3_tag_list_to_ansible_dict(role.get("Tags", [])), spec["tags"],
                                             purge_tags=purge_tags)
        if to_set:
            changes["tag"] = to_set
        if to_remove:
            changes["untag"] = to_remove
    if spec["managed_policies"] is not None:
        wanted = list(dict.fromkeys(spec["managed_policies"]))
        attach = [arn for arn in wanted if arn not in attached]
        detach = [arn for arn in attached if arn not in wanted]
        if attach:
            changes["attach"] = attach
        if detach:
            changes["detach"] = detach
    if spec["inline_policies"] is not None:
        wanted = {name: document(policy) for name, policy in spec["inline_policies"].items()}
        put = {name: policy for name, policy in wanted.items() if name not in inline or compare_policies(inline[name], policy)}
        delete = [name for name in inline if name not in wanted]
        if put:
            changes["put"] = put
        if delete:
            changes["delete"] = delete
    return changes


def apply_changes(client, name, changes):
    if "trust" in changes:
        iam.update_assume_role_policy(client, name, changes["trust"])
    if "description" in changes:
        iam.update_role_description(client, name, changes["description"])
    if changes.get("untag"):
        iam.untag_role(client, name, changes["untag"])
    if changes.get("tag"):
        iam.tag_role(client, name, changes["tag"])
    for arn in changes.get("attach", []):
        iam.attach_role_policy(client, name, arn)
    for arn in changes.get("detach", []):
        detach_iam_role_policy(client, arn, name)
    for policy, policy_document in changes.get("put", {}).items():
        iam.put_role_policy(client, name, policy, policy_document)
    for policy in changes.get("delete", []):
        iam.delete_role_policy(client, name, policy)


def create(module, client, spec):
    """The role created with its trust policy, description and tags, then its policies; None in check mode."""
    if not spec["assume_role_policy_document"]:
        module.fail_json(msg=f"roles: role {spec['name']} does not exist and has no assume_role_policy_document to create it with")
    if module.check_mode:
        return None
    role = iam.create_role(client, spec["name"], document(spec["assume_role_policy_document"]), spec["description"],
                           spec["tags"])
    iam.wait_for_role(client, spec["name"])
    policies = {"attach": spec["managed_policies"] or [],
                "put": {name: document(policy) for name, policy in (spec["inline_policies"] or {}).items()}}
    apply_changes(client, spec["name"], policies)
    return role


def described(spec, role, attached, inline, changes):
    """The role as it is after the run (as it would be, in check mode)."""
    tags = boto3_tag_list_to_ansible_dict((role or {}).get("Tags", []))
    for key in changes.get("untag", []):
        tags.pop(key, None)
    tags.update(changes.get("tag", {}))
    managed = [arn for arn in attached if arn not in changes.get("detach", [])] + changes.get("attach", [])
    policies = [name for name in inline if name not in changes.get("delete", [])]
    policies += [name for name in changes.get("put", {}) if name not in inline]
    return {"role_name": spec["name"], "arn": (role or {}).get("Arn"), "managed_policies": managed,
            "inline_policies": policies, "tags": tags}


def ensure_present(module, client):
    result, changed = [], []
    for spec in module.params["roles"]:
        role, attached, inline = found_role(client, spec["name"])
        if role is None:
            changed.append(spec["name"])
            role = create(module, client, spec)
            changes = {"attach": list(spec["managed_policies"] or []), "put": dict(spec["inline_policies"] or {}),
                       "tag": dict(spec["tags"] or {})}
            result.append(described(spec, role, [], {}, changes))
            continue
        changes = role_changes(spec, role, attached, inline, module.params["purge_tags"])
        if changes:
            changed.append(spec["name"])
            if not module.check_mode:
                apply_changes(client, spec["name"], changes)
        result.append(described(spec, role, attached, inline, changes))
    module.exit_json(changed=bool(changed), changed_roles=changed, roles=result)


def ensure_absent(module, client):
    changed = []
    for spec in module.params["roles"]:
        role, attached, inline = found_role(client, spec["name"])
        if role is None:
            continue
        changed.append(spec["name"])
        if not module.check_mode:
            apply_changes(client, spec["name"], {"detach": attached, "delete": list(inline)})
            iam.delete_role(client, spec["name"])
    module.exit_json(changed=bool(changed), changed_roles=changed)


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            roles=dict(
                type="list",
                elements="dict",
                required=True,
                options=dict(
                    name=dict(type="str", required=True),
                    assume_role_policy_document=dict(type="json"),
                    description=dict(type="str"),
                    managed_policies=dict(type="list", elements="str"),
                    inline_policies=dict(type="dict"),
                    tags=dict(type="dict"),
                ),
            ),
            purge_tags=dict(type="bool", default=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    for spec in module.params["roles"]:
        if spec["tags"] is not None:
            spec["tags"] = {str(k): str(v) for k, v in spec["tags"].items()}
    client = module.client("iam")
    try:
        if module.params["state"] == "absent":
            ensure_absent(module, client)
        ensure_present(module, client)
    except AnsibleIAMError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
