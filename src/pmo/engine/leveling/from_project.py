"""A `Project`'s plan as an `RcpspInstance`: leaf tasks, people as resources, links as delays.

Time runs in steps of ``1 / resolution`` day from the origin (the status date when given,
else the project start, else the status date), on the calendar: period t is day
``t // resolution`` after the origin. Each task works only on the days its calendar opens:
the project's calendar, the task's own, the calendar of each of its people (assignees and
owner, as the schedule engine takes them) and none of their absences; it pauses on the
other days (see `calendar_kernels`). A person's capacity is thus 0 on their days off and
absences: no task of theirs works then. Without any date (no origin) there is no calendar:
time counts working days and every day is open. Activity 0 is a dummy source, the last
one a dummy sink. Each person assigned to a task is a renewable resource whose capacity is their
`capacity` in hundredths of a full-time day; an assignment's `units` is the demand in
the same hundredths (capped at the person's capacity, so that the plan stays feasible).

Links keep their type (FS, SS, FF, SF); a lag counts working days of the project calendar,
or calendar days when elapsed. Without calendars they become minimum start-to-start
delays: FS ``d_p + lag``, SS ``lag``, FF ``d_p + lag - d_s``, SF ``lag - d_s``, an elapsed
day counting 5/7 of a working day. A link to or from a summary task applies to each of
its leaf tasks. A release date (an early start given by the CPM, in working days of the
project calendar) becomes a link from the source. Once a status
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

from pmo.engine.leveling.instance import ELAPSED, FF, FS, SF, SS, CalendarSpec, RcpspInstance
from pmo.engine.schedule.bounds import project_calendar
from pmo.engine.schedule.calendars import working_mask
from pmo.errors import InputError
from pmo.model import Absence, Calendar, LagUnit, LinkType, Project, Task

CODES = {LinkType.FS: FS, LinkType.SS: SS, LinkType.FF: FF, LinkType.SF: SF}
LONGEST_DAYS = 40 * 366  # a plan that needs more than 40 years of calendar is refused


@dataclass(frozen=True, eq=False)
class ProjectInstance:
    """An instance built from a project, with the names of its activities and resources.

    `tasks[i]` is the task of activity i + 1; `people[k]` the person id of resource k;
    `units[i][k]` the share of a full-time day task i books from person k (before capping).
    `origin` is the date of period 0 on calendars (None: time counts working days).
    """

    instance: RcpspInstance
    tasks: tuple[Task, ...]
    people: tuple[str, ...]
    units: tuple[dict[int, float], ...]
    resolution: int
    origin: dt.date | None = None


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


def _row_key(project: Project, task: Task, known: dict[str, Calendar]) -> tuple[tuple[str, ...], tuple[Absence, ...]]:
    """The calendars a task works on (beside the project's) and the absences that stop it."""
    refs = [a.person for a in task.assignments]
    if isinstance(task.owner, str):
        refs.append(task.owner)
    persons = [p for p in (project.person(ref) for ref in refs) if p is not None]
    ids = {p.id for p in persons} | set(refs)
    own = {c for c in (task.calendar, *(p.calendar for p in persons)) if c and c in known}
    absences = tuple(a for a in project.absences if a.person in ids or any(p.matches(a.person) for p in persons))
    return tuple(sorted(own)), absences


def _day_masks(
    keys: list[tuple[tuple[str, ...], tuple[Absence, ...]]], default: Calendar, known: dict[str, Calendar],
    origin: dt.date, days: int,
) -> np.ndarray:
    """(rows, days): True where a row works; row 0 the project calendar alone."""
    last = origin + dt.timedelta(days=days - 1)
    base = working_mask(default, origin, last)
    masks = np.repeat(base[None, :], len(keys), axis=0)
    cache: dict[str, np.ndarray] = {}
    for r, (calendars, absences) in enumerate(keys):
        for c in calendars:
            if c not in cache:
                cache[c] = working_mask(known[c], origin, last)
            masks[r] &= cache[c]
        for a in absences:
            first, end = max((a.start - origin).days, 0), min((a.end - origin).days, days - 1)
            if first <= end:
                masks[r, first:end + 1] = False
    return masks


def _calendar_spec(
    project: Project, leaves: list[Task], dur: list[int], arcs: dict[tuple[int, int, int], int],
    origin: dt.date, resolution: int, days: int | None,
) -> CalendarSpec:
    """The rows of the plan's tasks on an axis of `days` days (by default about one and a half
    times the work and the lags; longer when a task's calendar needs it)."""
    default = project_calendar(project)
    known = {c.id: c for c in project.calendars}
    index: dict[tuple[tuple[str, ...], tuple[Absence, ...]], int] = {((), ()): 0}
    rows = [0] * (len(leaves) + 2)
    for i, task in enumerate(leaves):
        if dur[i + 1] > 0:
            rows[i + 1] = index.setdefault(_row_key(project, task, known), len(index))
    keys = list(index)
    lags = sum(max(0, lag) for lag in arcs.values())
    days = days or int(1.5 * (sum(dur) + lags) / resolution) + 60
    while True:
        day_open = _day_masks(keys, default, known, origin, days)
        open_ = np.repeat(day_open, resolution, axis=1)
        counts = open_.sum(axis=1)
        short = [i for i in range(len(leaves)) if counts[rows[i + 1]] < dur[i + 1]]
        if not short:
            break
        if days >= LONGEST_DAYS:
            task = leaves[short[0]]
            why = ("has no working day: its calendar, its people's calendars and absences close every day"
                   if not counts[rows[short[0] + 1]] else "cannot be done within 40 years on its calendar")
            raise InputError(f"cannot level {project.key}: task {task.id} ({task.name}) {why}")
        days = min(LONGEST_DAYS, 2 * days)
    links: list[list[int]] = [[] for _ in rows]
    for a, _, code in sorted(arcs):
        links[a].append(code)
    return CalendarSpec(open=open_, rows=np.array(rows, dtype=np.int64), links=tuple(tuple(c) for c in links))


def build_instance(
    project: Project,
    as_of: dt.date | None = None,
    releases: dict[str, float] | None = None,
    resolution: int = 1,
    days: int | None = None,
) -> ProjectInstance:
    """The plan of `project` as an RCPSP instance (see the module's docstring); on calendars,
    over at least `days` days (see `_calendar_spec`)."""
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
    origin = as_of or project.start or project.status_date
    arcs: dict[tuple[int, int, int], int] = {}

    def link(a: int, b: int, delay: int, code: int = 0) -> None:
        if a != b:
            arcs[(a, b, code)] = max(arcs.get((a, b, code), delay), delay)

    for i, task in enumerate(leaves):
        release = max(0, round((releases or {}).get(task.id, 0.0) * resolution))
        link(0, i + 1, release, FS if origin else 0)
        link(i + 1, m + 1, 0 if origin else dur[i + 1], FS if origin else 0)
    for dep in project.dependencies:
        elapsed = dep.lag_unit is LagUnit.ELAPSED
        for p in covers.get(dep.predecessor, []):
            for s in covers.get(dep.successor, []):
                if origin:
                    link(p + 1, s + 1, round(dep.lag * resolution), CODES[dep.type] | (ELAPSED if elapsed else 0))
                    continue
                lag = round(dep.lag * (5 / 7 if elapsed else 1.0) * resolution)
                dp, ds = dur[p + 1], dur[s + 1]
                by_type = {
                    LinkType.FS: dp + lag, LinkType.SS: lag, LinkType.FF: dp + lag - ds, LinkType.SF: lag - ds
                }
                link(p + 1, s + 1, by_type[dep.type])
    if as_of is not None:
        _running_first(leaves, {(a, b): 0 for a, b, _ in arcs}, lambda a, b, _: link(a, b, 0, SS if origin else 0))
    spec = _calendar_spec(project, leaves, dur, arcs, origin, resolution, days) if origin else None
    successors: list[list[int]] = [[] for _ in range(m + 2)]
    delays: list[list[int]] = [[] for _ in range(m + 2)]
    for (a, b, _), delay in sorted(arcs.items()):
        successors[a].append(b)
        delays[a].append(delay)
    instance = RcpspInstance(
        durations=np.array(dur, dtype=np.int64),
        successors=tuple(tuple(s) for s in successors),
        demands=demands,
        capacities=np.array(capacity, dtype=np.int64),
        delays=tuple(tuple(d) for d in delays),
        name=project.key,
        calendar=spec,
    )
    return ProjectInstance(instance, tuple(leaves), tuple(people), tuple(units), resolution, origin)
