"""ECR pull through cache rules: CreatePullThroughCacheRule, DescribePullThroughCacheRules, DeletePullThroughCacheRule.

AWS: a rule maps a repository prefix of the private registry (``ecrRepositoryPrefix``, 2 to 30 characters of
``^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*/?|ROOT)$``, a trailing ``/`` assumed) to an
upstream registry (``upstreamRegistryUrl``: ``public.ecr.aws`` is ``ecr-public``, ``registry-1.docker.io``
``docker-hub``, ``quay.io`` ``quay``, ``registry.k8s.io`` ``k8s``, ``ghcr.io`` ``github-container-registry``,
``registry.gitlab.com`` ``gitlab-container-registry``, ``<name>.azurecr.io`` ``azure-container-registry``,
``<account>.dkr.ecr.<region>.amazonaws.com`` ``ecr``); Docker Hub, GitHub, GitLab and Azure need a Secrets
Manager ``credentialArn``. Each rule is returned with ``registryId``, ``createdAt`` and ``upstreamRegistry``.
A second rule with the same prefix is ``PullThroughCacheRuleAlreadyExistsException``; describing or deleting
an unknown prefix is ``PullThroughCacheRuleNotFoundException``; an unknown upstream is
``UnsupportedUpstreamRegistryException``. The first pull of ``<registry>/<prefix>/<upstream repository>:<tag>``
creates the private repository ``<prefix>/<upstream repository>`` (see patches/ecs_fargate_task_start.py).
See https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreatePullThroughCacheRule.html,
https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribePullThroughCacheRules.html,
https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DeletePullThroughCacheRule.html and
https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html.
moto 5.2.5: implements none of them (the calls fail as not implemented).
"""

import re

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ecr.responses import ECRResponse

PREFIX = re.compile(r"^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*/?|ROOT)$")
UPSTREAMS = [
    (re.compile(r"^public\.ecr\.aws$"), "ecr-public", False),
    (re.compile(r"^registry-1\.docker\.io$"), "docker-hub", True),
    (re.compile(r"^quay\.io$"), "quay", False),
    (re.compile(r"^registry\.k8s\.io$"), "k8s", False),
    (re.compile(r"^ghcr\.io$"), "github-container-registry", True),
    (re.compile(r"^registry\.gitlab\.com$"), "gitlab-container-registry", True),
    (re.compile(r"^[a-z0-9-]+\.azurecr\.io$"), "azure-container-registry", True),
    (re.compile(r"^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$"), "ecr", False),
]


class InvalidParameterException(ServiceException):
    code = "InvalidParameterException"


class PullThroughCacheRuleAlreadyExistsException(ServiceException):
    code = "PullThroughCacheRuleAlreadyExistsException"


class PullThroughCacheRuleNotFoundException(ServiceException):
    code = "PullThroughCacheRuleNotFoundException"


class UnsupportedUpstreamRegistryException(ServiceException):
    code = "UnsupportedUpstreamRegistryException"


def rules(backend):
    """The rules of one registry (account and region), by prefix without its trailing slash."""
    if not hasattr(backend, "tickr_pull_through_cache_rules"):
        backend.tickr_pull_through_cache_rules = {}
    return backend.tickr_pull_through_cache_rules


def _normalise(prefix):
    return (prefix or "").rstrip("/")


def rule_for_repository(backend, repository):
    """The rule whose prefix the repository name starts with, and the upstream repository; (None, None) if none."""
    for prefix, rule in rules(backend).items():
        if prefix == "ROOT":
            return rule, repository
        if repository.startswith(prefix + "/"):
            return rule, repository[len(prefix) + 1:]
    return None, None


def _upstream(url):
    for pattern, name, needs_credential in UPSTREAMS:
        if pattern.match(url or ""):
            return name, needs_credential
    return None, False


def create_pull_through_cache_rule(self):
    backend = self.ecr_backend
    registry_id = self._get_param("registryId") or self.current_account
    prefix = self._get_param("ecrRepositoryPrefix") or ""
    url = self._get_param("upstreamRegistryUrl") or ""
    if not 2 <= len(prefix) <= 30 or not PREFIX.match(prefix):
        raise InvalidParameterException(
            f"Invalid parameter at 'ecrRepositoryPrefix' failed to satisfy constraint: 'must satisfy regular "
            f"expression '{PREFIX.pattern}' and length between 2 and 30'")
    upstream, needs_credential = _upstream(url)
    if upstream is None:
        raise UnsupportedUpstreamRegistryException(
            f"The specified upstream registry {url} is not supported.")
    requested = self._get_param("upstreamRegistry")
    if requested and requested != upstream:
        raise InvalidParameterException(
            f"The upstream registry URL {url} does not match the upstream registry {requested}.")
    credential_arn = self._get_param("credentialArn")
    if needs_credential and not credential_arn:
        raise InvalidParameterException(
            f"A credential ARN is required for the upstream registry {upstream}.")
    key = _normalise(prefix)
    if key in rules(backend):
        raise PullThroughCacheRuleAlreadyExistsException(
            f"A pull through cache rule with the prefix '{key}' already exists in the registry with id '{registry_id}'")
    rule = {"ecrRepositoryPrefix": key, "upstreamRegistryUrl": url, "createdAt": utcnow(), "updatedAt": utcnow(),
            "registryId": registry_id, "upstreamRegistry": upstream}
    for optional in ("credentialArn", "customRoleArn", "upstreamRepositoryPrefix"):
        if self._get_param(optional):
            rule[optional] = self._get_param(optional)
    rules(backend)[key] = rule
    return ActionResult(dict(rule))


def _not_found(prefix, registry_id):
    return PullThroughCacheRuleNotFoundException(
        f"The pull through cache rule with the prefix '{prefix}' does not exist in the registry with id '{registry_id}'")


def describe_pull_through_cache_rules(self):
    registry_id = self._get_param("registryId") or self.current_account
    known = rules(self.ecr_backend)
    asked = [_normalise(p) for p in self._get_param("ecrRepositoryPrefixes") or []]
    for prefix in asked:
        if prefix not in known:
            raise _not_found(prefix, registry_id)
    selected = [known[p] for p in (asked or sorted(known))]
    start = int(self._get_param("nextToken") or 0)
    size = int(self._get_param("maxResults") or 100)
    page = selected[start:start + size]
    result = {"pullThroughCacheRules": [dict(r) for r in page]}
    if start + size < len(selected):
        result["nextToken"] = str(start + size)
    return ActionResult(result)


def delete_pull_through_cache_rule(self):
    registry_id = self._get_param("registryId") or self.current_account
    prefix = _normalise(self._get_param("ecrRepositoryPrefix"))
    rule = rules(self.ecr_backend).pop(prefix, None)
    if rule is None:
        raise _not_found(prefix, registry_id)
    rule.pop("upstreamRegistry", None)
    rule.pop("updatedAt", None)
    return ActionResult(rule)


def apply():
    ECRResponse.create_pull_through_cache_rule = create_pull_through_cache_rule
    ECRResponse.describe_pull_through_cache_rules = describe_pull_through_cache_rules
    ECRResponse.delete_pull_through_cache_rule = delete_pull_through_cache_rule
