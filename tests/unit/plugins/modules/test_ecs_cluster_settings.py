"""tickr.aws.ecs_cluster_settings: only the settings asked for that differ are sent, nothing in check mode, AWS's
message reaching the user."""

from ansible_collections.tickr.aws.plugins.modules import ecs_cluster_settings
from ansible_collections.tickr.aws.plugins.modules.ecs_cluster_settings import settings_changes, settings_to_dict

from cloudwatch_fakes import FakeClient, run_module


def test_settings_to_dict():
    assert settings_to_dict([{"name": "containerInsights", "value": "enabled"}]) == {"containerInsights": "enabled"}
    assert settings_to_dict(None) == {}


def test_only_differences_asked_for_are_sent():
    assert settings_changes({"containerInsights": "disabled"}, {"containerInsights": "enabled"}) == {"containerInsights": "enabled"}
    assert settings_changes({"containerInsights": "enabled"}, {"containerInsights": "enabled"}) == {}
    assert settings_changes({"containerInsights": "enabled"}, {"containerInsights": None}) == {}


CLUSTER = {"clusterName": "tickr-cluster", "status": "ACTIVE", "settings": [{"name": "containerInsights", "value": "disabled"}]}
READS = ("describe_clusters",)


def _run(clusters, check_mode=False, **kwargs):
    client = FakeClient({"describe_clusters": {"clusters": clusters},
                         "update_cluster": {"cluster": dict(CLUSTER, settings=[{"name": "containerInsights", "value": "enabled"}])}},
                        **kwargs)
    args = {"cluster": "tickr-cluster", "container_insights": "enabled"}
    return run_module(ecs_cluster_settings, args, client, check_mode=check_mode), client


def test_check_mode_predicts_the_change_and_only_reads():
    result, client = _run([CLUSTER], check_mode=True)
    assert result["changed"] is True and result["settings"] == {"containerInsights": "enabled"}
    assert client.writes(READS) == []
    assert client.calls == [("describe_clusters", {"clusters": ["tickr-cluster"], "include": ["SETTINGS"]})]


def test_a_differing_setting_is_updated():
    result, client = _run([CLUSTER])
    assert client.writes(READS) == [("update_cluster", {"cluster": "tickr-cluster",
                                                        "settings": [{"name": "containerInsights", "value": "enabled"}]})]
    assert result["changed"] is True
    assert result["diff"] == {"before": {"containerInsights": "disabled"}, "after": {"containerInsights": "enabled"}}


def test_settings_in_place_write_nothing():
    result, client = _run([dict(CLUSTER, settings=[{"name": "containerInsights", "value": "enabled"}])])
    assert result["changed"] is False and client.writes(READS) == []
    result, client = _run([dict(CLUSTER, settings=[])])
    assert result["changed"] is True, "a cluster never configured has Container Insights disabled"


def test_a_cluster_that_is_not_active_fails_before_any_write():
    result, client = _run([dict(CLUSTER, status="INACTIVE")])
    assert (result["failed"], result["msg"]) == (True, "No active ECS cluster tickr-cluster")
    assert client.writes(READS) == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    result, client = _run([CLUSTER], fail_on="update_cluster",
                          error=("InvalidParameterException", "Container Insights is not supported in this Region."))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to update the ECS cluster's settings: An error occurred (InvalidParameterException) when calling "
                             "the update_cluster operation: Container Insights is not supported in this Region.")
