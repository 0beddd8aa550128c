"""Resource leveling: the plan moved so nobody is booked above capacity, and who was.

`level(project, as_of)` turns the plan into a resource-constrained scheduling problem
(`from_project`), solves it with the activity-list GA (`solve.solve`) and returns a
`Leveling`: start and finish offsets of every leaf task in working days of the project
calendar from the origin (the status date when given, else the project start), before and
after leveling, the days each task works, the periods in which a person is booked above
capacity in the unleveled plan, and one `resource-overload` finding per such period.

The search runs on the calendar: a task works only on the days its calendar, its
people's calendars and their absences open, and pauses on the others (weekends, public
holidays, days off), so a person is never booked on a day they do not work. The unleveled
plan starts each task at its early start on the same calendars: at or after the CPM's
when the caller passes `early_start` (task id -> working days from the origin), else the
longest path through the links from the origin. Without any date (no origin) time counts
working days and every day is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from pmo.engine.leveling.from_project import LONGEST_DAYS, ProjectInstance, build_instance
from pmo.engine.leveling.solve import finishes, solve, worked
from pmo.errors import InputError
from pmo.model import Finding, Project, Severity, Subject


@dataclass(frozen=True)
class Overload:
    """A person booked above capacity from day `first` to day `last` (offsets, inclusive)."""

    person: str
    name: str
    first: float
    last: float
    peak: float  # the highest booking in the period, as a share of a full-time day
    capacity: float
    tasks: tuple[str, ...]
    alone: tuple[str, ...] = ()  # tasks that book the person above capacity by themselves


@dataclass(frozen=True)
class Leveling:
    """Start and finish offsets (working days from `origin`) before and after leveling.

    Offsets count working days of the project calendar: a start at offset k is the start of
    the k-th working day from the origin, a finish at k the end of day k - 1. `workdays[k]`
    is that day's distance in calendar days from the origin; `worked[t]` the days task t
    works in the leveled plan (both empty without an origin).
    """

    origin: dt.date | None
    starts: dict[str, float]
    finishes: dict[str, float]
    early_starts: dict[str, float]
    early_finishes: dict[str, float]
    overloads: tuple[Overload, ...]
    findings: tuple[Finding, ...]
    schedules: int
    workdays: tuple[int, ...] = ()
    worked: dict[str, tuple[dt.date, ...]] = field(default_factory=dict)

    @property
    def finish(self) -> float:
        """The leveled plan's end (offset)."""
        return max(self.finishes.values(), default=0.0)

    @property
    def unleveled_finish(self) -> float:
        """The unleveled plan's end (offset)."""
        return max(self.early_finishes.values(), default=0.0)

    def delay(self, task_id: str) -> float:
        """How many working days leveling moved a task."""
        return self.starts[task_id] - self.early_starts[task_id]

    def date(self, offset: float) -> dt.date | None:
        """The working day at `offset` (None without an origin, or before it)."""
        k = int(offset)
        if self.origin is None or not 0 <= k < len(self.workdays):
            return None
        return self.origin + dt.timedelta(days=self.workdays[k])


def _day(leveling: Leveling, offset: float) -> str:
    date = leveling.date(offset)
    return date.isoformat() if date else f"working day {int(offset)}"


def _periods(built: ProjectInstance, starts: np.ndarray) -> list[np.ndarray]:
    """The periods each task works at `starts`, counted in project working periods."""
    inst = built.instance
    net = inst.network
    found = [worked(inst, starts, i + 1) for i in range(len(built.tasks))]
    if not net.calendar:
        return found
    cum = net.cal[1][0]
    return [cum[p] for p in found]


def _overloads(built: ProjectInstance, starts: np.ndarray, project: Project) -> list[Overload]:
    res = built.resolution
    periods = _periods(built, starts)
    end = max((int(p.max()) + 1 for p in periods if len(p)), default=0)
    found = []
    for k, person_id in enumerate(built.people):
        usage = np.zeros(end + 1)
        active: list[list[int]] = [[] for _ in range(end + 1)]
        for i, booked in enumerate(built.units):
            if booked.get(k) and len(periods[i]):
                usage[periods[i]] += booked[k]
                for t in periods[i]:
                    active[int(t)].append(i)
        person = project.person(person_id)
        capacity = person.capacity if person else 1.0
        over = usage > capacity + 1e-9
        t = 0
        while t <= end:
            if not over[t]:
                t += 1
                continue
            u = t
            while u + 1 <= end and over[u + 1]:
                u += 1
            tasks = sorted({i for v in range(t, u + 1) for i in active[v]})
            found.append(Overload(
                person=person_id, name=person.name if person else person_id, first=t / res,
                last=u / res, peak=float(usage[t : u + 1].max()), capacity=capacity,
                tasks=tuple(built.tasks[i].id for i in tasks),
                alone=tuple(built.tasks[i].id for i in tasks if built.units[i][k] > capacity + 1e-9),
            ))
            t = u + 1
    return found


