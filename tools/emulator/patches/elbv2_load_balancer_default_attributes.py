"""An Application Load Balancer describes every attribute it has, each at AWS's default until set.

AWS: DescribeLoadBalancerAttributes on a new ALB lists all its attributes with their values, among them
routing.http.drop_invalid_header_fields.enabled "false", routing.http.desync_mitigation_mode "defensive",
routing.http2.enabled "true", idle_timeout.timeout_seconds "60", waf.fail_open.enabled "false"; amazon.aws's
elb_application_lb reads the one a task sets (http_drop_invalid_header_fields: routing.http.drop_invalid_header_fields
.enabled) before comparing it.
Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancerAttributes.html,
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes.
moto 5.2.5: lists only access_logs.s3.bucket and prefix, deletion_protection.enabled and
load_balancing.cross_zone.enabled until a call sets another, so the module fails on the missing key.
"""

from moto.elbv2.models import FakeLoadBalancer

# AWS's defaults for an ALB ("Load balancer attributes").
ALB_DEFAULTS = {
    "access_logs.s3.enabled": "false",
    "connection_logs.s3.enabled": "false",
    "connection_logs.s3.bucket": "",
    "connection_logs.s3.prefix": "",
    "client_keep_alive.seconds": "3600",
    "idle_timeout.timeout_seconds": "60",
    "routing.http.desync_mitigation_mode": "defensive",
    "routing.http.drop_invalid_header_fields.enabled": "false",
    "routing.http.preserve_host_header.enabled": "false",
    "routing.http.x_amzn_tls_version_and_cipher_suite.enabled": "false",
    "routing.http.xff_client_port.enabled": "false",
    "routing.http.xff_header_processing.mode": "append",
    "routing.http2.enabled": "true",
    "waf.fail_open.enabled": "false",
    "zonal_shift.config.enabled": "false",
}


def apply():
    original_init = FakeLoadBalancer.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if self.type == "application":
            for key, value in ALB_DEFAULTS.items():
                self.attrs.setdefault(key, value)

    FakeLoadBalancer.__init__ = __init__
