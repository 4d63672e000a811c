# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters shared by the settings checks: values of the right shape that AWS would still refuse halfway.

Each returns a list of one-line messages, each starting with the variable at fault; empty when AWS would accept.
"""

import re
import unicodedata

# AWS, "Tag naming limits and requirements" (Tagging AWS resources and Tag Editor user guide,
# https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html): a key is 1-128 characters, a value 0-256,
# made of letters, numbers and spaces representable in UTF-8 and _ . : / = + - @; keys starting with aws: (in any
# case) are reserved for AWS; at most 50 user tags per resource. This is the set every tagging API accepts: some
# services (EC2) accept more characters, none accepts fewer.
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
TAG_COUNT_MAX = 50
TAG_PUNCTUATION = "_.:/=+-@"


def _tag_characters_ok(text):
    return all(unicodedata.category(c)[0] in "LNZ" or c in TAG_PUNCTUATION for c in text)


def _quote(text, limit=40):
    text = str(text)
    return repr(text if len(text) <= limit else text[:limit] + "...")


def tag_errors(tags, variable="tickr_tags", reserved_by_stack=0):
    """What AWS's tagging APIs would refuse in ``tags`` (a mapping), one message per broken rule and tag.

    ``reserved_by_stack`` is how many tags the roles add on their own (e.g. ``Name``), counted against the 50."""
    if not isinstance(tags, dict):
        return [f"{variable}: must be a mapping of tag keys to values, got {type(tags).__name__}"]
    errors = []
    if len(tags) + reserved_by_stack > TAG_COUNT_MAX:
        errors.append(f"{variable}: {len(tags)} tags; AWS takes at most {TAG_COUNT_MAX} per resource"
                      + (f" and the roles add {reserved_by_stack}" if reserved_by_stack else ""))
    for key, value in tags.items():
        key_text = str(key)
        if key_text.lower().startswith("aws:"):
            errors.append(f"{variable}: tag key {_quote(key_text)} starts with aws:, a prefix AWS reserves for its own tags")
        if not 1 <= len(key_text) <= TAG_KEY_MAX:
            errors.append(f"{variable}: tag key {_quote(key_text)} has {len(key_text)} characters; AWS takes 1-{TAG_KEY_MAX}")
        if not _tag_characters_ok(key_text):
            errors.append(f"{variable}: tag key {_quote(key_text)} has characters AWS refuses "
                          f"(letters, digits, spaces and {TAG_PUNCTUATION} only)")
        if value is None or isinstance(value, (dict, list)):
            errors.append(f"{variable}: tag {_quote(key_text)} has no text value (got "
                          f"{'null' if value is None else type(value).__name__}); give a string, '' for an empty one")
            continue
        value_text = str(value)
        if len(value_text) > TAG_VALUE_MAX:
            errors.append(f"{variable}: tag {_quote(key_text)} has a value of {len(value_text)} characters; "
                          f"AWS takes 0-{TAG_VALUE_MAX}")
        if not _tag_characters_ok(value_text):
            errors.append(f"{variable}: tag {_quote(key_text)} has a value {_quote(value_text)} with characters AWS "
                          f"refuses (letters, digits, spaces and {TAG_PUNCTUATION} only)")
    return errors


def _allowed(value, data_type, allowed):
    """Whether ``value`` fits an AllowedValues string as ElastiCache's and RDS's DescribeParameters write it:
    comma-separated values (strings) or integers and ranges ``low-high`` / ``low-`` (integers)."""
    # YAML reads yes/no as booleans: ElastiCache's yes/no parameters mean them.
    text = ("yes" if value else "no") if isinstance(value, bool) else str(value)
    if data_type == "integer":
        if isinstance(value, bool) or not re.fullmatch(r"-?[0-9]+", text):
            return False
        if allowed in (None, ""):
            return True
        number = int(text)
        for part in str(allowed).split(","):
            match = re.fullmatch(r"\s*(-?[0-9]+)\s*(-)?\s*([0-9]+)?\s*", part)
            if not match:
                continue
            low, dash, high = match.groups()
            if not dash and number == int(low):
                return True
            if dash and number >= int(low) and (high is None or number <= int(high)):
                return True
        return False
    if allowed in (None, ""):
        return True
    return text in [part.strip() for part in str(allowed).split(",")]


def _words(data_type, allowed):
    if data_type == "integer":
        ranges = []
        for part in str(allowed or "").split(","):
            low, dash, high = part.partition("-")
            ranges.append(f"{low} or more" if dash and not high else part)
        return "a whole number" + (f" ({', '.join(ranges)})" if allowed else "")
    return "one of " + ", ".join(str(allowed).split(","))


def parameter_value_errors(values, rules, variable):
    """Values of a parameter group against the engine's rules: ``rules`` maps a parameter name to
    ``{type: integer|string, allowed: <AllowedValues>, modifiable: bool, why: str}`` as DescribeCacheParameters
    (or DescribeDBParameters) reports them. Unknown names are left to the caller's own check."""
    errors = []
    for name, value in (values or {}).items():
        rule = rules.get(name)
        if rule is None:
            continue
        if not rule.get("modifiable", True):
            errors.append(f"{variable}.{name}: AWS does not let a parameter group change it"
                          + (f" ({rule['why']})" if rule.get("why") else ""))
            continue
        data_type, allowed = rule.get("type", "string"), rule.get("allowed")
        if not _allowed(value, data_type, allowed):
            errors.append(f"{variable}.{name}: {_quote(value)} is not accepted by the engine, "
                          f"which takes {_words(data_type, allowed)}")
    return errors


