"""tickr.aws.acm_certificate_request: which certificate is the one asked for; main() against a fake ACM, its two
waits (for the validation records, for issuance) included."""

from unittest import mock

import botocore.waiter
import pytest

from ansible_collections.tickr.aws.plugins.modules import acm_certificate_request
from ansible_collections.tickr.aws.plugins.modules.acm_certificate_request import (
    idempotency_token,
    matches,
    pick,
    records_acceptor,
    validation_records,
)

from cloudwatch_fakes import FakeClient, run_module


def records_published(certificate, domain_name, subject_alternative_names):
    """Whether the module's wait for the validation records accepts DescribeCertificate's answer ``certificate``."""
    acceptor = botocore.waiter.AcceptorConfig(records_acceptor(domain_name, subject_alternative_names))
    return acceptor.matcher_func({"Certificate": certificate or {}}) is True


CERT = {
    "CertificateArn": "arn:aws:acm:eu-west-1:1:certificate/a",
    "DomainName": "api.tickr.tn",
    "SubjectAlternativeNames": ["api.tickr.tn"],
    "Type": "AMAZON_ISSUED",
    "Status": "PENDING_VALIDATION",
    "DomainValidationOptions": [{
        "DomainName": "api.tickr.tn", "ValidationMethod": "DNS", "ValidationStatus": "PENDING_VALIDATION",
        "ResourceRecord": {"Name": "_x.api.tickr.tn.", "Type": "CNAME", "Value": "_y.acm-validations.aws."},
    }],
}


def test_matches_same_names_only():
    assert matches(CERT, "api.tickr.tn", [])
    assert matches(CERT, "api.tickr.tn", ["api.tickr.tn"])
    assert not matches(CERT, "api.tickr.tn", ["www.tickr.tn"])
    assert not matches(CERT, "tickr.tn", [])
    assert not matches(dict(CERT, Type="IMPORTED"), "api.tickr.tn", [])
    assert not matches(dict(CERT, Status="FAILED"), "api.tickr.tn", [])


def test_pick_prefers_issued_then_oldest():
    pending = dict(CERT, CertificateArn="p", CreatedAt="2026-01-01")
    issued = dict(CERT, CertificateArn="i", Status="ISSUED", CreatedAt="2026-02-01")
    older = dict(CERT, CertificateArn="o", CreatedAt="2025-01-01")
    assert pick([pending, issued])["CertificateArn"] == "i"
    assert pick([pending, older])["CertificateArn"] == "o"
    assert pick([]) is None


def test_validation_records():
    assert validation_records(CERT) == [{
        "domain_name": "api.tickr.tn", "name": "_x.api.tickr.tn.", "type": "CNAME",
        "value": "_y.acm-validations.aws.", "validation_status": "PENDING_VALIDATION",
    }]
    assert validation_records(None) == []
    assert validation_records({"DomainValidationOptions": [{"DomainName": "a", "ValidationMethod": "DNS"}]}) == []


def test_records_published_needs_every_name():
    assert records_published(CERT, "api.tickr.tn", [])
    assert not records_published(CERT, "api.tickr.tn", ["www.tickr.tn"])


def test_idempotency_token_is_stable_and_short():
    assert idempotency_token("a", ["b"]) == idempotency_token("a", ["b", "a"])
    assert idempotency_token("a", []) != idempotency_token("b", [])
    assert len(idempotency_token("a", [])) == 32 and idempotency_token("a", []).isalnum()


