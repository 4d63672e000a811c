#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ses_configuration_set
version_added: 0.1.0
short_description: Manage an Amazon SES configuration set and its event destinations
description:
  - Creates or deletes an SES configuration set (SESv2 API) and converges its event destinations
    (CloudWatch, SNS, Kinesis Firehose or EventBridge), each with the events it receives.
  - Event destinations are compared by name; one that differs is updated in place, one that is not listed is
    deleted. Leave O(event_destinations) unset to leave them alone.
  - amazon.aws and community.aws have no module for SES configuration sets.
author:
  - Tickr platform team (@tickr-tn)
options:
  name:
    description: The configuration set's name, for example V(tickr-transactional).
    type: str
    required: true
  event_destinations:
    description: The set's event destinations. V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      name:
        description: The destination's name, unique in the set.
        type: str
        required: true
      enabled:
        description: Whether events are sent to it.
        type: bool
        default: true
      matching_event_types:
        description: The events sent, as SESv2 names them.
        type: list
        elements: str
        required: true
        choices: [SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION]
      cloudwatch_dimensions:
        description:
          - A CloudWatch destination's dimensions, each C({name, source, default_value}); C(source) is
            C(MESSAGE_TAG), C(EMAIL_HEADER) or C(LINK_TAG).
        type: list
        elements: dict
      sns_topic_arn:
        description: An SNS destination's topic.
        type: str
      firehose:
        description: A Kinesis Firehose destination, C({delivery_stream_arn, iam_role_arn}).
        type: dict
      event_bus_arn:
        description: An EventBridge destination's bus.
        type: str
  state:
    description: Whether the configuration set should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
  - amazon.aws.tags
"""

EXAMPLES = r"""
- name: Bounces and complaints of transactional mail as CloudWatch metrics
  tickr.aws.ses_configuration_set:
    name: tickr-transactional
    event_destinations:
      - name: cloudwatch
        matching_event_types: [BOUNCE, COMPLAINT]
        cloudwatch_dimensions:
          - name: ses:configuration-set
            source: MESSAGE_TAG
            default_value: tickr-transactional
    tags:
      Project: tickr
"""

RETURN = r"""
configuration_set:
  description: The configuration set's name; empty when absent.
  returned: always
  type: str
  sample: tickr-transactional
event_destinations:
  description: The set's event destinations after the run, as SESv2 describes them (CamelCase keys).
  returned: always
  type: list
  elements: dict
  sample: [{"Name": "cloudwatch", "Enabled": true, "MatchingEventTypes": ["BOUNCE", "COMPLAINT"],
            "CloudWatchDestination": {"DimensionConfigurations": [{"DimensionName": "ses:configuration-set",
            "DimensionValueSource": "MESSAGE_TAG", "DefaultDimensionValue": "tickr-transactional"}]}}]
