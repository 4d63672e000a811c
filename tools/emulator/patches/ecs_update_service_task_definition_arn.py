"""ECS UpdateService records the task definition's full ARN.

AWS: after ``UpdateService(taskDefinition="family:revision")`` the service's ``taskDefinition`` (in the answer and
in ``DescribeServices``) is the full ARN, ``arn:aws:ecs:<region>:<account>:task-definition/family:revision``, as after
``CreateService``.
moto 5.2.5: stores the string as given (``family:revision``), so a deploy looks different from a create.
"""

from moto.ecs.models import EC2ContainerServiceBackend


def apply():
    original = EC2ContainerServiceBackend.update_service

    def update_service(self, service_properties):
        task_definition = service_properties.get("task_definition")
        service = original(self, service_properties)
        if task_definition:
            service.task_definition = self.describe_task_definition(task_definition).arn
        return service

    EC2ContainerServiceBackend.update_service = update_service
