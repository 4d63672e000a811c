"""EC2's UpdateSecurityGroupRuleDescriptions{Ingress,Egress} answer ``Return: true``.

AWS: both calls return ``{"Return": true}`` on success (EC2 API reference).
moto 5.2.5: returns an empty body, so clients that read ``Return`` (amazon.aws's ec2 module_utils) fail with
``KeyError: 'Return'`` whenever a rule description changes.
"""

from moto.core.responses import ActionResult
from moto.ec2.responses.security_groups import SecurityGroups


def apply():
    for name in ("update_security_group_rule_descriptions_ingress", "update_security_group_rule_descriptions_egress"):
        original = getattr(SecurityGroups, name)

        def patched(self, _original=original):
            _original(self)
            return ActionResult({"Return": True})

        setattr(SecurityGroups, name, patched)