def _finding(o: Overload, leveling: Leveling, project: Project) -> Finding:
    person = project.person(o.person)
    level = f"{round(o.peak * 100)} %"
    if abs(o.capacity - 1.0) > 1e-9:
        level += f" of a full day (capacity {round(o.capacity * 100)} %)"
    first, last = _day(leveling, o.first), _day(leveling, o.last)
    message = f"{o.name} is booked at {level} from {first} to {last}."
    names = {t.id: t.name for t in project.tasks}
    moved = [t for t in o.tasks if leveling.delay(t) > 0]
    slip = leveling.finish - leveling.unleveled_finish
    detail = {
        "tasks": ", ".join(f"{t} ({names.get(t, t)})" for t in o.tasks),
        "who": o.name,
        "impact": (f"Leveling moves the plan's end by {slip:g} working days." if slip > 0
                   else "Leveling absorbs it without moving the plan's end."),
    }
    if o.alone:
        suggestion = (f"{', '.join(o.alone)} alone book{'s' if len(o.alone) == 1 else ''} {o.name} above "
                      f"capacity: lower the booking and stretch the work, or share it with someone else.")
    elif moved:
        shifts = "; ".join(f"start {t} on {_day(leveling, leveling.starts[t])} "
                           f"instead of {_day(leveling, leveling.early_starts[t])}" for t in moved)
        suggestion = f"Level the plan ({shifts}), or share the work with someone who has capacity."
    else:
        suggestion = "Share the work with someone who has capacity, or lower the booking."
    return Finding(
        code="resource-overload", severity=Severity.WARNING,
        subject=Subject("person", o.person, o.name), message=message, detail=detail,
        suggestion=suggestion, source=person.source if person else project.source,
    )


def level(
    project: Project, as_of: dt.date | None = None, *, early_start: dict[str, float] | None = None,
    schedules: int = 1000, seed: int = 0, resolution: int = 1,
) -> Leveling:
    """Level `project`'s plan (see the module's docstring); at most `schedules` tried.

    `resolution` is the number of time steps per working day (durations round up to it).
    Raises `pmo.errors.InputError` when the links form a loop.
    """
    axis_days: int | None = None
    while True:
        built = build_instance(project, as_of, early_start, resolution, axis_days)
        inst = built.instance
        try:
            net = inst.network
        except ValueError as exc:
            raise InputError(f"cannot level {project.key}: {exc}") from None
        if net.cp_bound <= net.horizon:
            result = solve(inst, schedules=schedules, seed=seed)
            if result.makespan <= net.horizon:
                break
        # on calendars, the axis was too short for the plan (pauses longer than guessed): twice as long
        axis_days = 2 * net.horizon // resolution
        if axis_days > LONGEST_DAYS:
            raise InputError(f"cannot level {project.key}: the plan needs more than 40 years of calendar")
    early = net.est.copy()
    if not net.calendar:
        for i, task in enumerate(built.tasks):
            if early_start and task.id in early_start:
                early[i + 1] = max(0, round(early_start[task.id] * resolution))
    ids = [t.id for t in built.tasks]
    offset = _offsets(built)
    start_at, end_at = result.starts, finishes(inst, result.starts)
    early_end = finishes(inst, early)
    origin = built.origin
    workdays: tuple[int, ...] = ()
    days: dict[str, tuple[dt.date, ...]] = {}
    if origin is not None and net.calendar:
        opens = np.flatnonzero(inst.calendar.open[0] if inst.calendar is not None else ())
        workdays = tuple(int(t) // resolution for t in opens[::resolution])
        days = {t: tuple(origin + dt.timedelta(days=int(d)) for d in np.unique(worked(inst, start_at, i + 1)
                                                                                // resolution))
                for i, t in enumerate(ids)}
    leveling = Leveling(
        origin=origin,
        starts={t: offset(start_at[i + 1]) for i, t in enumerate(ids)},
        finishes={t: offset(end_at[i + 1]) for i, t in enumerate(ids)},
        early_starts={t: offset(early[i + 1]) for i, t in enumerate(ids)},
        early_finishes={t: offset(early_end[i + 1]) for i, t in enumerate(ids)},
        overloads=(), findings=(), schedules=result.schedules, workdays=workdays, worked=days,
    )
    overloads = tuple(_overloads(built, early, project))
    findings = tuple(_finding(o, leveling, project) for o in overloads)
    return replace(leveling, overloads=overloads, findings=findings)


def _offsets(built: ProjectInstance) -> Callable[[int], float]:
    """Period -> working days of the project calendar from the origin."""
    net, res = built.instance.network, float(built.resolution)
    if not net.calendar:
        return lambda t: float(t) / res
    cum = net.cal[1][0]
    last = len(cum) - 1
    return lambda t: float(cum[min(int(t), last)]) / res
