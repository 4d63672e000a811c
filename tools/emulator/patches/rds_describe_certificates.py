"""RDS lists its certificate authorities with their validity.

AWS: DescribeCertificates returns the CAs RDS offers in the region (rds-ca-rsa2048-g1, the default for new
instances, valid 40 years; rds-ca-rsa4096-g1 and rds-ca-ecc384-g1, valid 100 years), each with
CertificateIdentifier, CertificateType "CA", ValidFrom, ValidTill, CertificateArn and
CustomerOverride false; CertificateIdentifier limits the answer to one and fails with ``CertificateNotFound`` when
it names no CA. Security scanners (Prowler's rds_instance_certificate_expiration) read an instance's CA validity
here.
Sources: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeCertificates.html,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html ("Certificate authorities").
moto 5.2.5: has no DescribeCertificates (an HTTP 500), which a scanner reads as an expired CA.
"""

import datetime

from moto.core.responses import ActionResult
from moto.rds.exceptions import RDSClientError
from moto.rds.responses import RDSResponse

from .rds_ca_certificate import DEFAULT_CA

_UTC = datetime.timezone.utc
# The G1 CAs date from May 2021; the day is modelled, not the hour. identifier -> (valid from, valid till)
CERTIFICATES = {
    "rds-ca-rsa2048-g1": (datetime.datetime(2021, 5, 25, tzinfo=_UTC), datetime.datetime(2061, 5, 25, tzinfo=_UTC)),
    "rds-ca-rsa4096-g1": (datetime.datetime(2021, 5, 25, tzinfo=_UTC), datetime.datetime(2121, 5, 25, tzinfo=_UTC)),
    "rds-ca-ecc384-g1": (datetime.datetime(2021, 5, 25, tzinfo=_UTC), datetime.datetime(2121, 5, 25, tzinfo=_UTC)),
}


def _certificate(identifier, region):
    valid_from, valid_till = CERTIFICATES[identifier]
    return {"CertificateIdentifier": identifier, "CertificateType": "CA",
            "ValidFrom": valid_from, "ValidTill": valid_till,
            "CertificateArn": f"arn:aws:rds:{region}::cert:{identifier}",
            "CustomerOverride": False, "DefaultForNewLaunches": identifier == DEFAULT_CA}


def apply():
    def describe_certificates(self):
        wanted = (self.params.get("CertificateIdentifier") or "").lower()
        if wanted and wanted not in CERTIFICATES:
            raise RDSClientError("CertificateNotFound", f"Certificate {wanted} not found.")
        names = [wanted] if wanted else sorted(CERTIFICATES)
        return ActionResult({"DefaultCertificateForNewLaunches": DEFAULT_CA,
                             "Certificates": [_certificate(name, self.region) for name in names]})

    RDSResponse.describe_certificates = describe_certificates
