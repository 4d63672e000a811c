"""Secrets Manager refuses a resource policy whose Principal names an IAM role or user that does not exist.

AWS: a resource policy's ``Principal`` that names a role or user of an account is resolved to that identity's
unique ID when the policy is saved, so PutResourcePolicy fails with MalformedPolicyDocumentException ("This resource
policy contains an unsupported principal.") while the role or user does not exist
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles:
"If your Principal element ... contains an ARN that points to a specific IAM role, then that ARN transforms to the
role's unique principal ID when you save the policy"; API_PutResourcePolicy.html, MalformedPolicyDocumentException).
A condition on ``aws:PrincipalArn`` is not resolved and may name a role not made yet.
moto 5.2.5: saves any policy, so a policy naming a role before the role exists passes every test and fails on AWS.
Only the emulator's own accounts are checked (another account's identities are not known to it).
"""

import json

from moto.iam.models import iam_backends
from moto.secretsmanager.exceptions import SecretsManagerClientError
from moto.secretsmanager.models import SecretsManagerBackend


class MalformedPolicyDocumentException(SecretsManagerClientError):
    def __init__(self):
        super().__init__("MalformedPolicyDocumentException", "This resource policy contains an unsupported principal.")


def _principal_arns(policy):
    statements = policy.get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        principal = statement.get("Principal")
        arns = principal.get("AWS", []) if isinstance(principal, dict) else []
        yield from [arns] if isinstance(arns, str) else arns


def _exists(account_id, arn):
    """False for a role or user ARN of ``account_id`` that its IAM does not hold; True for anything else."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[2] != "iam" or parts[4] != account_id:
        return True
    kind, path_and_name = parts[5].partition("/")[::2]
    name = path_and_name.rsplit("/", 1)[-1]
    iam = iam_backends[account_id][parts[1]]
    if kind == "role":
        return any(role.name == name for role in iam.roles.values())
    if kind == "user":
        return name in iam.users
    return True


def apply():
    original = SecretsManagerBackend.put_resource_policy

    def put_resource_policy(self, secret_id, policy):
        try:
            document = json.loads(policy)
        except (TypeError, ValueError):
            document = {}
        if isinstance(document, dict) and not all(_exists(self.account_id, a) for a in _principal_arns(document)):
            raise MalformedPolicyDocumentException()
        return original(self, secret_id, policy)

    SecretsManagerBackend.put_resource_policy = put_resource_policy
