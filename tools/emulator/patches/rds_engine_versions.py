"""RDS offers only the PostgreSQL versions of its release calendar, and never downgrades an instance.

AWS: DescribeDBEngineVersions lists the engine versions RDS offers in the region (Engine, EngineVersion,
DBParameterGroupFamily, MajorEngineVersion, Status, ValidUpgradeTarget, SupportedCACertificateIdentifiers, ...);
with DefaultOnly it returns only the default version of the engine, or of the engine and the major given as
EngineVersion or DBParameterGroupFamily. CreateDBInstance with a version RDS no longer offers fails with
``InvalidParameterCombination: Cannot find version 15.4 for postgres``; a major alone ("15") gets that major's
default minor (ModifyDBInstance: "If you specify only a major version, Amazon RDS updates the DB instance to the
default minor version if the current minor version is lower"). ModifyDBInstance to a lower version fails with
``InvalidParameterCombination: Cannot upgrade postgres from 15.15 to 15.13``; to another major without
AllowMajorVersionUpgrade it fails too.
Sources: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBEngineVersions.html,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html and the offered list below.
moto 5.2.5: has no DescribeDBEngineVersions for instances, creates an instance on any version string (15.4, "15"
kept as is) and lets ModifyDBInstance set any version, a downgrade included.
"""

from moto.rds.exceptions import InvalidParameterCombination
from moto.rds.models import RDSBackend
from moto.core.responses import ActionResult
from moto.rds.responses import RDSResponse

# The PostgreSQL versions RDS offers in eu-west-1, as of 2026-12-02, from "Release calendars for Amazon RDS for
# PostgreSQL" (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html)
# and AWS's notice that 14.14-14.17, 15.9-15.12, 16.5-16.8 and 17.1-17.4 reached the end of standard support on
# 2026-05-31 (new instances refused from 2026-05-01, running ones upgraded to 15.15 or later). 15.4 is long
# retired. "default" is the minor DefaultOnly returns and a major alone gets.
AS_OF = "2026-12-02"
OFFERED = {
    "postgres": {
        "14": {"versions": ["14.18", "14.19", "14.20", "14.21", "14.22"], "default": "14.20"},
        "15": {"versions": ["15.13", "15.14", "15.15", "15.16", "15.17"], "default": "15.15"},
        "16": {"versions": ["16.9", "16.10", "16.11", "16.12", "16.13"], "default": "16.11"},
        "17": {"versions": ["17.5", "17.6", "17.7", "17.8", "17.9"], "default": "17.7"},
    },
}
# The engine's default major when CreateDBInstance names no version.
DEFAULT_MAJOR = {"postgres": "17"}
CA_IDENTIFIERS = ["rds-ca-ecc384-g1", "rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1"]
RETIRED_MESSAGE = "Cannot find version {version} for {engine}"


def _key(version):
    return tuple(int(part) if part.isdigit() else part for part in str(version).split("."))


def _major(version):
    return str(version).split(".", maxsplit=1)[0]


def offered(engine):
    return OFFERED.get(engine)


def resolve(engine, version):
    """The version RDS runs for ``version`` (a major alone gives its default minor), or raise as RDS does."""
    majors = offered(engine)
    if majors is None:
        return version
    if not version:
        return majors[DEFAULT_MAJOR[engine]]["default"]
    version = str(version)
    major = majors.get(_major(version))
    if major is None:
        raise InvalidParameterCombination(RETIRED_MESSAGE.format(version=version, engine=engine))
    if version == _major(version):
        return major["default"]
    if version not in major["versions"]:
        raise InvalidParameterCombination(RETIRED_MESSAGE.format(version=version, engine=engine))
    return version


