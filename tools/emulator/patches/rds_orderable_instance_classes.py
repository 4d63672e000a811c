"""RDS creates PostgreSQL instances only on the instance classes it offers for the engine version in the region.

AWS: DescribeOrderableDBInstanceOptions lists, for an engine and version, the classes RDS offers (with their
storage types, Multi-AZ and Performance Insights support); CreateDBInstance with another class fails with
``InvalidParameterCombination: RDS does not support creating a DB instance with the following combination:
DBInstanceClass=db.t3.tiny, Engine=postgres, EngineVersion=15.15, LicenseModel=postgresql-license. ...``.
Sources: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeOrderableDBInstanceOptions.html,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html (as of 2026-12-02,
eu-west-1, PostgreSQL 15).
moto 5.2.5: answers an empty list for postgres and creates an instance on any class string.
"""

from moto.core.responses import ActionResult
from moto.rds.exceptions import InvalidParameterCombination
from moto.rds.models import RDSBackend
from moto.rds.responses import RDSResponse

from . import rds_engine_versions

_SIZES = {
    "t3": ["micro", "small", "medium", "large", "xlarge", "2xlarge"],
    "t4g": ["micro", "small", "medium", "large", "xlarge", "2xlarge"],
    "m5": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "m6g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "m6i": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"],
    "m7g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "r5": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
    "r6g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "r6i": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"],
    "r7g": ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
}
CLASSES = [f"db.{family}.{size}" for family, sizes in _SIZES.items() for size in sizes]
LICENSE = "postgresql-license"


def _option(instance_class, version):
    return {
        "Engine": "postgres", "EngineVersion": version, "DBInstanceClass": instance_class, "LicenseModel": LICENSE,
        "AvailabilityZones": [{"Name": f"eu-west-1{az}"} for az in "abc"], "MultiAZCapable": True,
        "ReadReplicaCapable": True, "Vpc": True, "SupportsStorageEncryption": True, "StorageType": "gp3",
        "SupportsIops": True, "SupportsStorageThroughput": True, "SupportsEnhancedMonitoring": True,
        "SupportsIAMDatabaseAuthentication": True, "SupportsPerformanceInsights": True,
        "MinStorageSize": 20, "MaxStorageSize": 65536, "SupportedEngineModes": ["provisioned"],
        "SupportsStorageAutoscaling": True, "SupportsKerberosAuthentication": True, "OutpostCapable": False,
        "SupportsGlobalDatabases": False, "SupportsClusters": False, "SupportedNetworkTypes": ["IPV4", "DUAL"],
        "SupportsDedicatedLogVolume": True,
    }


def _versions(version=None):
    found = rds_engine_versions.describe("postgres", version)
    return [d["EngineVersion"] for d in found]


def apply():
    original_describe = RDSResponse.describe_orderable_db_instance_options
    original_create = RDSBackend.create_db_instance

    def describe_orderable_db_instance_options(self):
        if self.params.get("Engine") != "postgres":
            return original_describe(self)
        wanted_class = self.params.get("DBInstanceClass")
        options = [_option(c, v) for v in _versions(self.params.get("EngineVersion")) for c in CLASSES
                   if not wanted_class or c == wanted_class]
        return ActionResult({"OrderableDBInstanceOptions": options})

    def create_db_instance(self, db_kwargs):
        if db_kwargs.get("engine") == "postgres" and db_kwargs.get("db_instance_class") not in CLASSES:
            version = rds_engine_versions.resolve("postgres", db_kwargs.get("engine_version"))
            raise InvalidParameterCombination(
                "RDS does not support creating a DB instance with the following combination: "
                f"DBInstanceClass={db_kwargs.get('db_instance_class')}, Engine=postgres, EngineVersion={version}, "
                f"LicenseModel={LICENSE}. For supported combinations of instance class and database engine version, "
                "see the documentation.")
        return original_create(self, db_kwargs)

    RDSResponse.describe_orderable_db_instance_options = describe_orderable_db_instance_options
    RDSBackend.create_db_instance = create_db_instance
