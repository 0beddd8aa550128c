"""The S-curve: planned and actual cumulative percent complete, week by week.

Planned: each leaf task's planned window (baseline, else schedule, else plan dates) worked
evenly over its working days, weighted by duration, as for "Planned % complete".
Actual: the plan records only today's percent complete, not its history, so progress is
taken to have accrued evenly over working days from each task's actual start (its planned
start when none is recorded) to its actual finish, or to the status date while it runs.
At the status date the actual curve equals "Actual % complete"; after it, it has no value.
"""

from __future__ import annotations

import datetime as dt

from pmo.engine.review.rows import CurvePoint
from pmo.engine.schedule import Schedule
from pmo.engine.schedule.compile import task_duration
from pmo.engine.timephase import Window, WorkingDays, leaves, planned_span, window, working_days
from pmo.model import Project, Task


def _actual(task: Task, placed: Window | None, axis: WorkingDays, day: dt.date, as_of: dt.date) -> float:
    """The share of `task` done by the end of `day` (0 to 1), on the even-accrual reading."""
    share = 1.0 if task.done else min(max(task.percent_complete, 0.0), 100.0) / 100
    if share == 0.0:
        return 0.0
    end = task.actual_finish if task.done and task.actual_finish else as_of
    if day >= end:
        return share
    begin = float(axis.count(task.actual_start - dt.timedelta(days=1))) if task.actual_start else (
        placed.start if placed else None)
    if begin is None:
        return 0.0
    length = axis.count(end) - begin
    if length <= 0:
        return share if day >= end else 0.0
    return share * min(max((axis.count(day) - begin) / length, 0.0), 1.0)


def _dates(start: dt.date, finish: dt.date, as_of: dt.date) -> list[dt.date]:
    days = {start, finish}
    day = start
    while day < finish:
        days.add(day)
        day += dt.timedelta(days=7)
    if start <= as_of <= finish:
        days.add(as_of)
    return sorted(days)


def s_curve(project: Project, as_of: dt.date, schedule: Schedule | None = None) -> tuple[CurvePoint, ...]:
    """Weekly points from the project's start to its finish (the status date included).

    Empty when no leaf task has a duration and dates.
    """
    tasks = [t for t in leaves(project) if not t.milestone and task_duration(t) > 0]
    span = planned_span(tasks, schedule)
    if not tasks or span is None:
        return ()
    start, finish = span
    if schedule is not None:
        start, finish = min(start, schedule.start), max(finish, schedule.finish)
    finish = max(finish, max((t.actual_finish for t in tasks if t.actual_finish), default=finish))
    axis = working_days(project, start, finish)
    placed = [(t, window(t, axis, schedule), task_duration(t)) for t in tasks]
    total = sum(weight for _, _, weight in placed)
    points = []
    for day in _dates(start, finish, as_of):
        t = float(axis.count(day))
        planned = sum(weight * (w.planned(t) if w else 0.0) for _, w, weight in placed)
        actual = (
            100 * sum(weight * _actual(task, w, axis, day, as_of) for task, w, weight in placed) / total
            if day <= as_of else None
        )
        points.append(CurvePoint(day, round(100 * planned / total, 4), None if actual is None else round(actual, 4)))
    return tuple(points)
