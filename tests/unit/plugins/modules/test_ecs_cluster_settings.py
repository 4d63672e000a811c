from ansible_collections.tickr.aws.plugins.modules.ecs_cluster_settings import settings_changes, settings_to_dict


def test_settings_to_dict():
    assert settings_to_dict([{"name": "containerInsights", "value": "enabled"}]) == {"containerInsights": "enabled"}
    assert settings_to_dict(None) == {}


def test_only_differences_asked_for_are_sent():
    assert settings_changes({"containerInsights": "disabled"}, {"containerInsights": "enabled"}) == {"containerInsights": "enabled"}
    assert settings_changes({"containerInsights": "enabled"}, {"containerInsights": "enabled"}) == {}
    assert settings_changes({"containerInsights": "enabled"}, {"containerInsights": None}) == {}
