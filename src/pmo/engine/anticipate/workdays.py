"""Working days of the project calendar (its weekdays, public holidays and own days off), by date.

`ProjectDays(project)` answers "is this a working day", "the n-th working day before or after
a date" and "the working days between two dates" on the calendar the schedule uses
(`pmo.engine.schedule.bounds.project_calendar`), a year at a time.
"""

from __future__ import annotations

import datetime as dt

from pmo.engine.schedule.bounds import project_calendar
from pmo.engine.schedule.calendars import working_mask
from pmo.model import Project

_LIMIT = 3660  # days searched for a working day before giving up (ten years)


class ProjectDays:
    """The working days of a project's calendar."""

    def __init__(self, project: Project) -> None:
        self.calendar = project_calendar(project)
        self._years: dict[int, frozenset[dt.date]] = {}

    def works(self, day: dt.date) -> bool:
        """Whether the project works on `day`."""
        year = self._years.get(day.year)
        if year is None:
            first = dt.date(day.year, 1, 1)
            mask = working_mask(self.calendar, first, dt.date(day.year, 12, 31))
            year = frozenset(first + dt.timedelta(days=int(i)) for i in mask.nonzero()[0])
            self._years[day.year] = year
        return day in year

    def shift(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (before it when negative); `day` itself for 0."""
        step = 1 if count >= 0 else -1
        remaining, searched = abs(count), 0
        while remaining:
            day += dt.timedelta(days=step)
            searched += 1
            if searched > _LIMIT * max(1, abs(count)):
                raise ValueError(f"calendar {self.calendar.id}: no working day within ten years of {day}")
            if self.works(day):
                remaining -= 1
        return day

    def within(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The working days from `start` to `end`, both included (none when `end` is earlier)."""
        days, day = [], start
        while day <= end:
            if self.works(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def horizon(self, as_of: dt.date, workdays: int) -> dt.date:
        """The last day of a look-ahead of `workdays` working days after `as_of`."""
        return self.shift(as_of, workdays)
