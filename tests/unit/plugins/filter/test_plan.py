"""tickr.aws plan filters: each disruption kind, from what the roles read to the PLAN block and its refusals."""

import pytest

from ansible_collections.tickr.aws.plugins.filter.plan import (
    AT_WINDOW,
    CREATED,
    DATA_LOSS,
    DISRUPTIONS,
    IN_PLACE,
    REBOOT,
    REPLACEMENT,
    TASKS_REPLACED,
    ecs_service_plan,
    log_retention_plan,
    network_plan,
    plan_change,
    plan_refusals,
    plan_table,
    rds_plan,
    redis_plan,
)

TAGS = {"Project": "tickr", "Environment": "local"}
INSTANCE = {"db_instance_identifier": "tickr-postgres", "db_instance_class": "db.t3.small", "multi_az": False,
            "allocated_storage": 20, "engine_version": "15.15", "backup_retention_period": 7,
            "pending_modified_values": {}, "tags": dict(TAGS, Name="tickr-postgres")}
RDS = {"id": "tickr-postgres", "instance_class": "db.t3.small", "multi_az": False, "allocated_storage": 20,
       "engine_version": "15", "backup_retention_days": 7, "apply_immediately": False, "tags": TAGS}


def _kinds(changes):
    return [(c["variable"], c["disruption"]) for c in changes]


def test_the_kinds_from_the_mildest():
    assert DISRUPTIONS == ("created", "in place", "tasks replaced", "at the maintenance window", "reboot",
                           "replacement", "data loss")


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown disruption 'downtime'"):
        plan_change("x", "y", "z", "downtime")


def test_rds_unchanged_plans_nothing():
    assert rds_plan([INSTANCE], RDS) == []


def test_rds_new_instance_is_created():
    assert _kinds(rds_plan([], RDS)) == [("rds_instance_id", CREATED)]


def test_rds_another_identifier_is_a_replacement_of_data():
    [change] = rds_plan([INSTANCE], dict(RDS, id="tickr-db"))
    assert (change["disruption"], change["variable"], change["holds_data"]) == (REPLACEMENT, "rds_instance_id", True)
    assert "beside tickr-postgres" in change["change"]


@pytest.mark.parametrize("immediately, class_kind, multi_az_kind", [(False, AT_WINDOW, AT_WINDOW), (True, REBOOT, IN_PLACE)])
def test_rds_class_and_multi_az(immediately, class_kind, multi_az_kind):
    changes = rds_plan([INSTANCE], dict(RDS, instance_class="db.t3.medium", multi_az=True, apply_immediately=immediately))
    assert _kinds(changes) == [("rds_instance_class", class_kind), ("rds_multi_az", multi_az_kind)]
    assert changes[0]["change"] == "class db.t3.small -> db.t3.medium"


def test_rds_a_change_already_held_for_the_window_is_not_planned_again():
    held = dict(INSTANCE, pending_modified_values={"db_instance_class": "db.t3.medium", "multi_az": True})
    assert rds_plan([held], dict(RDS, instance_class="db.t3.medium", multi_az=True)) == []


def test_rds_storage_grows_in_place_and_never_shrinks():
    assert _kinds(rds_plan([INSTANCE], dict(RDS, allocated_storage=50, apply_immediately=True))) == [
        ("rds_allocated_storage", IN_PLACE)]
    assert rds_plan([dict(INSTANCE, allocated_storage=40)], RDS) == []


def test_rds_engine_version_restarts():
    assert _kinds(rds_plan([INSTANCE], dict(RDS, engine_version="16", apply_immediately=True))) == [
        ("rds_engine_version", REBOOT)]
    assert rds_plan([INSTANCE], dict(RDS, engine_version="15.15")) == []


@pytest.mark.parametrize("have, want, kind", [(7, 0, DATA_LOSS), (7, 1, DATA_LOSS), (0, 7, AT_WINDOW), (7, 14, IN_PLACE)])
def test_rds_backup_retention(have, want, kind):
    changes = rds_plan([dict(INSTANCE, backup_retention_period=have)], dict(RDS, backup_retention_days=want))
    assert _kinds(changes) == [("rds_backup_retention_days", kind)]


# The parameter group as tickr.aws.rds_instance_param_group_parameters_info reads it (Source=user): the role's default.
USER_VALUES = [{"parameter_name": "rds.force_ssl", "parameter_value": "1", "source": "user", "apply_type": "dynamic"}]
TUNED = dict(RDS, parameters={"rds.force_ssl": "1"}, reboot_for_parameters=False)


def _lines(changes):
    return [(c["disruption"], c["change"], c["variable"]) for c in changes]


def test_rds_parameters_unchanged_plan_nothing():
    assert rds_plan([INSTANCE], TUNED, USER_VALUES) == []
    # AWS answers strings: an integer of the inventory equal to them is no change.
    values = USER_VALUES + [{"parameter_name": "max_connections", "parameter_value": "200", "source": "user"}]
    assert rds_plan([INSTANCE], dict(TUNED, parameters={"rds.force_ssl": 1, "max_connections": 200}), values) == []


