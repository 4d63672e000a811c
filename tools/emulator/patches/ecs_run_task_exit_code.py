"""A one-off Fargate task (RunTask) runs its command and stops with the exit code the command gives.

AWS: a task started by ``RunTask`` runs until its essential container exits; the task then stops
(``lastStatus`` STOPPED, ``stopCode`` EssentialContainerExited, ``stoppedReason`` "Essential container in task
exited") and ``DescribeTasks`` gives each container's ``exitCode``. The command is the container override's
(``overrides.containerOverrides[].command``) or the task definition's.
See https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html,
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Container.html (exitCode) and
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html.
moto 5.2.5: a run task walks through RUNNING to STOPPED at each DescribeTasks, whatever its command, with no exit
code.
Modelled: the emulator runs no image. An essential container given a command runs it to its end: its exit code is
the number of the command's last ``exit <n>`` (``["sh", "-c", "exit 3"]`` exits 3), else 0; the task stops, its
other containers stopped with it. A container with no command (the image's server) keeps running. Service tasks
and tasks that failed to start (patches/ecs_fargate_task_start.py) are left as they are.
"""

import re

from moto.ecs.models import EC2ContainerServiceBackend

from . import ecs_fargate_task_start

EXIT = re.compile(r"\bexit\s+(\d+)")
ESSENTIAL_EXITED = "Essential container in task exited"


def exit_code(command):
    """The code a command exits with, as the emulator models it."""
    found = EXIT.findall(" ".join(str(part) for part in command or []))
    return int(found[-1]) % 256 if found else 0


def _commands(task_definition, overrides):
    """Each essential container's command (the override's, else the definition's), or None without one."""
    overridden = {o.get("name"): o.get("command") for o in (overrides or {}).get("containerOverrides") or []}
    return {c.get("name"): overridden.get(c.get("name")) or c.get("command")
            for c in task_definition.container_definitions or [] if c.get("essential", True)}


def apply():
    original_run_task = EC2ContainerServiceBackend.run_task

    def run_task(self, cluster_str, task_definition_str, count, overrides, started_by, tags, launch_type,
                 networking_configuration=None, group=None, platform_version=None, capacity_provider_strategy=None):
        tasks = original_run_task(self, cluster_str, task_definition_str, count, overrides, started_by, tags,
                                  launch_type, networking_configuration, group, platform_version,
                                  capacity_provider_strategy)
        task_definition = self.describe_task_definition(task_definition_str)
        commands = _commands(task_definition, overrides)
        exited = {name: exit_code(command) for name, command in commands.items() if command}
        for task in tasks:
            if task.desired_status == "STOPPED" or (task.group or "").startswith("service:"):
                continue
            if not exited:  # a server runs until stopped: moto would move it on to STOPPED by itself
                ecs_fargate_task_start._hold(task, "RUNNING")
                continue
            # moto's own Container objects carry no exit code: the containers as DescribeTasks gives them.
            task.containers = ecs_fargate_task_start._containers(task, task_definition, "RUNNING")
            for container in task.containers:
                if container.get("name") in exited:
                    container["exitCode"] = exited[container["name"]]
            ecs_fargate_task_start._stop(task, "EssentialContainerExited", ESSENTIAL_EXITED)
        return tasks

    EC2ContainerServiceBackend.run_task = run_task
