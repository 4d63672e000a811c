"""Bad input: each invalid inventory value stops site.yml before any AWS call, with a message that names the
variable and the rule it breaks, and leaves the account empty.

site.yml checks the stack's own values, then every role's settings (each role's tasks_from=validate with its argument
spec), before the first role runs: a case costs one ansible-playbook start, a few seconds.

A case is (values, variable, rule): ``values`` are given as extra vars from a JSON file, which take precedence over
the inventory as a wrong value in group_vars would (UNDEFINED removes a value from a copy of the inventory instead);
``variable`` must be the one the failure blames, and no other; every word of ``rule`` must appear in the failure.
"""

import shutil

import pytest
import yaml

from bad_input import assert_fails_before_any_aws_call, blamed, empty_account, run_with_values  # noqa: F401 # pylint: disable=unused-import
from conftest import ROOT

pytestmark = pytest.mark.integration

UNDEFINED = object()
PRIVATE = [{"az": "eu-west-1a", "cidr": "10.0.11.0/24"}, {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}]
PUBLIC = [{"az": "eu-west-1a", "cidr": "10.0.1.0/24"}, {"az": "eu-west-1b", "cidr": "10.0.2.0/24"}]
TEMPLATES = [
    # ticket-confirmation's files use {{venue}}: left out of its declared variables.
    {"name": "ticket-confirmation", "variables": ["customer_name", "event_name", "event_date", "tickets", "order_id", "total"]},
    {"name": "event-published", "variables": ["organizer_name", "event_name", "event_date", "venue", "event_url"]},
    {"name": "refund-completed", "variables": ["customer_name", "event_name", "amount", "order_id", "refund_reason"]},
]

