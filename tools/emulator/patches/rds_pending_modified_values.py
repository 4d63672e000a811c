"""RDS holds a DB instance's class, Multi-AZ, storage, engine version and CA for the maintenance window.

AWS (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ModifyInstance.Settings.html and
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html, ApplyImmediately): without
``ApplyImmediately`` these changes wait for the next maintenance window and ``DescribeDBInstances`` lists them under
``PendingModifiedValues`` while the instance keeps its current values; ``ApplyImmediately=true`` applies the change
and every pending one now. A value equal to the running one is no change. Other settings (backup retention,
monitoring, Performance Insights, deletion protection, windows) apply at once either way.
moto 5.2.5: applies every change at once and describes no ``PendingModifiedValues``.

The maintenance window is the emulator's to run: ``POST /moto-api/tickr/maintenance-window`` (``emulator.py
maintenance-window``) applies every instance's pending values, as the window would.
"""

import json

from moto.moto_api._internal import urls as moto_api_urls
from moto.rds.models import DBInstance, RDSBackend, rds_backends

# ModifyDBInstance argument (as moto's backend receives it) -> PendingModifiedValues member
HELD_FOR_WINDOW = {
    "db_instance_class": "DBInstanceClass",
    "multi_az": "MultiAZ",
    "allocated_storage": "AllocatedStorage",
    "storage_type": "StorageType",
    "iops": "Iops",
    "storage_throughput": "StorageThroughput",
    "engine_version": "EngineVersion",
    "ca_certificate_identifier": "CACertificateIdentifier",
}
MEMBER_TO_ATTRIBUTE = {member: attribute for attribute, member in HELD_FOR_WINDOW.items()}


def _truthy(value):
    return value is True or str(value).lower() == "true"


def _pending(instance):
    return instance.__dict__.setdefault("_tickr_pending", {})


def _apply_pending(instance):
    for member, value in _pending(instance).items():
        setattr(instance, MEMBER_TO_ATTRIBUTE[member], value)
    _pending(instance).clear()


def run_maintenance_window():
    applied = []
    for account in rds_backends.values():
        for backend in account.values():
            for instance in backend.databases.values():
                if _pending(instance):
                    applied.append(instance.db_instance_identifier)
                    _apply_pending(instance)
    return applied


def maintenance_window_response(request, full_url, headers):
    if request.method != "POST":
        return 400, {}, json.dumps({"Error": "POST to run the maintenance window"})
    return 200, {}, json.dumps({"applied": run_maintenance_window()})


def apply():
    original_modify = RDSBackend.modify_db_instance

    def modify_db_instance(self, db_instance_identifier, db_kwargs):
        instance = self.describe_db_instances(db_instance_identifier)[0]
        if _truthy(db_kwargs.get("apply_immediately")):
            result = original_modify(self, db_instance_identifier, db_kwargs)
            _apply_pending(instance)
            # What was just sent wins over what was pending.
            for attribute in HELD_FOR_WINDOW:
                if db_kwargs.get(attribute) is not None:
                    setattr(instance, attribute, db_kwargs[attribute])
            return result
        # The change goes through moto (and the other patches' checks: an unknown CA still fails), then what the
        # window holds is put back and listed as pending.
        running = {attribute: getattr(instance, attribute, None) for attribute in HELD_FOR_WINDOW}
        result = original_modify(self, db_instance_identifier, db_kwargs)
        for attribute, member in HELD_FOR_WINDOW.items():
            value = db_kwargs.get(attribute)
            if value is None:
                continue
            if value == running[attribute]:
                _pending(instance).pop(member, None)
            else:
                _pending(instance)[member] = value
                setattr(instance, attribute, running[attribute])
        return result

    RDSBackend.modify_db_instance = modify_db_instance
    DBInstance.pending_modified_values = property(lambda self: dict(_pending(self)))
    moto_api_urls.url_paths["{0}/moto-api/tickr/maintenance-window"] = maintenance_window_response
