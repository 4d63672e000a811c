"""Bad input of the log switches (VPC flow logs, the ALB's access logs, on in production): names CloudWatch Logs,
IAM, S3 or ELB would refuse only once the switch's resources are being made, halfway through a run. Each case
stops site.yml before any AWS call with one message naming the variable and the rule, and leaves the account
empty (the harness of bad_input.py)."""

import pytest

from bad_input import bad_input_test, empty_account  # noqa: F401 # pylint: disable=unused-import

pytestmark = pytest.mark.integration

FLOW_LOGS = {"networking_flow_logs": True}
ACCESS_LOGS = {"ecs_service_alb_access_logs": True, "ecs_service_alb_access_logs_bucket": "tickr-local-alb-logs"}

NETWORK_CASES = {
    "flow-logs-retention-not-offered": (
        {**FLOW_LOGS, "networking_flow_logs_retention_days": 10}, "networking_flow_logs_retention_days", ["10"]),
    "flow-logs-group-name": (
        {**FLOW_LOGS, "networking_flow_logs_log_group": "tickr flow logs"}, "networking_flow_logs_log_group",
        ["tickr flow logs", "not a CloudWatch Logs group name"]),
    "flow-logs-role-name": (
        {**FLOW_LOGS, "networking_flow_logs_role_name": "tickr/flow-logs"}, "networking_flow_logs_role_name",
        ["tickr/flow-logs", "not an IAM role name"]),
}

SERVICE_CASES = {
    "access-logs-bucket-uppercase": (
        {**ACCESS_LOGS, "ecs_service_alb_access_logs_bucket": "Tickr-ALB-Logs"}, "ecs_service_alb_access_logs_bucket",
        ["'Tickr-ALB-Logs'", "is not an S3 bucket name", "lowercase"]),
    "access-logs-bucket-reserved-suffix": (
        {**ACCESS_LOGS, "ecs_service_alb_access_logs_bucket": "tickr-logs-s3alias"},
        "ecs_service_alb_access_logs_bucket", ["'tickr-logs-s3alias'", "not ending with -s3alias"]),
    "access-logs-prefix-awslogs": (
        {**ACCESS_LOGS, "ecs_service_alb_access_logs_prefix": "alb/AWSLogs"}, "ecs_service_alb_access_logs_prefix",
        ["'alb/AWSLogs'", "without 'AWSLogs'"]),
    "access-logs-prefix-trailing-slash": (
        {**ACCESS_LOGS, "ecs_service_alb_access_logs_prefix": "alb/"}, "ecs_service_alb_access_logs_prefix",
        ["'alb/'", "neither starting nor ending with '/'"]),
}

# Only the switch's role: the case stays about its variable whatever the other roles' settings.
test_bad_flow_logs_input_fails_before_any_aws_call = bad_input_test(NETWORK_CASES, "--tags", "networking",
                                                                    inventory="inventories/local")
test_bad_access_logs_input_fails_before_any_aws_call = bad_input_test(SERVICE_CASES, "--tags", "ecs_service",
                                                                      inventory="inventories/local")
