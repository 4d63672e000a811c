"""tickr.aws.endpoints_vs_nat(_table): V1's interface endpoints against one NAT gateway, from the price table."""

from pathlib import Path

import yaml

from ansible_collections.tickr.aws.plugins.filter.audit import endpoints_vs_nat, endpoints_vs_nat_table

ROOT = Path(__file__).resolve().parents[4]
TABLE = yaml.safe_load((ROOT / "playbooks" / "vars" / "prices-eu-west-1.yml").read_text())
PRICES = TABLE["tickr_prices"]


def test_v1s_eight_endpoints_cost_more_than_one_nat_gateway():
    choice = endpoints_vs_nat({"interface_endpoints": 8, "azs": 2, "aws_traffic_gb": TABLE["tickr_usage"]["aws_traffic_gb"]}, PRICES)
    # 8 x 2 x 0.011 x 730 = 128.48; 10 GB x 0.01 = 0.10
    assert choice["endpoints"] == {"count": 8, "azs": 2, "hourly_usd": 128.48, "data_usd": 0.1, "usd": 128.58}
    # (0.048 + 0.005) x 730 = 38.69; 10 GB x 0.048 = 0.48
    assert choice["nat"] == {"count": 1, "hourly_usd": 38.69, "data_usd": 0.48, "usd": 39.17}
    assert choice["cheaper"] == "nat"
    table = endpoints_vs_nat_table(choice, PRICES)
    assert table.splitlines() == [
        "Interface endpoints    128.58 USD  8 x 2 AZ x 0.011 USD/h + 10 GB x 0.01 USD",
        "One NAT gateway         39.17 USD  0.048 USD/h + IPv4 0.005 USD/h + 10 GB x 0.048 USD; "
        "the ECS group then needs egress 443 to 0.0.0.0/0",
        "Cheaper                 89.41 USD  less a month with one NAT gateway",
    ]


def test_heavy_traffic_tips_the_choice_to_the_endpoints():
    choice = endpoints_vs_nat({"interface_endpoints": 2, "azs": 2, "aws_traffic_gb": 2000}, PRICES)
    assert choice["cheaper"] == "endpoints"
    assert "less a month with the interface endpoints" in endpoints_vs_nat_table(choice, PRICES)


def test_no_endpoint_no_endpoint_cost():
    choice = endpoints_vs_nat({"interface_endpoints": 0, "azs": 2, "aws_traffic_gb": 10}, PRICES)
    assert choice["endpoints"]["usd"] == 0


def test_the_estimate_of_a_v2_stack_counts_each_nat_gateways_address_and_traffic():
    from ansible_collections.tickr.aws.plugins.filter.audit import monthly_cost
    stack = {"ecs_tasks": 2, "ecs_vcpu": 0.5, "ecs_memory_gb": 1, "rds_instance_class": "db.t3.small",
             "rds_multi_az": False, "rds_storage_gb": 20, "redis_node_type": "cache.t3.micro", "redis_nodes": 1,
             "custom_metrics": 4, "alarms": 5, "nat_gateways": 2, "interface_endpoints": 0, "azs": 2, "secrets": 3}
    items = {i["item"]: i for i in monthly_cost(dict(stack, **TABLE["tickr_usage"]), PRICES)["items"]}
    # 2 x (0.048 + 0.005) x 730 + 10 GB x 0.048
    assert items["NAT gateway"]["usd"] == 77.86 and items["NAT gateway"]["detail"] == "2 NAT gateways, 10 GB"
