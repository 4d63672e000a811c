#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: cloudfront_origin_access_control
version_added: 0.1.0
short_description: Manage a CloudFront origin access control (OAC)
description:
  - Creates, updates and deletes a CloudFront origin access control, the signed access that lets a distribution
    read a private S3 bucket (the successor of origin access identities).
  - The origin access control is found by its O(name), which CloudFront keeps unique in an account.
  - Options left unset are left alone on an existing origin access control; on creation they take the defaults
    given below.
  - Neither amazon.aws nor community.aws manage origin access controls; attach one to an origin of
    M(community.aws.cloudfront_distribution) with the origin key C(origin_access_control_id).
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The origin access control's name (at most 64 characters), unique in the account.
    type: str
    required: true
  description:
    description:
      - What the origin access control is for. Created with an empty description when unset.
    type: str
  signing_protocol:
    description:
      - How CloudFront signs its requests to the origin. Created with V(sigv4) when unset.
    type: str
    choices: [sigv4, sigv4a]
  signing_behavior:
    description:
      - Which requests CloudFront signs. V(always) signs every request and is what an S3 origin needs.
      - Created with V(always) when unset.
    type: str
    choices: [always, never, no-override, always-amz-auth]
  origin_type:
    description:
      - The kind of origin it is used with. Created with V(s3) when unset.
    type: str
    choices: [s3, mediastore, mediapackagev2, lambda]
  state:
    description: Whether the origin access control should exist.
    type: str
    choices: [present, absent]
    default: present
notes:
  - CloudFront refuses to delete an origin access control that a distribution still uses; detach it first.
  - CloudFront is global; the module's region only chooses the API endpoint.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Let CloudFront read the images bucket, signing every request
  tickr.aws.cloudfront_origin_access_control:
    name: tickr-event-images
    description: CloudFront reads tickr-event-images
    signing_protocol: sigv4
    signing_behavior: always
    origin_type: s3
  register: oac

- name: Serve the bucket through a distribution that uses it
  community.aws.cloudfront_distribution:
    caller_reference: tickr-images-cdn
    origins:
      - id: images
        domain_name: tickr-event-images.s3.eu-west-1.amazonaws.com
        s3_origin_access_identity_enabled: false
        origin_access_control_id: "{{ oac.origin_access_control.id }}"

- name: Delete it once no distribution uses it
  tickr.aws.cloudfront_origin_access_control:
    name: tickr-event-images
    state: absent
"""

RETURN = r"""
origin_access_control:
  description: The origin access control as CloudFront describes it, in snake_case; empty when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Its ID, to put in an origin's C(origin_access_control_id).
      type: str
      sample: E2QWRUHAPOMQZL
    name:
      description: Its name.
      type: str
      sample: tickr-event-images
    description:
      description: Its description.
      type: str
      sample: CloudFront reads tickr-event-images
    signing_protocol:
      description: The signing protocol.
      type: str
      sample: sigv4
    signing_behavior:
      description: Which requests are signed.
      type: str
      sample: always
    origin_access_control_origin_type:
      description: The kind of origin.
      type: str
      sample: s3
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import cloudfront
from ansible_collections.tickr.aws.plugins.module_utils.cloudfront import AnsibleCloudFrontError
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule

# Option -> the API's field in OriginAccessControlConfig.
FIELDS = {
    "description": "Description",
    "signing_protocol": "SigningProtocol",
    "signing_behavior": "SigningBehavior",
    "origin_type": "OriginAccessControlOriginType",
}
CREATE_DEFAULTS = {
    "Description": "",
    "SigningProtocol": "sigv4",
    "SigningBehavior": "always",
    "OriginAccessControlOriginType": "s3",
}
MAX_NAME_LENGTH = 64


# Pure logic, unit-tested.
def desired_fields(params):
    """The config fields the user set; unset options are left out, hence left alone."""
    return {field: params[option] for option, field in FIELDS.items() if params.get(option) is not None}


def current_config(summary):
    """The OriginAccessControlConfig of a summary or description (AWS omits an empty description)."""
    config = {"Name": summary["Name"], "Description": summary.get("Description") or ""}
    for field in ("SigningProtocol", "SigningBehavior", "OriginAccessControlOriginType"):
        config[field] = summary.get(field)
    return config


def config_changes(current, desired):
    """The fields whose value differs, {} when the origin access control is already as asked."""
    return {field: value for field, value in desired.items() if (current.get(field) or "") != (value or "")}


def creation_config(name, desired):
    return dict(CREATE_DEFAULTS, Name=name, **desired)


def snake(config, control_id):
    return dict(camel_dict_to_snake_dict(config), id=control_id)


def find_control(client, name):
    """The summary of the origin access control named ``name`` (its config and Id), or None."""
    found = [item for item in cloudfront.list_origin_access_controls(client) if item.get("Name") == name]
    if len(found) > 1:
        raise ValueError(f"{len(found)} origin access controls are named {name}: {', '.join(i['Id'] for i in found)}")
    return found[0] if found else None


def ensure_absent(module, client, summary):
    before = snake(current_config(summary), summary["Id"]) if summary else {}
    if summary and not module.check_mode:
        etag = cloudfront.get_origin_access_control_etag(client, summary["Id"])
        cloudfront.delete_origin_access_control(client, summary["Id"], etag)
    module.exit_json(changed=summary is not None, origin_access_control={}, diff={"before": before, "after": {}})


def ensure_present(module, client, name, summary):
    desired = desired_fields(module.params)
    if summary is None:
        config = creation_config(name, desired)
        if module.check_mode:
            module.exit_json(changed=True, origin_access_control=snake(config, ""), diff={"before": {}, "after": snake(config, "")})
        created = cloudfront.create_origin_access_control(client, config)
        after = snake(current_config(created["OriginAccessControlConfig"]), created["Id"])
        module.exit_json(changed=True, origin_access_control=after, diff={"before": {}, "after": after})

    current = current_config(summary)
    changes = config_changes(current, desired)
    config = dict(current, **changes)
    if changes and not module.check_mode:
        etag = cloudfront.get_origin_access_control_etag(client, summary["Id"])
        updated = cloudfront.update_origin_access_control(client, summary["Id"], etag, config)
        config = current_config(updated["OriginAccessControlConfig"])
    after = snake(config, summary["Id"])
    module.exit_json(changed=bool(changes), origin_access_control=after, diff={"before": snake(current, summary["Id"]), "after": after})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            description=dict(type="str"),
            signing_protocol=dict(type="str", choices=["sigv4", "sigv4a"]),
            signing_behavior=dict(type="str", choices=["always", "never", "no-override", "always-amz-auth"]),
            origin_type=dict(type="str", choices=["s3", "mediastore", "mediapackagev2", "lambda"]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    name = module.params["name"]
    if not name or len(name) > MAX_NAME_LENGTH:
        module.fail_json(msg=f"name must be 1-{MAX_NAME_LENGTH} characters, got {len(name or '')}: {name}")
    client = module.client("cloudfront")
    try:
        try:
            summary = find_control(client, name)
        except ValueError as e:
            module.fail_json(msg=str(e))
        if module.params["state"] == "absent":
            ensure_absent(module, client, summary)
        ensure_present(module, client, name, summary)
    except AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
