"""Origin access control names are unique in an account.

AWS: ``CreateOriginAccessControl`` with the name of an existing origin access control fails with
``OriginAccessControlAlreadyExists`` (HTTP 409).
moto 5.2.5: creates a second one with the same name, so a client that creates one on every run goes unnoticed.
"""

from moto.cloudfront import models
from moto.cloudfront.exceptions import CloudFrontException


class OriginAccessControlAlreadyExists(CloudFrontException):
    code = 409

    def __init__(self, name):
        super().__init__("OriginAccessControlAlreadyExists", f"An origin access control with the same name {name} already exists.")


_original_create = models.CloudFrontBackend.create_origin_access_control


def _create(self, config_dict):
    name = config_dict.get("Name")
    if any(control.name == name for control in self.origin_access_controls.values()):
        raise OriginAccessControlAlreadyExists(name)
    return _original_create(self, config_dict)


def apply():
    if getattr(models.CloudFrontBackend.create_origin_access_control, "_tickr_patched", False):
        return
    _create._tickr_patched = True
    models.CloudFrontBackend.create_origin_access_control = _create
