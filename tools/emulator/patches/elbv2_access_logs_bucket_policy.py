"""An ALB sends access logs only to a bucket whose policy lets Elastic Load Balancing write them.

AWS: ``ModifyLoadBalancerAttributes`` with ``access_logs.s3.enabled`` "true" checks the bucket named by
``access_logs.s3.bucket`` first: a missing bucket fails with ``InvalidConfigurationRequest`` ("The specified bucket
does not exist"), and a bucket whose policy does not allow ``s3:PutObject`` on
``<bucket>/<prefix>/AWSLogs/<account>/*`` to Elastic Load Balancing fails with ``InvalidConfigurationRequest``
("Access Denied for bucket: <bucket>. Please check S3bucket permission"); nothing is changed. Elastic Load Balancing
is, in the Regions available before August 2022 (eu-west-1 among them), the Region's ELB account
(``arn:aws:iam::156460612806:root`` in eu-west-1), and in later Regions the service principal
``logdelivery.elasticloadbalancing.amazonaws.com``.
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html (Step 2: attach a
policy to your S3 bucket), https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyLoadBalancerAttributes.html
moto 5.2.5: stores the attributes without looking at the bucket, so a missing or closed bucket passes on the
emulator and fails the run on AWS.
"""

import fnmatch
import json

from moto.elbv2.exceptions import InvalidConfigurationRequest
from moto.elbv2.models import ELBv2Backend

# "Regions available before August 2022": the Region's Elastic Load Balancing account.
ELB_ACCOUNTS = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-central-1": "054676820928",
    "eu-north-1": "897822967062",
    "eu-south-1": "635631232127",
}
SERVICE_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com"


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _admits_elb(statement, region, key_arn):
    if statement.get("Effect") != "Allow":
        return False
    actions = _as_list(statement.get("Action", []))
    if not any(fnmatch.fnmatchcase("s3:PutObject", action) for action in actions):
        return False
    principal = statement.get("Principal", {})
    principals = set()
    if isinstance(principal, dict):
        principals.update(_as_list(principal.get("AWS", [])))
        principals.update(_as_list(principal.get("Service", [])))
    account = ELB_ACCOUNTS.get(region)
    allowed = {SERVICE_PRINCIPAL} | ({account, f"arn:aws:iam::{account}:root"} if account else set())
    if not principals & allowed:
        return False
    return any(fnmatch.fnmatchcase(key_arn, resource) for resource in _as_list(statement.get("Resource", [])))


def check_delivery(backend, attrs):
    """Raises as ELB does when the attributes would enable access logs to a bucket ELB may not write to."""
    if str(attrs.get("access_logs.s3.enabled", "false")).lower() != "true":
        return
    from moto.s3.exceptions import MissingBucket
    from moto.s3.models import s3_backends

    name = attrs.get("access_logs.s3.bucket") or ""
    try:
        bucket = s3_backends[backend.account_id][backend.partition].get_bucket(name)
    except MissingBucket:
        raise InvalidConfigurationRequest("The specified bucket does not exist") from None
    prefix = attrs.get("access_logs.s3.prefix") or ""
    key = f"{prefix}/AWSLogs/{backend.account_id}/ELBAccessLogTestFile" if prefix else \
        f"AWSLogs/{backend.account_id}/ELBAccessLogTestFile"
    statements = json.loads(bucket.policy.decode()).get("Statement", []) if bucket.policy else []
    if not any(_admits_elb(s, backend.region_name, f"arn:aws:s3:::{name}/{key}") for s in _as_list(statements)):
        raise InvalidConfigurationRequest(f"Access Denied for bucket: {name}. Please check S3bucket permission")


def apply():
    original = ELBv2Backend.modify_load_balancer_attributes

    def modify_load_balancer_attributes(self, arn, attrs):
        balancer = self.load_balancers.get(arn)
        if balancer is not None:
            check_delivery(self, dict(balancer.attrs, **attrs))
        return original(self, arn, attrs)

    ELBv2Backend.modify_load_balancer_attributes = modify_load_balancer_attributes
