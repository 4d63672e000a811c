# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The filters' name for module_utils.security_group_rules, which tickr.aws.ec2_vpc_network writes rules with."""

# pylint: disable=unused-import
from ansible_collections.tickr.aws.plugins.module_utils.security_group_rules import (  # noqa: F401
    as_words,
    configured_permissions,
    found_permissions,
)
