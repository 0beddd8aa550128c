"""Constraints, deadlines, progress and calendars as per-node bounds on the axis.

Dates turn into axis points this way: a start on date D is the start of D's working day
(the next working day when D is not one); a finish on D is the end of D's working day
(the previous one when D is not one). See docs/schedule.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pmo.engine.schedule.calendars import DEFAULT_CALENDAR, DateAxis, TaskCalendar
from pmo.engine.schedule.compile import Structure
from pmo.engine.schedule.cpm import Bounds
from pmo.model import Absence, Calendar, ConstraintType, Project, Task


@dataclass
class Setup:
    """Bounds, calendars and progress facts the passes and the results need."""

    axis: DateAxis
    bounds: Bounds
    duration: npt.NDArray[np.float64]  # planned or remaining-adjusted working days
    calendars: dict[int, TaskCalendar]
    done: npt.NDArray[np.bool_]
    alap: npt.NDArray[np.bool_]
    min_day: npt.NDArray[np.int64]  # the earliest day a milestone may show on
    as_of: dt.date | None


def project_calendar(project: Project) -> Calendar:
    """The project's calendar: named by the project, else the first one, else Mon-Fri."""
    for calendar in project.calendars:
        if calendar.id == project.calendar:
            return calendar
    return project.calendars[0] if project.calendars else DEFAULT_CALENDAR


def project_start(project: Project, as_of: dt.date | None) -> dt.date:
    """The project's start, else its earliest dated task, else the status date."""
    if project.start is not None:
        return project.start
    dates = [day for task in project.tasks for day in (task.start, task.actual_start, task.baseline_start)
             if day is not None]
    if dates:
        return min(dates)
    return as_of or project.status_date or dt.date(2000, 1, 3)


Shared = dict[tuple[Calendar, tuple[Absence, ...]], TaskCalendar]


def _task_calendar(project: Project, task: Task, axis: DateAxis, default: Calendar,
                   shared: Shared | None = None) -> TaskCalendar | None:
    """The task's own availability (its calendar, else its people's, and their absences); None when
    it is the project's. Tasks with the same calendar and absences share one (its days are cached)."""
    people = [a.person for a in task.assignments]
    if isinstance(task.owner, str):
        people.append(task.owner)
    persons = [p for p in (project.person(ref) for ref in people) if p is not None]
    calendar_id = task.calendar or next((p.calendar for p in persons if p.calendar), None)
    calendar = next((c for c in project.calendars if c.id == calendar_id), default)
    ids = {p.id for p in persons} | set(people)
    absences = tuple(a for a in project.absences
                     if a.person in ids or any(p.matches(a.person) for p in persons)) if project.absences else ()
    if calendar is default and not absences:
        return None
    if shared is None:
        return TaskCalendar(axis, calendar, absences)
    key = (calendar, absences)
    found = shared.get(key)
    if found is None:
        found = shared[key] = TaskCalendar(axis, calendar, absences)
    return found


def build_setup(project: Project, structure: Structure, as_of: dt.date | None) -> Setup:
    """Bounds for every node of `structure` at status date `as_of` (None: plan only)."""
    default = project_calendar(project)
    axis = DateAxis(default, project_start(project, as_of))
    n = structure.network.size
    bounds = Bounds.free(n)
    duration = structure.network.duration.copy()
    done = np.zeros(n, dtype=bool)
    alap = np.zeros(n, dtype=bool)
    min_day = np.zeros(n, dtype=np.int64)
    calendars: dict[int, TaskCalendar] = {}
    shared: Shared = {}
    now = axis.index_on_or_after(as_of) if as_of is not None else None
    for node, task in enumerate(structure.tasks):
        if node in structure.children:
            continue
        if duration[node] == 0 and spans_its_dates(task):
            assert task.start is not None and task.finish is not None
            span = axis.index_on_or_before(task.finish) + 1 - axis.index_on_or_after(task.start)
            duration[node] = float(max(span, 0))
        calendar = _task_calendar(project, task, axis, default, shared)
        if calendar is not None and duration[node] > 0:
            calendars[node] = calendar
        if now is not None and (task.done or task.started):
            _progress(task, node, now, axis, bounds, duration, calendar)
            done[node] = task.done
            if task.done:
                continue
        elif now is not None:
            bounds.es_min[node] = max(bounds.es_min[node], now)
            min_day[node] = now
        _constrain(task, node, axis, bounds, duration, calendar, min_day, alap)
    return Setup(axis, bounds, duration, calendars, done, alap, min_day, as_of)


