"""Bad input of the tracing sidecar and its images: each invalid value stops site.yml before any AWS call, with one
message naming the variable and the rule, and leaves the account empty (the harness of bad_input.py).

Without a NAT gateway (V1) Fargate can pull only from this region's private ECR, so an image of another registry
would leave every task stopped with CannotPullContainerError: it is refused before anything is built."""

import pytest

from bad_input import bad_input_test, empty_account  # noqa: F401 # pylint: disable=unused-import

pytestmark = pytest.mark.integration

PUBLIC_COLLECTOR = "public.ecr.aws/aws-observability/aws-otel-collector:v0.50.0"

CASES = {
    "collector-image-on-ecr-public-without-nat": (
        {"ecs_service_otel_collector_image": PUBLIC_COLLECTOR}, "ecs_service_otel_collector_image",
        [PUBLIC_COLLECTOR, "not in this region's private ECR", "without a NAT gateway", "pull through cache"]),
    "backend-image-on-docker-hub-without-nat": (
        {"ecs_service_image": "docker.io/library/node:20"}, "ecs_service_image",
        ["docker.io/library/node:20", "not in this region's private ECR", "cannot reach it"]),
    "backend-image-of-another-region": (
        {"ecs_service_image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/tickr-backend:v1"}, "ecs_service_image",
        ["us-east-1", "not in this region's private ECR"]),
    "xray-daemon-variable-renamed": (
        {"ecs_service_xray": True}, "ecs_service_xray", ["no longer read", "end of support 25 February 2027", "ecs_service_tracing"]),
    "xray-daemon-image-variable-renamed": (
        {"ecs_service_xray_image": "public.ecr.aws/xray/aws-xray-daemon:3.3.13"}, "ecs_service_xray_image",
        ["no longer read", "ecs_service_otel_collector_upstream_image"]),
    "collector-upstream-not-the-cached-registry": (
        {"ecs_service_otel_collector_upstream_image": "docker.io/otel/opentelemetry-collector:0.120.0"},
        "ecs_service_otel_collector_upstream_image", ["must be an image of ecs_service_pull_through_cache_upstream", "public.ecr.aws/"]),
    "pull-through-cache-prefix-uppercase": (
        {"ecs_service_pull_through_cache_prefix": "ECR-Public"}, "ecs_service_pull_through_cache_prefix",
        ["'ECR-Public'", "not an ECR repository prefix"]),
}


# Only this role's checks: the case stays about its variable whatever the other roles' settings.
test_bad_tracing_input_fails_before_any_aws_call = bad_input_test(CASES, "--tags", "ecs_service",
                                                                  inventory="inventories/local")
