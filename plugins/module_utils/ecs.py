# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Amazon ECS calls of tickr.aws.ecs_cluster_settings, ecs_service_deployment, ecs_service_image_info,
ecs_taskdefinition_image, ecs_service_rollout and ecs_task_run: each one retried with jittered
backoff, each failure raised as AnsibleECSError with AWS's message; and the waiter on a service's deployment.

botocore's ECS waiters do not serve the deployment: services_stable waits for one deployment whose tasks all run,
so a deployment the circuit breaker FAILED is waited on until the timeout (or, rolled back, passes for stable).
The waiter here is a botocore WaiterModel, built as amazon.aws's module_utils/waiters.py builds its own."""

try:
    import botocore.waiter as core_waiter
    from botocore.exceptions import ClientError, WaiterError
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

PRIMARY_ROLLOUT = "services[0].deployments[?status=='PRIMARY'] | [0].rolloutState"
# DescribeTasks takes up to 100 tasks.
DESCRIBE_TASKS_MAX = 100

# rolloutState is documented for ECS-controlled rolling deployments (API_Deployment.html): IN_PROGRESS, then
# COMPLETED, or FAILED when the circuit breaker stops the deployment.
ecs_data = {
    "version": 2,
    "waiters": {
        "PrimaryDeploymentCompleted": {
            "operation": "DescribeServices",
            "delay": 15,
            "maxAttempts": 60,
            "acceptors": [
                {"matcher": "path", "argument": PRIMARY_ROLLOUT, "expected": "COMPLETED", "state": "success"},
                {"matcher": "path", "argument": PRIMARY_ROLLOUT, "expected": "FAILED", "state": "failure"},
                {"matcher": "path", "argument": "failures[0].reason", "expected": "MISSING", "state": "failure"},
                {"matcher": "path", "argument": "services[0].status", "expected": "INACTIVE", "state": "failure"},
            ],
        },
    },
}


def ecs_model(name):
    ecs_models = core_waiter.WaiterModel(waiter_config=ecs_data)
    return ecs_models.get_waiter(name)


waiters_by_name = {
    "primary_deployment_completed": lambda ecs: core_waiter.Waiter(
        "primary_deployment_completed",
        ecs_model("PrimaryDeploymentCompleted"),
        core_waiter.NormalizedOperationMethod(ecs.describe_services),
    ),
}


def get_waiter(client, waiter_name):
    return waiters_by_name[waiter_name](client)


class AnsibleECSError(AnsibleAWSError):
    pass


class ECSErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleECSError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["ClusterNotFoundException", "ServiceNotFoundException"])


@ECSErrorHandler.common_error_handler("describe the ECS cluster")
@AWSRetry.jittered_backoff()
def describe_clusters(client, cluster):
    """The clusters DescribeClusters finds for ``cluster``, with their settings."""
    return client.describe_clusters(clusters=[cluster], include=["SETTINGS"])["clusters"]


@ECSErrorHandler.common_error_handler("update the ECS cluster's settings")
@AWSRetry.jittered_backoff()
def update_cluster_settings(client, cluster, settings):
    """The cluster as UpdateCluster returns it, ``settings`` (name -> value) set."""
    return client.update_cluster(cluster=cluster, settings=[{"name": k, "value": v} for k, v in settings.items()])["cluster"]


@ECSErrorHandler.list_error_handler("describe the ECS service")
@AWSRetry.jittered_backoff()
def describe_service(client, cluster, service):
    """The service; None when the cluster does not hold it."""
    return (client.describe_services(cluster=cluster, services=[service]).get("services") or [None])[0]


@ECSErrorHandler.list_error_handler("list the ECS service's stopped tasks", [])
@AWSRetry.jittered_backoff()
def list_stopped_tasks(client, cluster, service):
    """The ARNs of the service's stopped tasks ECS still lists, newest first (ListTasks' first page)."""
    return client.list_tasks(cluster=cluster, serviceName=service, desiredStatus="STOPPED").get("taskArns", [])


