# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters on SES templates: check them (Handlebars) against the variables they declare, before SES sees them, and
read their files for tickr.aws.ses_template."""

import os
import re

from ansible.errors import AnsibleFilterError

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


# A template's files in one language, in the order of tickr.aws.ses_template's parts (subject, html, text).
TEMPLATE_FILES = ("subject.txt", "body.html", "body.txt")


def ses_template_uploads(templates, languages, default_language, directory):
    """tickr.aws.ses_template's ``templates``: each template in each language, read from
    ``directory/<template>/<language>/`` as the ansible.builtin.file lookup reads a file (UTF-8, trailing whitespace
    stripped). The default language keeps the template's name, the others get a suffix (``ticket-confirmation-en``)."""
    uploads = []
    for template in templates:
        for language in languages:
            folder = os.path.join(directory, template["name"], language)
            parts = []
            for file_name in TEMPLATE_FILES:
                path = os.path.join(folder, file_name)
                try:
                    with open(path, encoding="utf-8") as source:
                        parts.append(source.read().rstrip())
                except OSError as e:
                    raise AnsibleFilterError(f"ses_templates: could not read {path}: {e.strerror}") from e
            name = template["name"] if language == default_language else f"{template['name']}-{language}"
            uploads.append(dict(zip(("name", "subject", "html", "text"), [name] + parts)))
    return uploads


class FilterModule:
    def filters(self):
        return {
            "ses_template_variables": ses_template_variables,
            "ses_template_errors": ses_template_errors,
            "ses_template_uploads": ses_template_uploads,
        }