# ansible.builtin.validate_argument_spec's messages (ansible.module_utils.common.arg_spec):
#   argument 'redis_num_nodes' is of type str and we were unable to convert to int: "'two'" cannot be ...
_CONVERT = re.compile(r"^argument '(?P<name>[^']+)' is of type (?P<given>\S+)(?: found in '[^']*')? and we were "
                      r"unable to convert to (?P<expected>\w+): (?P<detail>.*)$", re.S)
_NAMED = re.compile(r"(?:argument|parameter|option|value of) '?(?P<name>[a-z][a-z0-9_]*)'?")
_QUOTED = re.compile(r"'([^']*)'")
TYPE_WORDS = {
    "int": "a whole number (int)",
    "float": "a number (float)",
    "bool": "true or false (bool)",
    "str": "a string (str)",
    "list": "a list",
    "dict": "a mapping (dict)",
    "path": "a path (str)",
    "raw": "a value",
}


def argument_type_errors(results, specs=None, values=None):
    """One line per argument spec error in validate_argument_spec results (a registered loop's ``results``, or one
    result), naming the variable, the value given and the type the role expects, instead of the argument spec dump.

    ``specs`` maps a variable to its spec option: a value whose option is ``no_log`` is not repeated. ``values`` (the
    host's variables) gives the value itself where the message only names its class."""
    if isinstance(results, dict):
        results = results.get("results", [results])
    specs = specs or {}
    errors = []
    for result in results or []:
        messages = result.get("argument_errors") or ([result["msg"]] if result.get("failed") and result.get("msg") else [])
        role = result.get("item") if isinstance(result.get("item"), str) else None
        where = f" ({role} role's argument spec)" if role else ""
        for message in messages:
            message = " ".join(str(message).split())
            match = _CONVERT.match(message)
            if match:
                name, expected = match.group("name"), match.group("expected")
                quoted = [q for q in _QUOTED.findall(match.group("detail")) if "class " not in q and "ansible." not in q]
                if values is not None and name in values and isinstance(values[name], (str, int, float)):
                    quoted = [str(values[name])]
                hidden = specs.get(name, {}).get("no_log")
                given = "the value given" if hidden or not quoted else _quote(quoted[0])
                errors.append(f"{name}: {given} is not {TYPE_WORDS.get(expected, expected)}{where}")
                continue
            named = _NAMED.search(message)
            errors.append(f"{named.group('name')}: {message}{where}" if named else f"{role or 'settings'}_spec: {message}")
    return errors


# S3, "General purpose bucket naming rules" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
# 3-63 lowercase letters, digits, dots and hyphens, a letter or digit at each end, no two adjacent dots, not an IP
# address, and prefixes and suffixes S3 keeps for its own names (access point and Multi-Region Access Point aliases,
# directory and table buckets, the documentation's examples).
S3_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
S3_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
S3_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def s3_bucket_name_errors(name, variable):
    """What S3's CreateBucket would refuse in the bucket name ``name``, one message naming ``variable``."""
    text = "" if name is None else str(name)
    rules = [
        (S3_BUCKET_NAME.match(text), "3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit"),
        (".." not in text, "no two adjacent dots"),
        (not re.match(r"^\d+\.\d+\.\d+\.\d+$", text), "not an IP address"),
        (not text.startswith(S3_RESERVED_PREFIXES), f"not starting with {', '.join(S3_RESERVED_PREFIXES)}"),
        (not text.endswith(S3_RESERVED_SUFFIXES), f"not ending with {', '.join(S3_RESERVED_SUFFIXES)}"),
    ]
    broken = [rule for ok, rule in rules if not ok]
    if not broken:
        return []
    return [f"{variable}: {_quote(text)} is not an S3 bucket name ({'; '.join(broken)})"]


class FilterModule:
    def filters(self):
        return {
            "tag_errors": tag_errors,
            "parameter_value_errors": parameter_value_errors,
            "argument_type_errors": argument_type_errors,
            "s3_bucket_name_errors": s3_bucket_name_errors,
        }
