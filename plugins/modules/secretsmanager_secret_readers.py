#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: secretsmanager_secret_readers
version_added: 0.1.0
short_description: Let only the named principals read a Secrets Manager secret's value
description:
  - Sets the secret's resource policy to one statement that denies C(secretsmanager:GetSecretValue) to every
    principal whose C(aws:PrincipalArn) matches none of O(readers). Every other action is left to the principals'
    own IAM policies, so the identities that create, tag, update and delete the secret keep doing so.
  - The readers are matched on C(aws:PrincipalArn) (C(ArnNotLike)), not named as C(Principal), since IAM validates
    principals when the policy is set and refuses a role that does not exist yet, and a role deleted and made again
    would no longer match its old unique ID. A condition needs neither.
  - The secret is read with C(DescribeSecret) and C(GetResourcePolicy), never its value; a policy already equal to
    the one wanted changes nothing.
  - community.aws's C(secretsmanager_secret) sets resource policies too, but on an existing secret it reads the
    value (C(GetSecretValue)) to compare it, which the policy denies to all but the readers, and it writes in check
    mode.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The secret's name or ARN. It must exist (in check mode, a missing secret is reported as a change).
    type: str
    required: true
  readers:
    description:
      - Who may read the value. An IAM role name (that role of the secret's account, at any path), or an ARN as
        C(aws:PrincipalArn) gives it (C(arn:aws:iam::123456789012:role/name), C(...:user/name), wildcards allowed).
      - An assumed-role session ARN (C(arn:aws:sts::123456789012:assumed-role/name/session), what
        C(amazon.aws.aws_caller_info) returns for an SSO or AWX role) stands for its role, at any path (SSO roles
        live under C(/aws-reserved/sso.amazonaws.com/)).
    type: list
    elements: str
    default: []
  caller_reads:
    description:
      - The identity running the module reads the value too (C(GetCallerIdentity)), as a role that passes the value
        to RDS or ElastiCache does; its role, at any path, when it is an assumed role.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Let only the ECS execution role and the identity running the play read the database password
  tickr.aws.secretsmanager_secret_readers:
    name: tickr/db/password
    readers:
      - ecsTaskExecutionRole
      - arn:aws:iam::123456789012:role/tickr-awx-deployer
    caller_reads: true
"""

RETURN = r"""
policy:
  description: The secret's resource policy after the run (in check mode, the one it would have).
  returned: always
  type: dict
  sample:
    Version: "2012-10-17"
    Statement:
      - Sid: ReadersOnly
        Effect: Deny
        Principal: "*"
        Action: secretsmanager:GetSecretValue
        Resource: "*"
        Condition:
          ArnNotLike:
            aws:PrincipalArn:
              - arn:aws:iam::123456789012:role/*/ecsTaskExecutionRole
              - arn:aws:iam::123456789012:role/ecsTaskExecutionRole
readers:
  description: The C(aws:PrincipalArn) patterns that may read the value.
  returned: always
  type: list
  elements: str
  sample: ["arn:aws:iam::123456789012:role/*/ecsTaskExecutionRole", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"]
"""

import json
import re

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    pass  # AnsibleAWSModule reports a missing botocore

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from ansible_collections.tickr.aws.plugins.module_utils import secretsmanager
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.secretsmanager import AnsibleSecretsManagerError

ASSUMED_ROLE = re.compile(r"^arn:(?P<partition>[^:]+):sts::(?P<account>\d{12}):assumed-role/(?P<role>[^/]+)/[^/]+$")


def role_patterns(partition, account, role):
    """The aws:PrincipalArn patterns of the role of that name in the account: at the root path, or under any path
    (role names are unique in an account, whatever their path)."""
    return [f"arn:{partition}:iam::{account}:role/{role}", f"arn:{partition}:iam::{account}:role/*/{role}"]


def reader_patterns(readers, partition, account):
    """The readers as aws:PrincipalArn patterns, sorted and without repeats."""
    patterns = set()
    for reader in readers:
        session = ASSUMED_ROLE.match(reader)
        if session:
            patterns.update(role_patterns(session["partition"], session["account"], session["role"]))
        elif reader.startswith("arn:"):
            patterns.add(reader)
        else:
            patterns.update(role_patterns(partition, account, reader))
    return sorted(patterns)


@AWSRetry.jittered_backoff()
def caller_arn(sts):
    return sts.get_caller_identity()["Arn"]


def readers_policy(patterns):
    return {
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "ReadersOnly",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "*",
            "Condition": {"ArnNotLike": {"aws:PrincipalArn": patterns}},
        }],
    }


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            readers=dict(type="list", elements="str", default=[]),
            caller_reads=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    client = module.client("secretsmanager")
    name, readers = module.params["name"], list(module.params["readers"])
    try:
        if module.params["caller_reads"]:
            readers.append(caller_arn(module.client("sts")))
        if not readers:
            module.fail_json(msg="readers: name at least one principal, or no one could read the secret")
        secret = secretsmanager.describe_secret(client, name)
        if secret is None or secret.get("DeletedDate"):
            if not module.check_mode:
                module.fail_json(msg=f"Secret {name} does not exist (or is scheduled for deletion)")
            # --check on a stack not built yet: the secret would be made, then given the policy.
            patterns = reader_patterns(readers, "aws", "<account>")
            module.exit_json(changed=True, policy=readers_policy(patterns), readers=patterns)
        arn = secret["ARN"].split(":")
        partition, account = arn[1], arn[4]
        patterns = reader_patterns(readers, partition, account)
        wanted = readers_policy(patterns)
        current = secretsmanager.get_resource_policy(client, secret["ARN"])
        current = json.loads(current) if current else None
        changed = current is None or compare_policies(current, wanted)
        if changed and not module.check_mode:
            secretsmanager.put_resource_policy(client, secret["ARN"], json.dumps(wanted))
    except AnsibleSecretsManagerError as e:
        module.fail_json_aws_error(e)
    except (BotoCoreError, ClientError) as e:
        module.fail_json_aws(e, msg="Could not find the identity running the module (GetCallerIdentity)")
    module.exit_json(changed=changed, policy=wanted, readers=patterns, diff={"before": current or {}, "after": wanted})


if __name__ == "__main__":
    main()
