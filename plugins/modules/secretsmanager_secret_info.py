#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: secretsmanager_secret_info
version_added: 0.1.0
short_description: Find Secrets Manager secrets by name, without reading their values
description:
  - Returns the ARN and metadata of each named secret, never the secret value, so a role can reference a secret in
    an ECS task definition's C(secrets) or decide whether to generate one.
  - The names are looked up with one C(ListSecrets) call (a C(name) filter; one call per 10 names), which keeps only
    the secrets named exactly. A name it does not show as a live secret, an ARN, and a replicated secret are described
    with C(DescribeSecret), since C(ListSecrets) may lag a few minutes behind a change and does not return the
    replication status.
  - amazon.aws's C(secretsmanager_secret) lookup returns values, not ARNs, and there is no info module.
author:
  - Tickr platform team (@tickr-tn)
options:
  names:
    description:
      - Names (or ARNs) of the secrets to describe. A secret that does not exist, or is scheduled for deletion,
        is reported in RV(missing) rather than failing.
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Find the database password secret
  tickr.aws.secretsmanager_secret_info:
    names:
      - tickr/db/password
  register: secrets

- name: Use its ARN
  ansible.builtin.debug:
    msg: "{{ secrets.secrets_by_name['tickr/db/password'].arn }}"
  when: "'tickr/db/password' in secrets.secrets_by_name"
"""

RETURN = r"""
secrets:
  description:
    - The secrets found, as C(DescribeSecret) returns them (without values), in snake_case, in the order asked for.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The secret's ARN, for C(valueFrom) in an ECS task definition.
      type: str
      sample: arn:aws:secretsmanager:eu-west-1:123456789012:secret:tickr/db/password-AbCdEf
    name:
      description: The secret's name.
      type: str
      sample: tickr/db/password
secrets_by_name:
  description: The same secrets keyed by the name asked for.
  returned: always
  type: dict
  sample: {"tickr/db/password": {"arn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tickr/db/password-AbCdEf"}}
missing:
  description: The names asked for that have no live secret.
  returned: always
  type: list
  elements: str
  sample: ["tickr/redis/auth-token"]
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

from ansible_collections.tickr.aws.plugins.module_utils import secretsmanager
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.secretsmanager import AnsibleSecretsManagerError


def listed(client, names):
    """name -> its ListSecrets entry, for the ``names`` (not ARNs) that name a secret exactly."""
    wanted = [name for name in dict.fromkeys(names) if not name.startswith("arn:")]
    entries = {}
    for start in range(0, len(wanted), secretsmanager.MAX_FILTER_VALUES):
        for entry in secretsmanager.list_secrets_by_name(client, wanted[start:start + secretsmanager.MAX_FILTER_VALUES]):
            # The filter matches prefixes: tickr/db/password also lists tickr/db/password-old.
            if entry["Name"] in wanted:
                entries[entry["Name"]] = entry
    return entries


def as_described(entry):
    """A ListSecrets entry in DescribeSecret's words."""
    secret = dict(entry)
    if "SecretVersionsToStages" in secret:
        secret["VersionIdsToStages"] = secret.pop("SecretVersionsToStages")
    return secret


def find(client, names):
    """name asked for -> its secret as DescribeSecret describes it, None when it does not exist or is scheduled for
    deletion."""
    entries = listed(client, names)
    found = {}
    for name in dict.fromkeys(names):
        entry = entries.get(name)
        if entry is not None and not entry.get("DeletedDate") and not entry.get("PrimaryRegion"):
            secret = as_described(entry)
        else:
            # ListSecrets is eventually consistent, DescribeSecret is not: a secret just created or restored is
            # described rather than generated again. A replicated secret's ReplicationStatus is in DescribeSecret only.
            secret = secretsmanager.describe_secret(client, name)
        found[name] = None if secret is None or secret.get("DeletedDate") else secret
    return found


def to_ansible(secret):
    secret = dict(secret)
    tags = secret.pop("Tags", [])
    result = camel_dict_to_snake_dict(secret)
    result["tags"] = boto3_tag_list_to_ansible_dict(tags)
    return result


def main():
    module = TickrAWSModule(
        argument_spec=dict(names=dict(type="list", elements="str", required=True)),
        supports_check_mode=True,
    )
    client = module.client("secretsmanager")
    names = module.params["names"]
    try:
        secrets = find(client, names)
    except AnsibleSecretsManagerError as e:
        module.fail_json_aws_error(e)
    found, missing = {}, []
    for name in names:
        if secrets[name] is None:
            missing.append(name)
        else:
            found[name] = to_ansible(secrets[name])
    module.exit_json(changed=False, secrets=list(found.values()), secrets_by_name=found, missing=missing)


if __name__ == "__main__":
    main()
