#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: acm_certificate_request
version_added: 0.1.0
short_description: Request an ACM public certificate with DNS validation
description:
  - Requests an Amazon-issued certificate for a domain (and alternative names) validated by DNS, returns the
    CNAME records to publish, and waits for issuance when asked.
  - Idempotent on the domain and its alternative names; an existing pending or issued certificate for the same
    names is reused, never requested twice.
  - community.aws's C(acm_certificate) only imports certificates.
author:
  - Tickr platform team (@tickr-tn)
options:
  domain_name:
    description: The certificate's main domain name, for example V(api.tickr.tn).
    type: str
    required: true
  subject_alternative_names:
    description: Other names the certificate covers, for example V(*.tickr.tn).
    type: list
    elements: str
    default: []
  state:
    description: Whether the certificate should exist.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description:
      - Wait until ACM has issued the certificate, that is until the validation records are published in DNS.
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait for issuance, and at most this long for ACM to publish the validation records.
    type: int
    default: 600
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Request the API's certificate
  tickr.aws.acm_certificate_request:
    domain_name: api.tickr.tn
    tags:
      Project: tickr
  register: certificate

- name: Show the records to add to the tickr.tn zone
  ansible.builtin.debug:
    var: certificate.validation_records

- name: Wait until it is issued (the records are in DNS)
  tickr.aws.acm_certificate_request:
    domain_name: api.tickr.tn
    wait: true
    wait_timeout: 1800
"""

RETURN = r"""
certificate_arn:
  description: The certificate's ARN; empty when absent.
  returned: always
  type: str
  sample: arn:aws:acm:eu-west-1:123456789012:certificate/0f5ed5c3-2d3e-4a8e-9d4f-1b2c3d4e5f60
status:
  description: ACM's status (C(PENDING_VALIDATION), C(ISSUED), ...); empty when absent.
  returned: always
  type: str
  sample: ISSUED
validation_records:
  description: The DNS records that validate each name.
  returned: always
  type: list
  elements: dict
  contains:
    domain_name:
      description: The name the record validates.
      type: str
      sample: api.tickr.tn
    name:
      description: The record's name.
      type: str
      sample: _d930b28be6c5927595552b219965053e.api.tickr.tn.
    type:
      description: The record's type.
      type: str
      sample: CNAME
    value:
      description: The record's value.
      type: str
      sample: _c9edd76ee4a0e2a74388032f3861cc50.acm-validations.aws.
    validation_status:
      description: ACM's validation status for that name.
      type: str
      sample: PENDING_VALIDATION
certificate:
  description: The certificate as C(DescribeCertificate) returns it, in snake_case.
  returned: when present
  type: dict
  sample: {"domain_name": "api.tickr.tn", "status": "ISSUED", "type": "AMAZON_ISSUED"}
