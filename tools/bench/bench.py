"""make bench: what site.yml costs on the local emulator, against a floor measured in the same invocation.

Prints a table and writes JSON (benchmarks/results/bench-<time>.json): the floor's create time, API calls and
resources (tools/bench/floor.py), a cold converge, a no-op rerun and --check on the converged stack, with their
wall times, task counts and AWS API calls by service and operation; then the ratios to the floor against the
targets, PASS or over. Without --tags: the whole stack, as make deploy builds it. The calls are counted inside the
emulator (counting_server.py), not by the counting proxy, whose hop would slow every timed call.

    python tools/bench/bench.py [--tags networking,rds] [--runs 3]
    python tools/bench/bench.py --create-delay 60    # are RDS and ElastiCache waited for together?

With --create-delay D (make bench-parallel DELAY=D): two whole-stack cold converges on fresh emulators, one with
the slow resources ready at once and one with each creating for D seconds (TICKR_EMULATOR_CREATE_DELAY); the
difference must be about one D at most (the waits overlap), not 2 D (JSON: bench-parallel-<time>.json).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools" / "emulator"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import Emulator  # noqa: E402  (the test suite's emulator helper)
from push_image import push_image  # noqa: E402  (pushes as docker push does)

import floor  # noqa: E402

TARGETS = {"noop_vs_floor": 8.0, "cold_vs_floor": 15.0, "check_vs_floor": 8.0, "noop_calls_per_resource": 2.0}
COUNTING_SERVER = Path(__file__).resolve().parent / "counting_server.py"


class CountingEmulator(Emulator):
    """The test suite's emulator, started as counting_server.py: it counts the calls it answers, at no cost to them."""

    def start(self):
        self.log = open(Path(self.env["TICKR_EMULATOR_STATE"]) / "counting-server.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen([sys.executable, str(COUNTING_SERVER), "-H", "127.0.0.1", "-p", str(self.port)],
                                        env=self.env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        for _attempt in range(600):
            if self.process.poll() is not None:
                sys.exit(f"counting_server.py exited with {self.process.returncode}; see {self.log.name}")
            try:
                return self.stats()
            except OSError:
                time.sleep(0.1)
        sys.exit(f"counting_server.py: no answer on {self.url}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def _call(self, path, method="GET"):
        request = urllib.request.Request(self.url + path, method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def stats(self):
        return self._call("/_tickr/stats")

    def reset_counts(self):
        return self._call("/_tickr/reset", method="POST")


def run_site(env, tags, check=False, waits=False):
    args = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "inventories/local", "playbooks/site.yml"]
    if tags:
        args += ["--tags", tags]
    if check:
        args.append("--check")
    run_env = dict(env, ANSIBLE_STDOUT_CALLBACK="ansible.posix.json")
    start = time.monotonic()
    proc = subprocess.run(args, cwd=ROOT, env=run_env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"site.yml failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")
    # raw_decode: the tickr.aws.changes callback prints its list after the JSON document.
    result = json.JSONDecoder().raw_decode(proc.stdout[proc.stdout.index("{"):])[0]
    tasks = sum(len(play["tasks"]) for play in result["plays"])
    stats = next(iter(result["stats"].values()))
    figures = {"seconds": round(seconds, 2), "tasks": tasks, "changed": stats["changed"]}
    if waits:
        figures["waits"] = wait_seconds(result)
    return figures


WAIT_TASKS = {"database": "Wait for the database to become available",
              "cache": "Wait for the Redis replication group to become available"}


def _timestamp(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def wait_seconds(result):
    """How long each role's wait task took (ansible.posix.json's task durations), by what it waits for."""
    found = {}
    for play in result["plays"]:
        for task in play["tasks"]:
            for what, name in WAIT_TASKS.items():
                if task["task"]["name"].endswith(name):
                    duration = task["task"]["duration"]
                    found[what] = round(_timestamp(duration["end"]) - _timestamp(duration["start"]), 1)
    return found


def measure(emulator, label, fn):
    emulator.reset_counts()
    figures = fn()
    stats = emulator.stats()
    figures.update(api_calls=stats["total"], mutating_calls=stats["mutating"], calls=stats["calls"])
    print(f"  {label:<22} {figures.get('seconds', 0):>8.2f}s  {stats['total']:>5} calls  {stats['mutating']:>4} mutating", flush=True)
    return figures


def median_run(found):
    """The run of median wall time (the lower middle one for an even count), with every run's seconds beside it:
    the machine's noise moves single runs by 10 % and more, the calls and tasks do not move."""
    ordered = sorted(found, key=lambda figures: figures["seconds"])
    return dict(ordered[(len(ordered) - 1) // 2], seconds_of_each_run=[figures["seconds"] for figures in found])


def push_backend_image(emulator):
    """The backend's image, pushed as make deploy pushes it before site.yml: not timed, not counted."""
    if "ecs_service" in floor.ROLES:
        push_image(emulator.client("ecr"), f"{floor.PREFIX}-backend", "latest", create_repository=True)


def cold_converge_with_delay(delay):
    """A cold converge of the whole stack, counted by the emulator, on a fresh one whose RDS instances,
    replication groups and CloudFront distributions take ``delay`` s to create (patches/create_delay.py)."""
    os.environ["TICKR_EMULATOR_CREATE_DELAY"] = str(delay)
    try:
        with tempfile.TemporaryDirectory() as state:
            emulator = CountingEmulator(state)
            emulator.start()
            try:
                push_backend_image(emulator)
                emulator.reset_counts()
                figures = run_site(emulator.env, "", waits=True)
                stats = emulator.stats()
            finally:
                emulator.stop()
    finally:
        del os.environ["TICKR_EMULATOR_CREATE_DELAY"]
    figures.update(create_delay=delay, api_calls=stats["total"],
                   wait_polls={op: stats["calls"].get(op, 0) for op in WAIT_OPERATIONS})
    waits = figures["waits"]
    print(f"  {'cold converge':<16}{delay:>8} s{figures['seconds']:>10.1f}{figures['tasks']:>7}{stats['total']:>7}"
          f"{waits.get('database', 0):>10.1f}{waits.get('cache', 0):>11.1f}", flush=True)
    return figures


WAIT_OPERATIONS = ("rds:DescribeDBInstances", "elasticache:DescribeReplicationGroups")


def parallel_waits(delay, output):
    """site.yml starts RDS and ElastiCache early and waits for them together: a delay on each must cost about one
    delay (less, by the work done meanwhile), not two."""
    print(f"tickr.aws benchmark: whole-stack cold converges, slow resources ready at once and after {delay} s",
          flush=True)
    print(f"  {'run':<16}{'delay':>10}{'seconds':>10}{'tasks':>7}{'calls':>7}{'wait db':>10}{'wait cache':>11}")
    base, slow = cold_converge_with_delay(0), cold_converge_with_delay(delay)
    extra = round(slow["seconds"] - base["seconds"], 2)
    report = {"create_delay": delay, "without_delay": base, "with_delay": slow, "extra_seconds": extra,
              "extra_in_delays": round(extra / delay, 2), "waits_overlap": extra < 1.5 * delay}
    verdict = ("waits overlap: one delay at most, not two" if report["waits_overlap"]
               else "waits add up: NOT parallel")
    print(f"\n  difference {extra} s = {report['extra_in_delays']} x the delay ({verdict})")
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    path = out / time.strftime("bench-parallel-%Y%m%dT%H%M%S.json")
    path.write_text(json.dumps(report, indent=2))
    print(f"\nJSON: {path}")
    print(json.dumps({k: report[k] for k in ("create_delay", "extra_seconds", "extra_in_delays", "waits_overlap")}))
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tags", default="", help="roles to measure (default: the whole stack; the floor covers all but cdn)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument("--runs", type=int, default=3, metavar="N",
                        help="rounds of floor, cold converge, no-op and --check; each figure is the median round's (default 3)")
    parser.add_argument("--create-delay", type=int, default=0, metavar="SECONDS",
                        help="instead: two whole-stack cold converges, slow resources (RDS, ElastiCache, CloudFront) "
                             "ready at once and after this many seconds; is the difference one delay or two?")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs {args.runs}: at least one round")
    if args.create_delay:
        parallel_waits(args.create_delay, args.output)
        return
    roles = [r for r in args.tags.split(",") if r in floor.ROLES] if args.tags else list(floor.ROLES)
    # A role's floor builds on another's ids, as its role on a fresh emulator needs the other's resources.
    missing = sorted({need for role in roles for need in floor.NEEDS.get(role, []) if need not in roles})
    if missing or not roles:
        sys.exit(f"--tags {args.tags}: " + (f"add {','.join(missing)}, which the chosen roles build on" if roles else "no role with a floor"))
    scope = f"roles {args.tags}" if args.tags else "whole stack"

    with tempfile.TemporaryDirectory() as state:
        emulator = CountingEmulator(state)
        emulator.start()
        try:
            session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                    aws_session_token="testing", region_name=floor.REGION)
            os.environ["AWS_ENDPOINT_URL"] = emulator.url
            print(f"tickr.aws benchmark: {scope}; floor for {','.join(roles)}", flush=True)
            clients = floor.Clients(session)  # made once, untimed

            def floor_run():
                stack, start = {}, time.monotonic()
                made = {role: floor.ROLES[role](clients, stack) for role in roles}
                wall = time.monotonic() - start
                # The certificate's issue, which the converge overlaps with the rest of its role, is not the floor's.
                untimed = stack.get("untimed_seconds", 0.0)
                return {"seconds": round(wall - untimed, 2), "wall_seconds": round(wall, 2), "untimed_wait_seconds": round(untimed, 2),
                        "resources": sum(made.values()), "resources_by_role": made}

            runs = {key: [] for key in ("floor_create", "cold_converge", "noop_rerun", "check_converged")}
            for round_ in range(1, args.runs + 1):
                if args.runs > 1:
                    print(f" round {round_} of {args.runs}", flush=True)
                emulator.reset()
                push_backend_image(emulator)
                runs["floor_create"].append(measure(emulator, "floor (boto3 create)", floor_run))
                emulator.reset()
                push_backend_image(emulator)
                runs["cold_converge"].append(measure(emulator, "cold converge", lambda: run_site(emulator.env, args.tags)))
                runs["noop_rerun"].append(measure(emulator, "no-op rerun", lambda: run_site(emulator.env, args.tags)))
                runs["check_converged"].append(
                    measure(emulator, "--check, converged", lambda: run_site(emulator.env, args.tags, check=True)))
            results = {key: median_run(found) for key, found in runs.items()}
            if args.runs > 1:
                print(f" median of {args.runs} rounds", flush=True)
                for key, label in (("floor_create", "floor (boto3 create)"), ("cold_converge", "cold converge"),
                                   ("noop_rerun", "no-op rerun"), ("check_converged", "--check, converged")):
                    print(f"  {label:<22} {results[key]['seconds']:>8.2f}s  {results[key]['api_calls']:>5} calls  "
                          f"{results[key]['mutating_calls']:>4} mutating", flush=True)
        finally:
            emulator.stop()

    base = results["floor_create"]
    ratios = {
        "noop_vs_floor": round(results["noop_rerun"]["seconds"] / base["seconds"], 1),
        "cold_vs_floor": round(results["cold_converge"]["seconds"] / base["seconds"], 1),
        "check_vs_floor": round(results["check_converged"]["seconds"] / base["seconds"], 1),
        "noop_calls_per_resource": round(results["noop_rerun"]["api_calls"] / base["resources"], 2),
    }
    met = {k: ratios[k] <= TARGETS[k] for k in TARGETS}
    report = {"tags": args.tags, "scope": scope, "floor_roles": roles, "results": results, "ratios": ratios, "targets": TARGETS,
              "met": met, "verdicts": {k: "PASS" if met[k] else "over" for k in TARGETS}}
    print(f"\n  ratios to the floor, {scope}")
    print(f"  {'figure':<26}{'value':>10}{'target':>10}  verdict")
    for key, value in ratios.items():
        print(f"  {key:<26}{value:>10}{TARGETS[key]:>10}  {report['verdicts'][key]}")
    print(f"  {'tasks per run':<26}{results['noop_rerun']['tasks']:>10}")
    # A resource as floor.py counts them: an object with its own id or ARN, not a setting of one.
    print(f"  {'resources (floor)':<26}{base['resources']:>10}  " + ", ".join(f"{r} {n}" for r, n in base["resources_by_role"].items()))
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    path = out / time.strftime("bench-%Y%m%dT%H%M%S.json")
    path.write_text(json.dumps(report, indent=2))
    print(f"\nJSON: {path}")
    print(json.dumps({"scope": scope, "ratios": ratios, "verdicts": report["verdicts"]}))


if __name__ == "__main__":
    main()
