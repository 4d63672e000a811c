# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Security group rules in one shape, whether read from the account or written in amazon.aws.ec2_security_group's
format: (direction, protocol, from port, to port, (peer kind, peer), description). The audit and network filters
compare and print them."""


def _listed(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _span(port):
    low, high = (str(port).split("-", 1) + [""])[:2]
    return int(low), int(high or low)


def found_permissions(group):
    """The rules of a group as amazon.aws.ec2_security_group_info returns it."""
    found = set()
    for direction, key in (("in", "ip_permissions"), ("out", "ip_permissions_egress")):
        for perm in group.get(key, []):
            proto = "-1" if str(perm.get("ip_protocol")) in ("-1", "all") else str(perm.get("ip_protocol"))
            low, high = (None, None) if proto == "-1" else (perm.get("from_port"), perm.get("to_port"))
            peers = [(("cidr", r["cidr_ip"]), r.get("description")) for r in perm.get("ip_ranges", [])]
            peers += [(("cidr", r["cidr_ipv6"]), r.get("description")) for r in perm.get("ipv6_ranges", [])]
            peers += [(("group", r["group_id"]), r.get("description")) for r in perm.get("user_id_group_pairs", [])]
            peers += [(("prefix", r["prefix_list_id"]), r.get("description")) for r in perm.get("prefix_list_ids", [])]
            found.update((direction, proto, low, high, peer, desc) for peer, desc in peers)
    return found


def configured_permissions(direction, rules, group_ids=None):
    """Rules in amazon.aws.ec2_security_group's format (proto, ports or from_port/to_port, cidr_ip, cidr_ipv6,
    group_id or group_name, ip_prefix, rule_desc); ``group_ids`` turns group names into ids where it knows them.
    A port that is not a number or a range raises ValueError."""
    group_ids = group_ids or {}
    found = set()
    for rule in rules or []:
        proto = "-1" if str(rule.get("proto", "tcp")) in ("-1", "all") else str(rule.get("proto", "tcp"))
        spans = [(None, None)]
        if proto != "-1":
            spans = [_span(port) for port in _listed(rule.get("ports"))]
            if rule.get("from_port") is not None:
                spans.append((int(rule["from_port"]), int(rule.get("to_port", rule["from_port"]))))
        peers = [("cidr", c) for c in _listed(rule.get("cidr_ip")) + _listed(rule.get("cidr_ipv6"))]
        peers += [("group", g) for g in _listed(rule.get("group_id"))]
        peers += [("group", group_ids.get(g, g)) for g in _listed(rule.get("group_name"))]
        peers += [("prefix", p) for p in _listed(rule.get("ip_prefix"))]
        found.update((direction, proto, low, high, peer, rule.get("rule_desc")) for low, high in spans for peer in peers)
    return found


def as_words(permissions, names=None):
    """Rules as sorted words: 'in tcp 443 from 0.0.0.0/0', 'out all to tickr-ecs-sg' (groups named by ``names``,
    id to name), prefix lists as 'prefix-list'. Descriptions are left out."""
    names = names or {}
    words = set()
    for direction, proto, low, high, (kind, peer), _desc in permissions:
        ports = "all" if proto == "-1" else (f"{proto} {low}" if low == high else f"{proto} {low}-{high}")
        peer = "prefix-list" if kind == "prefix" else names.get(peer, peer)
        words.add(f"{direction} {ports} {'from' if direction == 'in' else 'to'} {peer}")
    return sorted(words)
