#!/usr/bin/env python3
"""The Review and the commands on a reference tree and on this one, side by side, in one run.

`--reference REF` (default 6cc4f84, main before the engine work) is unpacked with
`git archive` into a temporary folder; the current tree is this checkout (or `--current
DIR`). Each tree runs in its own subprocesses, same interpreter, with PYTHONPATH on that
tree's src:

- `pmo check` and `pmo run` on a demo workspace (made once per tree with `pmo demo`),
  wall time of the subprocess, best of `--repeat`, with numba and without it. "Without
  numba" is pmo as installed without the extra: a shim makes `import numba` fail, and
  `PMO_NO_NUMBA=1` is set too (that switch alone only turns off the Monte Carlo sweeps;
  `--env-switch` adds rows measuring it on its own).
- the Review (the library call `pmo.api.review`, timed inside a subprocess, the store
  load apart) and the whole pack (`pmo run`, wall time) of a plan with assignments that
  looks like an MS Project export: WBS summaries, FS/SS links with lags, people with
  calendars, assignments with units (several tasks a person, some over-allocated),
  progress on the early part, baselines, milestones with deadlines. It is generated once
  (5,000 tasks; 2,000 with `--quick`) as MSPDI and imported with `pmo import` into one
  workspace per tree.

Every measurement has a timeout (`--timeout`, 400 s): past it the table says "timeout
after N s". The table: measurement | reference | current | ratio (reference / current) |
goal. Goals (issue 9): check < 1 s and run < 5 s without numba; Review < 2 s and pack
< 10 s on the 5,000-task plan.

usage: bench/bench_review.py [--reference REF] [--current DIR] [--quick] [--tasks N]
                             [--repeat N] [--timeout S] [--env-switch] [--only demo|plan] [--keep]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "6cc4f84"
START = dt.date(2026, 1, 5)
AS_OF = dt.date(2026, 6, 15)
PHASES = 6

REVIEW_CHILD = """
import json, sys, time
from pathlib import Path
from pmo.config import apply_environment, load_settings
apply_environment()
from pmo import api
settings = load_settings(Path(sys.argv[1]))
with api.workspace_store(settings) as store:
    t0 = time.perf_counter()
    project = store.load(settings.project)
    t1 = time.perf_counter()
    review = api.review(project, None, store, settings.workspace)
    t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "review": t2 - t1, "tasks": len(project.tasks),
                  "assignments": sum(len(t.assignments) for t in project.tasks),
                  "findings": len(review.findings)}))
