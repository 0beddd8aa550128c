"""Generated plans with planted delays, from a seed: what the delay file must find.

`planted_plan(seed, scenario)` builds two parallel chains of tasks, A (the longest) and B
(shorter by a few working days of float), from a start milestone to a milestone ``M``,
baselines them on their own schedule, then plants delays:

* ``late-start``: a task of A has not started by the status date, its predecessors done;
* ``overrun``: a task of A is re-estimated longer;
* ``blocked``: a late start, and an open issue names the task;
* ``absent``: the owner of a task of A is away inside it (it stops, then resumes);
* ``one-chain``: a late start and, later on A, an over-run (two causes, two entries);
* ``parallel``: an over-run on A and one on B; whichever chain then drives ``M`` holds the
  cause (the other one keeps some float, reported as the float left on its path).

Durations, positions and days come from the seed, so the set grows with the seeds tried.
`DelayedPlan.causes` is what must be found: (task, kind, working days added to M's slip).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from pmo.engine.foresight import CauseKind
from pmo.engine.schedule import schedule
from pmo.model import Absence, Calendar, Dependency, Issue, ItemStatus, Person, Project, Task

SCENARIOS = ("late-start", "overrun", "blocked", "absent", "one-chain", "parallel")
START = dt.date(2026, 1, 5)  # a Monday


@dataclass(frozen=True)
class DelayedPlan:
    """A plan with planted delays and what its milestone's delay file must say."""

    project: Project
    as_of: dt.date
    milestone: str
    causes: frozenset[tuple[str, CauseKind, float]]
    slip: float
    other_path: tuple[str, float] | None = None  # (last task of the other chain, float it keeps)


def _workday(index: int) -> dt.date:
    """The `index`-th working day (Monday to Friday) from START."""
    weeks, day = divmod(index, 5)
    return START + dt.timedelta(days=7 * weeks + day)


def _index(day: dt.date) -> int:
    weeks, rest = divmod((day - START).days, 7)
    return 5 * weeks + min(rest, 5)


def _plan(rng: random.Random) -> tuple[Project, int]:
    """The undelayed plan, baselined on its own schedule; and the float of chain B."""
    a = [rng.randint(4, 8) for _ in range(rng.randint(3, 5))]
    gap = rng.randint(1, 3)
    b = [rng.randint(3, 6) for _ in range(rng.randint(2, 3))]
    b[-1] = max(1, b[-1] + sum(a) - gap - sum(b))
    gap = sum(a) - sum(b)
    people = [Person(f"p{i}", f"Person {i}") for i in range(len(a) + len(b) + 1)]
    tasks = [Task("S", "Start", milestone=True, duration=0, owner="p0")]
    links = []
    for chain, durations, offset in (("A", a, 1), ("B", b, 1 + len(a))):
        previous = "S"
        for i, days in enumerate(durations, 1):
            tasks.append(Task(f"{chain}{i}", f"Task {chain}{i}", duration=days, owner=f"p{offset + i - 1}"))
            links.append(Dependency(previous, f"{chain}{i}"))
            previous = f"{chain}{i}"
        links.append(Dependency(previous, "M"))
    tasks.append(Task("M", "Milestone M", milestone=True, duration=0, owner="p0"))
    project = Project(key="GEN", name="Generated plan", start=START, calendar="std",
                      calendars=(Calendar("std", "Monday to Friday"),), people=tuple(people),
                      tasks=tuple(tasks), dependencies=tuple(links))
    plan = schedule(project, START)
    based = tuple(dataclasses.replace(t, baseline_start=plan.tasks[t.id].start,
                                      baseline_finish=plan.tasks[t.id].finish) for t in project.tasks)
    return dataclasses.replace(project, tasks=based), gap


def _progress(project: Project, as_of: dt.date, skip: set[str]) -> Project:
    """Tasks before the status date done on their baseline; straddling ones at the baseline's pace."""
    now = _index(as_of)
    tasks = []
    for task in project.tasks:
        bs, bf = task.baseline_start, task.baseline_finish
        assert bs is not None and bf is not None
        if task.id not in skip and _index(bs) < now:
            if _index(bf) < now or task.milestone:
                task = dataclasses.replace(task, actual_start=bs, actual_finish=bf, percent_complete=100)
            else:
                task = dataclasses.replace(task, actual_start=bs, remaining=float(_index(bf) + 1 - now),
                                           percent_complete=50)
        tasks.append(task)
    return dataclasses.replace(project, tasks=tuple(tasks), status_date=as_of)


