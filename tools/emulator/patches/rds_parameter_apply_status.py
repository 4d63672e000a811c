"""RDS says whether a DB instance runs its parameter group's values (ParameterApplyStatus) until it is rebooted.

AWS (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.Modifying.html,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Parameter.html, ApplyMethod, and
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBParameterGroupStatus.html):
- a parameter changed with ``ApplyMethod=pending-reboot`` (static or dynamic) takes effect when the instances of its
  group are rebooted: until then ``DescribeDBInstances`` lists the group with ``ParameterApplyStatus``
  ``pending-reboot``, and a maintenance window does not apply it; ``RebootDBInstance`` does (``in-sync``);
- ``ApplyMethod=immediate`` is refused for a static parameter: ``InvalidParameterCombination``, "cannot use
  immediate apply method for static parameter"; for a dynamic one the change applies at once;
- an instance given another parameter group (ModifyDBInstance ``DBParameterGroupName``) runs it after a reboot.
moto 5.2.5: describes every group as ``in-sync``, accepts ``immediate`` for static parameters, and a reboot
changes nothing.
"""

from moto.rds.exceptions import RDSClientError
from moto.rds.models import DBInstance, RDSBackend

from .rds_engine_default_parameters import POSTGRES

STATIC = {name for name, _value, _type, _allowed, apply_type in POSTGRES if apply_type == "static"}


def _status(instance):
    return instance.__dict__.setdefault("_tickr_parameter_apply_status", {})


def apply():
    original_modify_group = RDSBackend.modify_db_parameter_group
    original_modify_instance = RDSBackend.modify_db_instance
    original_reboot = RDSBackend.reboot_db_instance

    def modify_db_parameter_group(self, db_parameter_group_name, db_parameter_group_parameters):
        parameters = list(db_parameter_group_parameters)
        for parameter in parameters:
            if parameter.get("ApplyMethod") == "immediate" and parameter.get("ParameterName") in STATIC:
                raise RDSClientError("InvalidParameterCombination", "cannot use immediate apply method for static parameter")
        group = original_modify_group(self, db_parameter_group_name, parameters)
        if any(parameter.get("ApplyMethod", "immediate") == "pending-reboot" for parameter in parameters):
            for instance in self.databases.values():
                if instance.db_parameter_group_name == db_parameter_group_name:
                    _status(instance)[db_parameter_group_name] = "pending-reboot"
        return group

    def modify_db_instance(self, db_instance_identifier, db_kwargs):
        instance = self.describe_db_instances(db_instance_identifier)[0]
        before = instance.db_parameter_group_name
        result = original_modify_instance(self, db_instance_identifier, db_kwargs)
        if instance.db_parameter_group_name != before:
            _status(instance)[instance.db_parameter_group_name] = "pending-reboot"
        return result

    def reboot_db_instance(self, db_instance_identifier):
        instance = original_reboot(self, db_instance_identifier)
        _status(instance).clear()
        return instance

    def db_parameter_group_status_list(self):
        groups = self.db_parameter_groups()
        for group in groups:
            group.ParameterApplyStatus = _status(self).get(group.name, "in-sync")
        return groups

    RDSBackend.modify_db_parameter_group = modify_db_parameter_group
    RDSBackend.modify_db_instance = modify_db_instance
    RDSBackend.reboot_db_instance = reboot_db_instance
    DBInstance.db_parameter_group_status_list = property(db_parameter_group_status_list)
