"""SESv2 Easy DKIM: a domain identity gets three DKIM tokens and signs with them.

AWS: ``CreateEmailIdentity`` for a domain without ``DkimSigningAttributes`` sets up Easy DKIM: ``DkimAttributes``
has ``SigningEnabled: true``, ``SigningAttributesOrigin: AWS_SES``, ``Status: PENDING`` (until the CNAME records
are found) and three ``Tokens``, each published as ``<token>._domainkey.<domain> CNAME <token>.dkim.amazonses.com``;
``PutEmailIdentityDkimSigningAttributes`` with ``AWS_SES`` gives an existing identity Easy DKIM tokens and
``PutEmailIdentityDkimAttributes`` turns signing on or off.
moto 5.2.5: the identity has no ``Tokens``, ``SigningEnabled: false`` and ``Status: NOT_STARTED``, and neither
Put operation is implemented.
"""

import hashlib
import json

from moto.sesv2.models import SESV2Backend
from moto.sesv2 import urls
from moto.sesv2.responses import SESV2Response


def _tokens(domain):
    return [hashlib.sha1(f"{domain}/{i}".encode()).hexdigest()[:32] for i in range(3)]


def _easy_dkim(identity):
    identity.dkim_attributes.update({"SigningEnabled": True, "Status": "PENDING", "SigningAttributesOrigin": "AWS_SES",
                                     "Tokens": _tokens(identity.email_identity)})


_original_create = SESV2Backend.create_email_identity


def create_email_identity(self, email_identity, tags, dkim_signing_attributes, configuration_set_name):
    identity = _original_create(self, email_identity, tags, dkim_signing_attributes, configuration_set_name)
    if identity.identity_type == "DOMAIN" and not dkim_signing_attributes:
        _easy_dkim(identity)
    return identity


def put_email_identity_dkim_signing_attributes(self):
    identity = self.sesv2_backend.get_email_identity(self._get_param("EmailIdentity"))
    if self._get_param("SigningAttributesOrigin") == "AWS_SES":
        _easy_dkim(identity)
    return json.dumps({"DkimStatus": identity.dkim_attributes["Status"], "DkimTokens": identity.dkim_attributes.get("Tokens", [])})


def put_email_identity_dkim_attributes(self):
    identity = self.sesv2_backend.get_email_identity(self._get_param("EmailIdentity"))
    identity.dkim_attributes["SigningEnabled"] = bool(self._get_param("SigningEnabled"))
    return json.dumps({})


PATHS = [
    r"v2/email/identities/(?P<EmailIdentity>[^/]+)/dkim",
    r"v2/email/identities/(?P<EmailIdentity>[^/]+)/dkim/signing",
]


def apply():
    for path in PATHS:
        urls.url_paths[f"{{0}}/{path}$"] = SESV2Response.dispatch
    SESV2Backend.create_email_identity = create_email_identity
    SESV2Response.put_email_identity_dkim_signing_attributes = put_email_identity_dkim_signing_attributes
    SESV2Response.put_email_identity_dkim_attributes = put_email_identity_dkim_attributes
