"""Bad input of the network's endpoints: without a NAT gateway (V1), an AWS API the ECS tasks use must have its
endpoint, or the tasks have no route to it (the SES API's, com.amazonaws.<region>.email, above all: the app sends its
mail through it); the principals the endpoints admit must be IAM role names. Each case stops site.yml before any
AWS call with one message naming the variable and the rule, and leaves the account empty (the harness of
bad_input.py)."""

import pytest

from bad_input import bad_input_test, empty_account, run_with_values  # noqa: F401 # pylint: disable=unused-import

pytestmark = pytest.mark.integration

# The interface endpoints of 0.1.x: all but the SES API's.
WITHOUT_SES = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sns", "monitoring", "xray"]

CASES = {
    "ses-api-endpoint-missing-without-nat": (
        {"networking_interface_endpoints": WITHOUT_SES}, "networking_interface_endpoints",
        ["has no 'email' endpoint", "without a NAT gateway", "SES API"]),
    "s3-gateway-missing-without-nat": (
        {"networking_gateway_endpoints": []}, "networking_gateway_endpoints",
        ["has no 's3' endpoint", "without a NAT gateway", "networking_task_apis"]),
    "task-api-without-endpoint": (
        {"networking_task_apis": ["logs", "kms"]}, "networking_interface_endpoints", ["has no 'kms' endpoint"]),
    # An ARN where a role name goes would make the endpoints admit arn:aws:iam::<account>:role/arn:aws:..., no role.
    "endpoint-principal-not-a-role-name": (
        {"networking_endpoint_principals": ["ecsTaskExecutionRole", "arn:aws:iam::123456789012:role/tickrBackendTaskRole"]},
        "networking_endpoint_principals",
        ["arn:aws:iam::123456789012:role/tickrBackendTaskRole", "are not IAM role names", "1-64 letters", "no path or ARN"]),
    "endpoint-principal-too-long": (
        {"networking_endpoint_principals": ["r" * 65]}, "networking_endpoint_principals",
        ["r" * 65, "are not IAM role names", "1-64"]),
}


# Only this role's checks: the case stays about its variable whatever the other roles' settings.
test_bad_network_input_fails_before_any_aws_call = bad_input_test(CASES, "--tags", "networking",
                                                                  inventory="inventories/local")


def test_with_a_nat_gateway_the_endpoints_are_a_choice(empty_account, proxy_factory, run_playbook, tmp_path):  # noqa: F811
    """V2 reaches AWS through NAT: no endpoint is required, the settings check passes (only --check is run here)."""
    run = run_with_values(proxy_factory, run_playbook, tmp_path,
                          {"networking_nat_gateway": True, "networking_interface_endpoints": []},
                          "--tags", "networking", "--check", inventory="inventories/local")[1]
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
