from ansible_collections.tickr.aws.plugins.modules.acm_certificate_request import (
    idempotency_token,
    matches,
    pick,
    records_published,
    validation_records,
)

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
