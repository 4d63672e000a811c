"""The platform under AWS's transient faults, interruptions, and check mode on an empty account."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, account_snapshot

pytestmark = pytest.mark.integration
# While working on one role: TICKR_TEST_TAGS=networking,rds limits every run here to those roles.
TAGS = ["--tags", os.environ["TICKR_TEST_TAGS"]] if os.environ.get("TICKR_TEST_TAGS") else []


@pytest.fixture(scope="module")
def clean_snapshot(emulator, run_playbook):
    emulator.reset()
    run = run_playbook(emulator.env, extra=TAGS)
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    return account_snapshot(emulator)


def test_check_mode_on_an_empty_account_makes_no_change(fresh_emulator, proxy_factory, run_playbook):
    proxy = proxy_factory()
    run = run_playbook(proxy.env, extra=["--check", *TAGS])
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    stats = proxy.stats()
    assert stats["total"] > 0, "check mode read the account"
    assert stats["mutating"] == 0, stats["mutations"]


def test_site_converges_to_the_same_account_under_faults(clean_snapshot, fresh_emulator, proxy_factory, run_playbook):
    proxy = proxy_factory(fault_rate=0.1, seed=20261124)
    run = run_playbook(proxy.env, extra=TAGS)
    assert run.returncode == 0, run.failure_messages() or run.output[-3000:]
    assert proxy.stats()["faults_injected"] > 0
    assert account_snapshot(fresh_emulator) == clean_snapshot


def test_interrupted_runs_finish_without_duplicates(clean_snapshot, fresh_emulator, run_playbook):
    env = dict(fresh_emulator.env, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default")
    for seconds in (4, 12, 25):
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "inventories/local", "playbooks/site.yml", *TAGS],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        time.sleep(seconds)
        if process.poll() is None:
            # As a lost AWX node or a closed laptop would: no chance to clean up.
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    final = run_playbook(fresh_emulator.env, extra=TAGS)
    assert final.returncode == 0, final.failure_messages() or final.output[-3000:]
    assert account_snapshot(fresh_emulator) == clean_snapshot
