"""A cache behavior reads back without the fields it was not given.

AWS: ``GetDistribution`` / ``GetDistributionConfig`` leave out a cache behavior's ``CachePolicyId`` and
``RealtimeLogConfigArn`` when none was set (a legacy behavior with ``ForwardedValues`` and TTLs has no cache
policy), and an empty ``TrustedSigners`` / ``TrustedKeyGroups`` reads ``{"Enabled": false, "Quantity": 0}``
without ``Items``, as every empty CloudFront list does.
moto 5.2.5: returns ``CachePolicyId: ""``, ``RealtimeLogConfigArn: ""`` and ``Items: []``, so a client that
compares the behavior it sent with the one it reads (community.aws's ``cloudfront_distribution``) sees a change
on every run.
"""

from moto.cloudfront import models

_original_init = models.DefaultCacheBehaviour.__init__


def _init(self, config):
    _original_init(self, config)
    for attribute in ("cache_policy_id", "realtime_log_config_arn", "origin_request_policy_id", "response_headers_policy_id"):
        if not getattr(self, attribute, None):
            setattr(self, attribute, None)
    for signers in (self.trusted_signers, self.trusted_key_groups):
        if not signers.items:
            signers.items = None


def apply():
    if getattr(models.DefaultCacheBehaviour.__init__, "_tickr_patched", False):
        return
    _init._tickr_patched = True
    models.DefaultCacheBehaviour.__init__ = _init
