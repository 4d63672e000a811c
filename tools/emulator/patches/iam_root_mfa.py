"""IAM GetAccountSummary: the root user's MFA.

AWS: ``AccountMFAEnabled`` is 1 once the root user has an MFA device, which only the console can add (there is
no API for it); a real account run by this collection has it, as the spec's checklist demands.
moto 5.2.5: always answers 0 and offers no way to change it, so an audit of a well-kept account cannot pass.
The emulator's account stands for a well-kept one: root MFA on, unless ``TICKR_EMULATOR_ROOT_MFA=0`` asks for
an account without it (to see verify.yml fail).
"""

import os

from moto.iam import models


def apply():
    enabled = 0 if os.environ.get("TICKR_EMULATOR_ROOT_MFA", "1") == "0" else 1
    original = models.AccountSummary.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self._account_mfa_enabled = enabled

    models.AccountSummary.__init__ = init
