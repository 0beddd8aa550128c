"""A `Project`'s plan as an `RcpspInstance`: leaf tasks, people as resources, links as delays.

Time runs in steps of ``1 / resolution`` working day from the origin (the status date
when given, else the project start). Activity 0 is a dummy source, the last one a dummy
sink. Each person assigned to a task is a renewable resource whose capacity is their
`capacity` in hundredths of a full-time day; an assignment's `units` is the demand in
the same hundredths (capped at the person's capacity, so that the plan stays feasible).

Links become minimum start-to-start delays: FS ``d_p + lag``, SS ``lag``, FF
``d_p + lag - d_s``, SF ``lag - d_s``; a lag in elapsed days counts 5/7 of a working day
per day. A link to or from a summary task applies to each of its leaf tasks. A release
date (an early start given by the CPM) becomes a delay from the source. Once a status
date is given, done tasks leave the plan and tasks in progress keep their remaining
duration and come before every task not yet started, so that leveling never holds them
back for work that has not begun.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pmo.engine.leveling.instance import RcpspInstance
from pmo.model import LagUnit, LinkType, Project, Task


@dataclass(frozen=True, eq=False)
class ProjectInstance:
    """An instance built from a project, with the names of its activities and resources.

    `tasks[i]` is the task of activity i + 1; `people[k]` the person id of resource k;
    `units[i][k]` the share of a full-time day task i books from person k (before capping).
    """

    instance: RcpspInstance
    tasks: tuple[Task, ...]
    people: tuple[str, ...]
    units: tuple[dict[int, float], ...]
    resolution: int


def remaining_duration(task: Task, as_of: dt.date | None) -> float:
    """The working days a task still needs at `as_of` (its whole duration without one)."""
    if task.milestone:
        return 0.0
    whole = task.duration if task.duration is not None else None
    if whole is None:
        whole = task.estimate.most_likely if task.estimate else 0.0
    if as_of is None or not task.started:
        return max(whole, 0.0)
    if task.remaining is not None:
        return max(task.remaining, 0.0)
    return max(whole * (1.0 - task.percent_complete / 100.0), 0.0)


def _leaves(project: Project, as_of: dt.date | None) -> tuple[list[Task], dict[str, list[int]]]:
    """The leaf tasks still to do, and for every task id the leaf positions it stands for."""
    parents = {t.parent for t in project.tasks if t.parent}
    leaves = [t for t in project.tasks if t.id not in parents and not (as_of is not None and t.done)]
    position = {t.id: i for i, t in enumerate(leaves)}
    covers: dict[str, list[int]] = {t.id: [position[t.id]] for t in leaves}
    children: dict[str, list[str]] = {}
    for t in project.tasks:
        if t.parent:
            children.setdefault(t.parent, []).append(t.id)

    def collect(task_id: str, seen: frozenset[str]) -> list[int]:
        if task_id in covers:
            return covers[task_id]
        if task_id in seen:
            return []
        found = [i for c in children.get(task_id, []) for i in collect(c, seen | {task_id})]
        covers[task_id] = found
        return found

    for t in project.tasks:
        collect(t.id, frozenset())
    return leaves, covers


def _running_first(
    leaves: list[Task], arcs: dict[tuple[int, int], int], link: Callable[[int, int, int], None]
) -> None:
    """Links from each task in progress to each task not started that does not lead to it."""
    before: dict[int, set[int]] = {}
    for a, b in arcs:
        before.setdefault(b, set()).add(a)
    running = [i + 1 for i, t in enumerate(leaves) if t.started]
    ancestors: set[int] = set()
    stack = list(running)
    while stack:
        for a in before.get(stack.pop(), ()):
            if a and a not in ancestors:
                ancestors.add(a)
                stack.append(a)
    for i in running:
        for j, t in enumerate(leaves):
            if not t.started and j + 1 not in ancestors:
                link(i, j + 1, 0)


def build_instance(
    project: Project,
    as_of: dt.date | None = None,
    releases: dict[str, float] | None = None,
    resolution: int = 1,
) -> ProjectInstance:
    """The plan of `project` as an RCPSP instance (see the module's docstring)."""
    leaves, covers = _leaves(project, as_of)
    m = len(leaves)
    dur = [0] + [math.ceil(remaining_duration(t, as_of) * resolution - 1e-9) for t in leaves] + [0]
    people: list[str] = []
    capacity: list[int] = []
    units: list[dict[int, float]] = []
    for task in leaves:
        booked: dict[int, float] = {}
        for booking in task.assignments:
            person = project.person(booking.person)
            key = person.id if person else booking.person
            if key not in people:
                people.append(key)
                capacity.append(max(0, round((person.capacity if person else 1.0) * 100)))
            k = people.index(key)
            booked[k] = booked.get(k, 0.0) + booking.units
        units.append(booked)
    demands = np.zeros((m + 2, len(people)), dtype=np.int64)
    for i, booked in enumerate(units):
        if dur[i + 1] > 0:
            for k, u in booked.items():
                demands[i + 1, k] = min(max(0, round(u * 100)), capacity[k])
    arcs: dict[tuple[int, int], int] = {}

    def link(a: int, b: int, delay: int) -> None:
        if a != b:
            arcs[(a, b)] = max(arcs.get((a, b), delay), delay)

    for i, task in enumerate(leaves):
        release = (releases or {}).get(task.id, 0.0)
        link(0, i + 1, max(0, round(release * resolution)))
        link(i + 1, m + 1, dur[i + 1])
    for dep in project.dependencies:
        factor = 5 / 7 if dep.lag_unit is LagUnit.ELAPSED else 1.0
        lag = round(dep.lag * factor * resolution)
        for p in covers.get(dep.predecessor, []):
            for s in covers.get(dep.successor, []):
                dp, ds = dur[p + 1], dur[s + 1]
                by_type = {
                    LinkType.FS: dp + lag, LinkType.SS: lag, LinkType.FF: dp + lag - ds, LinkType.SF: lag - ds
                }
                link(p + 1, s + 1, by_type[dep.type])
    if as_of is not None:
        _running_first(leaves, arcs, link)
    successors: list[list[int]] = [[] for _ in range(m + 2)]
    delays: list[list[int]] = [[] for _ in range(m + 2)]
    for (a, b), delay in sorted(arcs.items()):
        successors[a].append(b)
        delays[a].append(delay)
    instance = RcpspInstance(
        durations=np.array(dur, dtype=np.int64),
        successors=tuple(tuple(s) for s in successors),
        demands=demands,
        capacities=np.array(capacity, dtype=np.int64),
        delays=tuple(tuple(d) for d in delays),
        name=project.key,
    )
    return ProjectInstance(instance, tuple(leaves), tuple(people), tuple(units), resolution)
