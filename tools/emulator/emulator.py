"""Launcher for the local AWS emulator (moto's server with tickr's fidelity patches) on 127.0.0.1.

    emulator.py start     start it in the background unless it already runs; print its endpoint URL
                          (--create-delay S: RDS instances, replication groups and CloudFront distributions
                          stay creating S seconds, as on AWS; default TICKR_EMULATOR_CREATE_DELAY or 0)
    emulator.py stop      stop it
    emulator.py status    say whether it runs (exit 0) or not (exit 1)
    emulator.py port      print the port
    emulator.py url       print the endpoint URL, for AWS_ENDPOINT_URL
    emulator.py log       print its log
    emulator.py reset     forget every resource (moto's reset API), keeping the process
    emulator.py maintenance-window
                          run the maintenance window now: RDS applies the changes it held for it

The port comes from TICKR_EMULATOR_PORT (default 5005); the pid file and log live in TICKR_EMULATOR_STATE
(default .emulator/ at the repository root), so several checkouts or test runs can keep their own.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HOST = "127.0.0.1"


def port():
    return int(os.environ.get("TICKR_EMULATOR_PORT", "5005"))


def state_dir():
    return os.environ.get("TICKR_EMULATOR_STATE", os.path.join(ROOT, ".emulator"))


def url():
    return f"http://{HOST}:{port()}"


def _pid_file():
    return os.path.join(state_dir(), f"moto-{port()}.pid")


def _log_file():
    return os.path.join(state_dir(), f"moto-{port()}.log")


def _read_pid():
    try:
        with open(_pid_file(), encoding="utf-8") as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def responding(timeout=1.0):
    try:
        with urllib.request.urlopen(f"{url()}/moto-api/", timeout=timeout):
            return True
    except (urllib.error.URLError, OSError):
        return False


def start(wait_seconds=30, create_delay=None):
    """Start moto unless ours already answers (then ``create_delay`` is that process's, unchanged)."""
    if _read_pid() and responding():
        return url()
    if responding():
        sys.exit(f"emulator: port {port()} already answers but is not ours; set TICKR_EMULATOR_PORT to another port")
    os.makedirs(state_dir(), exist_ok=True)
    log = open(_log_file(), "ab")
    delay = [] if create_delay is None else ["--create-delay", str(create_delay)]
    proc = subprocess.Popen(
        [sys.executable, os.path.join(HERE, "server.py"), *delay, "-H", HOST, "-p", str(port())],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    with open(_pid_file(), "w", encoding="utf-8") as f:
        f.write(str(proc.pid))
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"emulator: moto exited with {proc.returncode}; see {_log_file()}")
        if responding():
            return url()
        time.sleep(0.2)
    stop()
    sys.exit(f"emulator: no answer on {url()} after {wait_seconds}s; see {_log_file()}")


def stop():
    pid = _read_pid()
    if pid:
        os.killpg(pid, signal.SIGTERM)
        for _attempt in range(50):
            try:
                os.kill(pid, 0)
            except OSError:
                break
            time.sleep(0.1)
    if os.path.exists(_pid_file()):
        os.remove(_pid_file())
    return pid


def reset():
    # A reset of an emulator holding several accounts takes seconds on a busy machine.
    req = urllib.request.Request(f"{url()}/moto-api/reset", method="POST", data=b"")
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.loads(resp.read() or b"{}")


def maintenance_window():
    req = urllib.request.Request(f"{url()}/moto-api/tickr/maintenance-window", method="POST", data=b"")
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read() or b"{}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status", "port", "url", "log", "reset", "maintenance-window"])
    parser.add_argument("--create-delay", type=float, metavar="SECONDS",
                        help="start: slow resources stay creating that long (TICKR_EMULATOR_CREATE_DELAY)")
    args = parser.parse_args(argv)
    if args.command == "start":
        print(start(create_delay=args.create_delay))
    elif args.command == "stop":
        pid = stop()
        print(f"stopped {pid}" if pid else "not running")
    elif args.command == "status":
        running = bool(_read_pid()) and responding()
        print(f"running on {url()}" if running else "not running")
        return 0 if running else 1
    elif args.command == "port":
        print(port())
    elif args.command == "url":
        print(url())
    elif args.command == "log":
        if os.path.exists(_log_file()):
            with open(_log_file(), encoding="utf-8", errors="replace") as f:
                sys.stdout.write(f.read())
    elif args.command == "reset":
        reset()
        print("reset")
    elif args.command == "maintenance-window":
        applied = maintenance_window()["applied"]
        print("applied the pending changes of " + (", ".join(applied) if applied else "no instance"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
