# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The base class of every tickr.aws module."""

from ansible_collections.amazon.aws.plugins.module_utils.common import set_collection_info
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

TICKR_AWS_COLLECTION_NAME = "tickr.aws"
TICKR_AWS_COLLECTION_VERSION = "0.1.0"


class TickrAWSModule(AnsibleAWSModule):
    """AnsibleAWSModule that names tickr.aws in the user agent, as community.aws does for itself.

    AWS support and CloudTrail then tell our calls apart from other tools'.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        set_collection_info(
            collection_name=TICKR_AWS_COLLECTION_NAME,
            collection_version=TICKR_AWS_COLLECTION_VERSION,
        )
