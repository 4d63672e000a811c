"""ECR as a user meets it: images pushed by tools/emulator/push_image.py, pull through cache rules; over HTTP."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "emulator"))

from push_image import push_image  # noqa: E402  (the tool under test, beside the emulator)


def _code(error):
    return error.value.response["Error"]["Code"]


def test_a_pushed_image_has_the_manifest_digest_and_its_layers(fresh_emulator):
    ecr = fresh_emulator.client("ecr")
    digest = push_image(ecr, "tickr/backend", "1.0", create_repository=True)
    image = ecr.batch_get_image(repositoryName="tickr/backend", imageIds=[{"imageTag": "1.0"}])["images"][0]
    assert digest == "sha256:" + hashlib.sha256(image["imageManifest"].encode()).hexdigest()
    assert image["imageId"]["imageDigest"] == digest
    layers = [layer["digest"] for layer in __import__("json").loads(image["imageManifest"])["layers"]]
    available = ecr.batch_check_layer_availability(repositoryName="tickr/backend", layerDigests=layers)
    assert [layer["layerAvailability"] for layer in available["layers"]] == ["AVAILABLE"]
    assert push_image(ecr, "tickr/backend", "1.0") == digest, "pushing the same image again is a no-op"
    assert push_image(ecr, "tickr/backend", "1.1") != digest


def test_pushing_to_a_missing_repository_fails_unless_asked_to_create_it(fresh_emulator):
    ecr = fresh_emulator.client("ecr")
    with pytest.raises(ClientError) as error:
        push_image(ecr, "tickr/missing", "1.0")
    assert _code(error) == "RepositoryNotFoundException"
    command = [sys.executable, str(ROOT / "tools" / "emulator" / "push_image.py"), "tickr/missing:2.0",
               "--endpoint-url", fresh_emulator.url]
    refused = subprocess.run(command, env=fresh_emulator.env, capture_output=True, text=True, check=False)
    assert refused.returncode != 0 and "does not exist" in refused.stderr
    pushed = subprocess.run(command + ["--create-repository"], env=fresh_emulator.env, capture_output=True, text=True,
                            check=True)
    digest = pushed.stdout.strip()
    assert digest.startswith("sha256:") and len(digest) == 71
    assert ecr.describe_images(repositoryName="tickr/missing")["imageDetails"][0]["imageDigest"] == digest


def test_pull_through_cache_rules_are_created_described_and_deleted(fresh_emulator):
    ecr = fresh_emulator.client("ecr")
    created = ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
    assert (created["ecrRepositoryPrefix"], created["upstreamRegistryUrl"], created["upstreamRegistry"],
            created["registryId"]) == ("ecr-public", "public.ecr.aws", "ecr-public", "123456789012")
    assert created["createdAt"]
    rules = ecr.describe_pull_through_cache_rules()["pullThroughCacheRules"]
    assert [(r["ecrRepositoryPrefix"], r["upstreamRegistryUrl"]) for r in rules] == [("ecr-public", "public.ecr.aws")]
    assert ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["ecr-public"])["pullThroughCacheRules"]

    with pytest.raises(ClientError) as error:
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
    assert _code(error) == "PullThroughCacheRuleAlreadyExistsException"

    deleted = ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public")
    assert deleted["ecrRepositoryPrefix"] == "ecr-public"
    assert ecr.describe_pull_through_cache_rules()["pullThroughCacheRules"] == []
    with pytest.raises(ClientError) as error:
        ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public")
    assert _code(error) == "PullThroughCacheRuleNotFoundException"
    with pytest.raises(ClientError) as error:
        ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["ecr-public"])
    assert _code(error) == "PullThroughCacheRuleNotFoundException"


@pytest.mark.parametrize("prefix, url, code", [
    ("ECR_Public", "public.ecr.aws", "InvalidParameterException"),
    ("-bad", "public.ecr.aws", "InvalidParameterException"),
    ("mirror", "registry.example.com", "UnsupportedUpstreamRegistryException"),
    ("hub", "registry-1.docker.io", "InvalidParameterException"),  # Docker Hub needs a credentialArn
])
def test_pull_through_cache_rules_refuse_what_ecr_refuses(fresh_emulator, prefix, url, code):
    ecr = fresh_emulator.client("ecr")
    with pytest.raises(ClientError) as error:
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix=prefix, upstreamRegistryUrl=url)
    assert _code(error) == code
    assert ecr.describe_pull_through_cache_rules()["pullThroughCacheRules"] == []
