"""tickr.aws.elasticache_parameter_group on a stubbed ElastiCache: each call must be the next one queued, so a write
in check mode or a call too many fails the test; only the values that differ are written, 20 a call; AWS's message
reaches the user."""

from ansible_collections.tickr.aws.plugins.modules import elasticache_parameter_group

from module_runner import run_stubbed

NAME = {"CacheParameterGroupName": "tickr-redis7"}
GROUP = {"CacheParameterGroups": [{"CacheParameterGroupName": "tickr-redis7", "CacheParameterGroupFamily": "redis7",
                                   "Description": "Tickr Redis parameters", "IsGlobal": False,
                                   "ARN": "arn:aws:elasticache:eu-west-1:123456789012:parametergroup:tickr-redis7"}]}
DEFAULTS = {"maxmemory-policy": "volatile-lru", "timeout": "0", "appendonly": "no"}
ARGS = {"name": "tickr-redis7", "family": "redis7", "description": "Tickr Redis parameters",
        "values": {"maxmemory-policy": "allkeys-lru", "timeout": 300}}
MISSING = "CacheParameterGroupNotFound"


def _parameters(values):
    return {"Parameters": [{"ParameterName": k, "ParameterValue": v} for k, v in values.items()]}


def _read(values=None):
    return [("describe_cache_parameter_groups", GROUP, NAME),
            ("describe_cache_parameters", _parameters(DEFAULTS if values is None else values), NAME)]


def _modify(*changes):
    return ("modify_cache_parameter_group", {"CacheParameterGroupName": "tickr-redis7"},
            dict(NAME, ParameterNameValues=[{"ParameterName": k, "ParameterValue": v} for k, v in changes]))


def _run(answers, args=None, check_mode=False):
    return run_stubbed(elasticache_parameter_group, "elasticache", ARGS if args is None else args, answers, check_mode=check_mode,
                       message="ElastiCache refused: {code}")


def test_a_missing_group_is_created_then_given_its_values():
    create = ("create_cache_parameter_group", {"CacheParameterGroup": GROUP["CacheParameterGroups"][0]},
              dict(NAME, CacheParameterGroupFamily="redis7", Description="Tickr Redis parameters"))
    result = _run([("describe_cache_parameter_groups", MISSING, NAME), create] + _read()
                  + [_modify(("maxmemory-policy", "allkeys-lru"), ("timeout", "300"))])
    assert result["failed"] is False and result["changed"] is True
    assert result["parameter_group"]["cache_parameter_group_family"] == "redis7"
    assert result["parameters"] == dict(DEFAULTS, **{"maxmemory-policy": "allkeys-lru", "timeout": "300"})
    assert result["diff"]["before"] == DEFAULTS


def test_check_mode_on_a_missing_group_predicts_it_and_only_reads():
    result = _run([("describe_cache_parameter_groups", MISSING, NAME)], check_mode=True)
    assert (result["failed"], result["changed"]) == (False, True)
    assert result["diff"] == {"before": {}, "after": ARGS["values"]}


def test_a_missing_group_without_a_family_fails_before_any_write():
    result = _run([("describe_cache_parameter_groups", MISSING, NAME)], args={"name": "tickr-redis7"})
    assert result["failed"] is True
    assert result["msg"] == "Cache parameter group tickr-redis7 does not exist: family is required to create it"


def test_values_in_place_write_nothing():
    result = _run(_read(dict(DEFAULTS, **{"maxmemory-policy": "allkeys-lru", "timeout": "300"})))
    assert (result["failed"], result["changed"]) == (False, False)
    assert result["parameters"]["timeout"] == "300"


def test_check_mode_predicts_the_values_and_only_reads():
    result = _run(_read(), check_mode=True)
    assert (result["failed"], result["changed"]) == (False, True)
    assert result["parameters"] == dict(DEFAULTS, **{"maxmemory-policy": "allkeys-lru", "timeout": "300"})
    assert result["diff"]["before"] == DEFAULTS


def test_no_values_only_read_the_group_back():
    # The redis role's verification reads the group back so.
    result = _run(_read(), args={"name": "tickr-redis7", "values": {}}, check_mode=True)
    assert (result["failed"], result["changed"]) == (False, False)
    assert result["parameters"] == DEFAULTS and result["parameter_group"]["cache_parameter_group_name"] == "tickr-redis7"


def test_more_than_twenty_changes_are_written_twenty_a_call():
    current = {f"p{i:02}": "0" for i in range(25)}
    wanted = {f"p{i:02}": i + 1 for i in range(25)}
    result = _run(_read(current) + [_modify(*[(f"p{i:02}", str(i + 1)) for i in range(20)]),
                                    _modify(*[(f"p{i:02}", str(i + 1)) for i in range(20, 25)])],
                  args={"name": "tickr-redis7", "values": wanted})
    assert (result["failed"], result["changed"]) == (False, True)


def test_an_unknown_parameter_or_another_family_fails_before_any_write():
    result = _run(_read(), args=dict(ARGS, values={"max-memory": "1gb"}))
    assert (result["failed"], result["msg"]) == (True, "Unknown parameters for family redis7: max-memory")
    result = _run(_read(), args=dict(ARGS, family="redis6.x"))
    assert result["failed"] is True
    assert result["msg"] == ("Cache parameter group tickr-redis7 is of family redis7, not redis6.x: AWS cannot change a family; "
                             "use another name")


def test_absent_deletes_an_existing_group_only():
    delete = ("delete_cache_parameter_group", {}, NAME)
    result = _run(_read() + [delete], args={"name": "tickr-redis7", "state": "absent"})
    assert (result["failed"], result["changed"], result["diff"]) == (False, True, {"before": DEFAULTS, "after": {}})
    result = _run(_read(), args={"name": "tickr-redis7", "state": "absent"}, check_mode=True)
    assert (result["failed"], result["changed"]) == (False, True)
    result = _run([("describe_cache_parameter_groups", MISSING, NAME)], args={"name": "tickr-redis7", "state": "absent"})
    assert (result["failed"], result["changed"]) == (False, False)


def test_aws_refusal_reaches_the_user_with_awss_message():
    refused = _modify(("maxmemory-policy", "allkeys-lru"), ("timeout", "300"))
    result = _run(_read() + [refused[:1] + ("InvalidParameterValue",) + refused[2:]])
    assert result["failed"] is True
    assert result["msg"] == ("Failed to modify the cache parameter group: An error occurred (InvalidParameterValue) when calling "
                             "the ModifyCacheParameterGroup operation: ElastiCache refused: InvalidParameterValue")
