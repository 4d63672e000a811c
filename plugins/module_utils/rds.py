# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""RDS calls of tickr.aws.rds_instance_param_group_parameters_info, retried with jittered backoff, each failure raised
as amazon.aws's AnsibleRDSError with AWS's message. amazon.aws's module_utils.rds has no wrapper for
DescribeDBParameters, and its error handler does not take DBParameterGroupNotFound for a missing resource."""

from typing import Any
from typing import Dict
from typing import List
from typing import Optional

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.rds import AnsibleRDSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class RDSParameterGroupErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleRDSError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("DBParameterGroupNotFound")


@RDSParameterGroupErrorHandler.list_error_handler("describe the DB parameter group's parameters")
@AWSRetry.jittered_backoff()
def describe_db_parameters(client, name: str, source: Optional[str] = None) -> List[Dict[str, Any]]:
    """The parameters of the DB parameter group ``name``, only those of ``source`` (user, system, engine-default)
    when given; every page (DescribeDBParameters answers 100 at most a page). None when there is no such group."""
    params = {"DBParameterGroupName": name}
    if source:
        params["Source"] = source
    return client.get_paginator("describe_db_parameters").paginate(**params).build_full_result()["Parameters"]
