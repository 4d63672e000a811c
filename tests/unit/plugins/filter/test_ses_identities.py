"""ses_identities_in_place says "in place" exactly when tickr.aws.ses_email_identity would change nothing."""

import itertools

import pytest

from ansible_collections.tickr.aws.plugins.filter.ses import ses_identities_in_place
from ansible_collections.tickr.aws.plugins.module_utils.ses import dkim_actions, wanted_dkim
from ansible_collections.tickr.aws.plugins.modules.ses_email_identity_info import identity_result

# Every DKIM state a domain can be found in: signing on/off, tokens from SES, from the customer (BYODKIM), or none.
STATES = [dict(zip(("SigningEnabled", "SigningAttributesOrigin", "Tokens"), values)) for values in itertools.product(
    (True, False), ("AWS_SES", "EXTERNAL", None), (["a", "b", "c"], []))]


@pytest.mark.parametrize("name", ["tickr.tn", "noreply@tickr.tn"])
@pytest.mark.parametrize("dkim", [True, False, None])
@pytest.mark.parametrize("attributes", STATES)
def test_in_place_exactly_when_the_module_would_call_nothing(name, dkim, attributes):
    found = [identity_result(name, {"IdentityType": "DOMAIN" if "@" not in name else "EMAIL_ADDRESS", "DkimAttributes": attributes})]
    module_calls_nothing = dkim_actions(attributes, wanted_dkim(name, dkim)) == (False, None)
    assert (ses_identities_in_place(found, dkim=dkim) == [name]) is module_calls_nothing


def test_an_identity_not_found_needs_the_module():
    assert ses_identities_in_place([identity_result("noreply@tickr.tn", None)], dkim=True) == []
    assert ses_identities_in_place([{"found": True}, {"name": 3, "found": True}], dkim=None) == []


def test_a_domain_read_gives_the_records_the_module_gives():
    found = identity_result("tickr.tn", {"IdentityType": "DOMAIN", "DkimAttributes": {"SigningEnabled": True, "Tokens": ["abc"]}})
    assert found["found"] and found["identity"]["dkim_attributes"]["tokens"] == ["abc"]
    assert found["dkim_records"] == [{"name": "abc._domainkey.tickr.tn", "type": "CNAME", "value": "abc.dkim.amazonses.com"}]
    assert identity_result("noreply@tickr.tn", {"IdentityType": "EMAIL_ADDRESS"})["dkim_records"] == []
