"""Application Auto Scaling DeregisterScalableTarget: ObjectNotFoundException, and the target's policies go with it.

AWS: ``DeregisterScalableTarget`` on a target that is not registered fails with ``ObjectNotFoundException``;
deregistering a target deletes the scaling policies (and their CloudWatch alarms) and the scheduled actions
associated with it.
moto 5.2.5: answers ``ValidationException`` for a missing target, and keeps the target's policies and scheduled
actions after deregistering it, so a client that reads ``ObjectNotFoundException`` as "already gone"
(tickr.aws.application_autoscaling_scalable_target) fails instead, and orphaned policies stay listed.
"""

from moto.applicationautoscaling.models import ApplicationAutoscalingBackend
from moto.core.exceptions import JsonRESTError


class ObjectNotFoundException(JsonRESTError):
    def __init__(self, message):
        super().__init__("ObjectNotFoundException", message)


def _same(thing, namespace, resource_id, dimension):
    return (thing.service_namespace, thing.resource_id, thing.scalable_dimension) == (namespace, resource_id, dimension)


def deregister_scalable_target(self, namespace, r_id, dimension):
    target = self.targets.get(dimension, {}).get(r_id)
    if target is None or target.service_namespace != namespace:
        raise ObjectNotFoundException(
            f"No scalable target registered for service namespace: {namespace}, resource ID: {r_id}, "
            f"scalable dimension: {dimension}")
    for key, policy in list(self.policies.items()):
        if _same(policy, namespace, r_id, dimension):
            policy.delete_alarms(self.account_id, self.region_name)
            del self.policies[key]
    self.scheduled_actions = [a for a in self.scheduled_actions if not _same(a, namespace, r_id, dimension)]
    del self.targets[dimension][r_id]


def apply():
    ApplicationAutoscalingBackend.deregister_scalable_target = deregister_scalable_target
