"""Deliverables falling due within the look-ahead horizon with too little progress.

A deliverable (a task marked `deliverable`, not a summary, not done) is **due** on the finish
the plan states (else its baseline finish); it is watched when that date is from the status
date to the horizon (`settings.governance.lookahead_days` working days of the project calendar). Its
**expected progress** is the share of the working days of its planned window (plan start to
due date) elapsed before the status date; progress is **too little** when its percent complete
is more than `MARGIN` points below that. The schedule's forecast finish is given alongside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from pmo.engine.workdays import Workdays, project_days
from pmo.model import Project, Task

MARGIN = 10.0  # percentage points of progress behind the elapsed share that are tolerated


@dataclass(frozen=True)
class DueSoon:
    """A deliverable due within the horizon: its due date, expected and actual progress, forecast."""

    task: Task
    due: dt.date
    expected: float
    workdays_left: int
    forecast: dt.date | None


def _expected(task: Task, due: dt.date, as_of: dt.date, days: Workdays) -> float | None:
    """The share (0-100) of the planned window's working days elapsed before `as_of`."""
    start = task.start or task.baseline_start
    if start is None or start > due:
        return None
    window = days.within(start, due)
    if not window:
        return None
    elapsed = sum(1 for day in window if day < as_of)
    return 100.0 * elapsed / len(window)


def deliverables_due_soon(
    project: Project, as_of: dt.date, forecasts: Mapping[str, dt.date], workdays: int | None = None
) -> list[DueSoon]:
    """The open deliverables due from `as_of` to the horizon whose progress is too little, soonest first."""
    days = project_days(project)
    end = days.shift(as_of, project.settings.governance.lookahead_days if workdays is None else workdays)
    parents = {task.parent for task in project.tasks if task.parent}
    found = []
    for task in project.tasks:
        if not task.deliverable or task.done or task.id in parents:
            continue
        due = task.finish or task.baseline_finish
        if due is None or not as_of <= due <= end:
            continue
        expected = _expected(task, due, as_of, days)
        if expected is None or task.percent_complete >= expected - MARGIN:
            continue
        found.append(DueSoon(task, due, expected, len(days.within(as_of, due)), forecasts.get(task.id)))
    return sorted(found, key=lambda d: (d.due, d.task.id))
