import pytest

from ansible_collections.tickr.aws.plugins.filter.validation import (
    argument_type_errors,
    parameter_value_errors,
    s3_bucket_name_errors,
    tag_errors,
)

STACK_TAGS = {"Project": "tickr", "Environment": "local", "ManagedBy": "ansible"}


def test_the_stacks_tags_are_accepted():
    assert tag_errors(STACK_TAGS) == []
    assert tag_errors({"Team": "Plateforme événements", "cost-center": "a/b:c=d+e-f@g_h.i", "Empty": ""}) == []


@pytest.mark.parametrize(
    "tags, expected",
    [
        ({"aws:owner": "me"}, "tickr_tags: tag key 'aws:owner' starts with aws:"),
        ({"AWS:Owner": "me"}, "tickr_tags: tag key 'AWS:Owner' starts with aws:"),
        ({"k" * 129: "v"}, "has 129 characters; AWS takes 1-128"),
        ({"": "v"}, "has 0 characters; AWS takes 1-128"),
        ({"Owner": "v" * 257}, "tickr_tags: tag 'Owner' has a value of 257 characters; AWS takes 0-256"),
        ({"Cost#Center": "x"}, "tickr_tags: tag key 'Cost#Center' has characters AWS refuses"),
        ({"Owner": "a,b"}, "tickr_tags: tag 'Owner' has a value 'a,b' with characters AWS refuses"),
        ({"Owner": None}, "tickr_tags: tag 'Owner' has no text value (got null)"),
        ({f"k{i}": "v" for i in range(50)}, "tickr_tags: 50 tags; AWS takes at most 50 per resource and the roles add 2"),
    ],
)
def test_each_tag_rule_aws_enforces_is_named(tags, expected):
    errors = tag_errors(tags, "tickr_tags", 2)
    assert any(expected in e for e in errors), errors
    assert all(e.startswith("tickr_tags: ") for e in errors)


def test_tags_not_a_mapping():
    assert tag_errors(["Project"], "redis_tags") == ["redis_tags: must be a mapping of tag keys to values, got list"]


RULES = {
    "maxmemory-policy": {"type": "string", "allowed": "volatile-lru,allkeys-lru,noeviction"},
    "timeout": {"type": "integer", "allowed": "0,20-"},
    "reserved-memory-percent": {"type": "integer", "allowed": "0-100"},
    "activedefrag": {"type": "string", "allowed": "yes,no"},
    "notify-keyspace-events": {"type": "string", "allowed": None},
    "maxclients": {"type": "integer", "allowed": "1-65000", "modifiable": False, "why": "fixed at 65000"},
}


def test_values_the_engine_accepts():
    values = {"maxmemory-policy": "allkeys-lru", "timeout": 300, "reserved-memory-percent": "25",
              "activedefrag": True, "notify-keyspace-events": "Ex", "unknown": "left to the names check"}
    assert parameter_value_errors(values, RULES, "redis_parameters") == []
    assert parameter_value_errors({"timeout": 0}, RULES, "redis_parameters") == []


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"maxmemory-policy": "lru"}, "redis_parameters.maxmemory-policy: 'lru' is not accepted by the engine, which takes "
                                      "one of volatile-lru, allkeys-lru, noeviction"),
        ({"timeout": 5}, "redis_parameters.timeout: '5' is not accepted by the engine, which takes a whole number (0, 20 or more)"),
        ({"timeout": "five"}, "redis_parameters.timeout: 'five' is not accepted"),
        ({"timeout": 30.5}, "redis_parameters.timeout: '30.5' is not accepted"),
        ({"timeout": True}, "redis_parameters.timeout: 'True' is not accepted"),
        ({"reserved-memory-percent": 101}, "which takes a whole number (0-100)"),
        ({"activedefrag": "maybe"}, "redis_parameters.activedefrag: 'maybe' is not accepted by the engine, which takes one of yes, no"),
        ({"maxclients": 100}, "redis_parameters.maxclients: AWS does not let a parameter group change it (fixed at 65000)"),
    ],
)
def test_each_refused_value_names_the_parameter_and_what_the_engine_takes(values, expected):
    errors = parameter_value_errors(values, RULES, "redis_parameters")
    assert len(errors) == 1 and expected in errors[0], errors


def test_one_message_per_refused_value():
    errors = parameter_value_errors({"maxmemory-policy": "lru", "timeout": 5}, RULES, "redis_parameters")
    assert [e.split(":")[0] for e in errors] == ["redis_parameters.maxmemory-policy", "redis_parameters.timeout"]


