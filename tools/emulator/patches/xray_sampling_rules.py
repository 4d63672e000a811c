"""X-Ray sampling rules: CreateSamplingRule, GetSamplingRules, UpdateSamplingRule, DeleteSamplingRule.

AWS: every account and region holds X-Ray's ``Default`` sampling rule (priority 10000, reservoir 1 a second,
fixed rate 5 %, matching everything), which can be updated but not deleted; ``CreateSamplingRule`` adds rules
(``InvalidRequestException`` when the name exists), ``GetSamplingRules`` lists them all as
``SamplingRuleRecords`` (``SamplingRule``, ``CreatedAt``, ``ModifiedAt``), ``UpdateSamplingRule`` changes the
fields given and ``DeleteSamplingRule`` removes one (``InvalidRequestException`` when it does not exist).
moto 5.2.5: implements none of the sampling rule operations (404 on their paths).
"""

import copy
import json
import time

from moto.xray import urls
from moto.xray.responses import XRayResponse

PATHS = ["CreateSamplingRule", "GetSamplingRules", "UpdateSamplingRule", "DeleteSamplingRule"]
UPDATABLE = ["Priority", "FixedRate", "ReservoirSize", "ServiceName", "ServiceType", "Host", "HTTPMethod", "URLPath",
             "Attributes"]


def default_rule(account_id, region):
    return {
        "RuleName": "Default", "RuleARN": f"arn:aws:xray:{region}:{account_id}:sampling-rule/Default",
        "ResourceARN": "*", "Priority": 10000, "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": "*",
        "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1, "Attributes": {},
    }


def _rules(response):
    """The sampling rule records of the request's account and region, kept on moto's X-Ray backend."""
    backend = response.xray_backend
    if not hasattr(backend, "tickr_sampling_rules"):
        now = time.time()
        backend.tickr_sampling_rules = {
            "Default": {"SamplingRule": default_rule(response.current_account, response.region),
                        "CreatedAt": now, "ModifiedAt": now}}
    return backend.tickr_sampling_rules


def create_sampling_rule(self):
    rules = _rules(self)
    rule = copy.deepcopy(self._get_param("SamplingRule") or {})
    name = rule.get("RuleName")
    if not name or name in rules:
        return self._error("InvalidRequestException", f"Sampling rule {name} already exists" if name else "RuleName is required")
    rule.setdefault("Attributes", {})
    rule["RuleARN"] = f"arn:aws:xray:{self.region}:{self.current_account}:sampling-rule/{name}"
    now = time.time()
    rules[name] = {"SamplingRule": rule, "CreatedAt": now, "ModifiedAt": now}
    return json.dumps({"SamplingRuleRecord": rules[name]})


def get_sampling_rules(self):
    records = sorted(_rules(self).values(), key=lambda r: (r["SamplingRule"]["Priority"], r["SamplingRule"]["RuleName"]))
    return json.dumps({"SamplingRuleRecords": records})


def update_sampling_rule(self):
    rules = _rules(self)
    update = self._get_param("SamplingRuleUpdate") or {}
    name = update.get("RuleName")
    if name not in rules:
        return self._error("InvalidRequestException", f"Sampling rule {name} does not exist")
    record = rules[name]
    record["SamplingRule"].update({k: v for k, v in update.items() if k in UPDATABLE})
    record["ModifiedAt"] = time.time()
    return json.dumps({"SamplingRuleRecord": record})


def delete_sampling_rule(self):
    rules = _rules(self)
    name = self._get_param("RuleName")
    if name not in rules or name == "Default":
        return self._error("InvalidRequestException", f"Sampling rule {name} cannot be deleted" if name == "Default"
                           else f"Sampling rule {name} does not exist")
    return json.dumps({"SamplingRuleRecord": rules.pop(name)})


def apply():
    for path in PATHS:
        urls.url_paths[f"{{0}}/{path}$"] = XRayResponse.dispatch
    XRayResponse.create_sampling_rule = create_sampling_rule
    XRayResponse.get_sampling_rules = get_sampling_rules
    XRayResponse.update_sampling_rule = update_sampling_rule
    XRayResponse.delete_sampling_rule = delete_sampling_rule
