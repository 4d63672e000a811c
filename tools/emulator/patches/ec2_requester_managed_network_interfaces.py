"""Interface VPC endpoints, RDS DB instances and ElastiCache nodes have requester-managed network interfaces.

AWS: a service that places a resource in a VPC creates a requester-managed network interface for it, which
``DescribeNetworkInterfaces`` lists with ``RequesterManaged`` true, and releases it when the resource is deleted
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html):
- an interface VPC endpoint has one per subnet, in the endpoint's security groups (the VPC's default group when it
  names none), ``InterfaceType`` ``vpc_endpoint``, ``Description`` "VPC Endpoint Interface <vpce-id>"; subnets and
  groups added or removed by ``ModifyVpcEndpoint`` add, remove or regroup them
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html,
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html);
- a DB instance has one in a subnet of its DB subnet group, in its VPC security groups, ``Description``
  "RDSNetworkInterface"; ``ModifyDBInstance`` ``VpcSecurityGroupIds`` applies to it as soon as possible, whatever
  ``ApplyImmediately`` says
  (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html,
  https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html);
- an ElastiCache node has one in a subnet of its cache subnet group, which ElastiCache picks along with the
  node's IP address, in the cluster's security groups, ``Description`` "ElastiCache <cluster-id>"
  (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SubnetGroups.html,
  https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyReplicationGroup.html).
``DescribeNetworkInterfaces`` filters on ``requester-managed``, ``requester-id`` and ``interface-type``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html).
moto 5.2.5: gives DB instances and cache nodes no network interface, gives an interface endpoint's interfaces the
VPC's default group whatever its groups, an address outside their subnet, no description, ``RequesterManaged``
false and ``InterfaceType`` ``interface``, never follows ``ModifyVpcEndpoint``, and refuses the
``requester-managed`` filter (FilterNotImplementedError). A scanner that looks for a group's interfaces (Prowler's
``ec2_securitygroup_not_used``) then sees the database's, the cache's and the endpoints' groups as unused.
"""

from moto.core.utils import camelcase_to_underscores
from moto.ec2.exceptions import InvalidSubnetIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ec2.models.vpcs import VPCBackend
from moto.elasticache.models import elasticache_backends
from moto.elasticache.responses import ElastiCacheResponse
from moto.rds.models import rds_backends
from moto.rds.responses import RDSResponse

# The resource's interfaces, by a key of the resource's, kept on the service's backend: moto's reset forgets them.
REGISTRY = "_tickr_requester_managed_interfaces"
GONE = ("deleting", "deleted")
# Actions that only read change no resource: their interfaces stay as they are, and reading stays fast.
READ_ONLY = ("describe_", "list_")


class Wanted:
    """One interface a resource should have."""

    def __init__(self, subnet, group_ids, description, interface_type="interface", requester_id=None):
        self.subnet = subnet
        self.group_ids = list(group_ids or [])
        self.description = description
        self.interface_type = interface_type
        self.requester_id = requester_id


def _groups(ec2, vpc_id, group_ids):
    groups = [group for group in (ec2.get_security_group_from_id(group_id) for group_id in group_ids) if group]
    # A resource naming no group of its VPC is in the VPC's default group, as AWS places it.
    return groups or [group for group in [ec2.get_default_security_group(vpc_id)] if group]


def _mark(ec2, eni, wanted):
    eni._group_set = _groups(ec2, eni.subnet.vpc_id, wanted.group_ids)
    eni.description = wanted.description
    eni.requester_managed = True
    eni.interface_type = wanted.interface_type
    eni.status = "in-use"
    if wanted.requester_id:
        eni.requester_id = wanted.requester_id


def _reconcile(ec2, registry, wanted):
    """Makes ``registry`` (key -> interface id) hold one interface per entry of ``wanted`` (key -> Wanted): the
    others are released, the missing ones created in their subnet, and each one's groups set."""
    for key in list(registry):
        eni = ec2.enis.get(registry[key])
        if key not in wanted or eni is None or eni.subnet.id != wanted[key].subnet.id:
            ec2.enis.pop(registry.pop(key), None)
    for key, want in wanted.items():
        if key not in registry:
            # No address given: moto draws one from the subnet's CIDR, as AWS assigns it.
            registry[key] = ec2.create_network_interface(want.subnet, None, group_ids=None,
                                                         description=want.description).id
        _mark(ec2, ec2.enis[registry[key]], want)


def _registry(backend):
    return backend.__dict__.setdefault(REGISTRY, {})


def _subnets(ec2, subnet_ids):
    subnets = []
    for subnet_id in subnet_ids:
        try:
            subnets.append(ec2.get_subnet(subnet_id))
        except InvalidSubnetIdError:  # a subnet deleted under its group holds no interface
            continue
    return subnets


def _pick(subnets, zone, index):
    """The subnet of the resource's zone if its group has one, else the group's subnets in turn."""
    in_zone = [subnet for subnet in subnets if zone and subnet.availability_zone == zone]
    return in_zone[0] if in_zone else subnets[index % len(subnets)]


# Interface VPC endpoints


