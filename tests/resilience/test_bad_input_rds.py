"""Bad input for the database that has the right shape but that RDS refuses halfway (issue 17, cases 1, 9 and 11):
a retired version, an instance class RDS does not offer for PostgreSQL 15, a parameter value postgres15 does not
accept, a CA RDS does not sign with. Each stops site.yml before any AWS call, with one message per broken rule
naming the variable, and leaves the account empty.

The harness is tests/resilience/bad_input.py's: values given as extra vars, the proxy counting the calls.
"""

import pytest

from bad_input import bad_input_test, blamed, empty_account, run_with_values  # noqa: F401 # pylint: disable=unused-import

pytestmark = pytest.mark.integration

CASES = {
    # Case 1: RDS retired 15.4 (and 15.9-15.12 on 2026-05-31); "15" alone stands for the major's default minor.
    "rds-retired-minor": ({"rds_engine_version": "15.4"}, "rds_engine_version",
                          ["'15.4'", "not a PostgreSQL version RDS offers", "15.15", "the major alone"]),
    "rds-minor-past-support": ({"rds_engine_version": "15.12"}, "rds_engine_version", ["'15.12'", "RDS offers"]),
    "rds-major-not-15": ({"rds_engine_version": "16"}, "rds_engine_version", ["'16'", "PostgreSQL 15", "postgres15"]),
    # Case 11: right shape, not offered.
    "rds-class-not-offered": ({"rds_instance_class": "db.t3.tiny"}, "rds_instance_class",
                              ["'db.t3.tiny'", "not an instance class RDS offers for PostgreSQL 15"]),
    "rds-class-previous-generation": ({"rds_instance_class": "db.t2.micro"}, "rds_instance_class",
                                      ["'db.t2.micro'", "RDS offers"]),
    "rds-force-ssl-not-boolean": ({"rds_parameters": {"rds.force_ssl": "2"}}, "rds_parameters",
                                  ["rds.force_ssl = '2'", "postgres15 accepts (0 or 1)"]),
    "rds-max-connections-too-low": ({"rds_parameters": {"rds.force_ssl": "1", "max_connections": "3"}}, "rds_parameters",
                                    ["max_connections = '3'", "6-8388607"]),
    # Case 9: the pinned CA must be one RDS signs with.
    "rds-ca-expired": ({"rds_ca_certificate_identifier": "rds-ca-2019"}, "rds_ca_certificate_identifier",
                       ["'rds-ca-2019'", "rds-ca-rsa2048-g1"]),
    # Case 7: the exported logs' retention is one CloudWatch Logs takes.
    "rds-log-retention-not-cloudwatch": ({"rds_log_retention_days": 10}, "rds_log_retention_days",
                                         ["'10'", "CloudWatch Logs accepts"]),
}


test_rds_bad_input_fails_before_any_aws_call = bad_input_test(CASES)


def test_every_broken_rule_has_its_message(empty_account, proxy_factory, run_playbook, tmp_path):  # noqa: F811
    """Three settings RDS would refuse at once: three messages in one failure, each naming its variable."""
    proxy, run = run_with_values(proxy_factory, run_playbook, tmp_path,
                                 {"rds_engine_version": "15.4", "rds_instance_class": "db.t3.tiny",
                                  "rds_parameters": {"rds.force_ssl": "yes"}})
    assert run.returncode != 0
    assert blamed(run.failure_messages()) == {"rds_engine_version", "rds_instance_class", "rds_parameters"}
    assert proxy.stats()["total"] == 0
