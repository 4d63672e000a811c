# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """The options naming an ECS service and its cluster."""

    DOCUMENTATION = r"""
options:
  cluster:
    description: The cluster's name or ARN.
    type: str
    required: true
  service:
    description: The service's name or ARN.
    type: str
    required: true
"""
