"""An independent check of a scheduled plan: links, constraints, task calendars, daily loads.

It reads only the plan and the dates the schedule gives each task, and counts working days
with its own calendar arithmetic (no code of the schedule engine), so a recovery option can
be checked by something other than what proposed it. Each check returns the violations as
text; a changed plan is valid when it has none its original did not have.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

import holidays

from pmo.engine.schedule import Schedule
from pmo.model import Calendar, ConstraintType, LagUnit, LinkType, Project, Task


@functools.cache
def public_holidays(country: str | None, subdivision: str | None, year: int) -> frozenset[dt.date]:
    if not country:
        return frozenset()
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=[year]).keys())


def works(calendar: Calendar, day: dt.date) -> bool:
    """True when `calendar` works on `day` (weekday, its and the country's holidays, working exceptions)."""
    if day in calendar.working_dates:
        return True
    return (day.weekday() in calendar.working_weekdays and day not in calendar.holidays
            and day not in public_holidays(calendar.country, calendar.subdivision, day.year))


@dataclass(frozen=True)
class Days:
    """The project calendar's working days around a plan, as a list and an index."""

    dates: tuple[dt.date, ...]
    index: Mapping[dt.date, int]

    @classmethod
    def of(cls, calendar: Calendar, first: dt.date, last: dt.date) -> Days:
        found, day = [], first
        while day <= last:
            if works(calendar, day):
                found.append(day)
            day += dt.timedelta(days=1)
        return cls(tuple(found), {d: i for i, d in enumerate(found)})

    def on_or_before(self, day: dt.date) -> int:
        while day not in self.index:
            day -= dt.timedelta(days=1)
        return self.index[day]

    def between(self, later: dt.date, earlier: dt.date) -> int:
        """Working days from `earlier` to `later` (later's own day counted, earlier's not)."""
        return self.on_or_before(later) - self.on_or_before(earlier)


def project_calendar(project: Project) -> Calendar:
    return next((c for c in project.calendars if c.id == project.calendar), project.calendars[0])


def _people(project: Project, task: Task) -> set[str]:
    ids = {a.person for a in task.assignments}
    if isinstance(task.owner, str):
        ids.add(task.owner)
    return ids


def _away(project: Project, people: set[str], day: dt.date) -> bool:
    return any(a.person in people and a.covers(day) for a in project.absences)


def check(project: Project, computed: Schedule, as_of: dt.date, days: Days) -> set[str]:
    """Every link, constraint and calendar the schedule of `project` breaks (not loads: see `loads`)."""
    broken: set[str] = set()
    calendar = project_calendar(project)
    rows = computed.tasks
    span: dict[str, tuple[int, int]] = {}
    points: set[str] = set()
    until: dict[str, int] = {}  # a task's finish may be any instant up to the next day it works
    for task in project.tasks:
        row = rows[task.id]
        if row.summary:
            continue
        if task.milestone or row.duration <= 0:  # a point in time: the start or the end of its day
            point = days.on_or_before(row.finish)
            span[task.id] = (point, point + 1)
            points.add(task.id)
        else:
            span[task.id] = (days.on_or_before(row.start), days.on_or_before(row.finish) + 1)
            end, people = span[task.id][1], _people(project, task)
            while end < len(days.dates) and _away(project, people, days.dates[end]):
                end += 1
            until[task.id] = end
        if task.started or task.done:
            continue
        if row.start < as_of:
            broken.add(f"{task.id} starts before the status date")
        if task.milestone or not (task.duration or 0) > 0:
            continue
        people = _people(project, task)
        for day in (row.start, row.finish):
            if not works(calendar, day) or _away(project, people, day):
                broken.add(f"{task.id} starts or ends on a day its calendar does not work ({day})")
        worked, day = 0, row.start
        while day <= row.finish:
            worked += works(calendar, day) and not _away(project, people, day)
            day += dt.timedelta(days=1)
        if worked != task.duration:
            broken.add(f"{task.id} works {worked} days, not its {task.duration:g}")
    for link in project.dependencies:
        if link.predecessor not in span or link.successor not in span:
            continue
        p, s = span[link.predecessor], span[link.successor]
        if link.predecessor in points:
            p = (p[0], p[0])
        if link.successor in points:
            s = (s[1], s[1])
        elif link.successor in until:
            s = (s[0], until[link.successor])
        lag = link.lag if link.lag_unit is LagUnit.WORKING else min(link.lag, 0.0)
        after = {LinkType.FS: p[1], LinkType.SS: p[0], LinkType.FF: p[1], LinkType.SF: p[0]}[link.type] + lag
        before = s[0] if link.type in (LinkType.FS, LinkType.SS) else s[1]
        if before < after - 1e-9:
            broken.add(f"link {link} is broken")
    for task in project.tasks:
        constraint = task.constraint
        if task.id not in span or task.done:
            continue
        start, finish = span[task.id]
        early, late = (finish, start) if task.id in points else (start, finish)  # a point may sit at either end
        if constraint is not None and constraint.date is not None:
            on = days.on_or_before(constraint.date)
            kept = {
                ConstraintType.SNET: early >= on,
                ConstraintType.SNLT: start <= on,
                ConstraintType.FNET: finish >= on + 1 or early >= on + 1,
                ConstraintType.FNLT: late <= on + 1,
                ConstraintType.MSO: start <= on <= early,
                ConstraintType.MFO: late <= on + 1 <= finish,
            }.get(constraint.type, True)
            if not kept:
                broken.add(f"{task.id} breaks its {constraint.type.value} {constraint.date}")
        if task.deadline is not None and late > days.on_or_before(task.deadline) + 1:
            broken.add(f"{task.id} misses its deadline")
    return broken


def loads(project: Project, computed: Schedule, as_of: dt.date, days: Days) -> dict[tuple[str, dt.date], float]:
    """Each person's load per date: every task they are assigned to, at its units, on each working day
    of the project calendar from its start (or the status date) to its finish."""
    found: dict[tuple[str, dt.date], float] = {}
    for task in project.tasks:
        row = computed.tasks[task.id]
        if task.milestone or row.summary or task.done or row.duration <= 0:
            continue
        for assignment in task.assignments:
            for day in days.dates:
                if max(row.start, as_of) <= day <= row.finish:
                    key = (assignment.person, day)
                    found[key] = found.get(key, 0.0) + assignment.units
    return found


def overbooked(before: Project, base: Schedule, after: Project, changed: Schedule, as_of: dt.date,
               days: Days) -> set[str]:
    """Person-days above capacity in the changed plan that were not (or not as much) before."""
    old, new = loads(before, base, as_of, days), loads(after, changed, as_of, days)
    capacity = {p.id: p.capacity for p in after.people}
    return {f"{who} at {load:g} on {day}" for (who, day), load in new.items()
            if load > max(capacity.get(who, 1.0), old.get((who, day), 0.0)) + 1e-9}


def away_booked(project: Project, computed: Schedule, as_of: dt.date) -> set[tuple[str, str]]:
    """(person, task) pairs where the person is booked on the task over a day they are away."""
    found = set()
    for task in project.tasks:
        row = computed.tasks[task.id]
        if task.milestone or task.done or row.duration <= 0:
            continue
        for assignment in task.assignments:
            if any(a.person == assignment.person and a.overlaps(max(row.start, as_of), row.finish)
                   for a in project.absences):
                found.add((assignment.person, task.id))
    return found