def test_records_published_reads_dns_options_only():
    www = {"DomainName": "www.tickr.tn", "ValidationMethod": "DNS",
           "ResourceRecord": {"Name": "_a.www.tickr.tn.", "Type": "CNAME", "Value": "_b.acm-validations.aws."}}
    both = dict(CERT, DomainValidationOptions=CERT["DomainValidationOptions"] + [www])
    assert records_published(both, "api.tickr.tn", ["www.tickr.tn"])
    assert records_published(both, "api.tickr.tn", ["www.tickr.tn", "api.tickr.tn"])
    assert not records_published(both, "api.tickr.tn", ["*.tickr.tn"])
    assert not records_published(dict(CERT, DomainValidationOptions=[dict(www, ValidationMethod="EMAIL")]), "www.tickr.tn", [])
    no_method = {k: v for k, v in www.items() if k != "ValidationMethod"}
    assert records_published(dict(CERT, DomainValidationOptions=[no_method]), "www.tickr.tn", [])
    assert not records_published(dict(CERT, DomainValidationOptions=[{"DomainName": "api.tickr.tn"}]), "api.tickr.tn", [])
    assert not records_published({k: v for k, v in CERT.items() if k != "DomainValidationOptions"}, "api.tickr.tn", [])
    assert not records_published(None, "api.tickr.tn", [])


# main() against a fake ACM: a request only when no live certificate has the names, its records waited for, tags
# written only where they differ, nothing written in check mode, AWS's message reaches the user.
ARN = CERT["CertificateArn"]
REQUESTED = {k: v for k, v in CERT.items() if k != "DomainValidationOptions"}
ISSUED = dict(CERT, Status="ISSUED", DomainValidationOptions=[dict(CERT["DomainValidationOptions"][0], ValidationStatus="SUCCESS")])
TAGS = {"Project": "tickr"}


class ACMClient(FakeClient):
    """ListCertificates answers the certificates ``found``; DescribeCertificate answers ``described`` one after the
    other (the last one again once they are used up); the tags are TAGS."""

    def __init__(self, found, described, **kwargs):
        summaries = [{"CertificateArn": ARN, "DomainName": "api.tickr.tn"}] if found else []
        super().__init__({"list_certificates": {"CertificateSummaryList": summaries},
                          "list_tags_for_certificate": {"Tags": [{"Key": "Project", "Value": "tickr"}]},
                          "request_certificate": {"CertificateArn": ARN}}, **kwargs)
        self.described = list(described)

    def describe_certificate(self, CertificateArn):
        self._call("describe_certificate", {"CertificateArn": CertificateArn})
        return {"Certificate": self.described.pop(0) if len(self.described) > 1 else self.described[0]}


@pytest.fixture(autouse=True)
def no_sleep():
    """The waiter's sleeps between descriptions, recorded rather than slept."""
    with mock.patch("botocore.waiter.time.sleep") as sleep:
        yield sleep


def run(found, described, check_mode=False, **args):
    client = ACMClient(found, described, **{k: args.pop(k) for k in ("fail_on", "error") if k in args})
    args = dict({"domain_name": "api.tickr.tn", "tags": TAGS}, **args)
    return run_module(acm_certificate_request, args, client, check_mode=check_mode), client


def test_a_certificate_found_with_its_tags_is_left_alone():
    for check_mode in (True, False):
        result, client = run(True, [ISSUED], check_mode=check_mode)
        assert result["changed"] is False and result["status"] == "ISSUED" and client.writes() == []
        assert result["certificate_arn"] == ARN and result["validation_records"][0]["validation_status"] == "SUCCESS"


def test_check_mode_requests_nothing():
    result, client = run(False, [CERT], check_mode=True, wait=True)
    assert result["changed"] is True and result["certificate_arn"] == "" and result["status"] == ""
    assert client.operations() == ["list_certificates"]


def test_a_request_waits_for_its_validation_records(no_sleep):
    result, client = run(False, [REQUESTED, REQUESTED, CERT], tags=dict(TAGS, Name="api.tickr.tn"))
    assert result["changed"] is True and result["status"] == "PENDING_VALIDATION"
    assert result["validation_records"] == validation_records(CERT)
    assert client.writes() == [
        ("request_certificate", {"DomainName": "api.tickr.tn", "ValidationMethod": "DNS",
                                 "IdempotencyToken": idempotency_token("api.tickr.tn", []),
                                 "Tags": [{"Key": "Project", "Value": "tickr"}, {"Key": "Name", "Value": "api.tickr.tn"}]}),
        ("add_tags_to_certificate", {"CertificateArn": ARN, "Tags": [{"Key": "Name", "Value": "api.tickr.tn"}]})]
    # Three descriptions in the wait, five seconds apart: the last one is the result, not read again.
    assert client.operations().count("describe_certificate") == 3
    assert [c.args for c in no_sleep.call_args_list] == [(5,), (5,)]