CASES = {
    # The stack's own values
    "name-prefix-undefined": ({"tickr_name_prefix": UNDEFINED}, "tickr_name_prefix", ["missing"]),
    "name-prefix-null": ({"tickr_name_prefix": None}, "tickr_name_prefix", ["missing"]),
    "name-prefix-uppercase": ({"tickr_name_prefix": "Tickr"}, "tickr_name_prefix", ["lowercase", "'Tickr'"]),
    "region-malformed": ({"tickr_region": "eu-west1"}, "tickr_region", ["not an AWS region", "eu-west1"]),
    "stack-log-retention-not-cloudwatch": ({"tickr_log_retention_days": 10}, "tickr_log_retention_days",
                                           ["'10'", "CloudWatch Logs accepts"]),
    "stack-allow-data-loss-not-a-list": ({"tickr_allow_data_loss": "rds_backup_retention_days"}, "tickr_allow_data_loss",
                                         ["not a list", "variables"]),
    "account-owner-undefined": ({"tickr_account_owner": UNDEFINED}, "tickr_account_owner", ["missing", "not a boolean"]),
    "account-owner-word": ({"tickr_account_owner": "maybe"}, "tickr_account_owner", ["not a boolean", "account-wide"]),
    # The account leaves the SES sandbox once, at its owner stack's request.
    "production-access-from-another-stack": ({"tickr_account_owner": False, "ses_request_production_access": True},
                                             "ses_request_production_access", ["owns the account's mail"]),
    # Network plan
    "vpc-cidr-syntax": ({"networking_vpc_cidr": "10.0.0.0/33"}, "networking_vpc_cidr", ["10.0.0.0/33", "not an IPv4 CIDR"]),
    "vpc-cidr-too-large": ({"networking_vpc_cidr": "10.0.0.0/8"}, "networking_vpc_cidr", ["/8", "/16 to /28"]),
    "subnet-cidr-host-bits": ({"networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.0.11.5/24"}, PRIVATE[1]]},
                              "networking_private_subnets", ["10.0.11.5/24", "network address"]),
    "subnet-outside-vpc": ({"networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.1.11.0/24"}, PRIVATE[1]]},
                           "networking_private_subnets", ["10.1.11.0/24", "outside the VPC"]),
    "subnets-overlap": ({"networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.0.1.0/25"}, PRIVATE[1]]},
                        "networking_private_subnets", ["10.0.1.0/25", "overlaps", "networking_public_subnets[0]"]),
    "az-of-another-region": ({"networking_private_subnets": [{"az": "us-east-1a", "cidr": "10.0.11.0/24"}, PRIVATE[1]]},
                             "networking_private_subnets", ["us-east-1a", "not an availability zone of region eu-west-1"]),
    "az-twice-in-a-tier": ({"networking_public_subnets": [*PUBLIC, {"az": "eu-west-1a", "cidr": "10.0.3.0/24"}]},
                           "networking_public_subnets", ["eu-west-1a", "one subnet per availability zone"]),
    "tier-in-one-az": ({"networking_private_subnets": [PRIVATE[0], {"az": "eu-west-1a", "cidr": "10.0.12.0/24"}]},
                       "networking_private_subnets", ["spans 1 availability zone", "at least 2"]),
    "port-out-of-range": ({"networking_app_port": 70000}, "networking_app_port", ["70000", "1-65535"]),
    # Compute
    "fargate-cpu": ({"ecs_service_cpu": 300}, "ecs_service_cpu", ["'300'", "not a Fargate cpu value"]),
    "fargate-memory-too-much-for-cpu": ({"ecs_service_cpu": 256, "ecs_service_memory": 4096}, "ecs_service_memory",
                                        ["'4096'", "ecs_service_cpu=256", "512, 1024, 2048"]),
    "fargate-memory-too-little-for-cpu": ({"ecs_service_cpu": 4096, "ecs_service_memory": 1024}, "ecs_service_memory",
                                          ["'1024'", "ecs_service_cpu=4096"]),
    "container-log-retention-not-cloudwatch": ({"ecs_service_log_retention_days": 10}, "ecs_service_log_retention_days",
                                               ["'10'", "CloudWatch Logs accepts"]),
    "desired-count-outside-scaling": ({"ecs_service_desired_count": 12}, "ecs_service_desired_count", ["12", "between"]),
    "scaling-target-over-100": ({"ecs_service_autoscaling_cpu_target": 150}, "ecs_service_autoscaling_cpu_target",
                                ["150", "percentage"]),
    "image-tag": ({"ecs_service_image_tag": "-latest"}, "ecs_service_image_tag", ["'-latest'", "not a Docker image tag"]),
    "certificate-arn-not-acm": ({"ecs_service_certificate_arn": "arn:aws:iam::123:cert"}, "ecs_service_certificate_arn",
                                ["arn:aws:iam::123:cert", "ACM certificate ARN"]),
    # Database
    "rds-instance-class": ({"rds_instance_class": "t3.small"}, "rds_instance_class", ["'t3.small'", "RDS instance class"]),
    "rds-engine-version": ({"rds_engine_version": "14.9"}, "rds_engine_version", ["'14.9'", "PostgreSQL 15"]),
    "rds-storage-too-small": ({"rds_allocated_storage": 10}, "rds_allocated_storage", ["10 GB", "20-65536"]),
    "rds-backup-window-format": ({"rds_backup_window": "3:00-4:00"}, "rds_backup_window", ["'3:00-4:00'", "hh24:mi-hh24:mi"]),
    "rds-maintenance-window-format": ({"rds_maintenance_window": "sunday 04:00"}, "rds_maintenance_window",
                                      ["'sunday 04:00'", "ddd:hh24:mi-ddd:hh24:mi"]),
    "rds-windows-overlap": ({"rds_backup_window": "04:30-05:30"}, "rds_backup_window",
                            ["'04:30-05:30'", "overlaps rds_maintenance_window"]),
    "rds-maintenance-window-too-short": ({"rds_maintenance_window": "sun:04:00-sun:04:15"}, "rds_maintenance_window",
                                         ["lasts 15 minutes", "30 minutes to 24 hours"]),
    "rds-backup-window-too-short": ({"rds_backup_window": "02:00-02:20"}, "rds_backup_window",
                                    ["lasts 20 minutes", "at least 30"]),
    "rds-backup-retention": ({"rds_backup_retention_days": 40}, "rds_backup_retention_days", ["40", "1-35 days"]),
    "rds-monitoring-interval": ({"rds_monitoring_interval": 45}, "rds_monitoring_interval", ["45", "must be one of"]),
    "rds-db-name-empty": ({"rds_db_name": ""}, "rds_db_name", ["1-63 letters", "got ''"]),
    "rds-db-name-hyphen": ({"rds_db_name": "tickr-db"}, "rds_db_name", ["1-63 letters", "'tickr-db'"]),
    # Cache
    "redis-node-type": ({"redis_node_type": "t3.micro"}, "redis_node_type", ["'t3.micro'", "ElastiCache node type"]),
    "redis-engine-version": ({"redis_engine_version": "6.2"}, "redis_engine_version", ["'6.2'", "Redis 7"]),
    "redis-unknown-parameter": ({"redis_parameters": {"maxmemory-polcy": "allkeys-lru"}}, "redis_parameters",
                                ["maxmemory-polcy", "unknown parameter"]),
    "redis-maintenance-window-under-an-hour": (
        {"redis_maintenance_window": "sun:05:00-sun:05:30", "redis_snapshot_window": "03:00-04:00"},
        "redis_maintenance_window", ["lasts 30 minutes", "60 minutes to 24 hours"]),
    "redis-snapshot-window-under-an-hour": ({"redis_snapshot_window": "03:00-03:45"}, "redis_snapshot_window",
                                            ["lasts 45 minutes", "at least 60"]),
    "redis-snapshot-window-format": ({"redis_snapshot_window": "3:00-4:00"}, "redis_snapshot_window",
                                     ["'3:00-4:00'", "hh24:mi-hh24:mi"]),
    "redis-windows-overlap": ({"redis_maintenance_window": "sun:03:00-sun:05:00", "redis_snapshot_window": "04:00-05:00"},
                              "redis_snapshot_window", ["'04:00-05:00'", "overlaps redis_maintenance_window"]),
    "redis-token-without-tls": ({"redis_transit_encryption": False}, "redis_transit_encryption",
                                ["must be true", "auth token only with encryption in transit"]),
    # Storage
    "bucket-name": ({"s3_bucket_name": "Tickr_Images"}, "s3_bucket_name", ["'Tickr_Images'", "is not an S3 bucket name"]),
    "cors-origin-not-https": ({"s3_bucket_cors_origins": ["http://tickr.tn"]}, "s3_bucket_cors_origins",
                              ["http://tickr.tn", "not https:// origins"]),
    "cors-origin-with-path": ({"s3_bucket_cors_origins": ["https://tickr.tn/app"]}, "s3_bucket_cors_origins",
                              ["https://tickr.tn/app", "without a path"]),
    "archive-days-zero": ({"s3_bucket_archive_after_days": 0}, "s3_bucket_archive_after_days", ["0", "more than 0"]),
    # Mail
    "ses-address-malformed": ({"ses_email_addresses": ["noreply@@tickr.tn", "support@tickr.tn"]}, "ses_email_addresses",
                              ["noreply@@tickr.tn", "not email addresses"]),
    "ses-template-undeclared-variable": ({"ses_templates": TEMPLATES}, "ses_templates",
                                         ["ticket-confirmation", "{{venue}}", "not in its variables"]),
    "ses-event-type": ({"ses_event_types": ["BOUNCES"]}, "ses_event_types", ["BOUNCES", "not SES event types"]),
    "sms-sender-id-too-long": ({"ses_sms_sender_id": "TICKR-TN-ALERTS"}, "ses_sms_sender_id",
                               ["'TICKR-TN-ALERTS'", "3-11 letters or digits"]),
    # Monitoring
    "alert-email-malformed": ({"monitoring_admin_email": "ops-at-tickr.tn"}, "monitoring_admin_email",
                              ["'ops-at-tickr.tn'", "not an email address"]),
    "alert-email-empty": ({"monitoring_admin_email": ""}, "monitoring_admin_email", ["''", "not an email address"]),
    "log-retention-not-cloudwatch": ({"monitoring_log_retention_days": 8}, "monitoring_log_retention_days",
                                     ["'8'", "CloudWatch Logs accepts"]),
    "threshold-over-100-percent": ({"monitoring_ecs_cpu_threshold": 120}, "monitoring_ecs_cpu_threshold",
                                   ["120", "not a percentage (0 to 100)"]),
    "threshold-negative": ({"monitoring_api_error_rate_threshold": -5}, "monitoring_api_error_rate_threshold",
                           ["-5", "not a percentage (0 to 100)"]),
    "budget-amount-zero": ({"monitoring_budget_amount": 0}, "monitoring_budget_amount", [": 0 ", "more than 0"]),
    "budget-amount-negative": ({"monitoring_budget_amount": -150}, "monitoring_budget_amount", ["-150", "more than 0"]),
}