tags:
  description: The set's tags after the run.
  returned: when O(state=present)
  type: dict
  sample: {"Project": "tickr"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import get_aws_account_info
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.tickr.aws.plugins.module_utils import ses
from ansible_collections.tickr.aws.plugins.module_utils.modules import TickrAWSModule
from ansible_collections.tickr.aws.plugins.module_utils.ses import AnsibleSESError


# Pure logic, unit-tested.
def destination_to_aws(destination):
    """An event destination option as SESv2 takes and returns it (without its name)."""
    aws = {"Enabled": bool(destination.get("enabled", True)), "MatchingEventTypes": sorted(destination["matching_event_types"])}
    if destination.get("cloudwatch_dimensions"):
        aws["CloudWatchDestination"] = {"DimensionConfigurations": [
            {"DimensionName": d["name"], "DimensionValueSource": d.get("source", "MESSAGE_TAG"), "DefaultDimensionValue": d["default_value"]}
            for d in destination["cloudwatch_dimensions"]]}
    if destination.get("sns_topic_arn"):
        aws["SnsDestination"] = {"TopicArn": destination["sns_topic_arn"]}
    if destination.get("firehose"):
        aws["KinesisFirehoseDestination"] = {"DeliveryStreamArn": destination["firehose"]["delivery_stream_arn"],
                                             "IamRoleArn": destination["firehose"]["iam_role_arn"]}
    if destination.get("event_bus_arn"):
        aws["EventBridgeDestination"] = {"EventBusArn": destination["event_bus_arn"]}
    return aws


def normalise_current(destination):
    """A destination as SESv2 returns it, keyed like destination_to_aws, without its name."""
    aws = {k: v for k, v in destination.items() if k != "Name"}
    aws["Enabled"] = bool(aws.get("Enabled", False))
    aws["MatchingEventTypes"] = sorted(aws.get("MatchingEventTypes") or [])
    return aws


def destination_changes(current, desired):
    """(to_create, to_update, to_delete) between {name: destination} maps."""
    to_create = {n: d for n, d in desired.items() if n not in current}
    to_update = {n: d for n, d in desired.items() if n in current and current[n] != d}
    to_delete = [n for n in current if n not in desired]
    return to_create, to_update, sorted(to_delete)


def destination_errors(destinations):
    errors = []
    for destination in destinations:
        kinds = [k for k in ("cloudwatch_dimensions", "sns_topic_arn", "firehose", "event_bus_arn") if destination.get(k)]
        if len(kinds) != 1:
            errors.append(f"event destination {destination['name']} needs exactly one of cloudwatch_dimensions, sns_topic_arn, "
                          f"firehose, event_bus_arn (got {kinds or 'none'})")
    return errors


# AWS calls.
def get_destinations(client, name):
    """{name: destination} of the set, None when the set does not exist."""
    if ses.get_configuration_set(client, name) is None:
        return None
    return {d["Name"]: normalise_current(d) for d in ses.get_event_destinations(client, name)}


def configuration_set_arn(module, name):
    account, partition = get_aws_account_info(module)
    return f"arn:{partition}:ses:{module.region}:{account}:configuration-set/{name}"


def tag_changes(current, desired, purge):
    """(to_add, to_remove, tags after) for the set's tags; desired None leaves them alone."""
    if desired is None:
        return {}, [], current
    to_add, to_remove = compare_aws_tags(current, desired, purge)
    after = {k: v for k, v in current.items() if k not in to_remove}
    after.update(to_add)
    return to_add, to_remove, after


def read_set(module, client, name):
    """The set as found: its destinations (None when it does not exist), its tags and ARN (read only when O(tags)
    is given) and the diff's before."""
    destinations = get_destinations(client, name)
    found = {"destinations": destinations, "tags": {}, "arn": None,
             "before": {"name": name, "event_destinations": destinations} if destinations is not None else {}}
    if destinations is not None and module.params["tags"] is not None:
        found["arn"] = configuration_set_arn(module, name)
        found["tags"] = found["before"]["tags"] = ses.list_tags(client, found["arn"])
    return found


def ensure_absent(module, client, found):
    exists = found["destinations"] is not None
    if exists and not module.check_mode:
        ses.delete_configuration_set(client, module.params["name"])
    module.exit_json(changed=exists, configuration_set="", event_destinations=[], diff={"before": found["before"], "after": {}})


def ensure_tags(module, client, found):
    """(changed, tags after): a new set takes its tags when created, an existing one is tagged and untagged."""
    to_add, to_remove, tags = tag_changes(found["tags"], module.params["tags"], module.params["purge_tags"])
    if found["destinations"] is None:
        if not module.check_mode:
            ses.create_configuration_set(client, module.params["name"], to_add)
        return True, tags
    if not module.check_mode:
        if to_remove:
            ses.untag_resource(client, found["arn"], to_remove)
        if to_add:
            ses.tag_resource(client, found["arn"], to_add)
    return bool(to_add or to_remove), tags


def ensure_destinations(module, client, existing):
    """(changed, {name: destination} after); unset O(event_destinations) leaves them as they are."""
    if module.params["event_destinations"] is None:
        return False, existing
    name = module.params["name"]
    desired = {d["name"]: destination_to_aws(d) for d in module.params["event_destinations"]}
    to_create, to_update, to_delete = destination_changes(existing, desired)
    if not module.check_mode:
        for dest_name in to_delete:
            ses.delete_event_destination(client, name, dest_name)
        for dest_name, destination in to_update.items():
            ses.update_event_destination(client, name, dest_name, destination)
        for dest_name, destination in to_create.items():
            ses.create_event_destination(client, name, dest_name, destination)
    return bool(to_create or to_update or to_delete), desired


def ensure_present(module, client, found):
    """Creates the set or corrects its tags, then its destinations (the set must exist before them)."""
    set_changed, tags = ensure_tags(module, client, found)
    destinations_changed, desired = ensure_destinations(module, client, found["destinations"] or {})
    name = module.params["name"]
    module.exit_json(changed=set_changed or destinations_changed, configuration_set=name,
                     event_destinations=[dict(d, Name=n) for n, d in sorted(desired.items())], tags=tags,
                     diff={"before": found["before"], "after": {"name": name, "event_destinations": desired, "tags": tags}})


def main():
    module = TickrAWSModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            event_destinations=dict(type="list", elements="dict", options=dict(
                name=dict(type="str", required=True),
                enabled=dict(type="bool", default=True),
                matching_event_types=dict(type="list", elements="str", required=True,
                                          choices=["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK",
                                                   "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"]),
                cloudwatch_dimensions=dict(type="list", elements="dict"),
                sns_topic_arn=dict(type="str"),
                firehose=dict(type="dict"),
                event_bus_arn=dict(type="str"),
            )),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            tags=dict(type="dict", aliases=["resource_tags"]),
            purge_tags=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    p = module.params
    name = p["name"]
    errors = destination_errors(p["event_destinations"] or [])
    if errors:
        module.fail_json(msg="; ".join(errors))
    client = module.client("sesv2")
    try:
        found = read_set(module, client, name)
        if p["state"] == "absent":
            ensure_absent(module, client, found)
        else:
            ensure_present(module, client, found)
    except AnsibleSESError as e:
        module.fail_json_aws_error(e)


if __name__ == "__main__":
    main()
