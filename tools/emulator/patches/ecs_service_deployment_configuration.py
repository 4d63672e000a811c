"""ECS CreateService keeps the deployment configuration, health check grace period and execute-command flag.

AWS: ``CreateService`` stores ``deploymentConfiguration`` (``maximumPercent`` 200, ``minimumHealthyPercent`` 100 and
``deploymentCircuitBreaker`` ``{enable: false, rollback: false}`` unless given), ``healthCheckGracePeriodSeconds``
(0 unless given) and ``enableExecuteCommand`` (false), and ``DescribeServices`` returns them.
moto 5.2.5: drops all three on create (only ``UpdateService`` stores them), so ``DescribeServices`` omits
``deploymentConfiguration`` and clients that compare the grace period (community.aws.ecs_service) update the
service on every run.
"""

from moto.ecs.responses import EC2ContainerServiceResponse

DEFAULT_DEPLOYMENT_CONFIGURATION = {
    "deploymentCircuitBreaker": {"enable": False, "rollback": False},
    "maximumPercent": 200,
    "minimumHealthyPercent": 100,
}


def deployment_configuration(requested):
    """AWS's defaults completed with what the request gave."""
    merged = {**DEFAULT_DEPLOYMENT_CONFIGURATION, **(requested or {})}
    merged["deploymentCircuitBreaker"] = {**DEFAULT_DEPLOYMENT_CONFIGURATION["deploymentCircuitBreaker"],
                                          **(requested or {}).get("deploymentCircuitBreaker", {})}
    return merged


def apply():
    original_create = EC2ContainerServiceResponse.create_service

    def create_service(self):
        result = original_create(self)
        service = result.result["service"]
        service.deployment_configuration = deployment_configuration(self._get_param("deploymentConfiguration"))
        service.health_check_grace_period_seconds = self._get_param("healthCheckGracePeriodSeconds") or 0
        service.enable_execute_command = bool(self._get_param("enableExecuteCommand", False))
        return result

    EC2ContainerServiceResponse.create_service = create_service
