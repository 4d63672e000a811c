import pytest

from ansible_collections.tickr.aws.plugins.filter.ecs import (
    FARGATE_TASK_SIZES,
    fargate_task_size_errors,
    log_retention_errors,
    scaled_count,
)


@pytest.mark.parametrize("cpu, memory", [(512, 1024), ("512", "1024"), (256, 512), (256, 2048), (1024, 8192),
                                         (4096, 30720), (8192, 61440), (16384, 122880), (512, 4096)])
def test_fargate_accepts(cpu, memory):
    assert fargate_task_size_errors(cpu, memory) == []


@pytest.mark.parametrize(
    "cpu, memory, expected",
    [
        (512, 512, "ecs_service_memory: '512' MiB is not a Fargate memory value for ecs_service_cpu=512; AWS takes 1024-4096 in steps of 1024"),
        (256, 4096, "ecs_service_memory: '4096' MiB is not a Fargate memory value for ecs_service_cpu=256; AWS takes 512, 1024, 2048"),
        (1024, 1500, "ecs_service_memory: '1500'"),
        (8192, 20000, "steps of 4096"),
        (300, 1024, "ecs_service_cpu: '300' is not a Fargate cpu value; AWS takes 256, 512"),
        ("half", 1024, "ecs_service_cpu: 'half' is not a Fargate cpu value"),
    ],
)
def test_fargate_rejects_with_the_variable_and_rule(cpu, memory, expected):
    errors = fargate_task_size_errors(cpu, memory)
    assert len(errors) == 1 and expected in errors[0], errors


def test_the_variables_blamed_are_the_callers():
    assert fargate_task_size_errors(1, 1, "x_cpu", "x_mem")[0].startswith("x_cpu:")
    assert fargate_task_size_errors(512, 1, "x_cpu", "x_mem")[0].startswith("x_mem:")


def test_the_table_holds_fargate_sizes():
    assert sorted(FARGATE_TASK_SIZES) == [256, 512, 1024, 2048, 4096, 8192, 16384]
    assert FARGATE_TASK_SIZES[2048][0] == 4096 and FARGATE_TASK_SIZES[2048][-1] == 16384


@pytest.mark.parametrize("days", [1, 7, 30, "14", 3653])
def test_log_retention_accepts(days):
    assert log_retention_errors(days) == []


@pytest.mark.parametrize("days", [0, 2, 10, 3650, "week", None])
def test_log_retention_rejects(days):
    errors = log_retention_errors(days, "ecs_service_log_retention_days")
    assert len(errors) == 1 and errors[0].startswith("ecs_service_log_retention_days: ") and "7, 14, 30" in errors[0]


def test_ecs_container_secrets_keep_order_and_skip_missing():
    from ansible_collections.tickr.aws.plugins.filter.ecs import ecs_container_secrets
    found = {"t/db/password": {"arn": "arn:db"}, "t/jwt/secret": {"arn": "arn:jwt"}}
    wanted = {"DB_PASSWORD": "t/db/password", "JWT_SECRET": "t/jwt/secret", "REDIS_AUTH_TOKEN": "t/redis/auth-token"}
    assert ecs_container_secrets(wanted, found) == [
        {"name": "DB_PASSWORD", "valueFrom": "arn:db"}, {"name": "JWT_SECRET", "valueFrom": "arn:jwt"}]


def test_ecs_environment_leaves_out_empty_values():
    from ansible_collections.tickr.aws.plugins.filter.ecs import ecs_environment
    assert ecs_environment({"NODE_ENV": "production", "PORT": 3000, "DB_HOST": "", "X": None}) == [
        {"name": "NODE_ENV", "value": "production"}, {"name": "PORT", "value": "3000"}]


@pytest.mark.parametrize("current, expected", [
    (0, 2),                 # no service yet (or a deleted one, which ecs_service_image_info gives as 0): the starting count
    (3, 3),                 # auto scaling chose 3: kept
    (4, 4),                 # the maximum is in range
    ("0", 2),               # scaled to zero by hand: back to the range
    (9, 2),                 # above the maximum
    (None, 2),              # nothing read (check mode on an empty account)
])
def test_scaled_count_keeps_what_auto_scaling_chose_within_range(current, expected):
    assert scaled_count(current, "2", 2, "4") == expected


def test_scaled_count_starts_a_service_waiting_at_zero_even_when_the_minimum_is_zero():
    # A service created at 0 while its repository was empty: once the image exists it starts the desired count.
    assert scaled_count(0, 2, 0, 4) == 2
