# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Application Auto Scaling calls of tickr.aws.application_autoscaling_scalable_target: each one retried with
jittered backoff, each failure raised as AnsibleApplicationAutoScalingError with AWS's message, and how a scaling
policy is compared (as community.aws.application_autoscaling_policy compares it)."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

# Another change to the same target in flight (a policy being put, for one) answers ConcurrentUpdateException.
RETRY = AWSRetry.jittered_backoff(catch_extra_error_codes=["ConcurrentUpdateException"])

# What community.aws.application_autoscaling_policy compares, when the policy found has it.
POLICY_ATTRIBUTES = ("PolicyName", "ServiceNamespace", "ResourceId", "ScalableDimension", "PolicyType",
                     "StepScalingPolicyConfiguration", "TargetTrackingScalingPolicyConfiguration")


class AnsibleApplicationAutoScalingError(AnsibleAWSError):
    pass


class ApplicationAutoScalingErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleApplicationAutoScalingError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ObjectNotFoundException")


def target_key(service_namespace, resource_id, scalable_dimension):
    return {"ServiceNamespace": service_namespace, "ResourceId": resource_id, "ScalableDimension": scalable_dimension}


@ApplicationAutoScalingErrorHandler.list_error_handler("describe the scalable target")
@RETRY
def describe_scalable_target(client, key):
    """The target registered for ``key``; None when there is none."""
    found = client.describe_scalable_targets(ServiceNamespace=key["ServiceNamespace"], ResourceIds=[key["ResourceId"]],
                                             ScalableDimension=key["ScalableDimension"])["ScalableTargets"]
    found = [t for t in found if t.get("ResourceId") == key["ResourceId"]]
    return found[0] if found else None


@ApplicationAutoScalingErrorHandler.common_error_handler("register the scalable target")
@RETRY
def register_scalable_target(client, **params):
    client.register_scalable_target(**params)


@ApplicationAutoScalingErrorHandler.deletion_error_handler("deregister the scalable target")
@RETRY
def deregister_scalable_target(client, key):
    client.deregister_scalable_target(**key)
    return True


@ApplicationAutoScalingErrorHandler.list_error_handler("describe the scaling policies", [])
@RETRY
def describe_scaling_policies(client, key, names):
    """The target's policies named ``names``, every page."""
    paginator = client.get_paginator("describe_scaling_policies")
    return paginator.paginate(PolicyNames=list(names), **key).build_full_result()["ScalingPolicies"]


@ApplicationAutoScalingErrorHandler.common_error_handler("put the scaling policy")
@RETRY
def put_scaling_policy(client, **policy):
    client.put_scaling_policy(**policy)


def wanted_policy(key, policy):
    """PutScalingPolicy's arguments for one of the module's ``policies`` (its configuration passed as given)."""
    wanted = dict(key, PolicyName=policy["policy_name"], PolicyType=policy["policy_type"])
    if policy.get("step_scaling_policy_configuration"):
        wanted["StepScalingPolicyConfiguration"] = policy["step_scaling_policy_configuration"]
    elif policy.get("target_tracking_scaling_policy_configuration"):
        wanted["TargetTrackingScalingPolicyConfiguration"] = policy["target_tracking_scaling_policy_configuration"]
    return wanted


def policy_in_place(found, wanted):
    """Whether the policy ``found`` (DescribeScalingPolicies) already is ``wanted``: each attribute the policy found
    has, equal to the one asked for (what community.aws.application_autoscaling_policy compares)."""
    return found is not None and all(found[attr] == wanted.get(attr) for attr in POLICY_ATTRIBUTES if attr in found)
