"""EC2 refuses to delete a security group that a network interface is still in.

AWS: ``DeleteSecurityGroup`` on a group associated with an instance or a network interface fails with
``DependencyViolation`` ("resource sg-... has a dependent object") and deletes nothing
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSecurityGroup.html). The requester-managed
interfaces of a DB instance, a cache node or an endpoint go when their resource is deleted
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html), so a group is deleted once the
resources in it are gone.
moto 5.2.5: deletes any group, leaving its interfaces in a group that no longer exists, so a destroy that deletes a
group before the resources in it passes on the emulator and fails on AWS.
"""

from moto.ec2.exceptions import DependencyViolationError
from moto.ec2.models.security_groups import SecurityGroupBackend


def apply():
    original = SecurityGroupBackend.delete_security_group

    def delete_security_group(self, name=None, group_id=None):
        group = self.get_security_group_from_id(group_id) if group_id else self.get_security_group_by_name_or_id(name)
        # group_set: an instance's interface is also in the instance's groups.
        if group is not None and any(group in eni.group_set for eni in list(self.enis.values())):
            raise DependencyViolationError(f"resource {group.id} has a dependent object")
        return original(self, name=name, group_id=group_id)

    SecurityGroupBackend.delete_security_group = delete_security_group
