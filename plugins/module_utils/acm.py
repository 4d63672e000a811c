# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ACM calls of tickr.aws.acm_certificate_request, each one retried with jittered backoff and each failure raised as
AnsibleACMError with AWS's message; and its two waits, custom botocore waiters on DescribeCertificate.

botocore's own ``certificate_validated`` waiter is not the module's wait: it succeeds once every name's validation is
SUCCESS (before ACM may have issued the certificate), fails on the FAILED status alone (a VALIDATION_TIMED_OUT or
REVOKED certificate would be waited on to the end), and cannot wait for the validation records to appear."""

import math

try:
    import botocore
    import botocore.waiter as core_waiter
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

# The statuses a certificate never leaves for ISSUED: a wait ends on them.
FAILED_STATUSES = ["FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE"]
POLL_SECONDS = 5


class AnsibleACMError(AnsibleAWSError):
    pass


class ACMErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleACMError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


@ACMErrorHandler.common_error_handler("list the certificates")
@AWSRetry.jittered_backoff()
def list_certificates(client, statuses):
    """The summaries of the account's certificates in one of ``statuses``, every page."""
    paginator = client.get_paginator("list_certificates")
    return paginator.paginate(CertificateStatuses=list(statuses)).build_full_result()["CertificateSummaryList"]


@ACMErrorHandler.common_error_handler("describe the certificate")
@AWSRetry.jittered_backoff()
def describe_certificate(client, arn):
    return client.describe_certificate(CertificateArn=arn)["Certificate"]


@ACMErrorHandler.common_error_handler("list the certificate's tags")
@AWSRetry.jittered_backoff()
def list_tags_for_certificate(client, arn):
    """The certificate's tags, as ACM's list of Key and Value."""
    return client.list_tags_for_certificate(CertificateArn=arn).get("Tags", [])


@ACMErrorHandler.common_error_handler("request the certificate")
@AWSRetry.jittered_backoff()
def request_certificate(client, **params):
    """RequestCertificate with ``params``; the new certificate's ARN."""
    return client.request_certificate(**params)["CertificateArn"]


@ACMErrorHandler.common_error_handler("tag the certificate")
@AWSRetry.jittered_backoff()
def add_tags_to_certificate(client, arn, tags):
    client.add_tags_to_certificate(CertificateArn=arn, Tags=tags)


@ACMErrorHandler.common_error_handler("untag the certificate")
@AWSRetry.jittered_backoff()
def remove_tags_from_certificate(client, arn, tags):
    client.remove_tags_from_certificate(CertificateArn=arn, Tags=tags)


@ACMErrorHandler.deletion_error_handler("delete the certificate")
@AWSRetry.jittered_backoff()
def delete_certificate(client, arn):
    client.delete_certificate(CertificateArn=arn)
    return True


# The waits: a success acceptor each, over DescribeCertificate's answer.
ISSUED = {"state": "success", "matcher": "path", "argument": "Certificate.Status", "expected": "ISSUED"}


def _jmespath_string(text):
    return "'" + text.replace("'", "\\'") + "'"


def records_published_acceptor(names):
    """Success once ACM has filled in a DNS validation record for each of ``names`` (a few seconds after the request)."""
    options = "(Certificate.DomainValidationOptions || `[]`)"
    has_record = ("length({options}[?DomainName == {name} && ResourceRecord && (ValidationMethod == 'DNS' || !ValidationMethod)]) > `0`")
    argument = " && ".join(has_record.format(options=options, name=_jmespath_string(name)) for name in sorted(set(names)))
    return {"state": "success", "matcher": "path", "argument": argument, "expected": True}


def _certificate_waiter(acceptor, max_attempts):
    """A waiter that describes the certificate every POLL_SECONDS: ``acceptor`` ends it, as does a status of
    FAILED_STATUSES (a failure), or ``max_attempts`` descriptions."""
    failures = [{"state": "failure", "matcher": "path", "argument": "Certificate.Status", "expected": status}
                for status in FAILED_STATUSES]
    model = core_waiter.WaiterModel({"version": 2, "waiters": {"CertificateReady": {
        "operation": "DescribeCertificate", "delay": POLL_SECONDS, "maxAttempts": max_attempts,
        "acceptors": [acceptor] + failures}}})
    return model.get_waiter("CertificateReady")


def wait_for_certificate(client, arn, acceptor, timeout):
    """(True, the certificate) once ``acceptor`` accepts its description within ``timeout`` seconds; (False, the last
    description) when its status is one of FAILED_STATUSES or the time is up. A refused DescribeCertificate raises
    AnsibleACMError as describe_certificate does."""
    described = []

    def describe(CertificateArn):
        described.append(describe_certificate(client, CertificateArn))
        return {"Certificate": described[-1]}

    # As many descriptions as a poll every POLL_SECONDS from now to the timeout makes, the first at once.
    max_attempts = max(1, math.ceil(timeout / POLL_SECONDS) + 1)
    waiter = core_waiter.Waiter("CertificateReady", _certificate_waiter(acceptor, max_attempts), describe)
    try:
        waiter.wait(CertificateArn=arn)
    except botocore.exceptions.WaiterError:
        return False, described[-1]
    return True, described[-1]