"""

import hashlib

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.tickr.aws.plugins.module_utils import acm
from ansible_collections.tickr.aws.plugins.module_utils.acm import FAILED_STATUSES
from ansible_collections.tickr.aws.plugins.module_utils.acm import AnsibleACMError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

LIVE_STATUSES = ["PENDING_VALIDATION", "ISSUED"]


# Pure logic, unit-tested.
def wanted_names(domain_name, subject_alternative_names):
    return {domain_name, *subject_alternative_names}


def matches(certificate, domain_name, subject_alternative_names):
    """An Amazon-issued, live certificate for exactly these names."""
    return (
        certificate.get("Type") == "AMAZON_ISSUED"
        and certificate.get("Status") in LIVE_STATUSES
        and certificate.get("DomainName") == domain_name
        and set(certificate.get("SubjectAlternativeNames") or [domain_name]) | {domain_name}
        == wanted_names(domain_name, subject_alternative_names)
    )


def pick(certificates):
    """Prefer an issued certificate over a pending one, then the oldest, so reruns always choose the same."""
    ordered = sorted(certificates, key=lambda c: (c.get("Status") != "ISSUED", str(c.get("CreatedAt", "")), c["CertificateArn"]))
    return ordered[0] if ordered else None


def validation_records(certificate):
    records = []
    for option in (certificate or {}).get("DomainValidationOptions") or []:
        record = option.get("ResourceRecord")
        if option.get("ValidationMethod", "DNS") == "DNS" and record:
            records.append({
                "domain_name": option["DomainName"],
                "name": record["Name"],
                "type": record["Type"],
                "value": record["Value"],
                "validation_status": option.get("ValidationStatus", ""),
            })
    return sorted(records, key=lambda r: r["domain_name"])


def records_acceptor(domain_name, subject_alternative_names):
    """The wait after a request: until ACM has filled in the DNS records, a few seconds after it."""
    return acm.records_published_acceptor(wanted_names(domain_name, subject_alternative_names))


def idempotency_token(domain_name, subject_alternative_names):
    names = ",".join(sorted(wanted_names(domain_name, subject_alternative_names)))
    return hashlib.sha256(names.encode()).hexdigest()[:32]


def find_certificate(client, domain_name, subject_alternative_names):
    candidates = []
    for summary in acm.list_certificates(client, LIVE_STATUSES):
        if summary.get("DomainName") != domain_name:
            continue
        certificate = acm.describe_certificate(client, summary["CertificateArn"])
        if matches(certificate, domain_name, subject_alternative_names):
            candidates.append(certificate)
    return pick(candidates)


def wait_for(module, client, arn, acceptor, timeout):
    """The certificate once ``acceptor`` accepts it; the module fails when it fails or ``timeout`` seconds pass."""
    ready, certificate = acm.wait_for_certificate(client, arn, acceptor, timeout)
    if ready:
        return certificate
    if certificate.get("Status") in FAILED_STATUSES:
        module.fail_json(msg=f"Certificate {arn} is {certificate['Status']}", certificate_arn=arn,
                         validation_records=validation_records(certificate))
    module.fail_json(
        msg=f"Certificate {arn} is still {certificate.get('Status')} after {timeout}s: publish the validation records in DNS",
        certificate_arn=arn, status=certificate.get("Status"), validation_records=validation_records(certificate))


def ensure_present(module, client):
    p = module.params
    domain, sans = p["domain_name"], p["subject_alternative_names"]
    changed = False
    certificate = find_certificate(client, domain, sans)
    before = {"domain_name": domain, "status": certificate["Status"]} if certificate else {}
    if certificate is None:
        changed = True
        if module.check_mode:
            module.exit_json(changed=True, certificate_arn="", status="", validation_records=[],
                             diff={"before": {}, "after": {"domain_name": domain, "subject_alternative_names": sans}})
        params = dict(DomainName=domain, ValidationMethod="DNS", IdempotencyToken=idempotency_token(domain, sans))
        if sans:
            params["SubjectAlternativeNames"] = sorted(wanted_names(domain, sans))
        if p["tags"]:
            params["Tags"] = ansible_dict_to_boto3_tag_list(p["tags"])
        arn = acm.request_certificate(client, **params)
        certificate = wait_for(module, client, arn, records_acceptor(domain, sans), p["wait_timeout"])
    arn = certificate["CertificateArn"]

    if p["tags"] is not None:
        current_tags = boto3_tag_list_to_ansible_dict(acm.list_tags_for_certificate(client, arn))
        to_add, to_remove = compare_aws_tags(current_tags, p["tags"], p["purge_tags"])
        if to_add or to_remove:
            changed = True
            if not module.check_mode:
                if to_remove:
                    acm.remove_tags_from_certificate(client, arn, [{"Key": k} for k in to_remove])
                if to_add:
                    acm.add_tags_to_certificate(client, arn, ansible_dict_to_boto3_tag_list(to_add))

    if p["wait"] and certificate["Status"] != "ISSUED" and not module.check_mode:
        certificate = wait_for(module, client, arn, acm.ISSUED, p["wait_timeout"])

    # The certificate as last described (found, or waited for): tags are not part of DescribeCertificate's answer.
    module.exit_json(
        changed=changed,
        certificate_arn=arn,
        status=certificate["Status"],
        validation_records=validation_records(certificate),
        certificate=camel_dict_to_snake_dict(certificate),
        diff={"before": before, "after": {"domain_name": domain, "status": certificate["Status"]}},
    )


def ensure_absent(module, client):
    p = module.params
    certificate = find_certificate(client, p["domain_name"], p["subject_alternative_names"])
    if certificate is None:
        module.exit_json(changed=False, certificate_arn="", status="", validation_records=[], diff={"before": {}, "after": {}})
    if not module.check_mode:
        acm.delete_certificate(client, certificate["CertificateArn"])
    module.exit_json(changed=True, certificate_arn="", status="", validation_records=[],
                     diff={"before": {"domain_name": p["domain_name"], "status": certificate["Status"]}, "after": {}})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            domain_name=dict(type="str", required=True),
            subject_alternative_names=dict(type="list", elements="str", default=[]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            wait=dict(type="bool", default=False),
            wait_timeout=dict(type="int", default=600),
            tags=dict(type="dict", aliases=["resource_tags"]),
            purge_tags=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    client = module.client("acm")
    try:
        if module.params["state"] == "present":
            ensure_present(module, client)
        else:
            ensure_absent(module, client)
    except AnsibleACMError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
