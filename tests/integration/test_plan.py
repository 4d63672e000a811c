"""site.yml's PLAN on a converged V1 stack: each change of the inventory with its disruption and the monthly cost
before and after, printed before anything changes; a change that loses data stops the run before any mutating call
unless tickr_allow_data_loss names its variable."""

import json
from pathlib import Path

import pytest
import yaml

from ansible_collections.tickr.aws.plugins.filter.audit import monthly_cost
from conftest import push_backend_image

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
PRICES = yaml.safe_load((ROOT / "playbooks" / "vars" / "prices-eu-west-1.yml").read_text())
# One change of each kind a --check on a running stack can show without refusing.
V2 = {"rds_instance_class": "db.t3.medium", "rds_multi_az": True, "redis_num_nodes": 2, "tickr_log_retention_days": 30,
      "networking_nat_gateway": True, "networking_nat_gateway_mode": "per_az", "cdn_enabled": True,
      "ecs_service_cpu": 1024, "ecs_service_memory": 2048,
      # V1 sets rds.force_ssl alone: log_connections is dynamic, max_connections static.
      "rds_parameters": {"rds.force_ssl": "1", "log_connections": "1", "max_connections": "200"}}
# A shorter backup retention deletes backups; another encryption at rest means a new cache group.
LOSSY = {"rds_instance_class": "db.t3.medium", "rds_apply_immediately": True, "rds_backup_retention_days": 1,
         "redis_at_rest_encryption": False}
V1_SIZES = {"ecs_tasks": 2, "ecs_vcpu": 0.5, "ecs_memory_gb": 1.0, "rds_instance_class": "db.t3.small",
            "rds_multi_az": False, "rds_storage_gb": 20, "redis_node_type": "cache.t3.micro", "redis_nodes": 1,
            "custom_metrics": 4, "alarms": 5, "nat_gateways": 0, "interface_endpoints": 8, "azs": 2, "secrets": 3}
V2_SIZES = dict(V1_SIZES, ecs_vcpu=1.0, ecs_memory_gb=2.0, rds_instance_class="db.t3.medium", rds_multi_az=True,
                redis_nodes=2, nat_gateways=2)


def _plan(run):
    """The PLAN block's lines, from the JSON result."""
    for play in run.result["plays"]:
        for task in play["tasks"]:
            if task["task"]["name"] == "Show the plan and its monthly cost":
                return task["hosts"]["tickr-local"]["msg"].splitlines()
    raise AssertionError(run.output[-3000:])


def _cost(sizes):
    return monthly_cost(dict(sizes, **PRICES["tickr_usage"]), PRICES["tickr_prices"])["total"]


@pytest.fixture(scope="module")
def converged(emulator, run_playbook):
    emulator.reset()
    push_backend_image(emulator)
    v1 = run_playbook(emulator.env)
    assert v1.returncode == 0, v1.failure_messages() or v1.output[-3000:]
    # On an empty account everything is created, at the full estimate.
    assert all(line.startswith("created ") for line in _plan(v1)[:-1]), _plan(v1)
    assert _plan(v1)[-1] == f"monthly cost 0.00 -> {_cost(V1_SIZES):.2f} USD (+{_cost(V1_SIZES):.2f})"
    return emulator


def test_check_labels_each_change_and_prices_it(converged, run_playbook):
    run = run_playbook(converged.env, extra=["--check", "--diff", "-e", json.dumps(V2)])
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    plan = _plan(run)
    for label, line in [
        ("at the maintenance window", "tickr-postgres: class db.t3.small -> db.t3.medium  (rds_instance_class)"),
        ("at the maintenance window", "tickr-postgres: Multi-AZ off -> on  (rds_multi_az)"),
        ("reboot", "tickr-postgres: parameter max_connections engine default -> 200 (pending-reboot until a reboot: "
                   "rds_reboot_for_parameters)  (rds_parameters)"),
        ("in place", "tickr-postgres: parameter log_connections engine default -> 1 (applies at once)  (rds_parameters)"),
        ("tasks replaced", "tickr-backend-service: task cpu 512 -> 1024 CPU units  (ecs_service_cpu)"),
        ("tasks replaced", "tickr-backend-service: task memory 1024 -> 2048 MiB  (ecs_service_memory)"),
        ("in place", "/ecs/tickr-backend: retention 7 -> 30 days  (tickr_log_retention_days)"),
        ("in place", "tickr-redis: nodes 1 -> 2 (replica added)  (redis_num_nodes)"),
        ("in place", "tickr-vpc: NAT gateways 0 -> 2  (networking_nat_gateway)"),
        ("created", "cdn.tickr.tn: created, in front of tickr-event-images  (cdn_enabled)"),
    ]:
        assert f"{label.ljust(25)}  {line}" in plan, (label, line, plan)
    # rds.force_ssl keeps the value V1 set: no line.
    assert not any("rds.force_ssl" in line for line in plan), plan
    before, after = _cost(V1_SIZES), _cost(V2_SIZES)
    assert plan[-1] == f"monthly cost {before:.2f} -> {after:.2f} USD ({after - before:+.2f})"
    assert run.changed > 0


def test_a_change_that_loses_data_stops_the_run_before_any_change(converged, run_playbook, proxy_factory):
    proxy = proxy_factory()
    run = run_playbook(proxy.env, extra=["-e", json.dumps(LOSSY)])
    assert run.returncode != 0
    plan = _plan(run)
    assert "reboot                     tickr-postgres: class db.t3.small -> db.t3.medium  (rds_instance_class)" in plan
    assert any(line.startswith("data loss                  tickr-postgres: backups kept 7 -> 1 days") for line in plan), plan
    assert any(line.startswith("replacement                tickr-redis: encryption at rest on -> off") for line in plan), plan
    messages = " ".join(run.failure_messages())
    assert "rds_backup_retention_days: tickr-postgres backups kept 7 -> 1 days" in messages
    assert "redis_at_rest_encryption: tickr-redis encryption at rest on -> off" in messages
    assert "rds_instance_class" not in messages
    stats = proxy.stats()
    assert stats["mutating"] == 0, stats["mutations"]
    assert stats["total"] > 0


def test_the_allow_variable_lets_the_named_change_through(converged, run_playbook):
    allowed = {"rds_backup_retention_days": 1, "tickr_allow_data_loss": ["rds_backup_retention_days"]}
    run = run_playbook(converged.env, extra=["--check", "-e", json.dumps(allowed)])
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    assert any(line.startswith("data loss") and "(rds_backup_retention_days)" in line for line in _plan(run))
