"""The cache is exactly the spec's "ElastiCache Redis", idempotent, its token never printed, and bad settings fail
before any change."""

import json

import pytest

from conftest import EMULATOR_CALLER, role_readers, secret_readers

pytestmark = pytest.mark.integration
GROUP = "tickr-redis"
TAGS = ["--tags", "networking,redis"]


@pytest.fixture(scope="module")
def deployed(emulator, run_playbook):
    emulator.reset()
    first = run_playbook(emulator.env, extra=TAGS)
    assert first.returncode == 0, first.failure_messages() or first.output[-3000:]
    return emulator, first


def test_replication_group_matches_the_spec(deployed):
    emulator, first = deployed
    assert first.changed > 0
    ec = emulator.client("elasticache")
    [group] = ec.describe_replication_groups(ReplicationGroupId=GROUP)["ReplicationGroups"]
    assert group["Status"] == "available"
    assert group["CacheNodeType"] == "cache.t3.micro"
    assert group["MemberClusters"] == [f"{GROUP}-001"]
    assert group["ClusterEnabled"] is False
    assert group["AtRestEncryptionEnabled"] is True
    assert group["TransitEncryptionEnabled"] is True
    assert group["AuthTokenEnabled"] is True
    assert group["AutomaticFailover"] == "disabled" and group["MultiAZ"] == "disabled"
    assert group["NodeGroups"][0]["PrimaryEndpoint"]["Port"] == 6379
    tags = {t["Key"]: t["Value"] for t in ec.list_tags_for_resource(ResourceName=group["ARN"])["TagList"]}
    assert tags["Project"] == "tickr" and tags["Environment"] == "local"


def test_node_is_redis_7_in_the_private_subnets_behind_the_redis_group_only(deployed):
    emulator = deployed[0]
    ec, ec2 = emulator.client("elasticache"), emulator.client("ec2")
    [node] = ec.describe_cache_clusters(CacheClusterId=f"{GROUP}-001")["CacheClusters"]
    assert node["Engine"] == "redis" and node["EngineVersion"].startswith("7.")
    assert node["CacheParameterGroup"]["CacheParameterGroupName"] == "tickr-redis7"
    sg = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["tickr-redis-sg"]}])["SecurityGroups"][0]
    assert [g["SecurityGroupId"] for g in node["SecurityGroups"]] == [sg["GroupId"]]
    [subnets] = ec.describe_cache_subnet_groups(CacheSubnetGroupName=node["CacheSubnetGroupName"])["CacheSubnetGroups"]
    private = ec2.describe_subnets(Filters=[{"Name": "tag:Tier", "Values": ["private"]}])["Subnets"]
    assert sorted(s["SubnetIdentifier"] for s in subnets["Subnets"]) == sorted(s["SubnetId"] for s in private)


def test_parameter_group_is_redis7_lru_with_idle_timeout(deployed):
    ec = deployed[0].client("elasticache")
    [group] = ec.describe_cache_parameter_groups(CacheParameterGroupName="tickr-redis7")["CacheParameterGroups"]
    assert group["CacheParameterGroupFamily"] == "redis7"
    params = {p["ParameterName"]: p["ParameterValue"] for p in ec.describe_cache_parameters(CacheParameterGroupName="tickr-redis7")["Parameters"]}
    assert params["maxmemory-policy"] == "allkeys-lru"
    assert params["timeout"] == "300"


def test_auth_token_is_kept_in_secrets_manager(deployed):
    sm = deployed[0].client("secretsmanager")
    token = sm.get_secret_value(SecretId="tickr/redis/auth-token")["SecretString"]
    assert len(token) == 32 and token.isalnum()


def test_only_the_tasks_and_the_deployer_may_read_the_token(deployed):
    # The deployer passes the token to ElastiCache; the ECS execution role gives it to the tasks.
    assert secret_readers(deployed[0], "tickr/redis/auth-token") == sorted(
        role_readers("ecsTaskExecutionRole") + [EMULATOR_CALLER])


def test_second_run_changes_nothing_keeps_the_token_and_prints_no_secret(deployed, run_playbook):
    emulator = deployed[0]
    sm = emulator.client("secretsmanager")
    token = sm.get_secret_value(SecretId="tickr/redis/auth-token")["SecretString"]
    second = run_playbook(emulator.env, extra=[*TAGS, "-vvv"], json_output=False)
    assert second.returncode == 0, second.output[-3000:]
    assert token not in second.output
    third = run_playbook(emulator.env, extra=TAGS)
    assert third.returncode == 0 and third.changed == 0, third.failure_messages() or third.output[-3000:]
    assert sm.get_secret_value(SecretId="tickr/redis/auth-token")["SecretString"] == token


def test_check_mode_on_the_built_stack_predicts_no_change(deployed, run_playbook):
    run = run_playbook(deployed[0].env, extra=[*TAGS, "--check", "--diff"])
    assert run.returncode == 0 and run.changed == 0, run.failure_messages() or run.output[-3000:]


def test_first_run_prints_no_secret(fresh_emulator, run_playbook):
    run = run_playbook(fresh_emulator.env, extra=[*TAGS, "-vvv"], json_output=False)
    assert run.returncode == 0, run.output[-3000:]
    token = fresh_emulator.client("secretsmanager").get_secret_value(SecretId="tickr/redis/auth-token")["SecretString"]
    assert token not in run.output


@pytest.mark.parametrize(
    "extra_vars, variable",
    [
        ({"redis_node_type": "t3.micro"}, "redis_node_type"),
        ({"redis_engine_version": "6.2"}, "redis_engine_version"),
        ({"redis_parameters": {"maxmemory-policy": "allkeys-lru", "max-memory": "1gb"}}, "redis_parameters"),
        ({"redis_maintenance_window": "sun:04:00-sun:05:00", "redis_snapshot_window": "04:30-05:30"}, "redis_snapshot_window"),
        ({"redis_transit_encryption": False}, "redis_transit_encryption"),
        # Right shape, refused by AWS halfway (after the subnet and parameter groups): caught first.
        ({"redis_node_type": "cache.t3.tiny"}, "redis_node_type"),
        ({"redis_engine_version": "7.3"}, "redis_engine_version"),
        ({"redis_parameters": {"maxmemory-policy": "lru", "timeout": 300}}, "redis_parameters.maxmemory-policy"),
    ],
)
def test_bad_input_fails_before_any_change(fresh_emulator, run_playbook, extra_vars, variable):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "redis", "-e", json.dumps(extra_vars)])
    assert run.returncode != 0
    assert variable in " ".join(run.failure_messages())
    ec = fresh_emulator.client("elasticache")
    assert ec.describe_replication_groups()["ReplicationGroups"] == []
    assert fresh_emulator.client("secretsmanager").list_secrets()["SecretList"] == []


def test_without_the_network_it_says_to_run_networking_first(fresh_emulator, run_playbook):
    run = run_playbook(fresh_emulator.env, extra=["--tags", "redis"])
    assert run.returncode != 0
    assert "run the networking role first" in " ".join(run.failure_messages())
