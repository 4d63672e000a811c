# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters that check ECS Fargate and CloudWatch Logs inputs against AWS's rules before anything is created, and
shape the service's containers and task count."""


# Fargate (Linux) task sizes: cpu units -> the memory values (MiB) AWS accepts with it.
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
FARGATE_TASK_SIZES = {
    256: [512, 1024, 2048],
    512: list(range(1024, 4096 + 1, 1024)),
    1024: list(range(2048, 8192 + 1, 1024)),
    2048: list(range(4096, 16384 + 1, 1024)),
    4096: list(range(8192, 30720 + 1, 1024)),
    8192: list(range(16384, 61440 + 1, 4096)),
    16384: list(range(32768, 122880 + 1, 8192)),
}

# The values PutRetentionPolicy accepts (days).
LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                      3288, 3653]


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _ranges(memories):
    if len(memories) <= 3:
        return ", ".join(str(m) for m in memories)
    return f"{memories[0]}-{memories[-1]} in steps of {memories[1] - memories[0]}"


def fargate_task_size_errors(cpu, memory, cpu_variable="ecs_service_cpu", memory_variable="ecs_service_memory"):
    """Errors of a Fargate task size: cpu one of Fargate's values, memory one AWS pairs with that cpu."""
    cpu_units, memory_mib = _int(cpu), _int(memory)
    if cpu_units not in FARGATE_TASK_SIZES:
        return [f"{cpu_variable}: '{cpu}' is not a Fargate cpu value; AWS takes {', '.join(str(c) for c in FARGATE_TASK_SIZES)}"]
    allowed = FARGATE_TASK_SIZES[cpu_units]
    if memory_mib not in allowed:
        return [f"{memory_variable}: '{memory}' MiB is not a Fargate memory value for {cpu_variable}={cpu_units}; "
                f"AWS takes {_ranges(allowed)}"]
    return []


def log_retention_errors(days, variable="ecs_service_log_retention_days"):
    """Errors of a CloudWatch Logs retention: one of the day counts PutRetentionPolicy accepts."""
    if _int(days) not in LOG_RETENTION_DAYS:
        return [f"{variable}: '{days}' is not a retention CloudWatch Logs accepts; "
                f"use one of {', '.join(str(d) for d in LOG_RETENTION_DAYS)}"]
    return []


def ecs_container_secrets(wanted, found):
    """ECS ``secrets:`` entries for the secrets that exist.

    ``wanted`` maps an environment variable to a secret name (``{DB_PASSWORD: tickr/db/password}``), ``found``
    maps secret names to what ``tickr.aws.secretsmanager_secret_info`` returned; gives
    ``[{name: DB_PASSWORD, valueFrom: <arn>}]`` in ``wanted``'s order, leaving out secrets not found.
    """
    return [{"name": env, "valueFrom": found[secret]["arn"]} for env, secret in wanted.items() if secret in found]


def ecs_environment(variables):
    """ECS ``environment:`` entries from a mapping, in its order, leaving out empty values (as strings)."""
    return [{"name": name, "value": str(value)} for name, value in variables.items() if value not in (None, "")]


def scaled_count(current, desired, minimum, maximum):
    """The task count to give an ECS service: ``current``, the desired count of the service as it runs (0 when there
    is none, tickr.aws.ecs_service_image_info), when it lies within the auto scaling range (auto scaling chose it),
    else ``desired``, the count a new service starts with. A service at 0 has not started (it waited for its first
    image, or was stopped by hand): auto scaling never chose 0 for it."""
    current = _int(current or 0)
    if current and _int(minimum) <= current <= _int(maximum):
        return current
    return _int(desired)


class FilterModule:
    def filters(self):
        return {
            "fargate_task_size_errors": fargate_task_size_errors,
            "log_retention_errors": log_retention_errors,
            "ecs_container_secrets": ecs_container_secrets,
            "ecs_environment": ecs_environment,
            "scaled_count": scaled_count,
        }
