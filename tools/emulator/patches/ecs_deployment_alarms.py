"""A service deployment whose deployment alarm is in ALARM fails, and rolls back when the service asks for it.

AWS: ``deploymentConfiguration.alarms`` (``alarmNames``, ``enable``, ``rollback``) makes ECS watch CloudWatch
alarms while a rolling deployment goes on: when one of them is in ALARM, ECS sets the deployment to FAILED
(service event "deployment failed: alarm detected."), and with ``rollback`` returns the service to the last
deployment that completed: the service's task definition and a new PRIMARY deployment are that one's, whose tasks
replace the failed deployment's. See https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentAlarms.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html and
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html.
moto 5.2.5: stores the alarms and never reads them (its deployments never end either).
Modelled at the call, as patches/ecs_fargate_task_start.py rolls deployments out: a deployment whose tasks all
started is checked once against its alarms' state at that moment; the bake time is not modelled.
"""

from moto.cloudwatch.models import cloudwatch_backends

from . import ecs_fargate_task_start as rollouts

ALARM_DETECTED = "deployment failed: alarm detected."


def firing(backend, service):
    """The service's enabled deployment alarms that are in ALARM, and whether ECS rolls back on them."""
    alarms = (getattr(service, "deployment_configuration", None) or {}).get("alarms") or {}
    if not alarms.get("enable"):
        return [], False
    found = cloudwatch_backends[backend.account_id][backend.region_name].alarms
    names = [n for n in alarms.get("alarmNames") or [] if n in found and found[n].state_value == "ALARM"]
    return names, bool(alarms.get("rollback"))


def apply():
    original_roll_out = rollouts.roll_out

    def roll_out(backend, service, deployment, adopt=False):
        previous = next((d for d in service.deployments if d is not deployment and d.get("tickr_completed")), None)
        original_roll_out(backend, service, deployment, adopt=adopt)
        if adopt or deployment.get("rolloutState") != "COMPLETED":
            return
        names, rollback = firing(backend, service)
        if not names:
            return
        deployment["rolloutState"] = "FAILED"
        deployment["rolloutStateReason"] = f"ECS deployment {deployment['id']} failed: alarm(s) {', '.join(names)} in ALARM."
        deployment.pop("tickr_completed", None)
        rollouts._event(service, f"(deployment {deployment['id']}) {ALARM_DETECTED}")
        if not rollback or previous is None:
            return
        rollouts._event(service, f"rolling back to deployment {previous['id']}.")
        back = rollouts._new_deployment(service, previous["taskDefinition"])
        back["rolloutStateReason"] = f"ECS deployment alarms: rolling back to deploymentId {previous['id']}."
        service.task_definition = previous["taskDefinition"]
        deployment["status"] = "ACTIVE"
        service.deployments = [back, deployment]
        original_roll_out(backend, service, back)
        if back["rolloutState"] == "COMPLETED":
            back["tickr_completed"] = True

    rollouts.roll_out = roll_out