@ECSErrorHandler.list_error_handler("describe the ECS service's stopped tasks", [])
@AWSRetry.jittered_backoff()
def describe_tasks(client, cluster, arns):
    return client.describe_tasks(cluster=cluster, tasks=list(arns)).get("tasks", [])


def stopped_tasks(client, cluster, service):
    """The service's stopped tasks (up to DescribeTasks' 100), described."""
    arns = list_stopped_tasks(client, cluster, service)[:DESCRIBE_TASKS_MAX]
    return describe_tasks(client, cluster, arns) if arns else []


@ECSErrorHandler.common_error_handler("describe the ECS service")
def wait_for_primary_deployment(client, cluster, service, delay, max_attempts):
    """Waits for the service's PRIMARY deployment: ``completed``, or why the waiter stopped: ``timeout`` after
    ``max_attempts`` DescribeServices ``delay`` seconds apart, ``missing`` (no such service, or INACTIVE), ``failed``
    (rolloutState FAILED). DescribeServices' own error is raised with AWS's message."""
    try:
        get_waiter(client, "primary_deployment_completed").wait(
            cluster=cluster, services=[service], WaiterConfig={"Delay": delay, "MaxAttempts": max_attempts})
    except WaiterError as e:
        last = e.last_response or {}
        if "Max attempts exceeded" in str(e):
            return "timeout"
        if last.get("Error"):
            raise ClientError(last, "DescribeServices") from e
        found = (last.get("services") or [None])[0]
        return "missing" if not found or found.get("status") == "INACTIVE" else "failed"
    return "completed"


@ECSErrorHandler.common_error_handler("describe the ECS task definition")
@AWSRetry.jittered_backoff()
def describe_task_definition(client, task_definition):
    """The task definition (ARN or family:revision) and its tags as a dict."""
    found = client.describe_task_definition(taskDefinition=task_definition, include=["TAGS"])
    return found["taskDefinition"], {t["key"]: t["value"] for t in found.get("tags") or []}


@ECSErrorHandler.common_error_handler("register the ECS task definition")
@AWSRetry.jittered_backoff()
def register_task_definition(client, definition):
    """The task definition RegisterTaskDefinition made of ``definition`` (its parameters)."""
    return client.register_task_definition(**definition)["taskDefinition"]


@ECSErrorHandler.common_error_handler("update the ECS service")
@AWSRetry.jittered_backoff()
def update_service(client, cluster, service, **changes):
    """The service as UpdateService returns it, ``changes`` (UpdateService's parameters) made."""
    return client.update_service(cluster=cluster, service=service, **changes)["service"]


@ECSErrorHandler.common_error_handler("run the ECS task")
@AWSRetry.jittered_backoff()
def run_task(client, **params):
    """The task RunTask started; ECS's failure (no capacity, a missing resource) raised as AnsibleECSError."""
    started = client.run_task(**params)
    if started.get("failures"):
        failure = started["failures"][0]
        raise AnsibleECSError(message=f"ECS could not run the task: {failure.get('reason')} {failure.get('detail') or ''}".strip())
    return started["tasks"][0]


@ECSErrorHandler.common_error_handler("wait for the ECS task to stop")
def wait_for_task_stopped(client, cluster, task, delay, max_attempts):
    """The task once stopped (botocore's tasks_stopped waiter), or None when it still runs after max_attempts."""
    try:
        client.get_waiter("tasks_stopped").wait(cluster=cluster, tasks=[task],
                                                WaiterConfig={"Delay": delay, "MaxAttempts": max_attempts})
    except WaiterError as e:
        if "Max attempts exceeded" not in str(e):
            raise ClientError(e.last_response or {}, "DescribeTasks") from e
        return None
    return client.describe_tasks(cluster=cluster, tasks=[task])["tasks"][0]
