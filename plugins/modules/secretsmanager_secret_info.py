#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: secretsmanager_secret_info
version_added: 0.1.0
short_description: Find Secrets Manager secrets by name, without reading their values
description:
  - Returns the ARN and metadata of each named secret (C(DescribeSecret)), never the secret value, so a role can
    reference a secret in an ECS task definition's C(secrets) or decide whether to generate one.
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
  description: The secrets found, as C(DescribeSecret) returns them (without values), in snake_case.
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

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def describe_secret(client, name):
    """The secret's metadata, or None when it does not exist or is scheduled for deletion."""
    try:
        secret = client.describe_secret(SecretId=name, aws_retry=True)
    except is_boto3_error_code("ResourceNotFoundException"):
        return None
    if secret.get("DeletedDate"):
        return None
    secret.pop("ResponseMetadata", None)
    return secret


def to_ansible(secret):
    tags = secret.pop("Tags", [])
    result = camel_dict_to_snake_dict(secret)
    result["tags"] = boto3_tag_list_to_ansible_dict(tags)
    return result


def main():
    module = TickrAWSModule(
        argument_spec=dict(names=dict(type="list", elements="str", required=True)),
        supports_check_mode=True,
    )
    client = module.client("secretsmanager", retry_decorator=AWSRetry.jittered_backoff())
    found, missing = {}, []
    for name in module.params["names"]:
        try:
            secret = describe_secret(client, name)
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
            module.fail_json_aws(e, msg=f"Could not describe the secret {name}")
        if secret is None:
            missing.append(name)
        else:
            found[name] = to_ansible(secret)
    module.exit_json(changed=False, secrets=list(found.values()), secrets_by_name=found, missing=missing)


if __name__ == "__main__":
    main()
