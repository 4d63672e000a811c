"""Application Auto Scaling DescribeScalingPolicies honours PolicyNames and matches ResourceId exactly.

AWS: ``DescribeScalingPolicies(PolicyNames=[...])`` returns only the named policies, and ``ResourceId`` selects
one resource exactly.
moto 5.2.5: ignores ``PolicyNames`` and matches ``ResourceId`` as a substring, so a service with two policies
(CPU and memory) answers a query for the second with the first, and community.aws.application_autoscaling_policy
rewrites that policy on every run.
"""

import json

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse, _build_policy


def select(policies, service_namespace, resource_id, scalable_dimension, policy_names):
    return [
        p for p in policies
        if p.service_namespace == service_namespace
        and (not resource_id or p.resource_id == resource_id)
        and (not scalable_dimension or p.scalable_dimension == scalable_dimension)
        and (not policy_names or p.policy_name in policy_names)
    ]


def apply():
    def describe_scaling_policies(self):
        policies = select(
            self.applicationautoscaling_backend.policies.values(),
            self._get_param("ServiceNamespace"),
            self._get_param("ResourceId"),
            self._get_param("ScalableDimension"),
            self._get_param("PolicyNames") or [],
        )
        start = int(self._get_param("NextToken") or 0)
        end = start + (self._get_int_param("MaxResults") or 100)
        return json.dumps({
            "ScalingPolicies": [_build_policy(p) for p in policies[start:end]],
            "NextToken": str(end) if end < len(policies) else None,
        })

    ApplicationAutoScalingResponse.describe_scaling_policies = describe_scaling_policies