def test_rds_a_dynamic_parameter_applies_in_place():
    changes = rds_plan([INSTANCE], dict(TUNED, parameters={"rds.force_ssl": "1", "log_connections": "1"}), USER_VALUES)
    assert _lines(changes) == [(IN_PLACE, "parameter log_connections engine default -> 1 (applies at once)",
                                "rds_parameters")]
    [changed] = rds_plan([INSTANCE], dict(TUNED, parameters={"rds.force_ssl": "0"}), USER_VALUES)
    assert (changed["disruption"], changed["change"]) == (IN_PLACE, "parameter rds.force_ssl 1 -> 0 (applies at once)")


def test_rds_a_static_parameter_waits_for_a_reboot_unless_the_role_reboots():
    wanted = dict(TUNED, parameters={"rds.force_ssl": "1", "max_connections": "200"})
    assert _lines(rds_plan([INSTANCE], wanted, USER_VALUES)) == [
        (REBOOT, "parameter max_connections engine default -> 200 (pending-reboot until a reboot: "
                 "rds_reboot_for_parameters)", "rds_parameters")]
    assert _lines(rds_plan([INSTANCE], dict(wanted, reboot_for_parameters=True), USER_VALUES)) == [
        (REBOOT, "parameter max_connections engine default -> 200 (the instance reboots to apply it)", "rds_parameters")]


def test_rds_a_parameter_the_table_does_not_know_is_static_as_the_role_sends_it():
    [change] = rds_plan([INSTANCE], dict(TUNED, parameters={"shared_buffers": "32768"}), USER_VALUES)
    assert (change["disruption"], change["variable"]) == (REBOOT, "rds_parameters")


def test_rds_a_group_waiting_for_a_reboot_is_rebooted_with_rds_reboot_for_parameters():
    pending = dict(INSTANCE, db_parameter_groups=[{"db_parameter_group_name": "tickr-postgres15",
                                                   "parameter_apply_status": "pending-reboot"}])
    assert rds_plan([pending], TUNED, USER_VALUES) == []
    assert _lines(rds_plan([pending], dict(TUNED, reboot_for_parameters=True), USER_VALUES)) == [
        (REBOOT, "rebooted to apply its parameter group tickr-postgres15", "rds_reboot_for_parameters")]
    in_sync = dict(INSTANCE, db_parameter_groups=[{"db_parameter_group_name": "tickr-postgres15",
                                                   "parameter_apply_status": "in-sync"}])
    assert rds_plan([in_sync], dict(TUNED, reboot_for_parameters=True), USER_VALUES) == []


def test_rds_parameters_of_a_group_not_created_yet_are_part_of_its_creation():
    wanted = dict(TUNED, parameters={"rds.force_ssl": "1", "max_connections": "200"})
    assert _kinds(rds_plan([], wanted, None)) == [("rds_instance_id", CREATED)]
    assert rds_plan([INSTANCE], wanted, None) == []


def test_rds_parameter_changes_are_never_refused():
    changes = rds_plan([INSTANCE], dict(TUNED, parameters={"max_connections": "200", "log_connections": "1"},
                                        reboot_for_parameters=True), USER_VALUES)
    assert len(changes) == 2
    assert plan_refusals(changes, []) == []


GROUP = {"cache_node_type": "cache.t3.micro", "member_clusters": ["tickr-redis-001"], "at_rest_encryption_enabled": True}
REDIS = {"id": "tickr-redis", "node_type": "cache.t3.micro", "num_nodes": 1, "at_rest_encryption": True}


def test_redis_changes():
    assert redis_plan(GROUP, REDIS) == []
    assert _kinds(redis_plan({}, REDIS)) == [("redis_replication_group_id", CREATED)]
    assert _kinds(redis_plan(GROUP, dict(REDIS, node_type="cache.t3.small", num_nodes=2))) == [
        ("redis_node_type", IN_PLACE), ("redis_num_nodes", IN_PLACE)]
    [down] = redis_plan(dict(GROUP, member_clusters=["a", "b"]), REDIS)
    assert down["change"] == "nodes 2 -> 1 (replica removed, the primary keeps the data)"
    [encryption] = redis_plan(dict(GROUP, at_rest_encryption_enabled=False), REDIS)
    assert (encryption["disruption"], encryption["holds_data"]) == (REPLACEMENT, True)


SUBNETS = [{"cidr_block": "10.0.1.0/24", "availability_zone": "eu-west-1a", "tags": {"Tier": "public"}},
           {"cidr_block": "10.0.11.0/24", "availability_zone": "eu-west-1a", "tags": {"Tier": "private"}}]
