# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters on SES templates: check them (Handlebars) against the variables they declare, before SES sees them, and
tell which of them SES already holds as they are."""

import re

from ansible_collections.tickr.aws.plugins.module_utils.ses import dkim_actions
from ansible_collections.tickr.aws.plugins.module_utils.ses import wanted_dkim

# {{x}}, {{{x}}}, {{#if x}}, {{/if}}, {{else}}, {{! comment }}, {{!-- comment --}}
MUSTACHE = re.compile(r"\{\{\{?~?\s*(?P<body>!--.*?--|[^{}]*?)\s*~?\}?\}\}", re.S)
TOKEN = re.compile(r"""(?P<string>"[^"]*"|'[^']*')|(?P<word>(?:\.\./)*[@A-Za-z_$][\w.$@/-]*)|(?P<other>[^\s()"'=]+)""")
HELPERS = {"if", "unless", "each", "with", "else", "eq", "ne", "lt", "gt", "le", "ge", "and", "or", "not", "lookup", "log",
           "true", "false", "null", "undefined", "as"}
BLOCK_OPENERS = {"#", "^"}


def _names(expression):
    """The variables an expression reads: helper names, literals and hash keys left out."""
    names = []
    for match in TOKEN.finditer(expression.replace("(", " ").replace(")", " ")):
        word = match.group("word")
        if not word or word in HELPERS:
            continue
        end = match.end()
        if expression[end:end + 1] == "=":  # hash argument key: key=value
            continue
        names.append(word)
    return names


def ses_template_variables(text):
    """Sorted top-level variables a Handlebars text reads (``event.name`` gives ``event``).

    Inside ``{{#each list}}`` and ``{{#with x}}`` the context's own fields (``this``, ``this.x``, ``name``, ``@index``) are not
    variables of the template; ``@root.x`` and ``../x`` are.
    """
    found = set()
    each_depth = 0
    stack = []
    for match in MUSTACHE.finditer(text or ""):
        body = match.group("body").strip()
        if not body or body.startswith("!"):
            continue
        if body.startswith("/"):
            if stack and stack.pop() in ("each", "with"):
                each_depth -= 1
            continue
        opener = body[0] if body[0] in BLOCK_OPENERS else ""
        expression = body[1:].strip() if opener else body
        if expression.startswith("else"):
            expression = expression[4:]
        keyword = expression.split(None, 1)[0] if expression.split() else ""
        for name in _names(expression):
            if name.startswith("@root."):
                name = name[len("@root."):]
            elif name.startswith("../"):
                name = name.replace("../", "")
            elif name.startswith("@") or name == "this" or name.startswith("this.") or name.startswith("./"):
                continue
            elif each_depth:
                continue  # a field of the current item
            root = re.split(r"[./\[]", name, maxsplit=1)[0]
            if root:
                found.add(root)
        if opener:
            stack.append(keyword)
            if keyword in ("each", "with"):
                each_depth += 1
    return sorted(found)


def ses_template_errors(files, template, declared, directory=""):
    """Messages naming each variable a template's files use without declaring it; empty when all are declared.

    ``files`` maps a file name (``subject.txt``, ``body.html``, ``body.txt``) to its text.
    """
    declared = set(declared or [])
    errors = []
    for file_name in sorted(files):
        path = f"{directory}/{file_name}" if directory else file_name
        for name in ses_template_variables(files[file_name]):
            if name not in declared:
                errors.append(f"ses_templates: template {template} uses {{{{{name}}}}} in {path}, "
                              f"which is not in its variables {sorted(declared)}")
    return errors


# The parts tickr.aws.ses_template uploads and compares.
TEMPLATE_PARTS = ("subject", "html", "text")


def ses_templates_in_place(found, wanted):
    """The names of the ``wanted`` templates tickr.aws.ses_template would leave as they are.

    ``found`` is what tickr.aws.ses_template_info returned (``{name, subject, html, text}`` each, a part SES does not
    hold is None); ``wanted`` lists the module's arguments (``{name, subject, html, text}`` each). As the module
    compares: a template is in place when it was found and each part given (not None) equals the part found, exactly.
    A part left unset is one the module leaves alone. Any doubt (no name, a part that is not a string, a template not
    found) leaves the template out, so that the module runs for it.
    """
    found_by_name = {}
    for template in found or []:
        if template.get("name"):
            found_by_name[template["name"]] = template
    in_place = []
    for template in wanted or []:
        name = template.get("name")
        current = found_by_name.get(name) if isinstance(name, str) else None
        if current is None:
            continue
        parts = [(template.get(part), current.get(part)) for part in TEMPLATE_PARTS]
        if all(want is None or (isinstance(want, str) and want == have) for want, have in parts):
            in_place.append(name)
    return in_place


def ses_identities_in_place(found, dkim=None):
    """The names of the identities found that tickr.aws.ses_email_identity would leave as they are.

    ``found`` is what tickr.aws.ses_email_identity_info returned (``{name, found, identity}`` each, ``identity`` in
    snake_case); ``dkim`` is the module's argument for the domains. An identity is in place when SES holds it and the
    module's own ``dkim_actions`` would call nothing for it. An identity not found, or without a name, is left out,
    so that the module runs for it.
    """
    in_place = []
    for identity in found or []:
        name = identity.get("name")
        if not identity.get("found") or not isinstance(name, str):
            continue
        attrs = (identity.get("identity") or {}).get("dkim_attributes") or {}
        aws_attrs = {"SigningEnabled": attrs.get("signing_enabled"), "SigningAttributesOrigin": attrs.get("signing_attributes_origin"),
                     "Tokens": attrs.get("tokens")}
        if dkim_actions(aws_attrs, wanted_dkim(name, dkim)) == (False, None):
            in_place.append(name)
    return in_place


class FilterModule:
    def filters(self):
        return {
            "ses_template_variables": ses_template_variables,
            "ses_template_errors": ses_template_errors,
            "ses_templates_in_place": ses_templates_in_place,
            "ses_identities_in_place": ses_identities_in_place,
        }
