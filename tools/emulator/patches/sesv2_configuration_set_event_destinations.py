"""SESv2 configuration set event destinations: Create, Get, Update and Delete ConfigurationSetEventDestination(s).

AWS: a configuration set holds named event destinations (``Name``, ``Enabled``, ``MatchingEventTypes``
and one of ``CloudWatchDestination``, ``SnsDestination``, ``KinesisFirehoseDestination``, ...);
``GetConfigurationSetEventDestinations`` lists them, ``UpdateConfigurationSetEventDestination`` replaces one,
``DeleteConfigurationSetEventDestination`` removes it; deleting the set removes its destinations. An unknown set
or destination is ``NotFoundException``, a duplicate name ``AlreadyExistsException``.
moto 5.2.5: the SESv2 operations are not implemented (SES v1 keeps a single destination per set, create only).
"""

import json

from moto.core.exceptions import JsonRESTError
from moto.sesv2.models import SESV2Backend
from moto.sesv2 import urls
from moto.sesv2.responses import SESV2Response


class _Error(JsonRESTError):
    def __init__(self, code, status, message):
        self.code = status
        super().__init__(code, message)


def _destinations(response, set_name):
    core = response.sesv2_backend.core_backend
    if set_name not in core.config_sets:
        raise _Error("NotFoundException", 404, f"Configuration set <{set_name}> does not exist.")
    store = core.__dict__.setdefault("tickr_v2_event_destinations", {})
    return store.setdefault(set_name, {})


def _destination(name, definition):
    destination = {"Name": name, "Enabled": bool(definition.get("Enabled", False)),
                   "MatchingEventTypes": list(definition.get("MatchingEventTypes") or [])}
    for key in ("KinesisFirehoseDestination", "CloudWatchDestination", "SnsDestination", "EventBridgeDestination",
                "PinpointDestination"):
        if definition.get(key):
            destination[key] = definition[key]
    return destination


def create_configuration_set_event_destination(self):
    set_name = self._get_param("ConfigurationSetName")
    name = self._get_param("EventDestinationName")
    destinations = _destinations(self, set_name)
    if name in destinations:
        raise _Error("AlreadyExistsException", 400, f"Event destination {name} already exists.")
    destinations[name] = _destination(name, self._get_param("EventDestination") or {})
    return json.dumps({})


def update_configuration_set_event_destination(self):
    set_name = self._get_param("ConfigurationSetName")
    name = self._get_param("EventDestinationName")
    destinations = _destinations(self, set_name)
    if name not in destinations:
        raise _Error("NotFoundException", 404, f"Event destination {name} does not exist.")
    destinations[name] = _destination(name, self._get_param("EventDestination") or {})
    return json.dumps({})


def delete_configuration_set_event_destination(self):
    set_name = self._get_param("ConfigurationSetName")
    name = self._get_param("EventDestinationName")
    if _destinations(self, set_name).pop(name, None) is None:
        raise _Error("NotFoundException", 404, f"Event destination {name} does not exist.")
    return json.dumps({})


def get_configuration_set_event_destinations(self):
    destinations = _destinations(self, self._get_param("ConfigurationSetName"))
    return json.dumps({"EventDestinations": list(destinations.values())})


_original_delete = SESV2Backend.delete_configuration_set


def delete_configuration_set(self, configuration_set_name):
    _original_delete(self, configuration_set_name)
    self.core_backend.__dict__.get("tickr_v2_event_destinations", {}).pop(configuration_set_name, None)


PATHS = [
    r"v2/email/configuration-sets/(?P<ConfigurationSetName>[^/]+)/event-destinations",
    r"v2/email/configuration-sets/(?P<ConfigurationSetName>[^/]+)/event-destinations/(?P<EventDestinationName>[^/]+)",
]


def apply():
    for path in PATHS:
        urls.url_paths[f"{{0}}/{path}$"] = SESV2Response.dispatch
    SESV2Response.create_configuration_set_event_destination = create_configuration_set_event_destination
    SESV2Response.update_configuration_set_event_destination = update_configuration_set_event_destination
    SESV2Response.delete_configuration_set_event_destination = delete_configuration_set_event_destination
    SESV2Response.get_configuration_set_event_destinations = get_configuration_set_event_destinations
    SESV2Backend.delete_configuration_set = delete_configuration_set
