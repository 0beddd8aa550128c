#!/usr/bin/env python3
"""The status report pack on a 5,000-task project: Markdown, HTML, PDF and DOCX with charts.

Synthesises a plausible project (phases, work packages of chained tasks, a milestone
closing each package, links across phases, baselines, progress up to the status date,
owners, actions, risks, issues), builds its Review, then renders every format and prints
the time of each and the total. Targets: the Gantt chart alone under 3 s, the whole pack
under 10 s.

usage: bench_report.py [--tasks N] [--out DIR] [--seed K]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pmo.engine.review.build import build_review
from pmo.engine.schedule import schedule
from pmo.model import Action, Dependency, Issue, ItemStatus, Person, Project, Risk, Task

START = dt.date(2026, 1, 5)
AS_OF = dt.date(2026, 6, 15)
PHASES = 8
T = TypeVar("T")


def synthesise(tasks: int, seed: int = 1) -> Project:
    """A project of about `tasks` tasks (summaries and milestones included)."""
    rnd = random.Random(seed)
    people = tuple(Person(f"p{i}", f"Person {i:03d}") for i in range(max(5, tasks // 20)))
    plan: list[Task] = []
    links: list[Dependency] = []
    per_phase = tasks // PHASES
    previous_ends: list[str] = []
    for phase in range(PHASES):
        phase_id = f"PH{phase}"
        plan.append(Task(phase_id, f"Phase {phase + 1}", wbs=str(phase + 1)))
        ends: list[str] = []
        made = 1
        package = 0
        while made < per_phase:
            size = min(rnd.randint(8, 20), per_phase - made - 2)
            if size < 2:
                break
            wp_id = f"{phase_id}.WP{package}"
            plan.append(Task(wp_id, f"Work package {phase + 1}.{package + 1}", parent=phase_id))
            prior: str | None = None
            for k in range(size):
                task_id = f"{wp_id}.T{k}"
                owner = rnd.choice(people).id
                plan.append(
                    Task(
                        task_id,
                        f"Task {phase + 1}.{package + 1}.{k + 1} of the work",
                        parent=wp_id,
                        duration=float(rnd.randint(1, 12)),
                        owner=owner,
                    )
                )
                if prior:
                    links.append(Dependency(prior, task_id))
                elif previous_ends:
                    links.append(Dependency(rnd.choice(previous_ends), task_id))
                prior = task_id
            milestone = f"{wp_id}.M"
            plan.append(
                Task(
                    milestone,
                    f"Work package {phase + 1}.{package + 1} accepted",
                    parent=wp_id,
                    milestone=True,
                    duration=0.0,
                    owner=rnd.choice(people).id,
                )
            )
            links.append(Dependency(prior or milestone, milestone))
            ends.append(milestone)
            made += size + 2
            package += 1
        previous_ends = ends
    project = Project(
        key="BIG",
        name=f"Synthetic {len(plan):,}-task programme",
        status_date=AS_OF,
        start=START,
        sponsor="p0",
        manager="p1",
        author="p2",
        budget=12_000_000.0,
        objective="Prove the report scales",
        distribution=("p0", "p1", "p3"),
        people=people,
        tasks=tuple(plan),
        dependencies=tuple(links),
    )
    return _with_progress(project, rnd)


def _with_progress(project: Project, rnd: random.Random) -> Project:
    """Baselines from a first schedule, then progress up to the status date and some slips."""
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
        tasks.append(
            dataclasses.replace(
                task,
                baseline_start=dates.start,
                baseline_finish=dates.finish,
                percent_complete=done,
                actual_start=dates.start if done else None,
                actual_finish=dates.finish if done == 100.0 else None,
                duration=(task.duration or 0) * (1.3 if task.duration and rnd.random() < 0.1 else 1),
                last_updated=AS_OF - dt.timedelta(days=rnd.randint(0, 20)),
            )
        )
    people = [p.id for p in project.people]
    actions = tuple(
        Action(
            f"A{i}",
            f"Action {i} to keep the plan moving",
            owner=rnd.choice(people) if i % 7 else None,
            due=AS_OF + dt.timedelta(days=rnd.randint(-20, 40)),
            opened=AS_OF - dt.timedelta(days=30),
            status=ItemStatus.OPEN if i % 3 else ItemStatus.DONE,
        )
        for i in range(120)
    )
    risks = tuple(
        Risk(
            f"R{i}",
            f"Risk {i} on the delivery",
            owner=rnd.choice(people),
            probability=rnd.randint(1, 5),
            impact=rnd.randint(1, 5),
            mitigation="Watch and act" if i % 4 else None,
        )
        for i in range(60)
    )
    issues = tuple(
        Issue(f"I{i}", f"Issue {i} slowing a team", owner=rnd.choice(people), due=AS_OF + dt.timedelta(days=10))
        for i in range(30)
    )
    return dataclasses.replace(project, tasks=tuple(tasks), actions=actions, risks=risks, issues=issues)


def timed(label: str, work: Callable[[], T], times: dict[str, float]) -> T:
    start = time.perf_counter()
    result = work()
    times[label] = time.perf_counter() - start
    print(f"{label:<22} {times[label]:6.2f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "report")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from pmo.render.docx import render_layout_docx
    from pmo.render.html import render_layout_html
    from pmo.render.layout import layout
    from pmo.render.markdown import render_markdown
    from pmo.render.pdf import render_layout_pdf

    times: dict[str, float] = {}
    project = timed("synthesise project", lambda: synthesise(args.tasks, args.seed), times)
    review = timed("build review", lambda: build_review(project, AS_OF), times)
    print(
        f"  {len(project.tasks):,} tasks, {len(review.gantt):,} Gantt bars, "
        f"{len(review.findings):,} findings, {len(review.pending):,} pending"
    )
    from pmo.render.gantt import gantt_png

    alone: dict[str, float] = {}
    timed("gantt chart alone", lambda: gantt_png(review), alone)  # was a test; target < 3 s
    pack: dict[str, float] = {}
    markdown = timed("md", lambda: render_markdown(review), pack)
    report = timed("charts + layout", lambda: layout(review), pack)
    html = timed("html", lambda: render_layout_html(report), pack)
    pdf = timed("pdf", lambda: render_layout_pdf(report), pack)
    docx = timed("docx", lambda: render_layout_docx(report, AS_OF), pack)
    total = sum(pack.values())
    print(f"{'report pack total':<22} {total:6.2f} s  (target < 10 s: {'met' if total < 10 else 'MISSED'})")
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in (("md", markdown), ("html", html), ("pdf", pdf), ("docx", docx)):
        path = args.out / f"report.{name}"
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        print(f"  wrote {path} ({path.stat().st_size / 1024:,.0f} KiB)")
    return 0 if total < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
