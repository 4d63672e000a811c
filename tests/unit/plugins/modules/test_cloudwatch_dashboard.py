"""tickr.aws.cloudwatch_dashboard: bodies compared as data; main() against a fake CloudWatch."""

import json

import botocore.exceptions
import pytest

from ansible_collections.tickr.aws.plugins.modules import cloudwatch_dashboard
from ansible_collections.tickr.aws.plugins.modules.cloudwatch_dashboard import needs_update, parse_body

from cloudwatch_fakes import FakeClient, run_module


def test_bodies_compare_as_data_not_text():
    assert not needs_update('{"widgets": [], "start": "-PT3H"}', '{ "start":"-PT3H",\n "widgets":[] }')
    assert not needs_update('{"widgets": [{"x": 0, "y": 6}]}', {"widgets": [{"y": 6, "x": 0}]})


def test_a_changed_widget_is_an_update():
    assert needs_update('{"widgets": [{"x": 0}]}', {"widgets": [{"x": 12}]})
    assert needs_update('{"widgets": [{"x": 0}, {"x": 12}]}', {"widgets": [{"x": 12}, {"x": 0}]})


def test_parse_body():
    assert parse_body(None) is None
    assert parse_body({"widgets": []}) == {"widgets": []}
    assert parse_body('{"widgets": []}') == {"widgets": []}
    with pytest.raises(ValueError):
        parse_body("{not json")


# main() against a fake CloudWatch: GetDashboard read, PutDashboard only when the body differs as data, nothing written
# in check mode, AWS's message reaches the user.
NAME = "tickr-platform"
ARN = "arn:aws:cloudwatch::123456789012:dashboard/tickr-platform"
BODY = {"widgets": [{"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6, "properties": {"title": "ECS CPU"}}]}


class DashboardClient(FakeClient):
    """GetDashboard answers the dashboards held (``ResourceNotFound`` for another); PutDashboard holds the body."""

    def __init__(self, dashboards, **kwargs):
        super().__init__({"put_dashboard": {"DashboardValidationMessages": []}, "delete_dashboards": {}}, **kwargs)
        self.dashboards = dict(dashboards)

    def get_dashboard(self, DashboardName):
        self._call("get_dashboard", {"DashboardName": DashboardName})
        if DashboardName not in self.dashboards:
            raise botocore.exceptions.ClientError(
                {"Error": {"Code": "ResourceNotFound", "Message": "Dashboard does not exist"}}, "GetDashboard")
        return {"DashboardName": DashboardName, "DashboardArn": ARN, "DashboardBody": self.dashboards[DashboardName]}

    def put_dashboard(self, DashboardName, DashboardBody):
        answer = self._call("put_dashboard", {"DashboardName": DashboardName, "DashboardBody": DashboardBody})
        self.dashboards[DashboardName] = DashboardBody
        return answer


def run(dashboards, check_mode=False, **args):
    client = DashboardClient(dashboards)
    return run_module(cloudwatch_dashboard, dict({"name": NAME}, **args), client, check_mode=check_mode), client


def test_a_missing_dashboard_is_created_but_not_in_check_mode():
    result, client = run({}, check_mode=True, body=BODY)
    assert result["changed"] is True and result["dashboard_arn"] == "" and result["body"] == {}
    assert client.operations() == ["get_dashboard"] and client.writes() == []
    result, client = run({}, body=BODY)
    assert result["changed"] is True and result["dashboard_arn"] == ARN and result["body"] == BODY
    assert client.writes() == [("put_dashboard", {"DashboardName": NAME, "DashboardBody": json.dumps(BODY, sort_keys=True)})]
    assert result["validation_messages"] == [] and result["diff"] == {"before": {}, "after": BODY}


def test_a_body_equal_as_data_is_left_alone():
    found = json.dumps(BODY, indent=2)
    for check_mode in (True, False):
        result, client = run({NAME: found}, check_mode=check_mode, body=json.dumps(BODY))
        assert result["changed"] is False and result["body"] == BODY and result["dashboard_arn"] == ARN
        assert client.writes() == [] and "validation_messages" not in result


def test_a_changed_body_is_put_but_not_in_check_mode():
    wanted = {"widgets": [dict(BODY["widgets"][0], x=12)]}
    result, client = run({NAME: json.dumps(BODY)}, check_mode=True, body=wanted)
    assert result["changed"] is True and result["body"] == BODY and client.writes() == []
    result, client = run({NAME: json.dumps(BODY)}, body=wanted)
    assert result["changed"] is True and result["body"] == wanted
    assert [op for op, params in client.writes()] == ["put_dashboard"]
    assert result["diff"] == {"before": BODY, "after": wanted}


def test_absent_deletes_only_a_dashboard_found():
    result, client = run({NAME: json.dumps(BODY)}, check_mode=True, state="absent")
    assert result["changed"] is True and client.writes() == []
    result, client = run({NAME: json.dumps(BODY)}, state="absent")
    assert result["changed"] is True and client.writes() == [("delete_dashboards", {"DashboardNames": [NAME]})]
    assert result["dashboard_arn"] == "" and result["body"] == {} and result["diff"] == {"before": BODY, "after": {}}
    result, client = run({}, state="absent")
    assert result["changed"] is False and client.writes() == []


def test_aws_refusal_reaches_the_user_with_awss_message():
    client = DashboardClient({}, fail_on="put_dashboard",
                             error=("InvalidParameterInput", "The field DashboardBody must be a valid JSON object"))
    result = run_module(cloudwatch_dashboard, {"name": NAME, "body": BODY}, client)
    assert result["failed"] is True
    assert result["msg"] == ("Failed to put the dashboard: An error occurred (InvalidParameterInput) when calling the put_dashboard "
                             "operation: The field DashboardBody must be a valid JSON object")


def test_a_body_that_is_not_json_fails_before_any_call():
    result, client = run({}, body="{not json")
    assert result["failed"] is True and "is not valid JSON" in result["msg"] and client.calls == []
