import pytest

from ansible_collections.tickr.aws.plugins.modules.cloudwatch_dashboard import needs_update, parse_body


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
