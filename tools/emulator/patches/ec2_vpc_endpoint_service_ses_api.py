"""EC2 offers the SES API's interface endpoint service, ``com.amazonaws.<region>.email``.

AWS: since December 2025 Amazon SES has an interface VPC endpoint for its API (not only for SMTP, ``email-smtp``), in
every Region SES is in, eu-west-1 included. ``DescribeVpcEndpointServices`` lists ``com.amazonaws.<region>.email``
(type Interface, owner amazon) with the private DNS name ``email.<region>.amazonaws.com``: with private DNS on, the
SDKs' default SES endpoint resolves to the endpoint's addresses in the VPC, so ``SendTemplatedEmail`` needs no NAT.
(https://aws.amazon.com/about-aws/whats-new/2025/12/amazon-ses-vpc-api-endpoints/,
https://docs.aws.amazon.com/ses/latest/dg/send-email-set-up-vpc-endpoints.html,
https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html)
moto 5.2.5: lists only ``email-smtp``, so an endpoint for the SES API is a service the emulator does not offer.
"""

from moto.ec2.models import vpcs

SERVICE = "email"


def apply():
    if SERVICE not in vpcs.AWS_ENDPOINT_SERVICES:
        vpcs.AWS_ENDPOINT_SERVICES.append(SERVICE)
        vpcs.AWS_ENDPOINT_SERVICES.sort()
    # The list is built once per region, on first use: build it again with the service.
    vpcs.DEFAULT_VPC_ENDPOINT_SERVICES.clear()
