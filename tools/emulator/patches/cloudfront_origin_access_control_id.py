"""A distribution's origins keep their origin access control and their S3 origin config.

AWS: ``GetDistribution`` / ``GetDistributionConfig`` return each origin as it was given, with its
``OriginAccessControlId`` (``""`` when the origin has none) and, for an S3 origin, its ``S3OriginConfig``
(``{"OriginAccessIdentity": ""}`` when the bucket is read through an origin access control).
moto 5.2.5: drops both from every origin, so a distribution reads back without the origin access control it was
created with, and a client that compares the config it sent with the one it reads (community.aws's
``cloudfront_distribution``) sees a change on every run.
"""

from moto.cloudfront import models

_original_init = models.Origin.__init__


def _init(self, origin):
    _original_init(self, origin)
    self.origin_access_control_id = origin.get("OriginAccessControlId") or ""
    if "S3OriginConfig" in origin:
        self.s3_origin_config = {"OriginAccessIdentity": (origin["S3OriginConfig"] or {}).get("OriginAccessIdentity") or ""}


def apply():
    if getattr(models.Origin.__init__, "_tickr_patched", False):
        return
    _init._tickr_patched = True
    models.Origin.__init__ = _init
