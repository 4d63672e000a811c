from ansible_collections.tickr.aws.plugins.modules.application_autoscaling_scalable_target import (
    capacities,
    capacity_changes,
    capacity_errors,
    desired_capacities,
    missing_to_register,
    snake,
)

CURRENT = {"ServiceNamespace": "ecs", "ResourceId": "service/tickr-cluster/tickr-backend-service",
           "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 2, "MaxCapacity": 10,
           "SuspendedState": {"DynamicScalingInSuspended": False}}


def _params(**set_options):
    return dict({"min_capacity": None, "max_capacity": None}, **set_options)


def test_min_above_max_is_refused_naming_both_options():
    assert capacity_errors(5, 3) == ["min_capacity (5) must not exceed max_capacity (3)"]
    assert capacity_errors(3, 3) == []
    assert capacity_errors(None, 3) == [] and capacity_errors(5, None) == [] and capacity_errors(None, None) == []


def test_negative_capacities_are_refused():
    assert capacity_errors(-1, 2) == ["min_capacity must be 0 or more, got -1"]
    assert capacity_errors(0, 0) == []


def test_unset_options_are_left_out():
    assert desired_capacities(_params(max_capacity=12)) == {"MaxCapacity": 12}
    assert desired_capacities(_params(min_capacity=0, max_capacity=0)) == {"MinCapacity": 0, "MaxCapacity": 0}


def test_same_bounds_change_nothing():
    assert capacity_changes(CURRENT, desired_capacities(_params(min_capacity=2, max_capacity=10))) == {}
    assert capacity_changes(CURRENT, {}) == {}


def test_only_the_bound_that_differs_is_sent():
    assert capacity_changes(CURRENT, {"MinCapacity": 2, "MaxCapacity": 12}) == {"MaxCapacity": 12}
    assert capacity_changes(CURRENT, {"MinCapacity": 1}) == {"MinCapacity": 1}


def test_a_new_target_needs_both_bounds():
    assert missing_to_register({}) == ["min_capacity", "max_capacity"]
    assert missing_to_register({"MinCapacity": 2}) == ["max_capacity"]
    assert missing_to_register({"MinCapacity": 2, "MaxCapacity": 10}) == []


def test_diff_shows_the_bounds_and_nothing_for_no_target():
    assert capacities(CURRENT) == {"min_capacity": 2, "max_capacity": 10}
    assert capacities(None) == {} and capacities({}) == {}


def test_result_is_snake_case():
    assert snake(CURRENT)["scalable_dimension"] == "ecs:service:DesiredCount"
    assert snake(CURRENT)["suspended_state"] == {"dynamic_scaling_in_suspended": False}
    assert snake(None) == {}
