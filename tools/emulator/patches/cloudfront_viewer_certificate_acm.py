"""A distribution's ACM certificate must be issued, in us-east-1, and cover its aliases.

AWS: ``CreateDistribution`` and ``UpdateDistribution`` with a ``ViewerCertificate.ACMCertificateArn`` fail with
``InvalidViewerCertificate`` (HTTP 400) unless the certificate exists in us-east-1 (whatever the region of the
call or of the origin) and is ``ISSUED``, and every alias (CNAME) of the distribution is covered by the
certificate's names (``*.example.com`` covers one label).
moto 5.2.5: accepts any ARN, in any region, pending or missing, covering any alias.
"""

from moto.acm.models import acm_backends
from moto.cloudfront import models
from moto.cloudfront.exceptions import CloudFrontException

CERTIFICATE_REGION = "us-east-1"


class InvalidViewerCertificate(CloudFrontException):
    def __init__(self, message):
        super().__init__("InvalidViewerCertificate", message)


def _covers(names, alias):
    alias = alias.lower()
    for name in names:
        name = name.lower()
        if name == alias or (name.startswith("*.") and alias.split(".", 1)[-1] == name[2:] and "." in alias):
            return True
    return False


def check(account_id, config):
    arn = ((config or {}).get("ViewerCertificate") or {}).get("ACMCertificateArn")
    if not arn:
        return
    invalid = InvalidViewerCertificate(
        "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, "
        "or doesn't include a valid certificate chain.")
    parts = arn.split(":")
    if len(parts) < 6 or parts[2] != "acm" or parts[3] != CERTIFICATE_REGION:
        raise invalid
    try:
        certificate = acm_backends[parts[4]][CERTIFICATE_REGION].get_certificate(arn)
    except Exception:
        raise invalid from None
    if certificate.status != "ISSUED":
        raise invalid
    names = set(certificate.sans or []) | ({certificate.common_name} if certificate.common_name else set())
    aliases = ((config.get("Aliases") or {}).get("Items")) or []
    for alias in aliases:
        if not _covers(names, alias):
            raise InvalidViewerCertificate(
                f"The certificate that is attached to your distribution doesn't cover the alternate domain name "
                f"(CNAME) that you're trying to add: {alias}.")


_original_create = models.CloudFrontBackend.create_distribution_with_tags
_original_update = models.CloudFrontBackend.update_distribution


def _create(self, distribution_config, tags):
    check(self.account_id, distribution_config)
    return _original_create(self, distribution_config, tags)


def _update(self, dist_config, _id, if_match):
    check(self.account_id, dist_config)
    return _original_update(self, dist_config, _id, if_match)


def apply():
    if getattr(models.CloudFrontBackend.update_distribution, "_tickr_patched", False):
        return
    _create._tickr_patched = _update._tickr_patched = True
    models.CloudFrontBackend.create_distribution_with_tags = _create
    models.CloudFrontBackend.update_distribution = _update
