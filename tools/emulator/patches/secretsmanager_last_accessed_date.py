"""Secrets Manager records the day a secret was last read: DescribeSecret's and ListSecrets' ``LastAccessedDate``.

AWS (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html, LastAccessedDate:
"The date that the secret was last accessed in the Region. This field is omitted if the secret has never been
retrieved in the Region"; the value is rounded to the date, 00:00 UTC): GetSecretValue sets it, and so does ECS
when it starts a task whose definition names the secret in a container's ``secrets``, since the ECS agent reads
the value with the execution role
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html).
Prowler's ``secretsmanager_secret_unused`` fails a secret whose LastAccessedDate is missing or too old.
moto 5.2.5: DescribeSecret and ListSecrets always answer ``LastAccessedDate: null`` (omitted by clients): every secret
looks never read. The ECS side is ``mark_read``, which patches/ecs_fargate_task_start.py calls when a task's agent
fetches its secrets.
"""

import datetime

from moto.secretsmanager.models import FakeSecret, SecretsManagerBackend, secretsmanager_backends


def _today():
    """The epoch seconds of today's 00:00 UTC, as AWS rounds LastAccessedDate."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return int(datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc).timestamp())


def mark_read(account_id, region, secret_id):
    """Record that the secret (a name or an ARN) was read today; a secret moto does not know is left alone."""
    try:
        secrets = secretsmanager_backends[account_id][region].secrets
        if secret_id in secrets:
            secrets[secret_id].tickr_last_accessed_date = _today()
    except Exception:  # noqa: BLE001  an identifier moto cannot read: nothing to record
        pass


def apply():
    original_get_secret_value = SecretsManagerBackend.get_secret_value
    original_to_dict = FakeSecret.to_dict

    def get_secret_value(self, secret_id, *args, **kwargs):
        answer = original_get_secret_value(self, secret_id, *args, **kwargs)
        mark_read(self.account_id, self.region_name, secret_id)
        return answer

    def to_dict(self):
        dct = original_to_dict(self)
        accessed = getattr(self, "tickr_last_accessed_date", None)
        if accessed is not None:
            dct["LastAccessedDate"] = accessed
        return dct

    SecretsManagerBackend.get_secret_value = get_secret_value
    FakeSecret.to_dict = to_dict
