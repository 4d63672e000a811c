"""RDS DescribeDBParameterGroups names a missing group with DBParameterGroupNotFound.

AWS: DescribeDBParameterGroups with a DBParameterGroupName that does not exist fails with the
DBParameterGroupNotFound fault (HTTP 404); clients such as amazon.aws.rds_instance_param_group create the group
on that error.
moto 5.2.5: answers an empty list, which those clients read as "found" and then fail on (IndexError).
"""

from moto.rds.exceptions import DBParameterGroupNotFoundError
from moto.rds.models import RDSBackend


def apply():
    original = RDSBackend.describe_db_parameter_groups

    def describe_db_parameter_groups(self, db_parameter_group_kwargs):
        found = original(self, db_parameter_group_kwargs)
        name = db_parameter_group_kwargs.get("db_parameter_group_name")
        if name and not found:
            raise DBParameterGroupNotFoundError(name)
        return found

    RDSBackend.describe_db_parameter_groups = describe_db_parameter_groups