FOUND = {"vpcs": [{"id": "vpc-1", "cidr_block": "10.0.0.0/16"}], "subnets": SUBNETS, "nat_gateways": []}
NETWORK = {"name": "tickr-vpc", "cidr": "10.0.0.0/16", "nat_gateways": 0,
           "subnets": [{"cidr": "10.0.1.0/24", "az": "eu-west-1a", "tier": "public"},
                       {"cidr": "10.0.11.0/24", "az": "eu-west-1a", "tier": "private"}]}


def test_network_changes():
    assert network_plan(FOUND, NETWORK) == []
    assert _kinds(network_plan({"vpcs": []}, NETWORK)) == [("networking_vpc_cidr", CREATED)]
    assert _kinds(network_plan(FOUND, dict(NETWORK, nat_gateways=2))) == [("networking_nat_gateway", IN_PLACE)]
    assert _kinds(network_plan(dict(FOUND, nat_gateways=[{}]), NETWORK)) == [("networking_nat_gateway", IN_PLACE)]
    [vpc] = network_plan(FOUND, dict(NETWORK, cidr="10.1.0.0/16"))
    assert (vpc["disruption"], vpc["holds_data"]) == (REPLACEMENT, False)
    moved = dict(NETWORK, subnets=[{"cidr": "10.0.21.0/24", "az": "eu-west-1a", "tier": "private"}])
    [subnet] = network_plan(FOUND, moved)
    assert (subnet["variable"], subnet["disruption"]) == ("networking_private_subnets", REPLACEMENT)
    assert subnet["change"].startswith("10.0.11.0/24 -> 10.0.21.0/24")


RUNNING = {"exists": True, "cpu": "512", "memory": "1024", "desired_count": 2}
ECS = {"name": "tickr-backend-service", "cpu": 512, "memory": 1024, "desired_count": 2}


def test_ecs_service_changes():
    assert ecs_service_plan(RUNNING, ECS) == []
    assert _kinds(ecs_service_plan({"exists": False}, ECS)) == [("ecs_service_desired_count", CREATED)]
    assert _kinds(ecs_service_plan(RUNNING, dict(ECS, cpu=1024, memory=2048, desired_count=3))) == [
        ("ecs_service_cpu", TASKS_REPLACED), ("ecs_service_memory", TASKS_REPLACED), ("ecs_service_desired_count", IN_PLACE)]


def test_log_retention():
    names = ["/ecs/tickr-backend"]
    group = [{"log_group_name": "/ecs/tickr-backend", "retention_in_days": 7}]
    assert log_retention_plan(group, names, 7) == []
    assert _kinds(log_retention_plan([], names, 7)) == [("tickr_log_retention_days", CREATED)]
    assert _kinds(log_retention_plan(group, names, 30)) == [("tickr_log_retention_days", IN_PLACE)]
    assert _kinds(log_retention_plan([dict(group[0], retention_in_days=30)], names, "7")) == [
        ("tickr_log_retention_days", DATA_LOSS)]


def test_refusals_name_the_variable_unless_allowed():
    changes = [plan_change("tickr-postgres", "backups kept 7 -> 0 days", "rds_backup_retention_days", DATA_LOSS, True),
               plan_change("tickr-vpc", "10.0.0.0/16 -> 10.1.0.0/16", "networking_vpc_cidr", REPLACEMENT),
               plan_change("tickr-redis", "encryption at rest off -> on", "redis_at_rest_encryption", REPLACEMENT, True),
               plan_change("tickr-postgres", "class a -> b", "rds_instance_class", REBOOT, True)]
    assert plan_refusals(changes, []) == [
        "rds_backup_retention_days: tickr-postgres backups kept 7 -> 0 days is data loss; add rds_backup_retention_days "
        "to tickr_allow_data_loss to go ahead",
        "redis_at_rest_encryption: tickr-redis encryption at rest off -> on is replacement; add redis_at_rest_encryption "
        "to tickr_allow_data_loss to go ahead"]
    assert plan_refusals(changes, ["rds_backup_retention_days", "redis_at_rest_encryption"]) == []


def test_the_plan_table_most_disruptive_first_with_the_cost():
    changes = [plan_change("tickr-vpc", "NAT gateways 0 -> 2", "networking_nat_gateway", IN_PLACE),
               plan_change("tickr-postgres", "class db.t3.small -> db.t3.medium", "rds_instance_class", AT_WINDOW)]
    assert plan_table(changes, {"total": 236.54}, {"total": 300.0}).splitlines() == [
        "at the maintenance window  tickr-postgres: class db.t3.small -> db.t3.medium  (rds_instance_class)",
        "in place                   tickr-vpc: NAT gateways 0 -> 2  (networking_nat_gateway)",
        "monthly cost 236.54 -> 300.00 USD (+63.46)"]
    assert plan_table([], {"total": 0}, {"total": 10}).splitlines() == ["no change", "monthly cost 0.00 -> 10.00 USD (+10.00)"]
