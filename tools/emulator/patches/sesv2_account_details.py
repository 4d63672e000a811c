"""SESv2 account: GetAccount and PutAccountDetails (the request for production access).

AWS: ``GetAccount`` returns the account's ``SendQuota`` (``Max24HourSend``, ``MaxSendRate``, ``SentLast24Hours``),
``SendingEnabled``, ``ProductionAccessEnabled`` (false in the sandbox: 200 messages a day, 1 a second),
``EnforcementStatus`` and, once ``PutAccountDetails`` was called, ``Details`` (``MailType``, ``WebsiteURL``,
``ContactLanguage``, ``UseCaseDescription``, ``AdditionalContactEmailAddresses`` and ``ReviewDetails``
with ``Status`` PENDING while AWS reviews the request).
moto 5.2.5: neither operation is implemented. The emulator keeps the account in the sandbox and the request PENDING,
as AWS does until a human grants it.
"""

import json

from moto.sesv2 import urls
from moto.sesv2.responses import SESV2Response

_FIELDS = ("MailType", "WebsiteURL", "ContactLanguage", "UseCaseDescription", "AdditionalContactEmailAddresses")


def _account(response):
    return response.sesv2_backend.core_backend.__dict__.setdefault("tickr_v2_account", {})


def get_account(self):
    core = self.sesv2_backend.core_backend
    account = {
        "DedicatedIpAutoWarmupEnabled": False,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": False,
        "SendQuota": {"Max24HourSend": 200.0, "MaxSendRate": 1.0, "SentLast24Hours": float(core.sent_message_count)},
        "SendingEnabled": True,
    }
    details = _account(self).get("Details")
    if details:
        account["Details"] = details
    return json.dumps(account)


def put_account_details(self):
    details = {field: self._get_param(field) for field in _FIELDS if self._get_param(field) is not None}
    details["ReviewDetails"] = {"Status": "PENDING", "CaseId": "tickr-emulator-case"}
    _account(self)["Details"] = details
    return json.dumps({})


PATHS = [
    r"v2/email/account",
    r"v2/email/account/details",
]


def apply():
    for path in PATHS:
        urls.url_paths[f"{{0}}/{path}$"] = SESV2Response.dispatch
    SESV2Response.get_account = get_account
    SESV2Response.put_account_details = put_account_details
