"""tickr.aws.rds_instance_param_group_parameters_info on a stubbed RDS: every page of DescribeDBParameters, the user's
values by default, a missing group as None rather than a failure, AWS's message reaching the user."""

import pytest

from ansible_collections.tickr.aws.plugins.modules import rds_instance_param_group_parameters_info as info

from module_runner import run_stubbed

FORCE_SSL = {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "Source": "user", "ApplyType": "dynamic",
             "DataType": "boolean", "AllowedValues": "0,1", "IsModifiable": True, "ApplyMethod": "immediate"}
MAX_CONNECTIONS = {"ParameterName": "max_connections", "ParameterValue": "200", "Source": "user", "ApplyType": "static",
                   "DataType": "integer", "AllowedValues": "6-8388607", "IsModifiable": True,
                   "ApplyMethod": "pending-reboot"}
# An engine default RDS computes from the class has no ParameterValue.
WORK_MEM = {"ParameterName": "work_mem", "Source": "engine-default", "ApplyType": "dynamic", "DataType": "integer",
            "IsModifiable": True, "ApplyMethod": "pending-reboot"}


def _run(args, answers, check_mode=False):
    return run_stubbed(info, "rds", dict({"name": "tickr-postgres15"}, **args), answers, check_mode=check_mode,
                       message="User is not authorized to perform: rds:DescribeDBParameters")


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_users_values_of_every_page_in_snake_case(check_mode):
    result = _run({}, [
        ("describe_db_parameters", {"Parameters": [FORCE_SSL], "Marker": "m1"},
         {"DBParameterGroupName": "tickr-postgres15", "Source": "user"}),
        ("describe_db_parameters", {"Parameters": [MAX_CONNECTIONS]},
         {"DBParameterGroupName": "tickr-postgres15", "Source": "user", "Marker": "m1"}),
    ], check_mode=check_mode)
    assert result["changed"] is False and result["failed"] is False
    assert result["parameters"] == [
        {"parameter_name": "rds.force_ssl", "parameter_value": "1", "source": "user", "apply_type": "dynamic",
         "data_type": "boolean", "allowed_values": "0,1", "is_modifiable": True, "apply_method": "immediate"},
        {"parameter_name": "max_connections", "parameter_value": "200", "source": "user", "apply_type": "static",
         "data_type": "integer", "allowed_values": "6-8388607", "is_modifiable": True, "apply_method": "pending-reboot"},
    ]


def test_all_sends_no_source_and_keeps_a_value_rds_computes_absent():
    result = _run({"source": "all"}, [
        ("describe_db_parameters", {"Parameters": [FORCE_SSL, WORK_MEM]}, {"DBParameterGroupName": "tickr-postgres15"}),
    ])
    assert [p["parameter_name"] for p in result["parameters"]] == ["rds.force_ssl", "work_mem"]
    assert "parameter_value" not in result["parameters"][1]


def test_another_source_is_sent_as_aws_spells_it():
    result = _run({"source": "engine-default"}, [
        ("describe_db_parameters", {"Parameters": [WORK_MEM]},
         {"DBParameterGroupName": "tickr-postgres15", "Source": "engine-default"}),
    ])
    assert [p["source"] for p in result["parameters"]] == ["engine-default"]


def test_a_group_that_does_not_exist_is_none():
    result = _run({}, [("describe_db_parameters", "DBParameterGroupNotFound",
                        {"DBParameterGroupName": "tickr-postgres15", "Source": "user"})])
    assert result == {"changed": False, "failed": False, "parameters": None}


def test_an_empty_group_is_an_empty_list():
    result = _run({}, [("describe_db_parameters", {"Parameters": []},
                        {"DBParameterGroupName": "tickr-postgres15", "Source": "user"})])
    assert result["parameters"] == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result = _run({}, [("describe_db_parameters", "AccessDenied",
                        {"DBParameterGroupName": "tickr-postgres15", "Source": "user"})])
    assert result["failed"] is True
    assert result["msg"] == ("Failed to describe the DB parameter group's parameters: An error occurred (AccessDenied) "
                             "when calling the DescribeDBParameters operation: User is not authorized to perform: "
                             "rds:DescribeDBParameters")


def test_an_unknown_source_is_refused_before_any_call():
    result = _run({"source": "engine"}, [])
    assert result["failed"] is True
    assert "source" in result["msg"] and "engine-default" in result["msg"]