def spans_its_dates(task: Task) -> bool:
    """A task that gives a start and a finish but no duration or estimate (a spreadsheet's
    Start/Finish columns, a tracker's start and due dates): it lasts the working days between."""
    return (not task.milestone and task.duration is None and task.estimate is None
            and task.start is not None and task.finish is not None and task.finish >= task.start)


def _after(calendar: TaskCalendar | None, t: float, work: float) -> float:
    return t + work if calendar is None else calendar.add(t, work)


def _progress(task: Task, node: int, now: int, axis: DateAxis, bounds: Bounds,
              duration: npt.NDArray[np.float64], calendar: TaskCalendar | None) -> None:
    planned = float(duration[node])
    begun = task.actual_start or task.start
    if task.done:
        end = task.actual_finish or task.finish
        finish = float(axis.index_on_or_before(end) + 1) if end is not None else None
        if begun is not None:
            start = float(axis.index_on_or_after(begun))
        else:
            start = _after(calendar, finish if finish is not None else float(now), -planned)
        if finish is None:
            finish = _after(calendar, start, planned)
        if task.milestone:
            start = finish
        bounds.es_pin[node] = start
        duration[node] = max(finish - start, 0.0)
        bounds.lf_max[node] = start + duration[node]
        return
    remaining = task.remaining if task.remaining is not None else planned * (1 - task.percent_complete / 100)
    if begun is not None:
        start = float(axis.index_on_or_after(begun))
    else:
        start = _after(calendar, float(now), -planned * task.percent_complete / 100)
    worked = 0.0
    if start < now:
        worked = float(now) - start if calendar is None else _worked(calendar, start, float(now))
    bounds.es_pin[node] = start
    duration[node] = worked + max(float(remaining), 0.0)


def _worked(calendar: TaskCalendar, start: float, end: float) -> float:
    return float(sum(calendar.available(day) for day in range(int(start), int(end))))


def _constrain(task: Task, node: int, axis: DateAxis, bounds: Bounds, duration: npt.NDArray[np.float64],
               calendar: TaskCalendar | None, min_day: npt.NDArray[np.int64],
               alap: npt.NDArray[np.bool_]) -> None:
    d = float(duration[node])
    if task.deadline is not None:
        bounds.lf_max[node] = min(bounds.lf_max[node], axis.index_on_or_before(task.deadline) + 1)
    rule = task.constraint
    if rule is None:
        return
    if rule.type == ConstraintType.ALAP:
        alap[node] = True
    if rule.date is None:
        return
    start = float(axis.index_on_or_after(rule.date))
    finish = float(axis.index_on_or_before(rule.date) + 1)
    if task.milestone:
        if rule.type in (ConstraintType.FNET, ConstraintType.MFO, ConstraintType.FNLT):
            start = finish
        min_day[node] = max(min_day[node], axis.index_on_or_after(rule.date))
    kind = rule.type
    if kind == ConstraintType.SNET:
        bounds.es_min[node] = max(bounds.es_min[node], start)
    elif kind == ConstraintType.FNET:
        earliest = start if task.milestone else _after(calendar, finish, -d)
        bounds.es_min[node] = max(bounds.es_min[node], earliest)
    elif kind == ConstraintType.SNLT:
        bounds.lf_max[node] = min(bounds.lf_max[node], _after(calendar, start, d) if d else start)
    elif kind == ConstraintType.FNLT:
        bounds.lf_max[node] = min(bounds.lf_max[node], start if task.milestone else finish)
    elif kind in (ConstraintType.MSO, ConstraintType.MFO):
        on_start = kind == ConstraintType.MSO or task.milestone
        pin = start if on_start else _after(calendar, finish, -d)
        if np.isnan(bounds.es_pin[node]):
            bounds.es_pin[node] = pin
        bounds.lf_max[node] = min(bounds.lf_max[node], _after(calendar, pin, d) if d else pin)
