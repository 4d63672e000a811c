"""SESv2 email templates: CreateEmailTemplate, GetEmailTemplate, UpdateEmailTemplate, DeleteEmailTemplate, ListEmailTemplates.

AWS: SESv2 manages the same templates as SES v1's ``CreateTemplate`` (a template made by either API is sent
by ``SendTemplatedEmail``); ``GetEmailTemplate`` returns ``TemplateName`` and ``TemplateContent`` (``Subject``,
``Html``, ``Text``); an unknown name is ``NotFoundException``, a duplicate ``AlreadyExistsException``.
moto 5.2.5: implements SES v1's templates only; the SESv2 operations fail as not implemented.
"""

import json

from moto.core.exceptions import JsonRESTError
from moto.core.utils import utcnow
from moto.sesv2 import urls
from moto.sesv2.responses import SESV2Response


class _NotFound(JsonRESTError):
    code = 404

    def __init__(self, name):
        super().__init__("NotFoundException", f"Template {name} does not exist")


class _AlreadyExists(JsonRESTError):
    code = 400

    def __init__(self, name):
        super().__init__("AlreadyExistsException", f"Template {name} already exists")


def _store(response):
    return response.sesv2_backend.core_backend.templates


def _info(name, content):
    return {"template_name": name, "subject_part": content.get("Subject", ""), "html_part": content.get("Html", ""),
            "text_part": content.get("Text", ""), "Timestamp": utcnow()}


def create_email_template(self):
    name = self._get_param("TemplateName")
    if name in _store(self):
        raise _AlreadyExists(name)
    _store(self)[name] = _info(name, self._get_param("TemplateContent") or {})
    return json.dumps({})


def update_email_template(self):
    name = self._get_param("TemplateName")
    if name not in _store(self):
        raise _NotFound(name)
    _store(self)[name] = _info(name, self._get_param("TemplateContent") or {})
    return json.dumps({})


def get_email_template(self):
    name = self._get_param("TemplateName")
    template = _store(self).get(name)
    if template is None:
        raise _NotFound(name)
    content = {"Subject": template.get("subject_part", "")}
    for key, part in (("Html", "html_part"), ("Text", "text_part")):
        if template.get(part):
            content[key] = template[part]
    return json.dumps({"TemplateName": name, "TemplateContent": content})


def delete_email_template(self):
    name = self._get_param("TemplateName")
    if _store(self).pop(name, None) is None:
        raise _NotFound(name)
    return json.dumps({})


def list_email_templates(self):
    metadata = [{"TemplateName": t["template_name"], "CreatedTimestamp": t["Timestamp"].timestamp()} for t in _store(self).values()]
    return json.dumps({"TemplatesMetadata": metadata})


PATHS = [
    r"v2/email/templates",
    r"v2/email/templates/(?P<TemplateName>[^/]+)",
]


def apply():
    for path in PATHS:
        urls.url_paths[f"{{0}}/{path}$"] = SESV2Response.dispatch
    SESV2Response.create_email_template = create_email_template
    SESV2Response.update_email_template = update_email_template
    SESV2Response.get_email_template = get_email_template
    SESV2Response.delete_email_template = delete_email_template
    SESV2Response.list_email_templates = list_email_templates
