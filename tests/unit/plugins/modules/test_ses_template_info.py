import botocore.exceptions
import pytest

from ansible_collections.tickr.aws.plugins.module_utils.ses import AnsibleSESError
from ansible_collections.tickr.aws.plugins.module_utils.ses import template_from_aws as from_aws
from ansible_collections.tickr.aws.plugins.modules.ses_template_info import get_template, list_template_names, with_prefix


class FakeSesV2:
    """ListEmailTemplates pages as AWS does (NextToken until the last page); GetEmailTemplate by name."""

    def __init__(self, templates, page_size=2):
        self.templates = templates
        self.page_size = page_size
        self.list_calls = []

    def list_email_templates(self, PageSize, NextToken=None, aws_retry=False):
        self.list_calls.append({"PageSize": PageSize, "NextToken": NextToken})
        names = sorted(self.templates)
        start = int(NextToken or 0)
        page = {"TemplatesMetadata": [{"TemplateName": n} for n in names[start:start + self.page_size]]}
        if start + self.page_size < len(names):
            page["NextToken"] = str(start + self.page_size)
        return page

    def get_email_template(self, TemplateName, aws_retry=False):
        if TemplateName not in self.templates:
            raise botocore.exceptions.ClientError({"Error": {"Code": "NotFoundException", "Message": "no"}}, "GetEmailTemplate")
        return {"TemplateName": TemplateName, "TemplateContent": self.templates[TemplateName]}


def test_parts_are_named_as_ses_template_names_them():
    assert from_aws("t", {"Subject": "S {{a}}", "Html": "<p/>", "Text": "x"}) == {"name": "t", "subject": "S {{a}}", "html": "<p/>", "text": "x"}


def test_a_part_aws_does_not_return_is_none():
    assert from_aws("t", {"Subject": "S"}) == {"name": "t", "subject": "S", "html": None, "text": None}
    assert from_aws("t", None) == {"name": "t", "subject": None, "html": None, "text": None}


def test_prefix_keeps_the_stacks_templates():
    assert with_prefix(["tickr-a", "other-b", "tickr-c"], "tickr-") == ["tickr-a", "tickr-c"]
    assert with_prefix(["a", "b"], None) == ["a", "b"]


def test_every_page_is_listed():
    client = FakeSesV2({f"t{i}": {"Subject": "S"} for i in range(5)})
    assert list_template_names(client) == ["t0", "t1", "t2", "t3", "t4"]
    assert [c["NextToken"] for c in client.list_calls] == [None, "2", "4"]
    assert all(c["PageSize"] == 100 for c in client.list_calls)


def test_a_missing_template_is_none():
    client = FakeSesV2({"t": {"Subject": "S", "Html": "<p/>"}})
    assert get_template(client, "t") == {"name": "t", "subject": "S", "html": "<p/>", "text": None}
    assert get_template(client, "gone") is None


def test_other_errors_are_raised():
    class Denied(FakeSesV2):
        def get_email_template(self, TemplateName, aws_retry=False):
            raise botocore.exceptions.ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "GetEmailTemplate")

    with pytest.raises(AnsibleSESError, match="Failed to read the SES template") as raised:
        get_template(Denied({}), "t")
    assert raised.value.exception.response["Error"]["Message"] == "no"