def _inventory(tmp_path, undefined):
    """A copy of inventories/local without the given variables."""
    inventory = tmp_path / "inventory"
    shutil.copytree(ROOT / "inventories" / "local", inventory)
    for path in (inventory / "group_vars" / "all").glob("*.yml"):
        values = yaml.safe_load(path.read_text())
        if any(name in values for name in undefined):
            path.write_text(yaml.safe_dump({k: v for k, v in values.items() if k not in undefined}))
    return str(inventory)


@pytest.mark.parametrize("values, variable, rule", list(CASES.values()), ids=list(CASES))
def test_bad_input_fails_before_any_aws_call(empty_account, proxy_factory, run_playbook, tmp_path,  # noqa: F811
                                             values, variable, rule):
    undefined = [name for name, value in values.items() if value is UNDEFINED]
    defined = {name: value for name, value in values.items() if value is not UNDEFINED}
    proxy, run = run_with_values(proxy_factory, run_playbook, tmp_path, defined,
                                 inventory=_inventory(tmp_path, undefined) if undefined else "inventories/local")
    assert_fails_before_any_aws_call(run, proxy, empty_account, variable, rule, values)


def test_there_are_at_least_30_cases():
    assert len(CASES) >= 30


def test_blamed_reads_the_variable_each_part_starts_with():
    assert blamed(["networking_private_subnets[0].cidr: 10.1.11.0/24 is outside the VPC 10.0.0.0/16 (networking_vpc_cidr)"]) \
        == {"networking_private_subnets"}
    assert blamed(["rds_backup_window: 'x' overlaps rds_maintenance_window 'y'; AWS needs them apart"]) == {"rds_backup_window"}
    assert blamed(["tickr_name_prefix must be 1-20 lowercase letters", "One or more items failed"]) == {"tickr_name_prefix"}
    assert blamed(["a: 1; monitoring_budget_amount: 0 must be more than 0"]) == {"monitoring_budget_amount"}
