from ansible_collections.tickr.aws.plugins.module_utils.ses import template_from_aws as from_aws, template_to_aws as to_aws
from ansible_collections.tickr.aws.plugins.modules.ses_template import desired_template

CURRENT = {"name": "t", "subject": "S {{a}}", "html": "<p>{{a}}</p>", "text": "{{a}}"}


def test_aws_content_round_trips():
    assert from_aws("t", to_aws(CURRENT)) == CURRENT
    assert to_aws({"name": "t", "subject": "S", "html": None, "text": "x"}) == {"Subject": "S", "Text": "x"}


def test_same_parts_change_nothing():
    assert desired_template(CURRENT, "t", "S {{a}}", "<p>{{a}}</p>", "{{a}}") == CURRENT


def test_unset_parts_are_left_alone():
    assert desired_template(CURRENT, "t", None, None, None) == CURRENT
    assert desired_template(CURRENT, "t", None, "<p>new</p>", None) == dict(CURRENT, html="<p>new</p>")


def test_a_new_template_takes_the_given_parts():
    assert desired_template(None, "t", "S", "<p/>", None) == {"name": "t", "subject": "S", "html": "<p/>", "text": None}