"""


@dataclasses.dataclass
class Outcome:
    """One measurement on one tree: seconds, or why there are none."""

    seconds: float | None = None
    why: str = ""

    def text(self) -> str:
        return f"{self.seconds:.2f} s" if self.seconds is not None else self.why


@dataclasses.dataclass
class Tree:
    """A source tree to measure: its src folder and its scratch folder."""

    label: str
    src: Path
    scratch: Path


# --- the plan ---------------------------------------------------------------------------------


def synthesise(tasks: int, seed: int = 1):  # type: ignore[no-untyped-def]
    """A project of about `tasks` tasks as MS Project holds one: WBS, links, people, assignments."""
    from pmo.model import (
        Assignment,
        Calendar,
        Dependency,
        LagUnit,
        LinkType,
        Person,
        Project,
        Task,
    )

    rnd = random.Random(seed)
    calendars = (
        Calendar("standard", "Standard", country="FR"),
        Calendar("four-days", "Four days a week", working_weekdays=(0, 1, 2, 3), country="FR"),
        Calendar("uk", "UK office", country="GB"),
    )
    people = tuple(
        Person(
            f"R{i}",
            f"Resource {i:04d}",
            email=f"resource{i}@example.org",
            team=f"Team {i % 12}",
            calendar=rnd.choice(("standard", "standard", "standard", "four-days", "uk")),
            capacity=rnd.choice((1.0, 1.0, 1.0, 1.0, 0.8, 0.5)),
        )
        for i in range(max(6, tasks // 12))
    )
    plan: list[Task] = []
    links: list[Dependency] = []
    per_phase = tasks // PHASES
    previous_ends: list[str] = []
    for phase in range(PHASES):
        phase_id = f"P{phase + 1}"
        plan.append(Task(phase_id, f"Phase {phase + 1}", wbs=str(phase + 1)))
        team = [p for p in people if int(p.team.split()[1]) % PHASES in (phase, (phase + 1) % PHASES)]
        made, ends, stream = 1, [], 0
        while made < per_phase:
            stream_id = f"{phase_id}.{stream + 1}"
            plan.append(Task(stream_id, f"Stream {stream_id}", parent=phase_id, wbs=stream_id))
            made += 1
            for package in range(rnd.randint(2, 3)):
                size = min(rnd.randint(6, 14), per_phase - made - 2)
                if size < 2:
                    break
                wp_id = f"{stream_id}.{package + 1}"
                plan.append(Task(wp_id, f"Work package {wp_id}", parent=stream_id, wbs=wp_id))
                prior: str | None = None
                for k in range(size):
                    task_id = f"{wp_id}.{k + 1}"
                    crew = rnd.sample(team, k=rnd.choice((1, 1, 1, 2, 2, 3)))
                    assignments = tuple(  # at their capacity, but one in ten booked full time regardless
                        Assignment(p.id, 1.0 if rnd.random() < 0.1 else min(p.capacity, rnd.choice((0.5, 1.0, 1.0))))
                        for p in crew
                    )
                    plan.append(
                        Task(
                            task_id,
                            f"Task {task_id} of the work",
                            parent=wp_id,
                            wbs=task_id,
                            duration=float(rnd.randint(1, 10)),
                            owner=crew[0].id,
                            assignments=assignments,
                        )
                    )
                    if prior:
                        overlap = rnd.random() < 0.3
                        links.append(
                            Dependency(
                                prior,
                                task_id,
                                LinkType.SS if overlap else LinkType.FS,
                                float(rnd.randint(1, 3)) if overlap or rnd.random() < 0.1 else 0.0,
                                LagUnit.WORKING,
                            )
                        )
                    elif package:  # the work packages of a stream follow each other
                        links.append(Dependency(f"{stream_id}.{package}.M", task_id))
                    elif previous_ends:
                        links.append(Dependency(rnd.choice(previous_ends), task_id, lag=float(rnd.choice((0, 0, 5)))))
                    prior = task_id
                milestone = f"{wp_id}.M"
                plan.append(
                    Task(milestone, f"Work package {wp_id} accepted", parent=wp_id, wbs=f"{wp_id}.{size + 1}",
                         milestone=True, duration=0.0, owner=rnd.choice(team).id)
                )
                links.append(Dependency(prior or milestone, milestone))
                ends.append(milestone)
                made += size + 2
            stream += 1
        gate = f"{phase_id}.G"
        plan.append(Task(gate, f"Phase {phase + 1} gate", parent=phase_id, wbs=f"{phase_id}.{stream + 1}",
                         milestone=True, duration=0.0, owner=people[0].id))
        links.extend(Dependency(end, gate) for end in ends)
        previous_ends = [gate, *rnd.sample(ends, k=min(3, len(ends)))]
    project = Project(
        key="MSP",
        name=f"MS Project-like plan, {len(plan):,} tasks with assignments",
        status_date=AS_OF,
        start=START,
        calendar="standard",
        budget=20_000_000.0,
        calendars=calendars,
        people=people,
        tasks=tuple(plan),
        dependencies=tuple(links),
    )
    return _progressed(project, rnd)


def _progressed(project, rnd: random.Random):  # type: ignore[no-untyped-def]
    """Baselines from a first schedule, progress up to the status date, slips, gate deadlines."""
    from pmo.engine.schedule import schedule

    planned = schedule(project, START)
    tasks = []
    for task in project.tasks:
        dates = planned.tasks.get(task.id)
        if dates is None:
            tasks.append(task)
            continue
        done = 100.0 if dates.finish < AS_OF else 50.0 if dates.start < AS_OF else 0.0
        if done == 100.0 and rnd.random() < 0.05:
            done = 80.0
        slip = task.duration and not done and rnd.random() < 0.1
        tasks.append(
            dataclasses.replace(
                task,
                baseline_start=dates.start,
                baseline_finish=dates.finish,
                percent_complete=done,
                actual_start=dates.start if done else None,
                actual_finish=dates.finish if done == 100.0 else None,
                duration=(task.duration or 0) * (1.3 if slip else 1),
                deadline=dates.finish + dt.timedelta(days=7) if task.id.endswith(".G") else None,
            )
        )
    return dataclasses.replace(project, tasks=tuple(tasks))


def write_plan(path: Path, tasks: int) -> None:
    """The plan as MSPDI (what MS Project saves as XML), written once."""
    import pmo.sources  # noqa: F401  (first: at 6cc4f84, the reference, pmo.exports.mspdi alone was a circular import)
    from pmo.exports.mspdi import write_mspdi

    project = synthesise(tasks)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_mspdi(project, path)
    count = sum(len(t.assignments) for t in project.tasks)
    print(f"plan: {path} ({len(project.tasks):,} tasks, {len(project.people):,} people, {count:,} assignments, "
          f"{len(project.dependencies):,} links)", flush=True)


# --- running a tree ---------------------------------------------------------------------------


def environment(tree: Tree, numba: bool, env_switch_only: bool = False) -> dict[str, str]:
    """The environment of a subprocess on `tree`; without numba, `import numba` fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("PMO_NO_NUMBA", "PMO_WORKSPACE", "PMO_DATABASE_URL",
                                                           "PMO_PROJECT", "NUMBA_DISABLE_JIT")}
    path = [str(tree.src)]
    if not numba:
        env["PMO_NO_NUMBA"] = "1"
        if not env_switch_only:
            shim = tree.scratch / "no-numba"
            (shim / "numba").mkdir(parents=True, exist_ok=True)
            (shim / "numba" / "__init__.py").write_text(
                'raise ImportError("numba hidden by bench_review.py: pmo runs as if it were not installed")\n')
            path.insert(0, str(shim))
    env["PYTHONPATH"] = os.pathsep.join(path)
    return env