# What ansible.builtin.validate_argument_spec registers, in a loop over roles (ansible-core 2.19).
RESULTS = {"results": [
    {"item": "networking", "changed": False, "argument_errors": []},
    {"item": "redis", "failed": True, "argument_errors": [
        "argument 'redis_num_nodes' is of type str and we were unable to convert to int: \"'two'\" cannot be converted to an int"]},
    {"item": "cdn", "failed": True, "argument_errors": [
        "argument 'cdn_enabled' is of type str and we were unable to convert to bool: The value 'maybe' is not a valid "
        "boolean.  Valid booleans include: 'no', 'true', 'y', 'n', 'yes', 'on', '1', 'off', '0', 'false', 't', 'f'"]},
    {"item": "rds", "failed": True, "argument_errors": [
        "argument 'rds_allocated_storage' is of type str and we were unable to convert to int: \"'twenty'\" cannot be converted to an int",
        "argument 'rds_tags' is of type str and we were unable to convert to dict: dictionary requested, could not parse JSON or key=value"]},
]}


def test_type_errors_are_one_line_each_naming_the_variable_value_and_type():
    assert argument_type_errors(RESULTS) == [
        "redis_num_nodes: 'two' is not a whole number (int) (redis role's argument spec)",
        "cdn_enabled: 'maybe' is not true or false (bool) (cdn role's argument spec)",
        "rds_allocated_storage: 'twenty' is not a whole number (int) (rds role's argument spec)",
        "rds_tags: the value given is not a mapping (dict) (rds role's argument spec)",
    ]


def test_a_no_log_value_is_not_repeated():
    result = {"failed": True, "argument_errors": [
        "argument 'db_password' is of type dict and we were unable to convert to str: 'hunter2hunter2' is not a string"]}
    assert argument_type_errors(result, {"db_password": {"no_log": True}}) == ["db_password: the value given is not a string (str)"]


def test_other_argument_errors_keep_their_words_and_blame_their_variable():
    result = {"item": "cdn", "failed": True, "argument_errors": [
        "value of cdn_price_class must be one of: PriceClass_100, PriceClass_200, PriceClass_All, got: PriceClass_1"]}
    [error] = argument_type_errors(result)
    assert error.startswith("cdn_price_class: value of cdn_price_class must be one of") and "PriceClass_1" in error


def test_no_errors():
    assert argument_type_errors({"results": [{"item": "redis", "argument_errors": []}]}) == []
    assert argument_type_errors([]) == []


def test_a_value_the_message_names_by_its_class_is_quoted_from_the_host_vars():
    result = {"item": "monitoring", "failed": True, "argument_errors": [
        "argument 'monitoring_ecs_cpu_threshold' is of type str and we were unable to convert to float: "
        "<class 'ansible.module_utils._internal._datatag._AnsibleTaggedStr'> cannot be converted to a float"]}
    assert argument_type_errors(result) == [
        "monitoring_ecs_cpu_threshold: the value given is not a number (float) (monitoring role's argument spec)"]
    assert argument_type_errors(result, {}, {"monitoring_ecs_cpu_threshold": "high"}) == [
        "monitoring_ecs_cpu_threshold: 'high' is not a number (float) (monitoring role's argument spec)"]


@pytest.mark.parametrize("name", ["tickr-local-images", "tickr.images.tn", "abc", "a" * 63, "123-tickr"])
def test_bucket_names_s3_accepts(name):
    assert s3_bucket_name_errors(name, "s3_bucket_name") == []


@pytest.mark.parametrize("name, rule", [
    ("Tickr-Images", "3-63 lowercase letters"),
    ("ab", "3-63 lowercase letters"),
    ("a" * 64, "3-63 lowercase letters"),
    ("-tickr", "starting and ending with a letter or digit"),
    ("tickr_images", "3-63 lowercase letters"),
    ("tickr..images", "no two adjacent dots"),
    ("192.168.5.4", "not an IP address"),
    ("xn--tickr", "not starting with xn--"),
    ("sthree-tickr", "not starting with xn--, sthree-"),
    ("amzn-s3-demo-tickr", "amzn-s3-demo-"),
    ("tickr-s3alias", "not ending with -s3alias"),
    ("tickr--ol-s3", "--ol-s3"),
    ("tickr.mrap", ".mrap"),
    ("tickr--x-s3", "--x-s3"),
    ("tickr--table-s3", "--table-s3"),
])
def test_each_bucket_name_rule_is_named_with_the_variable(name, rule):
    errors = s3_bucket_name_errors(name, "ecs_service_alb_access_logs_bucket")
    assert len(errors) == 1
    assert errors[0].startswith(f"ecs_service_alb_access_logs_bucket: {name[:20]!r}"[:-1])
    assert rule in errors[0]


def test_a_missing_bucket_name_is_refused():
    assert s3_bucket_name_errors(None, "s3_bucket_name") == [
        "s3_bucket_name: '' is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-', starting and "
        "ending with a letter or digit)"]
