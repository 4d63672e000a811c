"""The networking role's VPC endpoint patches, stated over HTTP: the SES API's endpoint service exists, with its
private DNS name, and an endpoint for a service EC2 does not offer is refused."""

import botocore.exceptions
import pytest


def _vpc_and_subnet(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.11.0/24", AvailabilityZone="eu-west-1a")["Subnet"]["SubnetId"]
    return vpc, subnet


def test_the_ses_api_has_an_interface_endpoint_service_with_private_dns(fresh_emulator):
    ec2 = fresh_emulator.client("ec2")
    services = ec2.describe_vpc_endpoint_services(ServiceNames=["com.amazonaws.eu-west-1.email"])["ServiceDetails"]
    assert len(services) == 1
    email = services[0]
    assert email["ServiceType"] == [{"ServiceType": "Interface"}] and email["Owner"] == "amazon"
    assert email["PrivateDnsName"] == "email.eu-west-1.amazonaws.com"
    assert {"eu-west-1a", "eu-west-1b"} <= set(email["AvailabilityZones"])
    # SMTP keeps its own service, beside the API's.
    assert ec2.describe_vpc_endpoint_services(ServiceNames=["com.amazonaws.eu-west-1.email-smtp"])["ServiceDetails"]

    vpc, subnet = _vpc_and_subnet(ec2)
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.eu-west-1.email", VpcEndpointType="Interface",
                                       SubnetIds=[subnet])["VpcEndpoint"]
    assert endpoint["ServiceName"] == "com.amazonaws.eu-west-1.email" and endpoint["PrivateDnsEnabled"] is True


def test_an_endpoint_for_a_service_ec2_does_not_offer_is_refused(fresh_emulator):
    ec2 = fresh_emulator.client("ec2")
    vpc, subnet = _vpc_and_subnet(ec2)
    with pytest.raises(botocore.exceptions.ClientError, match="InvalidServiceName") as error:
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.eu-west-1.ses", VpcEndpointType="Interface",
                                SubnetIds=[subnet])
    assert "The Vpc Endpoint Service 'com.amazonaws.eu-west-1.ses' does not exist" in str(error.value)
    assert ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["VpcEndpoints"] == []
    # A service EC2 offers is still accepted, gateway or interface.
    ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.eu-west-1.s3", VpcEndpointType="Gateway")
    ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.eu-west-1.ecr.dkr", VpcEndpointType="Interface",
                            SubnetIds=[subnet])
