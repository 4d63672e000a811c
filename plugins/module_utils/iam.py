# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The IAM calls of tickr.aws.iam_roles and tickr.aws.iam_account_summary_info that amazon.aws's module_utils.iam
does not have, in its shape: each one retried with jittered backoff, each failure raised as amazon.aws's
AnsibleIAMError with AWS's message. iam_roles' reads (GetRole, the policy lists, DetachRolePolicy) are amazon.aws's
own."""

import json

from ansible_collections.amazon.aws.plugins.module_utils.iam import IAMErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list


@IAMErrorHandler.list_error_handler("get the role's inline policy")
@AWSRetry.jittered_backoff()
def get_role_policy(client, role, policy):
    """The inline policy's document (botocore decodes it), None when the role has no such policy."""
    return client.get_role_policy(RoleName=role, PolicyName=policy)["PolicyDocument"]


@IAMErrorHandler.common_error_handler("create the role")
@AWSRetry.jittered_backoff()
def create_role(client, name, trust, description, tags):
    params = {"RoleName": name, "AssumeRolePolicyDocument": json.dumps(trust)}
    if description is not None:
        params["Description"] = description
    if tags:
        params["Tags"] = ansible_dict_to_boto3_tag_list(tags)
    return client.create_role(**params)["Role"]


@IAMErrorHandler.common_error_handler("wait for the new role")
def wait_for_role(client, name):
    """IAM is eventually consistent: the role is read back before policies are put on it, as amazon.aws.iam_role
    does, with botocore's role_exists waiter."""
    client.get_waiter("role_exists").wait(RoleName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})


@IAMErrorHandler.common_error_handler("update the role's trust policy")
@AWSRetry.jittered_backoff()
def update_assume_role_policy(client, name, trust):
    client.update_assume_role_policy(RoleName=name, PolicyDocument=json.dumps(trust))


@IAMErrorHandler.common_error_handler("update the role's description")
@AWSRetry.jittered_backoff()
def update_role_description(client, name, description):
    client.update_role(RoleName=name, Description=description)


@IAMErrorHandler.common_error_handler("attach the managed policy")
@AWSRetry.jittered_backoff()
def attach_role_policy(client, name, arn):
    client.attach_role_policy(RoleName=name, PolicyArn=arn)


@IAMErrorHandler.common_error_handler("put the inline policy")
@AWSRetry.jittered_backoff()
def put_role_policy(client, name, policy, document):
    client.put_role_policy(RoleName=name, PolicyName=policy, PolicyDocument=json.dumps(document))


@IAMErrorHandler.deletion_error_handler("delete the inline policy")
@AWSRetry.jittered_backoff()
def delete_role_policy(client, name, policy):
    client.delete_role_policy(RoleName=name, PolicyName=policy)
    return True


@IAMErrorHandler.common_error_handler("tag the role")
@AWSRetry.jittered_backoff()
def tag_role(client, name, tags):
    client.tag_role(RoleName=name, Tags=ansible_dict_to_boto3_tag_list(tags))


@IAMErrorHandler.common_error_handler("untag the role")
@AWSRetry.jittered_backoff()
def untag_role(client, name, keys):
    client.untag_role(RoleName=name, TagKeys=list(keys))


@IAMErrorHandler.deletion_error_handler("delete the role")
@AWSRetry.jittered_backoff()
def delete_role(client, name):
    client.delete_role(RoleName=name)
    return True


@IAMErrorHandler.common_error_handler("read the account's IAM summary")
@AWSRetry.jittered_backoff()
def get_account_summary(client):
    """GetAccountSummary's SummaryMap: the account's IAM counts and quotas, keys as IAM spells them."""
    return client.get_account_summary()["SummaryMap"]