def call(args: Sequence[str], env: dict[str, str], timeout: float, ok: Sequence[int] = (0,)) -> tuple[Outcome, str]:
    """Run a subprocess in its own group; its wall time, or "timeout after N s" / "failed"."""
    start = time.perf_counter()
    with subprocess.Popen(list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return Outcome(None, f"timeout after {timeout:g} s"), ""
    wall = time.perf_counter() - start
    if proc.returncode not in ok:
        tail = (err.strip().splitlines() or ["no message"])[-1]
        return Outcome(None, f"failed (exit {proc.returncode}: {tail[:60]})"), out
    return Outcome(wall), out


def pmo(tree: Tree, *args: str) -> list[str]:
    del tree
    return [sys.executable, "-m", "pmo", *args]


def best(outcomes: list[Outcome]) -> Outcome:
    timed = [o.seconds for o in outcomes if o.seconds is not None]
    return Outcome(min(timed)) if timed else outcomes[0]


def prepare(tree: Tree, plan: Path | None, timeout: float) -> dict[str, str]:
    """A demo workspace and a workspace holding the plan, per tree; what failed, by name."""
    problems = {}
    env = environment(tree, numba=True)
    demo = tree.scratch / "demo"
    if plan is None and not demo.exists():
        outcome, _ = call(pmo(tree, "demo", str(demo)), env, timeout)
        print(f"  {tree.label}: pmo demo {outcome.text()}", flush=True)
        if outcome.seconds is None:
            problems["demo"] = outcome.why
    big = tree.scratch / "plan"
    if plan is not None and not big.exists():
        outcome, _ = call(pmo(tree, "init", str(big)), env, timeout)
        if outcome.seconds is not None:
            outcome, _ = call(pmo(tree, "import", str(plan), "--workspace", str(big)), env, timeout, ok=(0, 1))
        print(f"  {tree.label}: pmo import of the plan {outcome.text()}", flush=True)
        if outcome.seconds is None:
            problems["plan"] = outcome.why
    return problems


def measure_command(tree: Tree, command: str, numba: bool, repeat: int, timeout: float,
                    env_switch_only: bool = False) -> Outcome:
    env = environment(tree, numba, env_switch_only)
    runs = []
    for _ in range(repeat):
        outcome, _ = call(pmo(tree, command, "--workspace", str(tree.scratch / "demo")), env, timeout, ok=(0, 1))
        runs.append(outcome)
        if outcome.seconds is None:
            break
    return best(runs)


def measure_review(tree: Tree, timeout: float) -> tuple[Outcome, str]:
    outcome, out = call([sys.executable, "-c", REVIEW_CHILD, str(tree.scratch / "plan")],
                        environment(tree, numba=True), timeout)
    if outcome.seconds is None:
        return outcome, ""
    figures = json.loads(out.strip().splitlines()[-1])
    note = (f"{figures['tasks']:,} tasks, {figures['assignments']:,} assignments, "
            f"{figures['findings']:,} findings, load {figures['load']:.2f} s")
    return Outcome(figures["review"]), note


def measure_pack(tree: Tree, timeout: float) -> Outcome:
    outcome, _ = call(pmo(tree, "run", "--workspace", str(tree.scratch / "plan")),
                      environment(tree, numba=True), timeout)
    return outcome


# --- the table --------------------------------------------------------------------------------


def ratio(reference: Outcome, current: Outcome) -> str:
    if reference.seconds is not None and current.seconds is not None:
        return f"{reference.seconds / max(current.seconds, 1e-9):.1f}x"
    if current.seconds is not None and reference.why.startswith("timeout"):
        return f">{float(reference.why.split()[2]) / max(current.seconds, 1e-9):.1f}x"
    return "NA"


def verdict(current: Outcome, goal: float | None) -> str:
    if goal is None:
        return ""
    met = current.seconds is not None and current.seconds < goal
    return f"< {goal:g} s: {'met' if met else 'MISSED'}"


def row(label: str, reference: Outcome, current: Outcome, goal: float | None) -> str:
    return (f"| {label} | {reference.text()} | {current.text()} | {ratio(reference, current)} | "
            f"{verdict(current, goal)} |")


def unpack(ref: str, into: Path) -> Path:
    """`git archive REF` of this repository into `into`; returns its src folder."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default=REFERENCE, help="git revision measured as 'today' (default %(default)s)")
    parser.add_argument("--current", type=Path, default=ROOT, help="tree measured as 'current' (default this one)")
    parser.add_argument("--quick", action="store_true", help="a 2,000-task plan instead of 5,000")
    parser.add_argument("--tasks", type=int, default=None, help="size of the plan (default 5000, 2000 with --quick)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each demo command, best kept")
    parser.add_argument("--timeout", type=float, default=400.0, help="seconds before a measurement is given up")
    parser.add_argument("--env-switch", action="store_true", help="also measure PMO_NO_NUMBA=1 with numba installed")
    parser.add_argument("--only", choices=("demo", "plan"), help="only the demo commands, or only the plan")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (printed)")
    args = parser.parse_args(argv)
    tasks = args.tasks or (2000 if args.quick else 5000)

    scratch = Path(tempfile.mkdtemp(prefix="pmo-bench-review-"))
    try:
        sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.reference], check=True,
                             capture_output=True, text=True).stdout.strip()
        reference = Tree(f"reference {sha}", unpack(args.reference, scratch / "reference"), scratch / "ref-work")
        current = Tree(f"current {args.current}", args.current.resolve() / "src", scratch / "cur-work")
        for tree in (reference, current):
            tree.scratch.mkdir(parents=True)
        plan = scratch / f"plan-{tasks}.xml"
        print("preparing the workspaces (pmo demo, pmo import):", flush=True)
        problems: dict[str, dict[str, str]] = {tree.label: {} for tree in (reference, current)}
        if args.only != "plan":
            for tree in (reference, current):
                problems[tree.label].update(prepare(tree, None, args.timeout))
        if args.only != "demo":
            write_plan(plan, tasks)
            for tree in (reference, current):
                problems[tree.label].update(prepare(tree, plan, args.timeout))

        rows = ["| measurement | reference | current | ratio | goal |", "|---|---|---|---|---|"]
        variants = [("with numba", True, False, {"check": None, "run": None}),
                    ("without numba", False, False, {"check": 1.0, "run": 5.0})]
        if args.env_switch:
            variants.append(("PMO_NO_NUMBA=1", False, True, {"check": None, "run": None}))
        for command in ("check", "run") if args.only != "plan" else ():
            for name, numba, switch_only, goals in variants:
                label = f"`pmo {command}` demo, {name} (best of {args.repeat})"
                pair = [
                    Outcome(None, f"no demo ({problems[t.label]['demo']})") if "demo" in problems[t.label]
                    else measure_command(t, command, numba, args.repeat, args.timeout, switch_only)
                    for t in (reference, current)
                ]
                rows.append(row(label, pair[0], pair[1], goals[command]))
                print(rows[-1], flush=True)
        notes = []
        if args.only != "demo":
            review_pair, pack_pair = [], []
            for tree in (reference, current):
                if "plan" in problems[tree.label]:
                    review_pair.append(Outcome(None, f"no plan ({problems[tree.label]['plan']})"))
                    continue
                outcome, note = measure_review(tree, args.timeout)
                review_pair.append(outcome)
                if note:
                    notes.append(f"{tree.label}: {note}")
            rows.append(row(f"Review, {tasks:,}-task plan with assignments", *review_pair, 2.0))
            print(rows[-1], flush=True)
            for tree, review in zip((reference, current), review_pair, strict=True):
                if review.seconds is None:  # the pack builds the Review first: it would fail or time out too
                    pack_pair.append(Outcome(None, f"{review.why} (the Review alone)"))
                else:
                    pack_pair.append(measure_pack(tree, args.timeout))
            rows.append(row(f"pack (`pmo run`), {tasks:,}-task plan with assignments", *pack_pair, 10.0))
            print(rows[-1], flush=True)

        print(f"\nreference = {args.reference} ({sha}), current = {args.current}; "
              f"ratio = reference / current; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print("\n".join(rows))
        for note in notes:
            print(f"  {note}")
        failed = [r for r in rows[2:] if "MISSED" in r]
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
