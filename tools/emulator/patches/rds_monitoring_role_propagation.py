"""RDS refuses an Enhanced Monitoring role IAM has not propagated yet.

AWS: IAM is eventually consistent ("changes that you make in IAM ... might not be immediately visible ... it can
take a few seconds", https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency),
and CreateDBInstance or ModifyDBInstance with a MonitoringRoleArn created seconds earlier fails with
``InvalidParameterValue: IAM role ARN value is invalid or does not include the required permissions for:
ENHANCED_MONITORING``; a role that does not exist fails the same way.
moto 5.2.5: accepts any MonitoringRoleArn at once, so a first run never meets the error.
The role is refused while it is younger than ``TICKR_EMULATOR_IAM_PROPAGATION_SECONDS`` (default 5; 0 turns the
rule off).
"""

import os

from moto.core.utils import utcnow
from moto.iam.models import iam_backends
from moto.rds.exceptions import InvalidParameterValue
from moto.rds.models import RDSBackend

ENV = "TICKR_EMULATOR_IAM_PROPAGATION_SECONDS"
MESSAGE = "IAM role ARN value is invalid or does not include the required permissions for: ENHANCED_MONITORING"


def propagation_seconds():
    return float(os.environ.get(ENV, "5") or 0)


def _check(account_id, role_arn):
    if not role_arn:
        return
    seconds = propagation_seconds()
    if seconds <= 0:
        return
    name = role_arn.rsplit("/", 1)[-1]
    try:
        role = iam_backends[account_id]["global"].get_role(name)
    except Exception:  # noqa: BLE001 - moto raises its own IAMNotFoundException
        raise InvalidParameterValue(MESSAGE) from None
    created = role.create_date.replace(tzinfo=None)
    if (utcnow().replace(tzinfo=None) - created).total_seconds() < seconds:
        raise InvalidParameterValue(MESSAGE)


def apply():
    original_create = RDSBackend.create_db_instance
    original_modify = RDSBackend.modify_db_instance

    def create_db_instance(self, db_kwargs):
        _check(self.account_id, db_kwargs.get("monitoring_role_arn"))
        return original_create(self, db_kwargs)

    def modify_db_instance(self, db_instance_identifier, db_kwargs):
        _check(self.account_id, db_kwargs.get("monitoring_role_arn"))
        return original_modify(self, db_instance_identifier, db_kwargs)

    RDSBackend.create_db_instance = create_db_instance
    RDSBackend.modify_db_instance = modify_db_instance