def test_wait_waits_until_issued():
    result, client = run(True, [CERT, CERT, ISSUED], wait=True, wait_timeout=30)
    assert result["changed"] is False and result["status"] == "ISSUED" and client.writes() == []


def test_a_certificate_that_fails_validation_fails_at_once():
    failed = dict(CERT, Status="VALIDATION_TIMED_OUT")
    result, client = run(True, [CERT, CERT, failed, CERT], wait=True, wait_timeout=600)
    assert result["failed"] is True and result["msg"] == f"Certificate {ARN} is VALIDATION_TIMED_OUT"
    assert result["certificate_arn"] == ARN and result["validation_records"] == validation_records(failed)
    # Found, described pending once in the wait, then failed: not waited on to the timeout.
    assert client.operations().count("describe_certificate") == 3


@pytest.mark.parametrize("timeout, descriptions", [(0, 1), (5, 2), (7, 3), (10, 3)])
def test_a_wait_ends_after_its_timeout_with_the_records_to_publish(timeout, descriptions, no_sleep):
    result, client = run(True, [CERT], wait=True, wait_timeout=timeout)
    assert result["failed"] is True
    assert result["msg"] == (f"Certificate {ARN} is still PENDING_VALIDATION after {timeout}s: "
                             "publish the validation records in DNS")
    assert result["status"] == "PENDING_VALIDATION" and result["validation_records"] == validation_records(CERT)
    # One description to find it, then one every five seconds from the start of the wait to its timeout.
    assert client.operations().count("describe_certificate") == 1 + descriptions
    assert no_sleep.call_count == descriptions - 1


def test_a_request_whose_records_never_come_fails_after_the_timeout():
    result, client = run(False, [REQUESTED], wait_timeout=10)
    assert result["failed"] is True and result["msg"].startswith(f"Certificate {ARN} is still PENDING_VALIDATION after 10s")
    assert result["validation_records"] == []


def test_a_tag_changed_by_hand_is_put_back_but_not_in_check_mode():
    result, client = run(True, [CERT], check_mode=True, tags={"Project": "other"})
    assert result["changed"] is True and client.writes() == []
    result, client = run(True, [CERT], tags={"Project": "other"})
    assert client.writes() == [("add_tags_to_certificate", {"CertificateArn": ARN, "Tags": [{"Key": "Project", "Value": "other"}]})]
    result, client = run(True, [CERT], tags={"Owner": "me"}, purge_tags=True)
    assert client.writes() == [("remove_tags_from_certificate", {"CertificateArn": ARN, "Tags": [{"Key": "Project"}]}),
                               ("add_tags_to_certificate", {"CertificateArn": ARN, "Tags": [{"Key": "Owner", "Value": "me"}]})]


def test_absent_deletes_only_a_certificate_found():
    result, client = run(True, [ISSUED], check_mode=True, state="absent")
    assert result["changed"] is True and client.writes() == []
    result, client = run(True, [ISSUED], state="absent")
    assert result["changed"] is True and result["certificate_arn"] == ""
    assert client.writes() == [("delete_certificate", {"CertificateArn": ARN})]
    result, client = run(False, [ISSUED], state="absent")
    assert result["changed"] is False and client.writes() == []


@pytest.mark.parametrize("operation, action", [("request_certificate", "request the certificate"),
                                               ("describe_certificate", "describe the certificate")])
def test_aws_refusal_reaches_the_user_with_awss_message(operation, action):
    result, client = run(False, [REQUESTED], fail_on=operation,
                         error=("LimitExceededException", "the maximum number of certificates has been reached"))
    assert result["failed"] is True
    assert result["msg"] == (f"Failed to {action}: An error occurred (LimitExceededException) when calling the {operation} "
                             "operation: the maximum number of certificates has been reached")
