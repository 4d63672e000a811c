"""A real account's first run, on an empty emulator: the HTTPS listener waits for the certificate (production and
staging do not wait for it), the stack's image repository is empty. The service is created only once its target
group is behind a listener, starts no task until its image is pushed, and a rerun after the push runs the spec's
2 tasks. A deployment ECS cannot start fails the run with ECS's reason."""

import pytest

from conftest import push_backend_image, service_and_deployment

pytestmark = pytest.mark.integration

TAGS = ["--tags", "networking,ecs_service"]


def _secrets(emulator, prefix):
    # What the rds and redis roles leave behind (staging and production fail without them).
    sm = emulator.client("secretsmanager")
    sm.create_secret(Name=f"{prefix}/db/password", SecretString="db-password-from-the-rds-role")
    sm.create_secret(Name=f"{prefix}/redis/auth-token", SecretString="redis-token-from-the-redis-role")


def _flat(run):
    return " ".join(run.output.split())


def _run(run_playbook, emulator, inventory, host, extra=()):
    run = run_playbook(emulator.env, inventory=inventory, host=host, extra=TAGS + list(extra), json_output=False)
    assert run.returncode == 0, run.output[-4000:]
    return run


def test_production_waits_for_the_https_listener_then_starts_its_tasks(fresh_emulator, run_playbook):
    emulator = fresh_emulator
    _secrets(emulator, "tickr")
    prod = ("inventories/production", "tickr-production")
    first = _run(run_playbook, emulator, *prod)
    flat = _flat(first)
    assert "WARNING: the service tickr-backend-service is not created yet" in flat
    assert "Publish tickr_certificate_validation_records" in flat
    assert "service: 'tickr-backend-service: not created yet, waiting for the HTTPS listener" in flat
    assert service_and_deployment(emulator, "tickr-cluster") == (None, None)
    # The rest converged: the ALB with its redirect listener, the target group, the task definition.
    elb = emulator.client("elbv2")
    lb = elb.describe_load_balancers(Names=["tickr-alb"])["LoadBalancers"][0]
    assert [l["Port"] for l in elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]] == [80]
    assert emulator.client("ecs").list_task_definitions(familyPrefix="tickr-backend")["taskDefinitionArns"]
    assert emulator.client("application-autoscaling").describe_scalable_targets(
        ServiceNamespace="ecs")["ScalableTargets"] == []

    # The records published (the emulator issues within seconds) and the image pushed: the next run starts it all.
    push_backend_image(emulator)
    second = _run(run_playbook, emulator, *prod)
    service, primary = service_and_deployment(emulator)
    assert (service["desiredCount"], service["runningCount"]) == (2, 2), _flat(second)[-3000:]
    assert primary["rolloutState"] == "COMPLETED"
    assert "deployment COMPLETED, 2 of 2 tasks running" in _flat(second)


def test_staging_waits_for_its_first_image_then_starts_the_desired_count(fresh_emulator, run_playbook):
    emulator = fresh_emulator
    _secrets(emulator, "tickr-staging")
    # Production owns the account's pull-through cache rule (tickr_account_owner): staging only uses it.
    emulator.client("ecr").create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public",
                                                          upstreamRegistryUrl="public.ecr.aws")
    staging = ("inventories/staging", "tickr-staging")
    cluster, name = "tickr-staging-cluster", "tickr-staging-backend-service"
    first = _run(run_playbook, emulator, *staging)
    assert "waiting for the HTTPS listener" in _flat(first)

    # The certificate is issued now: the service is created, with no task while the repository is empty.
    second = _run(run_playbook, emulator, *staging)
    flat = _flat(second)
    uri = emulator.client("ecr").describe_repositories(repositoryNames=["tickr-staging-backend"])["repositories"][0]["repositoryUri"]
    assert f"WARNING: the service waits for its first image: push {uri}:latest, then rerun site.yml" in flat
    assert f"waiting for its first image {uri}:latest" in flat
    service, _primary = service_and_deployment(emulator, cluster, name)
    assert (service["desiredCount"], service["runningCount"]) == (0, 0)
    aas = emulator.client("application-autoscaling")
    assert aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"] == []

    push_backend_image(emulator, repository="tickr-staging-backend")
    third = _run(run_playbook, emulator, *staging)
    service, primary = service_and_deployment(emulator, cluster, name)
    assert (service["desiredCount"], service["runningCount"]) == (2, 2), _flat(third)[-3000:]
    assert primary["rolloutState"] == "COMPLETED"
    targets = aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]
    assert [(t["MinCapacity"], t["MaxCapacity"]) for t in targets] == [(2, 10)]


def test_a_deployment_ecs_cannot_start_fails_the_run_with_ecs_reason(fresh_emulator, run_playbook):
    emulator = fresh_emulator
    push_backend_image(emulator)
    local = ("inventories/local", "tickr-local")
    _run(run_playbook, emulator, *local)
    service, _primary = service_and_deployment(emulator)
    assert service["runningCount"] == 2
    before = service["taskDefinition"]

    # A collector image never pushed to the private ECR (an image of another registry, which the private subnets
    # cannot reach without NAT, is refused by the settings check before any change).
    account = emulator.client("sts").get_caller_identity()["Account"]
    never = f"{account}.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend:v9-never-pushed"
    run = run_playbook(emulator.env, inventory=local[0], host=local[1],
                       extra=TAGS + ["-e", f"ecs_service_otel_collector_image={never}"])
    assert run.returncode != 0
    message = " ".join(run.failure_messages())
    assert "The deployment of ECS service tickr-backend-service failed and ECS rolled it back" in message, (
        message or run.output[-3000:])
    assert "CannotPullContainerError" in message and "tickr-backend:v9-never-pushed" in message, message
    assert "deployment failed: tasks failed to start." in message, message
    # The circuit breaker rolled back: the previous task definition still runs its 2 tasks.
    service, primary = service_and_deployment(emulator)
    assert service["taskDefinition"] == before and primary["rolloutState"] == "COMPLETED"
    assert service["runningCount"] == 2
