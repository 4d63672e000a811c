"""The collection as users get it: the built tarball, the execution environment, the AWX configuration."""

import ast
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VERSION = yaml.safe_load((ROOT / "galaxy.yml").read_text())["version"]
MODULES = sorted(p.stem for p in (ROOT / "plugins" / "modules").glob("*.py") if p.stem != "__init__")


def _clean_env(home, **extra):
    return {"PATH": str(BIN), "HOME": str(home), **extra}


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False, **kwargs)


@pytest.fixture(scope="module")
def tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    proc = run(BIN / "ansible-galaxy", "collection", "build", "--output-path", out, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return out / f"tickr-aws-{VERSION}.tar.gz"


@pytest.fixture(scope="module")
def installed(tarball, tmp_path_factory):
    path = tmp_path_factory.mktemp("collections")
    # amazon.aws and community.aws come with the ansible package; Galaxy itself is out of reach here.
    # From an empty directory: the checkout's ansible.cfg would point at the checkout itself.
    proc = run(BIN / "ansible-galaxy", "collection", "install", "--force", "--no-deps", "-p", path, tarball,
               cwd=path, env=_clean_env(path))
    assert proc.returncode == 0, proc.stderr
    return path


def test_tarball_holds_the_collection_and_no_local_state(tarball):
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert "galaxy.yml" not in names and "MANIFEST.json" in names
    for expected in ["meta/runtime.yml", "playbooks/site.yml", "roles/networking/tasks/main.yml",
                     "roles/networking/meta/argument_specs.yml", "plugins/module_utils/modules.py"]:
        assert expected in names, expected
    assert [f"plugins/modules/{m}.py" for m in MODULES] == sorted(n for n in names if n.startswith("plugins/modules/") and n.endswith(".py"))
    for name in names:
        parts = name.split("/")
        assert not {".venv", ".venv-oldest", ".venv-prowler", ".collections", ".emulator", ".git", ".ansible", "__pycache__",
                    ".pytest_cache", "build", "output"} & set(parts), name
        assert not name.startswith(("tools/", "security/")), name


def test_every_module_is_in_the_action_group():
    # Without it, module_defaults for group/tickr.aws.aws (the region) would not reach the module.
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    group = [entry for entry in runtime["action_groups"]["aws"] if isinstance(entry, str)]
    assert sorted(group) == MODULES


def test_every_module_documents_itself_once_installed(installed):
    env = _clean_env(installed, ANSIBLE_COLLECTIONS_PATH=str(installed))
    proc = run(BIN / "ansible-doc", "--json", *[f"tickr.aws.{m}" for m in MODULES], env=env, cwd=installed)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)
    assert sorted(docs) == [f"tickr.aws.{m}" for m in MODULES]
    for name, doc in docs.items():
        assert doc["doc"]["short_description"], name
        assert doc["examples"].strip() and doc["return"], name
        assert str(installed) in doc["doc"]["filename"], "ansible-doc must read the installed copy"


def test_site_playbook_resolves_from_the_installed_collection(installed, tmp_path):
    env = _clean_env(tmp_path, ANSIBLE_COLLECTIONS_PATH=str(installed))
    proc = run(BIN / "ansible-playbook", "-i", ROOT / "inventories" / "local", "tickr.aws.site", "--syntax-check",
               env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"playbook: {installed}/ansible_collections/tickr/aws/playbooks/site.yml" in proc.stdout


def _third_party_imports():
    """Top-level modules our plugins import that neither the stdlib nor Ansible provides."""
    found = set()
    for path in (ROOT / "plugins").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in {"ansible", "ansible_collections"}}


def test_execution_environment_carries_what_the_modules_import(tmp_path):
    ee = yaml.safe_load((ROOT / "execution-environment.yml").read_text())
    assert ee["version"] == 3
    deps = ee["dependencies"]
    python_reqs = (ROOT / deps["python"]).read_text()
    pinned = {line.split("=")[0].split(">")[0].split("<")[0].strip().lower()
              for line in python_reqs.splitlines() if line.strip() and not line.startswith("#")}
    imports = _third_party_imports()
    assert imports, "the modules import boto3/botocore: the scan found nothing"
    assert imports <= pinned, f"missing from {deps['python']}: {imports - pinned}"
    galaxy = yaml.safe_load((ROOT / deps["galaxy"]).read_text())
    assert {c["name"] for c in galaxy["collections"]} >= {"amazon.aws", "community.aws"}
    for line in (ROOT / deps["system"]).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert line.split()[0].replace("-", "").replace(".", "").isalnum(), line
    # ansible-builder validates the schema and writes the build context without a container engine.
    proc = run(BIN / "ansible-builder", "create", "-f", ROOT / "execution-environment.yml", "-c", tmp_path, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    containerfile = next(tmp_path.glob("*file")).read_text()
    assert "ansible-galaxy collection install --no-deps /build/collections/tickr-aws-" in containerfile


def _pins(name):
    return dict(line.split("==") for line in (ROOT / name).read_text().splitlines() if "==" in line)


def test_toolchain_pins_agree_with_requires_ansible_and_the_execution_environment():
    # The image runs the core the tests run; requires_ansible names the oldest core a test layer (.venv-oldest) runs.
    newest, oldest = _pins("requirements-dev.txt"), _pins("requirements-oldest.txt")
    ee = yaml.safe_load((ROOT / "execution-environment.yml").read_text())["dependencies"]
    assert ee["ansible_core"]["package_pip"] == f"ansible-core=={newest['ansible-core']}"
    assert ee["ansible_runner"]["package_pip"] == f"ansible-runner=={newest['ansible-runner']}"
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    minor = ".".join(oldest["ansible-core"].split(".")[:2])
    assert runtime["requires_ansible"] == f">={minor}.0"
    for meta in (ROOT / "roles").glob("*/meta/main.yml"):
        assert yaml.safe_load(meta.read_text())["galaxy_info"]["min_ansible_version"] == minor, meta


def test_awx_configuration_parses_and_surveys_are_valid():
    proc = run(BIN / "ansible-playbook", "awx/configure.yml", "--syntax-check", cwd=ROOT,
               env={"PATH": str(BIN), "HOME": str(ROOT / ".emulator"), "ANSIBLE_CONFIG": str(ROOT / "ansible.cfg")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    types = {"text", "textarea", "password", "integer", "float", "multiplechoice", "multiselect"}
    for path in (ROOT / "awx" / "surveys").glob("*.yml"):
        survey = yaml.safe_load(path.read_text())
        assert survey["name"] and survey["description"] and survey["spec"], path
        variables = [q["variable"] for q in survey["spec"]]
        assert len(variables) == len(set(variables)), path
        for question in survey["spec"]:
            assert question["type"] in types, (path, question)
            assert question["question_name"] and isinstance(question["required"], bool), (path, question)
            if question["type"] == "multiplechoice":
                assert question["default"] in question["choices"], (path, question)
            if question["type"] == "text":
                assert question["min"] <= len(question["default"]) or question["required"], (path, question)
    destroy = yaml.safe_load((ROOT / "awx" / "surveys" / "destroy.yml").read_text())
    assert [q["variable"] for q in destroy["spec"]][0] == "tickr_destroy_confirm"
