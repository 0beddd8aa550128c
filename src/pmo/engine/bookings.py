"""Bookings: each person's load per working day, summed on the computed schedule.

A task books every person assigned to it at the assignment's `units` (1.0 = a full day)
on each working day of the project calendar from its scheduled start (or the status
date, whichever is later) to its scheduled finish. Summaries, milestones and done tasks
book nothing. A person is overloaded on a day when the sum exceeds their `capacity`;
contiguous overloaded days merge into one period. No search: this is what the plan as
scheduled asks of people (`pmo level` searches for a plan that asks less).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from pmo.engine.schedule import Schedule
from pmo.model import Finding, Project, Severity, Subject

_EPS = 1e-9


@dataclass(frozen=True)
class Booking:
    """One person on one task: working-day indices `first` to `last` (inclusive) at `units`."""

    person: str
    task: str
    first: int
    last: int
    units: float


@dataclass(frozen=True)
class Period:
    """Contiguous working days a person is booked above capacity, the worst load, the tasks."""

    first: dt.date
    last: dt.date
    days: int
    peak: float
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class Overload:
    """A person booked above capacity: every period, the worst load, the tasks that collide."""

    person: str
    name: str
    capacity: float
    periods: tuple[Period, ...]
    tasks: tuple[str, ...]
    alone: tuple[str, ...]  # tasks that book the person above capacity by themselves

    @property
    def peak(self) -> float:
        return max(p.peak for p in self.periods)


def bookings(project: Project, schedule: Schedule, as_of: dt.date) -> tuple[Booking, ...]:
    """Every person's booking on every task still to work, in working days of the schedule's axis."""
    table, axis = schedule.tasks, schedule.internals.axis
    arrays = table.arrays
    found = []
    for task in project.tasks:
        if not task.assignments or task.id not in table:
            continue
        node = table.node(task.id)
        if arrays.summary[node] or arrays.done[node] or arrays.milestone[node] or arrays.duration[node] <= 0:
            continue
        row = table.record(node)
        first = axis.index_on_or_after(max(row.start, as_of))
        last = axis.index_on_or_before(row.finish)
        if last < first:
            continue
        for assignment in task.assignments:
            if assignment.units > 0:
                found.append(Booking(assignment.person, task.id, first, last, assignment.units))
    return tuple(found)


def overloads(project: Project, schedule: Schedule, as_of: dt.date) -> tuple[Overload, ...]:
    """Each person booked above capacity on the schedule, with the periods merged (by person id)."""
    by_person: dict[str, list[Booking]] = {}
    for booking in bookings(project, schedule, as_of):
        by_person.setdefault(booking.person, []).append(booking)
    axis = schedule.internals.axis
    found = []
    for person_id in sorted(by_person):
        booked = by_person[person_id]
        person = project.person(person_id)
        capacity = person.capacity if person else 1.0
        low = min(b.first for b in booked)
        high = max(b.last for b in booked)
        change = np.zeros(high - low + 2)
        for b in booked:
            change[b.first - low] += b.units
            change[b.last - low + 1] -= b.units
        load = np.cumsum(change)[:-1]
        over = load > capacity + _EPS
        if not over.any():
            continue
        edges = np.flatnonzero(np.diff(np.concatenate(([0], over.astype(np.int8), [0]))))
        periods = []
        for start, stop in zip(edges[::2], edges[1::2], strict=True):
            first, last = int(start) + low, int(stop) - 1 + low
            tasks = tuple(dict.fromkeys(b.task for b in booked if b.first <= last and b.last >= first))
            periods.append(Period(axis.date(first), axis.date(last), last - first + 1,
                                  float(load[start:stop].max()), tasks))
        tasks = tuple(dict.fromkeys(t for p in periods for t in p.tasks))
        alone = tuple(dict.fromkeys(b.task for b in booked if b.units > capacity + _EPS))
        found.append(Overload(person_id, person.name if person else person_id, capacity, tuple(periods),
                              tasks, alone))
    return tuple(found)


def schedule_day(schedule: Schedule) -> dt.date:
    """The status date the schedule was computed at (its start without one)."""
    return schedule.as_of or schedule.start


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def _name(project: Project, task_id: str) -> str:
    task = project.task(task_id)
    return task.name if task else task_id


def overload_finding(project: Project, schedule: Schedule, overload: Overload) -> Finding:
    """One `resource-overload` per person: the periods, the worst load, the tasks, what has float."""
    o = overload
    full = abs(o.capacity - 1.0) <= _EPS
    spans = [f"from {p.first.isoformat()} to {p.last.isoformat()}" if p.days > 1
             else f"on {p.first.isoformat()}" for p in o.periods]
    if len(o.periods) == 1:
        level = _percent(o.peak) + ("" if full else f" of a full day (capacity {_percent(o.capacity)})")
        message = f"{o.name} ({o.person}) is booked at {level} {spans[0]}."
    else:
        limit = "" if full else f" ({_percent(o.capacity)} of a full day)"
        listed = "; ".join(f"{_percent(p.peak)} {span}" for p, span in zip(o.periods, spans, strict=True))
        message = (f"{o.name} ({o.person}) is booked above capacity{limit} in {len(o.periods)} periods: "
                   f"{listed}; at worst {_percent(o.peak)}.")
    days = sum(p.days for p in o.periods)
    detail = {
        "tasks": ", ".join(f"{t} ({_name(project, t)})" for t in o.tasks),
        "who": f"{o.name} ({o.person})",
        "impact": f"{days} working day{'s' if days != 1 else ''} above capacity, at worst {_percent(o.peak)}",
    }
    floats = {t: schedule.tasks[t].total_float for t in o.tasks if t in schedule.tasks}
    started = {t for t in o.tasks if t in schedule.tasks and schedule.tasks[t].start < schedule_day(schedule)}
    movable = sorted((t for t in o.tasks if floats.get(t, 0.0) > _EPS and t not in o.alone),
                     key=lambda t: (t in started, -floats[t], t))
    if o.alone:
        verb = "books" if len(o.alone) == 1 else "book"
        alone = ", ".join(f"{t} ({_name(project, t)})" for t in o.alone)
        suggestion = (f"{alone} alone {verb} {o.name} above capacity: lower the booking and stretch the work, "
                      "or share it with someone else.")
    elif movable:
        best = movable[0]
        move = ("it is under way: lower its daily booking and stretch it" if best in started
                else "start it later")
        suggestion = (f"{best} ({_name(project, best)}) has {floats[best]:g} working days of float; {move} "
                      f"to spread {o.name}'s load, or share the work with someone who has capacity "
                      "(`pmo level` proposes a leveled plan).")
    else:
        suggestion = ("None of these tasks has float: share the work with someone who has capacity or lower the "
                      "booking; leveling would move the plan's end (`pmo level` shows by how much).")
    person = project.person(o.person)
    return Finding(
        code="resource-overload", severity=Severity.WARNING, subject=Subject("person", o.person, o.name),
        message=message, detail=detail, suggestion=suggestion, source=person.source if person else project.source,
    )
