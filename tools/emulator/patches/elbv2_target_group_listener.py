"""ECS CreateService and UpdateService refuse a target group that no load balancer listener forwards to.

AWS: a service's ``loadBalancers[].targetGroupArn`` must belong to a target group that a load balancer uses, that
is, one that a listener's default action or one of its rules forwards to (``forward``, or a weighted
``ForwardConfig``); otherwise ``CreateService`` (and ``UpdateService`` given ``loadBalancers``) fails with
``InvalidParameterException``: "The target group with targetGroupArn <arn> does not have an associated load
balancer." A listener whose only action redirects (HTTP to HTTPS) does not associate the target group.
See https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html (loadBalancers),
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-service-load-balancers.html and
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html
(a target group receives traffic only once a listener rule forwards to it).
moto 5.2.5: accepts any target group ARN, even one behind no listener, so a first run that has only the
redirect listener "succeeds" where AWS fails.
"""

from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend
from moto.elbv2.models import elbv2_backends

MESSAGE = "The target group with targetGroupArn {arn} does not have an associated load balancer."


def target_groups_behind_a_listener(account_id, region):
    """The ARNs of the target groups some listener (default action or rule) forwards to."""
    backend = elbv2_backends[account_id][region]
    forwarded = set()
    for load_balancer in backend.load_balancers.values():
        for listener in load_balancer.listeners.values():
            actions = list(listener.default_actions or [])
            for rule in listener.rules.values():
                actions.extend(rule.actions)
            for action in actions:
                data = getattr(action, "data", action) or {}
                if str(data.get("Type", "")).lower() != "forward":
                    continue
                forwarded.update(backend._get_target_group_arns_from(action_data=data))
    return forwarded


def check_load_balancers(account_id, region, load_balancers):
    """Raise AWS's error for the first target group no listener forwards to."""
    arns = [lb.get("targetGroupArn") for lb in load_balancers or [] if lb.get("targetGroupArn")]
    if not arns:
        return
    forwarded = target_groups_behind_a_listener(account_id, region)
    for arn in arns:
        if arn not in forwarded:
            raise InvalidParameterException(MESSAGE.format(arn=arn))


def apply():
    original_create = EC2ContainerServiceBackend.create_service
    original_update = EC2ContainerServiceBackend.update_service

    def create_service(self, cluster_str, service_name, desired_count, task_definition_str=None,
                       load_balancers=None, *args, **kwargs):
        check_load_balancers(self.account_id, self.region_name, load_balancers)
        return original_create(self, cluster_str, service_name, desired_count, task_definition_str, load_balancers,
                               *args, **kwargs)

    def update_service(self, service_properties):
        check_load_balancers(self.account_id, self.region_name, service_properties.get("load_balancers"))
        return original_update(self, service_properties)

    EC2ContainerServiceBackend.create_service = create_service
    EC2ContainerServiceBackend.update_service = update_service
