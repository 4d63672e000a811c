"""RDS lists a parameter group's engine parameters, not only the ones a user changed.

AWS: DescribeDBParameters on a new postgres15 group returns every parameter of the family, engine defaults
included (Source "engine-default", IsModifiable, AllowedValues, ApplyType); a user-set value shows with Source
"user". Clients check a parameter exists before modifying it.
moto 5.2.5: returns only the parameters a user has set, so amazon.aws.rds_instance_param_group reports
"Parameter rds.force_ssl is not an available parameter" and sets nothing.
The catalogue below holds the postgres15 parameters Tickr's roles and their tests use, as AWS describes them.
"""

from moto.core.responses import ActionResult
from moto.rds.exceptions import DBParameterGroupNotFoundError
from moto.rds.responses import RDSResponse

POSTGRES = [
    # name, default value (None: none shown), data type, allowed values, apply type
    ("rds.force_ssl", "0", "boolean", "0,1", "dynamic"),
    ("max_connections", None, "integer", "6-8388607", "static"),
    ("log_min_duration_statement", None, "integer", "-1-2147483647", "dynamic"),
    ("statement_timeout", None, "integer", "0-2147483647", "dynamic"),
    ("idle_in_transaction_session_timeout", None, "integer", "0-2147483647", "dynamic"),
    ("shared_preload_libraries", "pg_stat_statements", "list", None, "static"),
    ("log_connections", None, "boolean", "0,1", "dynamic"),
    ("log_disconnections", None, "boolean", "0,1", "dynamic"),
    ("timezone", "UTC", "string", None, "dynamic"),
]
FAMILIES = {f"postgres{v}" for v in range(11, 18)}


def _defaults():
    for name, value, data_type, allowed, apply_type in POSTGRES:
        entry = {"ParameterName": name, "Description": name, "Source": "engine-default", "ApplyType": apply_type,
                 "DataType": data_type, "IsModifiable": True, "ApplyMethod": "pending-reboot"}
        if value is not None:
            entry["ParameterValue"] = value
        if allowed:
            entry["AllowedValues"] = allowed
        yield entry


def apply():
    def describe_db_parameters(self):
        name = self.params.get("DBParameterGroupName")
        groups = self.backend.describe_db_parameter_groups({"db_parameter_group_name": name})
        if not groups:
            raise DBParameterGroupNotFoundError(name)
        group = groups[0]
        user = {p["ParameterName"]: dict(p, Source="user") for p in group.parameters.values()}
        listed = []
        if group.family in FAMILIES:
            for entry in _defaults():
                listed.append(dict(entry, **user.pop(entry["ParameterName"], {})))
        listed.extend(user.values())
        if self.params.get("Source"):
            listed = [p for p in listed if p.get("Source") == self.params["Source"]]
        return ActionResult({"Parameters": listed})

    RDSResponse.describe_db_parameters = describe_db_parameters
