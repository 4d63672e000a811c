"""The cdn role's fidelity patches (CloudFront origin access control, viewer certificate), stated over HTTP."""

import time

import botocore.exceptions
import pytest

OAC = {"Name": "tickr-event-images", "Description": "d", "SigningProtocol": "sigv4", "SigningBehavior": "always",
       "OriginAccessControlOriginType": "s3"}
BUCKET_DOMAIN = "tickr-event-images.s3.eu-west-1.amazonaws.com"


def _config(reference, origin_extra=None, aliases=(), certificate_arn=None):
    origin = {"Id": "images", "DomainName": BUCKET_DOMAIN, "OriginPath": "", "CustomHeaders": {"Quantity": 0}}
    origin.update(origin_extra or {})
    config = {
        "CallerReference": reference, "Comment": "images", "Enabled": True,
        "Aliases": {"Quantity": len(aliases), **({"Items": list(aliases)} if aliases else {})},
        "Origins": {"Quantity": 1, "Items": [origin]},
        "DefaultCacheBehavior": {"TargetOriginId": "images", "ViewerProtocolPolicy": "redirect-to-https",
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "MinTTL": 0, "DefaultTTL": 86400, "MaxTTL": 31536000},
    }
    if certificate_arn:
        config["ViewerCertificate"] = {"CloudFrontDefaultCertificate": False, "ACMCertificateArn": certificate_arn,
                                       "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}
    return config


def test_origins_keep_their_origin_access_control_and_s3_config(fresh_emulator):
    cloudfront = fresh_emulator.client("cloudfront", "us-east-1")
    oac = cloudfront.create_origin_access_control(OriginAccessControlConfig=OAC)["OriginAccessControl"]["Id"]
    config = _config("with-oac", {"S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": oac})
    distribution = cloudfront.create_distribution(DistributionConfig=config)["Distribution"]
    [origin] = cloudfront.get_distribution_config(Id=distribution["Id"])["DistributionConfig"]["Origins"]["Items"]
    assert origin["OriginAccessControlId"] == oac
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    [origin] = cloudfront.get_distribution(Id=distribution["Id"])["Distribution"]["DistributionConfig"]["Origins"]["Items"]
    assert origin["OriginAccessControlId"] == oac

    # An origin without one reads back with an empty id, and without S3OriginConfig when none was given.
    plain = cloudfront.create_distribution(DistributionConfig=_config("plain"))["Distribution"]
    [origin] = cloudfront.get_distribution_config(Id=plain["Id"])["DistributionConfig"]["Origins"]["Items"]
    assert origin["OriginAccessControlId"] == "" and "S3OriginConfig" not in origin


def test_origin_access_control_names_are_unique(fresh_emulator):
    cloudfront = fresh_emulator.client("cloudfront", "us-east-1")
    cloudfront.create_origin_access_control(OriginAccessControlConfig=OAC)
    with pytest.raises(botocore.exceptions.ClientError, match="OriginAccessControlAlreadyExists") as raised:
        cloudfront.create_origin_access_control(OriginAccessControlConfig=OAC)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    cloudfront.create_origin_access_control(OriginAccessControlConfig=dict(OAC, Name="other"))
    assert len(cloudfront.list_origin_access_controls()["OriginAccessControlList"]["Items"]) == 2


def _request(acm, domain):
    return acm.request_certificate(DomainName=domain, ValidationMethod="DNS")["CertificateArn"]


def test_viewer_certificate_must_be_issued_in_us_east_1_and_cover_the_aliases(fresh_emulator):
    cloudfront = fresh_emulator.client("cloudfront", "us-east-1")
    pending = _request(fresh_emulator.client("acm", "us-east-1"), "cdn.tickr.tn")
    with pytest.raises(botocore.exceptions.ClientError, match="InvalidViewerCertificate"):
        cloudfront.create_distribution(DistributionConfig=_config("pending", aliases=["cdn.tickr.tn"], certificate_arn=pending))

    in_ireland = _request(fresh_emulator.client("acm", "eu-west-1"), "cdn.tickr.tn")
    missing = pending.replace(pending.rsplit("/", 1)[1], "00000000-0000-0000-0000-000000000000")
    wildcard = _request(fresh_emulator.client("acm", "us-east-1"), "*.tickr.tn")
    time.sleep(6)  # the emulator issues DNS-validated certificates after 5 s (acm_dns_validation_wait)
    fresh_emulator.client("acm", "eu-west-1").describe_certificate(CertificateArn=in_ireland)
    for arn in (in_ireland, missing):
        with pytest.raises(botocore.exceptions.ClientError, match="InvalidViewerCertificate"):
            cloudfront.create_distribution(DistributionConfig=_config(arn[-8:], aliases=["cdn.tickr.tn"], certificate_arn=arn))
    with pytest.raises(botocore.exceptions.ClientError, match="doesn't cover the alternate domain name"):
        cloudfront.create_distribution(DistributionConfig=_config("other", aliases=["cdn.other.tn"], certificate_arn=pending))

    created = cloudfront.create_distribution(DistributionConfig=_config("ok", aliases=["cdn.tickr.tn"], certificate_arn=pending))
    assert created["Distribution"]["DistributionConfig"]["ViewerCertificate"]["ACMCertificateArn"] == pending
    assert cloudfront.create_distribution(DistributionConfig=_config("wild", aliases=["img.tickr.tn"], certificate_arn=wildcard))

    # UpdateDistribution checks the same.
    distribution = cloudfront.get_distribution_config(Id=created["Distribution"]["Id"])
    config = distribution["DistributionConfig"]
    config["ViewerCertificate"]["ACMCertificateArn"] = in_ireland
    with pytest.raises(botocore.exceptions.ClientError, match="InvalidViewerCertificate"):
        cloudfront.update_distribution(Id=created["Distribution"]["Id"], IfMatch=distribution["ETag"], DistributionConfig=config)


def test_cache_behaviors_read_back_without_unset_fields(fresh_emulator):
    cloudfront = fresh_emulator.client("cloudfront", "us-east-1")
    distribution = cloudfront.create_distribution(DistributionConfig=_config("legacy"))["Distribution"]
    behavior = cloudfront.get_distribution_config(Id=distribution["Id"])["DistributionConfig"]["DefaultCacheBehavior"]
    assert "CachePolicyId" not in behavior and "RealtimeLogConfigArn" not in behavior
    assert behavior["TrustedSigners"] == {"Enabled": False, "Quantity": 0}
    assert behavior["TrustedKeyGroups"] == {"Enabled": False, "Quantity": 0}
    assert behavior["DefaultTTL"] == 86400 and behavior["ForwardedValues"]["QueryString"] is False
