"""EC2 refuses a VPC endpoint for a service it does not offer.

AWS: ``CreateVpcEndpoint`` with a ``ServiceName`` that ``DescribeVpcEndpointServices`` does not list (a typo, a
service with no endpoint, a service not offered in the Region) fails with ``InvalidServiceName`` ("The Vpc Endpoint
Service '<name>' does not exist") and creates nothing.
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html; the error as AWS returns it:
https://github.com/aws/aws-cdk/issues/2597)
moto 5.2.5: creates an ``available`` endpoint for any name, so a wrong service name in
``networking_interface_endpoints`` passes on the emulator and fails halfway on AWS.
"""

from moto.ec2.exceptions import InvalidServiceName
from moto.ec2.models import vpcs
from moto.ec2.models.vpcs import VPCBackend


def _offered(backend):
    """The service names DescribeVpcEndpointServices lists in the backend's region. Once that list is built, it is
    the answer; until then the names it would hold, without building it: building it instantiates a dozen service
    backends, which makes the first creation and the next reset seconds slower."""
    region = backend.region_name
    if region in vpcs.DEFAULT_VPC_ENDPOINT_SERVICES:
        names = {service["ServiceName"] for service in vpcs.DEFAULT_VPC_ENDPOINT_SERVICES[region]}
    else:
        # The implemented list names moto's backends (ecr, kinesis, ...), not services: their services are covered.
        services = vpcs.AWS_ENDPOINT_SERVICES + [service for service in vpcs.COVERED_ENDPOINT_SERVICES
                                                 if service not in vpcs.IMPLEMENTED_ENDPOINT_SERVICES]
        names = {f"com.amazonaws.{region}.{service}" for service in services + ["route53resolver"]}
    return names | {configuration.service_name for configuration in getattr(backend, "configurations", {}).values()}


def apply():
    original = VPCBackend.create_vpc_endpoint

    def create_vpc_endpoint(self, vpc_id, service_name, *args, **kwargs):
        # Only the Region's own AWS services are judged (not aws.sagemaker.*, s3-global, partners' services).
        if service_name.startswith(f"com.amazonaws.{self.region_name}.") and service_name not in _offered(self):
            raise InvalidServiceName(service_name)
        return original(self, vpc_id, service_name, *args, **kwargs)

    VPCBackend.create_vpc_endpoint = create_vpc_endpoint
