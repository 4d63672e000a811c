"""tickr.aws.iam_roles against a fake IAM: the role, its managed and inline policies read once each, a write only for
what differs, nothing written in check mode, AWS's message reaches the user."""

import copy

import botocore.exceptions

from ansible_collections.tickr.aws.plugins.modules import iam_roles

from cloudwatch_fakes import FakeClient, run_module

TRUST = {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
MANAGED = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
SECRETS = {"Version": "2012-10-17",
           "Statement": [{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": ["arn:s1", "arn:s2"]}]}
TAGS = {"Project": "tickr", "ManagedBy": "ansible"}
READS = ("get_role", "list_attached_role_policies", "list_role_policies", "get_role_policy")


class IAMClient(FakeClient):
    """An IAM holding ``roles``: name -> {trust, description, tags, managed, inline}."""

    def __init__(self, roles, **kwargs):
        super().__init__({}, **kwargs)
        self.roles = copy.deepcopy(roles)

    def _missing(self, operation):
        raise botocore.exceptions.ClientError({"Error": {"Code": "NoSuchEntity", "Message": "not found"}}, operation)

    def get_role(self, RoleName):
        self._call("get_role", {"RoleName": RoleName})
        role = self.roles.get(RoleName) or self._missing("GetRole")
        return {"Role": {"RoleName": RoleName, "Arn": f"arn:aws:iam::123456789012:role/{RoleName}",
                         "AssumeRolePolicyDocument": role["trust"], "Description": role.get("description", ""),
                         "Tags": [{"Key": k, "Value": v} for k, v in role.get("tags", {}).items()]}}

    def get_role_policy(self, RoleName, PolicyName):
        self._call("get_role_policy", {"RoleName": RoleName, "PolicyName": PolicyName})
        return {"PolicyDocument": self.roles[RoleName]["inline"][PolicyName]}

    def create_role(self, **params):
        self._call("create_role", params)
        return {"Role": {"RoleName": params["RoleName"], "Arn": f"arn:aws:iam::123456789012:role/{params['RoleName']}",
                         "Tags": params.get("Tags", [])}}

    def get_waiter(self, name):
        self.calls.append(("get_waiter", {"name": name}))
        return type("Waiter", (), {"wait": lambda waiter, **params: None})()

    def get_paginator(self, operation):
        client = self

        class Paginator:
            def paginate(self, RoleName):
                client.calls.append((operation, {"RoleName": RoleName}))
                role = client.roles[RoleName]
                if operation == "list_attached_role_policies":
                    page = {"AttachedPolicies": [{"PolicyArn": arn} for arn in role["managed"]]}
                else:
                    page = {"PolicyNames": list(role["inline"])}
                return type("Pages", (), {"build_full_result": lambda pages: page})()

        return Paginator()

    def writes(self, reads=READS + ("get_waiter",)):
        return super().writes(reads)


IN_PLACE = {"tickr-exec": {"trust": TRUST, "description": "Execution role", "tags": TAGS, "managed": [MANAGED],
                           "inline": {"tickr-secrets": SECRETS}}}


def wanted(**overrides):
    role = {"name": "tickr-exec", "assume_role_policy_document": TRUST, "description": "Execution role",
            "managed_policies": [MANAGED], "inline_policies": {"tickr-secrets": SECRETS}, "tags": TAGS}
    role.update(overrides)
    return role


def run(found, roles, check_mode=False, **options):
    client = IAMClient(found, **options.pop("client_options", {}))
    return run_module(iam_roles, dict(roles=roles, **options), client, check_mode=check_mode), client


def test_a_role_in_place_is_read_once_and_left_alone():
    # The same documents in another order, and given as JSON text: IAM compares them as policies.
    reordered = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": ["arn:s2", "arn:s1"]}]}
    result, client = run(IN_PLACE, [wanted(inline_policies={"tickr-secrets": reordered})])
    assert result["changed"] is False and result["changed_roles"] == []
    assert client.writes() == []
    assert client.operations() == ["get_role", "list_attached_role_policies", "list_role_policies", "get_role_policy"]
    assert result["roles"] == [{"role_name": "tickr-exec", "arn": "arn:aws:iam::123456789012:role/tickr-exec",
                                "managed_policies": [MANAGED], "inline_policies": ["tickr-secrets"], "tags": TAGS}]


def test_what_differs_is_written_and_nothing_else():
    found = copy.deepcopy(IN_PLACE)
    found["tickr-exec"]["managed"].append("arn:aws:iam::aws:policy/AdministratorAccess")
    found["tickr-exec"]["inline"]["added-by-hand"] = SECRETS
    found["tickr-exec"]["tags"] = {"Project": "tickr", "Owner": "someone"}
    ptc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecr:CreateRepository", "Resource": "*"}]}
    result, client = run(found, [wanted(inline_policies={"tickr-secrets": SECRETS, "tickr-ptc": ptc})])
    assert result["changed"] is True and result["changed_roles"] == ["tickr-exec"]
    writes = dict((op, params) for op, params in client.writes())
    assert set(writes) == {"untag_role", "tag_role", "detach_role_policy", "put_role_policy", "delete_role_policy"}
    assert writes["untag_role"] == {"RoleName": "tickr-exec", "TagKeys": ["Owner"]}
    assert writes["detach_role_policy"]["PolicyArn"] == "arn:aws:iam::aws:policy/AdministratorAccess"
    assert writes["put_role_policy"]["PolicyName"] == "tickr-ptc"
    assert writes["delete_role_policy"] == {"RoleName": "tickr-exec", "PolicyName": "added-by-hand"}
    assert result["roles"][0]["inline_policies"] == ["tickr-secrets", "tickr-ptc"]
    assert result["roles"][0]["managed_policies"] == [MANAGED]


def test_a_changed_trust_policy_and_description_are_updated():
    trust = copy.deepcopy(TRUST)
    trust["Statement"][0]["Principal"]["Service"] = "monitoring.rds.amazonaws.com"
    result, client = run(IN_PLACE, [wanted(assume_role_policy_document=trust, description="Monitoring role")])
    assert result["changed"] is True
    assert [call[0] for call in client.writes()] == ["update_assume_role_policy", "update_role"]


def test_check_mode_predicts_and_writes_nothing():
    found = copy.deepcopy(IN_PLACE)
    found["tickr-exec"]["inline"] = {}
    result, client = run(found, [wanted(), wanted(name="tickr-task", inline_policies={})], check_mode=True)
    assert result["changed"] is True and result["changed_roles"] == ["tickr-exec", "tickr-task"]
    assert client.writes() == []
    assert result["roles"][0]["inline_policies"] == ["tickr-secrets"]
    assert result["roles"][1] == {"role_name": "tickr-task", "arn": None, "managed_policies": [MANAGED],
                                  "inline_policies": [], "tags": TAGS}


def test_a_missing_role_is_created_waited_for_then_given_its_policies():
    result, client = run({}, [wanted()])
    assert result["changed"] is True
    assert [call[0] for call in client.calls] == ["get_role", "create_role", "get_waiter", "attach_role_policy", "put_role_policy"]
    create = client.calls[1][1]
    assert create["Tags"] == [{"Key": "Project", "Value": "tickr"}, {"Key": "ManagedBy", "Value": "ansible"}]
    assert result["roles"][0]["arn"] == "arn:aws:iam::123456789012:role/tickr-exec"


def test_a_missing_role_without_a_trust_policy_fails_naming_it():
    result, client = run({}, [{"name": "tickr-exec"}])
    assert result["failed"] and "tickr-exec" in result["msg"] and "assume_role_policy_document" in result["msg"]
    assert client.writes() == []


def test_absent_detaches_deletes_the_policies_then_the_role():
    result, client = run(dict(IN_PLACE), [{"name": "tickr-exec"}, {"name": "tickr-gone"}], state="absent")
    assert result["changed"] is True and result["changed_roles"] == ["tickr-exec"]
    assert [call[0] for call in client.writes()] == ["detach_role_policy", "delete_role_policy", "delete_role"]
    result, client = run(dict(IN_PLACE), [{"name": "tickr-exec"}], state="absent", check_mode=True)
    assert result["changed"] is True and client.writes() == []


def test_aws_refusal_reaches_the_user_with_its_message():
    found = copy.deepcopy(IN_PLACE)
    found["tickr-exec"]["inline"] = {}
    result, client = run(found, [wanted()], client_options={"fail_on": "put_role_policy",
                                                            "error": ("MalformedPolicyDocument", "Policy has invalid action")})
    assert result["failed"] is True
    assert "Policy has invalid action" in result["msg"] and "put the inline policy" in result["msg"]
