"""Bad input: each invalid inventory value stops site.yml before any AWS change, with a message that names the
variable and what is wrong, and leaves the account empty (site.yml validates every role before the first one runs).

A case is (variable overrides as extra vars, words the failure must contain). Extra vars take precedence over the
inventory, as a wrong value in group_vars would; structured values go through a JSON file."""

import json

import pytest

from conftest import stack_leftovers

pytestmark = pytest.mark.integration

SUBNETS = [{"az": "eu-west-1a", "cidr": "10.0.11.0/24"}, {"az": "eu-west-1b", "cidr": "10.0.12.0/24"}]

CASES = {
    # Network plan
    "vpc cidr syntax": ({"networking_vpc_cidr": "10.0.0.0/33"}, ["networking_vpc_cidr", "10.0.0.0/33"]),
    "subnet outside the vpc": ({"networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.1.11.0/24"}, SUBNETS[1]]},
                               ["networking_private_subnets", "10.1.11.0/24"]),
    "overlapping subnets": ({"networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.0.1.0/24"}, SUBNETS[1]]},
                            ["10.0.1.0/24", "overlap"]),
    "az of another region": ({"networking_private_subnets": [{"az": "us-east-1a", "cidr": "10.0.11.0/24"}, SUBNETS[1]]},
                             ["networking_private_subnets", "us-east-1a"]),
    "one az only": ({"networking_private_subnets": [{"az": "eu-west-1a", "cidr": "10.0.11.0/24"},
                                                     {"az": "eu-west-1a", "cidr": "10.0.12.0/24"}]},
                    ["networking_private_subnets", "two"]),
    "port out of range": ({"networking_app_port": 70000}, ["networking_app_port", "70000"]),
    # Compute
    "fargate cpu": ({"ecs_service_cpu": 300}, ["ecs_service_cpu", "300"]),
    "fargate memory for the cpu": ({"ecs_service_cpu": 256, "ecs_service_memory": 4096}, ["ecs_service_memory", "4096"]),
    "container log retention": ({"ecs_service_log_retention_days": 10}, ["ecs_service_log_retention_days", "10"]),
    "desired count outside scaling": ({"ecs_service_desired_count": 12}, ["ecs_service_desired_count", "12"]),
    "scaling target over 100": ({"ecs_service_autoscaling_cpu_target": 150}, ["ecs_service_autoscaling_cpu_target", "150"]),
    "image tag": ({"ecs_service_image_tag": "-latest"}, ["ecs_service_image_tag", "-latest"]),
    "certificate arn": ({"ecs_service_certificate_arn": "arn:aws:iam::123:cert"}, ["ecs_service_certificate_arn", "arn:aws:iam::123:cert"]),
    # Database
    "rds instance class": ({"rds_instance_class": "t3.small"}, ["rds_instance_class", "t3.small"]),
    "rds engine version": ({"rds_engine_version": "14.9"}, ["rds_engine_version", "14.9"]),
    "rds storage": ({"rds_allocated_storage": 10}, ["rds_allocated_storage", "10"]),
    "rds backup window format": ({"rds_backup_window": "3:00-4:00"}, ["rds_backup_window", "3:00-4:00"]),
    "rds windows overlap": ({"rds_backup_window": "04:30-05:30"}, ["rds_backup_window", "overlaps"]),
    "rds backup retention": ({"rds_backup_retention_days": 40}, ["rds_backup_retention_days", "40"]),
    "rds monitoring interval": ({"rds_monitoring_interval": 45}, ["rds_monitoring_interval", "45"]),
    # Cache
    "redis node type": ({"redis_node_type": "t3.micro"}, ["redis_node_type", "t3.micro"]),
    "redis engine version": ({"redis_engine_version": "6.2"}, ["redis_engine_version", "6.2"]),
    "redis unknown parameter": ({"redis_parameters": {"maxmemory-polcy": "allkeys-lru"}}, ["redis_parameters", "maxmemory-polcy"]),
    "redis window under an hour": ({"redis_maintenance_window": "sun:05:00-sun:05:30", "redis_snapshot_window": "03:00-04:00"},
                                   ["redis_maintenance_window", "60 minutes"]),
    "redis token without tls": ({"redis_transit_encryption": False}, ["redis_transit_encryption"]),
    # Storage
    "bucket name": ({"s3_bucket_name": "Tickr_Images"}, ["s3_bucket_name", "Tickr_Images"]),
    "cors origin not https": ({"s3_bucket_cors_origins": ["http://tickr.tn"]}, ["s3_bucket_cors_origins", "http://tickr.tn"]),
    "archive days": ({"s3_bucket_archive_after_days": 0}, ["s3_bucket_archive_after_days", "0"]),
    # Mail
    "ses address": ({"ses_email_addresses": ["noreply@@tickr.tn"]}, ["ses_email_addresses", "noreply@@tickr.tn"]),
    "ses undeclared template variable": (
        {"ses_templates": [{"name": "ticket-confirmation", "variables": ["customer_name", "event_name"]}]},
        ["ticket-confirmation", "event_date"]),
    "ses event type": ({"ses_event_types": ["BOUNCES"]}, ["ses_event_types", "BOUNCES"]),
    "sms sender id": ({"ses_sms_sender_id": "TICKR-TN-ALERTS"}, ["ses_sms_sender_id", "TICKR-TN-ALERTS"]),
    # Monitoring
    "alert email": ({"monitoring_admin_email": "ops-at-tickr.tn"}, ["monitoring_admin_email", "ops-at-tickr.tn"]),
    "log retention": ({"monitoring_log_retention_days": 8}, ["monitoring_log_retention_days", "8"]),
    "threshold over 100 percent": ({"monitoring_ecs_cpu_threshold": 120}, ["monitoring_ecs_cpu_threshold"]),
    "negative threshold": ({"monitoring_api_error_rate_threshold": -5}, ["monitoring_api_error_rate_threshold"]),
    "budget amount zero": ({"monitoring_budget_amount": 0}, ["monitoring_budget_amount", "0"]),
    "budget amount negative": ({"monitoring_budget_amount": -150}, ["monitoring_budget_amount", "-150"]),
    # Missing required values
    "name prefix missing": ({"tickr_name_prefix": None}, ["tickr_name_prefix"]),
    "rds db name empty": ({"rds_db_name": ""}, ["rds_db_name"]),
}


@pytest.fixture(scope="module")
def proxy(emulator):
    """One counting proxy for the whole suite, its counts reset before each case."""
    from conftest import Proxy

    emulator.reset()
    proxy = Proxy(emulator)
    yield proxy
    proxy.stop()


@pytest.mark.parametrize("overrides, words", list(CASES.values()), ids=list(CASES))
def test_bad_input_fails_before_any_change(proxy, run_playbook, tmp_path, overrides, words):
    extra = tmp_path / "bad.json"
    extra.write_text(json.dumps(overrides))
    proxy.reset()
    run = run_playbook(proxy.env, extra=["-e", f"@{extra}"])
    assert run.returncode != 0, f"{overrides} was accepted"
    messages = " ".join(run.failure_messages()) or run.output[-3000:]
    for word in words:
        assert word in messages, (word, messages)
    assert proxy.stats()["mutating"] == 0, proxy.stats()["mutations"]


def test_there_are_at_least_30_cases():
    assert len(CASES) >= 30


def test_the_account_holds_nothing_after_all_the_cases(proxy, emulator):
    # Runs after the cases (file order): none of them created anything.
    assert stack_leftovers(emulator) == {}
