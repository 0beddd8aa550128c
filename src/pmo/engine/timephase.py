"""Working days and planned windows: the time axis earned value and the figures share.

Time here counts **working days of the project calendar** (its weekdays, public holidays
and the project's own days off), the way the schedule engine counts it. A task's planned
window is its baseline when it has one, else its scheduled dates (when a `Schedule` is
given), else the dates the plan states; its planned work spreads evenly over the working
days of that window, and a day counts as worked by the end of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from pmo.engine.schedule import Schedule
from pmo.engine.schedule.bounds import project_calendar
from pmo.engine.schedule.calendars import working_mask
from pmo.model import Calendar, Project, Task

Origin = Literal["baseline", "schedule", "plan"]
_EPOCH = dt.date(1970, 1, 1)


class WorkingDays:
    """The working dates of one calendar, counted from an origin date.

    `count(day)` is the number of working days from the origin through `day` (inclusive),
    so the end of the origin's working day is 1; `date_at(t)` is the working day in which
    the axis point `t` falls (``t`` in ``(k, k + 1]`` is the ``k``-th working day, from 0).
    """

    def __init__(self, calendar: Calendar, origin: dt.date, last: dt.date | None = None) -> None:
        self.calendar = calendar
        self.origin = origin
        self._first = origin - dt.timedelta(days=400)
        self._last = max(last or origin, origin) + dt.timedelta(days=400)
        self._build()

    def _build(self) -> None:
        mask = working_mask(self.calendar, self._first, self._last)
        base = (self._first - _EPOCH).days
        self._days: npt.NDArray[np.int64] = np.flatnonzero(mask).astype(np.int64) + base
        self._zero = int(np.searchsorted(self._days, (self.origin - _EPOCH).days, side="left"))

    def _cover(self, day: dt.date) -> None:
        while day < self._first or day > self._last:
            if day < self._first:
                self._first -= dt.timedelta(days=(self._last - self._first).days)
            else:
                self._last += dt.timedelta(days=(self._last - self._first).days)
            self._build()

    def count(self, day: dt.date) -> int:
        """Working days from the origin through `day` (negative before the origin)."""
        self._cover(day)
        return int(np.searchsorted(self._days, (day - _EPOCH).days, side="right")) - self._zero

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
        return self.count(end) - self.count(start)

    def date_at(self, point: float) -> dt.date | None:
        """The working day an axis point falls in (None beyond the calendar's range)."""
        index = max(int(np.ceil(point - 1e-9)) - 1, 0) + self._zero
        while index >= len(self._days):
            if self._last.year > 9000:
                return None
            self._last += dt.timedelta(days=(self._last - self._first).days)
            self._build()
            index = max(int(np.ceil(point - 1e-9)) - 1, 0) + self._zero
        return _EPOCH + dt.timedelta(days=int(self._days[index]))


@dataclass(frozen=True)
class Window:
    """A task's planned window on the working-day axis: from `start` to `end` (end > start,
    or equal for a milestone, which completes at `end`)."""

    task: Task
    start: float
    end: float
    origin: Origin

    def planned(self, t: float) -> float:
        """The planned share of the task done by axis point `t` (0 to 1)."""
        if self.end <= self.start:
            return 1.0 if t >= self.end else 0.0
        return min(max((t - self.start) / (self.end - self.start), 0.0), 1.0)


def working_days(project: Project, origin: dt.date, last: dt.date | None = None) -> WorkingDays:
    """The project calendar's working days counted from `origin`."""
    return WorkingDays(project_calendar(project), origin, last)


def leaves(project: Project) -> list[Task]:
    """Tasks with no children (the work itself, milestones included)."""
    parents = {t.parent for t in project.tasks if t.parent}
    return [t for t in project.tasks if t.id not in parents]


def dates_of(task: Task, schedule: Schedule | None) -> tuple[dt.date, dt.date, Origin] | None:
    """A task's planned dates: baseline, else scheduled, else the plan's own; None if none."""
    if task.baseline_start and task.baseline_finish:
        return task.baseline_start, task.baseline_finish, "baseline"
    if schedule is not None and task.id in schedule.tasks:
        record = schedule.tasks[task.id]
        return record.start, record.finish, "schedule"
    start = task.start or task.finish
    finish = task.finish or task.start
    if start and finish:
        return start, finish, "plan"
    return None


def window(task: Task, axis: WorkingDays, schedule: Schedule | None) -> Window | None:
    """The task's planned window on `axis` (None when it has no dates at all)."""
    dates = dates_of(task, schedule)
    if dates is None:
        return None
    start, finish, origin = dates
    end = float(axis.count(max(start, finish)))
    if task.milestone:
        return Window(task, end, end, origin)
    begin = float(axis.count(start - dt.timedelta(days=1)))
    return Window(task, min(begin, end), end, origin)


def planned_span(tasks: Iterable[Task], schedule: Schedule | None) -> tuple[dt.date, dt.date] | None:
    """The earliest planned start and latest planned finish of `tasks`."""
    spans = [d for d in (dates_of(t, schedule) for t in tasks) if d is not None]
    if not spans:
        return None
    return min(min(s, f) for s, f, _ in spans), max(max(s, f) for s, f, _ in spans)


def origins_text(windows: Sequence[Window]) -> str:
    """How many windows came from the baseline, the schedule and the plan's dates."""
    counts = {name: sum(1 for w in windows if w.origin == name) for name in ("baseline", "schedule", "plan")}
    labels = {"baseline": "baseline dates", "schedule": "scheduled dates", "plan": "the plan's dates"}
    parts = [f"{n} on {labels[name]}" for name, n in counts.items() if n]
    return ", ".join(parts) if parts else "no dated task"
