"""ACM issues a DNS-validated certificate once its validation records are published.

AWS: ``RequestCertificate`` with ``ValidationMethod=DNS`` answers ``PENDING_VALIDATION`` with the CNAME records;
once they are in DNS, ACM issues the certificate, usually within a minute or two.
moto 5.2.5: has no DNS; it issues a pending certificate when it is described more than ``MOTO_ACM_VALIDATION_WAIT``
seconds (60 by default) after the request. The emulator counts the records as published and keeps the
PENDING_VALIDATION -> ISSUED path, but shortens that delay to 5 seconds (``MOTO_ACM_VALIDATION_WAIT`` still wins)
so that a first run which waits for issuance stays fast.
"""

import os

from moto import settings

VALIDATION_WAIT_SECONDS = 5


def apply():
    settings.ACM_VALIDATION_WAIT = int(os.environ.get("MOTO_ACM_VALIDATION_WAIT", VALIDATION_WAIT_SECONDS))