def _replace(project: Project, task_id: str, **changes: object) -> Project:
    tasks = tuple(dataclasses.replace(t, **changes) if t.id == task_id else t  # type: ignore[arg-type]
                  for t in project.tasks)
    return dataclasses.replace(project, tasks=tasks)


def _task(project: Project, task_id: str) -> Task:
    task = project.task(task_id)
    assert task is not None
    return task


def _late_start(project: Project, rng: random.Random, position: int) -> tuple[Project, dt.date, int]:
    """A position of chain A not started `days` working days after its baseline start."""
    task = _task(project, f"A{position}")
    assert task.baseline_start is not None and task.duration is not None
    days = rng.randint(1, int(task.duration))  # the status date stays before its successor's baseline start
    as_of = _workday(_index(task.baseline_start) + days)
    later = {t.id for t in project.tasks if t.id.startswith("A") and int(t.id[1:]) >= position} | {"M"}
    return _progress(project, as_of, later), as_of, days


def _longer(project: Project, rng: random.Random, task_id: str) -> tuple[Project, int]:
    task = _task(project, task_id)
    days = rng.randint(1, 4)
    return _replace(project, task_id, duration=float(task.duration or 0) + days), days


def planted_plan(seed: int, scenario: str) -> DelayedPlan:
    """A generated plan with the delays of `scenario` planted (see the module's docstring)."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}: one of {', '.join(SCENARIOS)}")
    rng = random.Random(f"{seed}-{scenario}")
    project, gap = _plan(rng)
    length = sum(1 for t in project.tasks if t.id.startswith("A"))
    where = rng.randint(1, length)
    task_id = f"A{where}"
    as_of = START
    if scenario in ("late-start", "blocked"):
        project, as_of, days = _late_start(project, rng, where)
        kind = CauseKind.LATE_START
        if scenario == "blocked":
            kind = CauseKind.BLOCKED
            project = dataclasses.replace(project, issues=(Issue(
                "I-1", f"Test environment not ready: blocks {task_id}", owner="p0", status=ItemStatus.OPEN,
                raised=START),))
        return DelayedPlan(project, as_of, "M", frozenset({(task_id, kind, float(days))}), float(days))
    if scenario == "overrun":
        project, days = _longer(project, rng, task_id)
        return DelayedPlan(dataclasses.replace(project, status_date=as_of), as_of, "M",
                           frozenset({(task_id, CauseKind.LONGER, float(days))}), float(days))
    if scenario == "absent":
        task = _task(project, task_id)
        assert task.baseline_start is not None and task.duration is not None
        days = rng.randint(1, min(3, int(task.duration) - 1))
        first = _workday(_index(task.baseline_start) + 1)
        away = Absence(str(task.owner), first, _workday(_index(first) + days - 1), reason="Leave")
        project = dataclasses.replace(project, absences=(away,), status_date=as_of)
        return DelayedPlan(project, as_of, "M", frozenset({(task_id, CauseKind.ABSENT, float(days))}), float(days))
    if scenario == "one-chain":
        where = rng.randint(1, length - 1)
        later = f"A{rng.randint(where + 1, length)}"
        project, as_of, started = _late_start(project, rng, where)
        project, second = _longer(project, rng, later)
        causes = {(f"A{where}", CauseKind.LATE_START, float(started)), (later, CauseKind.LONGER, float(second))}
        return DelayedPlan(project, as_of, "M", frozenset(causes), float(started + second))
    # parallel: an over-run on each chain; the one that ends later drives M
    width = sum(1 for t in project.tasks if t.id.startswith("B"))
    other = f"B{rng.randint(1, width)}"
    project, on_a = _longer(project, rng, task_id)
    project, on_b = _longer(project, rng, other)
    if on_b - gap == on_a:  # a tie would leave the driving chain to the order of the links
        on_b += 1
        project = _replace(project, other, duration=float(_task(project, other).duration or 0) + 1)
    project = dataclasses.replace(project, status_date=as_of)
    if on_b - gap > on_a:  # B drives: its float absorbs `gap` of its delay
        slip = float(on_b - gap)
        return DelayedPlan(project, as_of, "M", frozenset({(other, CauseKind.LONGER, slip)}), slip,
                           (f"A{length}", float(on_b - gap - on_a)))
    return DelayedPlan(project, as_of, "M", frozenset({(task_id, CauseKind.LONGER, float(on_a))}), float(on_a),
                       (f"B{width}", float(on_a + gap - on_b)))
