"""Secrets Manager ListSecrets refuses a filter of more than 10 values.

AWS (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html): a filter's ``Values`` holds
1 to 10 items; ListSecrets with more fails with ValidationException, so a client looking up more than 10 names
must split them over several calls.
moto 5.2.5: takes any number of values and answers as if AWS had, so a client that sends 11 names at once passes
every test and fails on its first run against AWS.
"""

from moto.secretsmanager import responses
from moto.secretsmanager.exceptions import ValidationException

MAX_VALUES = 10


def apply():
    original = responses._validate_filters

    def _validate_filters(filters):
        original(filters)
        for index, f in enumerate(filters, start=1):
            values = f.get("Values") or []
            if len(values) > MAX_VALUES:
                raise ValidationException(
                    f"1 validation error detected: Value '[{', '.join(values)}]' at 'filters.{index}.member.values' failed to "
                    f"satisfy constraint: Member must have length less than or equal to {MAX_VALUES}"
                )

    responses._validate_filters = _validate_filters
