"""RDS signs a new instance's certificate with rds-ca-rsa2048-g1 and describes its CA and its validity.

AWS: an instance created without CACertificateIdentifier gets the region's default CA, rds-ca-rsa2048-g1 since
January 2024; DescribeDBInstances returns CACertificateIdentifier and CertificateDetails (CAIdentifier, ValidTill:
the server certificate's expiry, about a year ahead, renewed by RDS); an identifier that names no CA fails with
``CertificateNotFound``.
Sources: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html ("Certificate
authorities"), https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CertificateDetails.html.
moto 5.2.5: defaults to "rds-ca-default" (a name no region has), accepts any identifier and leaves
CertificateDetails out.
"""

import datetime

from moto.rds.exceptions import RDSClientError
from moto.rds.models import DBInstance, RDSBackend

DEFAULT_CA = "rds-ca-rsa2048-g1"
CAS = {"rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"}
SERVER_CERTIFICATE_DAYS = 365


def _check(identifier):
    if identifier and identifier not in CAS:
        raise RDSClientError("CertificateNotFound", f"Certificate {identifier} not found.")


def apply():
    original_init = DBInstance.__init__
    original_create = RDSBackend.create_db_instance
    original_modify = RDSBackend.modify_db_instance

    def __init__(self, *args, **kwargs):
        if not kwargs.get("ca_certificate_identifier"):
            kwargs["ca_certificate_identifier"] = DEFAULT_CA
        original_init(self, *args, **kwargs)

    def certificate_details(self):
        start = getattr(self, "created", None)
        if not isinstance(start, datetime.datetime):
            start = datetime.datetime.now(datetime.timezone.utc)
        elif start.tzinfo is None:
            start = start.replace(tzinfo=datetime.timezone.utc)
        return {"CAIdentifier": self.ca_certificate_identifier,
                "ValidTill": start + datetime.timedelta(days=SERVER_CERTIFICATE_DAYS)}

    def create_db_instance(self, db_kwargs):
        _check(db_kwargs.get("ca_certificate_identifier"))
        return original_create(self, db_kwargs)

    def modify_db_instance(self, db_instance_identifier, db_kwargs):
        _check(db_kwargs.get("ca_certificate_identifier"))
        return original_modify(self, db_instance_identifier, db_kwargs)

    DBInstance.__init__ = __init__
    DBInstance.certificate_details = property(certificate_details)
    RDSBackend.create_db_instance = create_db_instance
    RDSBackend.modify_db_instance = modify_db_instance
