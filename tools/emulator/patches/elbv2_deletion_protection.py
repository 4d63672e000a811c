"""A load balancer with deletion protection on cannot be deleted.

AWS: with the attribute ``deletion_protection.enabled`` "true", ``DeleteLoadBalancer`` fails with
``OperationNotPermitted`` ("Load balancer '<arn>' cannot be deleted because deletion protection is enabled") and the
load balancer stays; it can be deleted once the attribute is "false" again.
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteLoadBalancer.html,
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#deletion-protection
moto 5.2.5: stores the attribute and deletes the load balancer anyway, so a destroy that forgets to lift the
protection passes on the emulator and fails on AWS.
"""

from moto.elbv2.exceptions import ELBClientError
from moto.elbv2.models import ELBv2Backend


class OperationNotPermitted(ELBClientError):
    code = "OperationNotPermitted"


def apply():
    original = ELBv2Backend.delete_load_balancer

    def delete_load_balancer(self, arn):
        balancer = self.load_balancers.get(arn)
        if balancer is not None and str(balancer.attrs.get("deletion_protection.enabled", "false")).lower() == "true":
            raise OperationNotPermitted(
                f"Load balancer '{arn}' cannot be deleted because deletion protection is enabled")
        return original(self, arn)

    ELBv2Backend.delete_load_balancer = delete_load_balancer
