#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecr_image_info
version_added: 0.1.0
short_description: Find images of a private ECR repository by tag or digest
description:
  - Describes the named images of one repository (ECR C(DescribeImages) with C(imageIds),
    U(https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html)). An image that is not
    there (C(ImageNotFoundException)), or a repository that does not exist (C(RepositoryNotFoundException)), is
    reported in RV(missing) rather than failing, so a role can tell an empty repository from a pushed one before
    ECS tries to pull from it.
  - community.aws.ecs_ecr manages repositories, not images; amazon.aws and community.aws have no ECR image info
    module.
author:
  - Tickr platform team (@tickr-tn)
options:
  repository:
    description: The repository's name.
    type: str
    required: true
  registry_id:
    description: The account that owns the registry; the caller's by default.
    type: str
  images:
    description: The images to find, each an image tag (C(latest)) or an image digest (C(sha256:...)).
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Find whether the backend's image was pushed
  tickr.aws.ecr_image_info:
    repository: tickr-backend
    images: [latest]
  register: found

- name: Say so
  ansible.builtin.debug:
    msg: "push tickr-backend:latest first"
  when: found.missing | length > 0
"""

RETURN = r"""
images:
  description: The images found, keyed by the tag or digest asked for, as C(DescribeImages) gives them in snake_case.
  returned: always
  type: dict
  sample: {"latest": {"image_digest": "sha256:4a1c65...", "image_tags": ["latest"], "repository_name": "tickr-backend"}}
missing:
  description: The tags or digests asked for that the repository does not hold (all of them when it does not exist).
  returned: always
  type: list
  elements: str
  sample: ["latest"]
repository_exists:
  description: Whether the repository exists.
  returned: always
  type: bool
repository_uri:
  description: The repository's URI as ECR gives it, to pull an image by (C(<uri>@<image_digest>)); empty when it does not exist.
  returned: always
  type: str
  sample: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/tickr-backend
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.tickr.aws.plugins.module_utils import ecr
from ansible_collections.tickr.aws.plugins.module_utils.ecr import AnsibleECRError, RepositoryNotFound
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            repository=dict(type="str", required=True),
            registry_id=dict(type="str"),
            images=dict(type="list", elements="str", required=True),
        ),
        supports_check_mode=True,
    )
    client = module.client("ecr")
    repository, images = module.params["repository"], module.params["images"]
    found, missing = {}, []
    try:
        for image in images:
            detail = ecr.describe_image(client, repository, image, module.params["registry_id"])
            if detail is None:
                missing.append(image)
            else:
                found[image] = camel_dict_to_snake_dict(detail)
        uri = ecr.describe_repository(client, repository, module.params["registry_id"])["repositoryUri"]
    except RepositoryNotFound:
        module.exit_json(changed=False, images={}, missing=list(images), repository_exists=False, repository_uri="")
    except AnsibleECRError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, images=found, missing=missing, repository_exists=True, repository_uri=uri)


if __name__ == "__main__":
    main()