def _description(engine, version):
    majors = offered(engine)
    major = _major(version)
    later = [v for m, entry in majors.items() for v in entry["versions"]
             if _key(v) > _key(version) and (m == major or int(m) == int(major) + 1)]
    return {
        "Engine": engine,
        "EngineVersion": version,
        "DBParameterGroupFamily": f"{engine}{major}",
        "DBEngineDescription": "PostgreSQL",
        "DBEngineVersionDescription": f"PostgreSQL {version}-R1",
        "MajorEngineVersion": major,
        "Status": "available",
        "ValidUpgradeTarget": [
            {"Engine": engine, "EngineVersion": v, "Description": f"PostgreSQL {v}-R1", "AutoUpgrade": False,
             "IsMajorVersionUpgrade": _major(v) != major}
            for v in later
        ],
        "ExportableLogTypes": ["postgresql", "upgrade"],
        "SupportsLogExportsToCloudwatchLogs": True,
        "SupportsReadReplica": True,
        "SupportedCACertificateIdentifiers": list(CA_IDENTIFIERS),
        "SupportsCertificateRotationWithoutRestart": True,
        "SupportedEngineModes": ["provisioned"],
        "SupportedFeatureNames": ["Lambda", "s3Export", "s3Import"],
        "SupportsParallelQuery": False,
        "SupportsGlobalDatabases": False,
        "SupportsBabelfish": False,
        "SupportsIntegrations": False,
        "SupportsLocalWriteForwarding": False,
    }


def describe(engine=None, version=None, family=None, default_only=False):
    found = []
    for name, majors in OFFERED.items():
        if engine and engine != name:
            continue
        for major, entry in majors.items():
            if family and family != f"{name}{major}":
                continue
            if version and _major(version) != major:
                continue
            versions = entry["versions"]
            if version and version != major:
                versions = [v for v in versions if v == version]
            if default_only:
                versions = [v for v in versions if v == entry["default"]]
            found.extend(_description(name, v) for v in versions)
    if default_only and not version and not family:
        # The engine's default: one version, of its default major.
        found = [d for d in found if d["MajorEngineVersion"] == DEFAULT_MAJOR.get(d["Engine"])]
    return found


def apply():
    original_create = RDSBackend.create_db_instance
    original_modify = RDSBackend.modify_db_instance

    def describe_db_engine_versions(self):
        params = self.params
        found = describe(params.get("Engine"), params.get("EngineVersion"), params.get("DBParameterGroupFamily"),
                         str(params.get("DefaultOnly", "false")).lower() == "true")
        return ActionResult({"DBEngineVersions": found})

    def create_db_instance(self, db_kwargs):
        engine = db_kwargs.get("engine")
        if engine in OFFERED and not db_kwargs.get("db_cluster_identifier"):
            db_kwargs["engine_version"] = resolve(engine, db_kwargs.get("engine_version"))
        return original_create(self, db_kwargs)

    def modify_db_instance(self, db_instance_identifier, db_kwargs):
        wanted = db_kwargs.get("engine_version")
        if wanted:
            database = self.describe_db_instances(db_instance_identifier)[0]
            engine, current = database.engine, database.engine_version
            if engine in OFFERED:
                if str(wanted) == _major(wanted) and _major(wanted) == _major(current):
                    # A major alone: the default minor, only when the running one is lower.
                    target = resolve(engine, wanted)
                    wanted = target if _key(target) > _key(current) else current
                else:
                    wanted = resolve(engine, wanted)
                if _key(wanted) < _key(current):
                    raise InvalidParameterCombination(f"Cannot upgrade {engine} from {current} to {wanted}")
                if _major(wanted) != _major(current) and str(db_kwargs.get("allow_major_version_upgrade")).lower() != "true":
                    raise InvalidParameterCombination(
                        "The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.")
                db_kwargs["engine_version"] = wanted
        return original_modify(self, db_instance_identifier, db_kwargs)

    RDSResponse.describe_db_engine_versions = describe_db_engine_versions
    RDSBackend.create_db_instance = create_db_instance
    RDSBackend.modify_db_instance = modify_db_instance
