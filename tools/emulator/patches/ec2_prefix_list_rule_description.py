"""EC2 keeps the description of a security group rule that targets a prefix list.

AWS: ``AuthorizeSecurityGroupEgress`` with ``PrefixListIds=[{PrefixListId, Description}]`` stores the
description, and ``DescribeSecurityGroups`` returns it beside the id.
moto 5.2.5: keeps only the id, so a client that sets descriptions (amazon.aws.ec2_security_group) sees a
difference on every run and tries to "fix" it forever.
"""

from moto.ec2.models import security_groups as sg


def apply():
    original_init = sg.SecurityGroupRule.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        entry = kwargs.get("prefix_list_id")
        if entry is None and len(args) >= 8:
            entry = args[7]
        self.prefix_list_entry = dict(entry) if entry else None

    def _flattened_rules(self, rules):
        views = original_flattened(self, rules)
        entries = {}
        for rule in rules:
            entry = getattr(rule, "prefix_list_entry", None)
            if entry:
                entries[(rule.from_port, rule.to_port, rule.ip_protocol, entry["PrefixListId"])] = entry
        for view in views:
            view.prefix_list_ids = [
                entries.get((view.from_port, view.to_port, view.ip_protocol, p["PrefixListId"]), p)
                for p in view.prefix_list_ids
            ]
        return views

    original_flattened = sg.SecurityGroup._flattened_rules
    sg.SecurityGroupRule.__init__ = __init__
    sg.SecurityGroup._flattened_rules = _flattened_rules