def _sync_endpoint(ec2, endpoint):
    registry = {eni.subnet.id: eni.id for eni in (ec2.enis.get(i) for i in endpoint.network_interface_ids) if eni}
    wanted = {}
    if (endpoint.vpc_endpoint_type or "").lower() == "interface" and endpoint.state not in GONE:
        for subnet in _subnets(ec2, endpoint.subnet_ids or []):
            wanted[subnet.id] = Wanted(subnet, endpoint.security_group_ids,
                                       f"VPC Endpoint Interface {endpoint.id}", "vpc_endpoint")
    _reconcile(ec2, registry, wanted)
    endpoint.network_interface_ids = [registry[subnet_id] for subnet_id in wanted]


# RDS DB instances


def _rds_wanted(backend, ec2):
    wanted = {}
    for identifier, instance in backend.databases.items():
        if instance.status in GONE:
            continue
        group = getattr(instance, "db_subnet_group", None)
        # No DB subnet group: the default VPC's subnets, where RDS places such an instance.
        subnets = _subnets(ec2, [subnet.id for subnet in group._subnets]) if group is not None else \
            list(ec2.get_default_subnets().values())
        if not subnets:
            continue
        wanted[identifier] = Wanted(_pick(subnets, instance.availability_zone, 0), instance.vpc_security_group_ids,
                                    "RDSNetworkInterface", requester_id="amazon-rds")
    return wanted


# ElastiCache nodes


def _member_index(backend, cluster):
    group = backend.replication_groups.get(getattr(cluster, "replication_group_id", None) or "")
    if group is not None and cluster.cache_cluster_id in group.member_clusters:
        return group.member_clusters.index(cluster.cache_cluster_id)
    return 0


def _elasticache_wanted(backend, ec2):
    wanted = {}
    for cluster_id, cluster in backend.cache_clusters.items():
        if cluster.cache_cluster_status in GONE:
            continue
        subnet_group = backend.cache_subnet_groups.get(cluster.cache_subnet_group_name or "")
        subnets = _subnets(ec2, subnet_group.subnet_ids if subnet_group is not None else [])
        if not subnets:
            continue
        first = _member_index(backend, cluster)
        for node in range(getattr(cluster, "num_cache_nodes", None) or 1):
            wanted[f"{cluster_id}/{node + 1:04d}"] = Wanted(
                _pick(subnets, cluster.preferred_availability_zone, first + node), cluster.security_group_ids,
                f"ElastiCache {cluster_id}", requester_id="amazon-elasticache")
    return wanted


SERVICES = ((rds_backends, _rds_wanted), (elasticache_backends, _elasticache_wanted))


def reconcile(ec2):
    """Brings the interfaces of the account's DB instances and cache nodes in ``ec2``'s region up to date, for a
    caller about to judge them (a security group's deletion)."""
    for backends, wanted_of in SERVICES:
        backend = backends[ec2.account_id][ec2.region_name]
        _reconcile(ec2, _registry(backend), wanted_of(backend, ec2))


def _after_each_change(response_class, backend_of, wanted_of):
    """Reconciles the service's interfaces after each of its actions that may change a resource: every path that
    creates, regroups or removes one (create, modify, replicas, restore, delete) ends through one of them."""
    original = response_class.call_action

    def call_action(self):
        result = original(self)
        if not camelcase_to_underscores(self._get_action() or "").startswith(READ_ONLY):
            backend = backend_of(self)
            ec2 = ec2_backends[backend.account_id][backend.region_name]
            _reconcile(ec2, _registry(backend), wanted_of(backend, ec2))
        return result

    response_class.call_action = call_action


def _filter_value(original):
    def get_filter_value(self, filter_name, method_name=None):
        if filter_name == "requester-managed":
            return bool(self.requester_managed)
        if filter_name == "requester-id":
            return self.requester_id
        if filter_name == "interface-type":
            return self.interface_type
        return original(self, filter_name, method_name)

    return get_filter_value


def apply():
    NetworkInterface.get_filter_value = _filter_value(NetworkInterface.get_filter_value)

    original_create = VPCBackend.create_vpc_endpoint

    def create_vpc_endpoint(self, *args, **kwargs):
        endpoint = original_create(self, *args, **kwargs)
        # moto's own interfaces (default group, an address outside the subnet) give way to the endpoint's.
        for eni_id in endpoint.network_interface_ids:
            self.enis.pop(eni_id, None)
        endpoint.network_interface_ids = []
        _sync_endpoint(self, endpoint)
        return endpoint

    original_modify = VPCBackend.modify_vpc_endpoint

    def modify_vpc_endpoint(self, vpc_id, *args, **kwargs):
        original_modify(self, vpc_id, *args, **kwargs)
        _sync_endpoint(self, self.describe_vpc_endpoints(vpc_end_point_ids=[vpc_id])[0])

    VPCBackend.create_vpc_endpoint = create_vpc_endpoint
    VPCBackend.modify_vpc_endpoint = modify_vpc_endpoint
    _after_each_change(RDSResponse, lambda response: response.backend, _rds_wanted)
    _after_each_change(ElastiCacheResponse, lambda response: response.elasticache_backend, _elasticache_wanted)
