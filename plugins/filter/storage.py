# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters that tell whether a bucket's CORS and lifecycle rules are as planned, from one s3_bucket_info read."""

from ansible.module_utils.common.dict_transformations import snake_dict_to_camel_dict

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.tickr.aws.plugins.module_utils.s3 import lifecycle_in_place
from ansible_collections.tickr.aws.plugins.plugin_utils.containers import plain


def s3_cors_in_place(bucket, rules):
    """Whether community.aws.s3_cors would leave the bucket's CORS rules as they are: the same comparison, the
    module's ``rules`` in CamelCase against the ``CORSRules`` that amazon.aws.s3_bucket_info read (``bucket``, one
    of its ``buckets``, with ``bucket_facts.bucket_cors``)."""
    found = ((bucket or {}).get("bucket_cors") or {}).get("CORSRules", [])
    return not compare_policies(snake_dict_to_camel_dict(plain(rules), capitalize_first=True), plain(found))


def s3_lifecycle_in_place(bucket, rules, minimum_object_size="all_storage_classes_128K"):
    """Whether tickr.aws.s3_bucket_lifecycle, given these rules and minimum object size, would leave the bucket's
    lifecycle configuration as it is: the module's own comparison, on what amazon.aws.s3_bucket_info read
    (``bucket``, one of its ``buckets``, with ``bucket_facts.bucket_lifecycle_configuration``)."""
    found = (bucket or {}).get("bucket_lifecycle_configuration") or {}
    return lifecycle_in_place(plain(found), plain(rules), minimum_object_size)


class FilterModule:
    def filters(self):
        return {
            "s3_cors_in_place": s3_cors_in_place,
            "s3_lifecycle_in_place": s3_lifecycle_in_place,
        }
