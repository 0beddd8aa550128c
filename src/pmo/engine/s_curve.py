"""The S-curve: planned and actual cumulative percent complete, week by week.

Planned: each leaf task's planned window (baseline, else schedule, else plan dates) worked
evenly over its working days, weighted by duration, as for "Planned % complete".
Actual: the plan records only today's percent complete, not its history, so progress is
taken to have accrued evenly over working days from each task's actual start (its planned
start when none is recorded) to its actual finish, or to the status date while it runs.
At the status date the actual curve equals "Actual % complete"; after it, it has no value.
Computed on arrays: one vector operation per point, not one record per task and step.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from pmo.engine.review.rows import CurvePoint
from pmo.engine.schedule import Schedule
from pmo.engine.schedule.compile import task_duration
from pmo.engine.timephase import leaves, planned_span, window, working_days
from pmo.model import Project


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
    weight = np.array([w for _, _, w in placed], dtype=np.float64)
    total = float(weight.sum())
    dated = np.array([w is not None for _, w, _ in placed])
    first = np.array([w.start if w else 0.0 for _, w, _ in placed])
    last = np.array([w.end if w else 0.0 for _, w, _ in placed])
    length = last - first
    share = np.array([1.0 if t.done else min(max(t.percent_complete, 0.0), 100.0) / 100 for t in tasks])
    ends = [t.actual_finish if t.done and t.actual_finish else as_of for t in tasks]
    end_day = np.array([end.toordinal() for end in ends])
    begin = np.array([float(axis.count(t.actual_start - dt.timedelta(days=1))) if t.actual_start
                      else (w.start if w else np.nan) for t, w, _ in placed])
    accrual = np.array([axis.count(end) for end in ends], dtype=np.float64) - begin
    points = []
    for day in _dates(start, finish, as_of):
        t = float(axis.count(day))
        spread = np.clip((t - first) / np.where(length > 0, length, 1.0), 0.0, 1.0)
        planned_share = np.where(dated, np.where(length > 0, spread, (t >= last).astype(np.float64)), 0.0)
        planned = float(np.dot(weight, planned_share))
        actual = None
        if day <= as_of:
            running = np.clip((t - begin) / np.where(accrual > 0, accrual, 1.0), 0.0, 1.0)
            running = np.where(np.isnan(begin) | ~(accrual > 0), 0.0, running)
            done_share = np.where(day.toordinal() >= end_day, share, share * running)
            actual = 100 * float(np.dot(weight, done_share)) / total
        points.append(CurvePoint(day, round(100 * planned / total, 4), None if actual is None else round(actual, 4)))
    return tuple(points)
