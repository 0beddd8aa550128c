"""Working-day arithmetic on a calendar: the one helper the engines count working days with.

`Workdays(calendar)` answers "does the calendar work on this day", "the n-th working day
before or after a date", "the working days between two dates" and "how many working days
apart are two dates", on the schedule's own calendar code
(`pmo.engine.schedule.calendars.DateAxis`: the calendar's weekdays, the public holidays of
its country, its own days off and its extra working dates). `project_days(project)` is the
project calendar's (`pmo.engine.schedule.bounds.project_calendar`).

`add_workdays` and `workdays_between` count plain weekdays (Monday to Friday, the default
calendar) for the deadlines some engines set independently of the project calendar.
"""

from __future__ import annotations

import datetime as dt

from pmo.engine.schedule.bounds import project_calendar
from pmo.engine.schedule.calendars import DEFAULT_CALENDAR, DateAxis
from pmo.model import Calendar, Project

_ORIGIN = dt.date(2026, 1, 5)  # where an axis starts when no date is given: it grows both ways


class Workdays:
    """The working days of one calendar, from an axis that grows as far as it is asked."""

    def __init__(self, calendar: Calendar = DEFAULT_CALENDAR, origin: dt.date | None = None) -> None:
        self.calendar = calendar
        self._axis = DateAxis(calendar, origin or _ORIGIN)

    def works(self, day: dt.date) -> bool:
        """Whether the calendar works on `day`."""
        return self._axis.date(self._axis.index_on_or_after(day)) == day

    def shift(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (before it when negative); `day` itself for 0."""
        if count == 0:
            return day
        if count > 0:
            return self._axis.date(self._axis.index_on_or_before(day) + count)
        return self._axis.date(self._axis.index_on_or_after(day) + count)

    def within(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The working days from `start` to `end`, both included (none when `end` is earlier)."""
        first, last = self._axis.index_on_or_after(start), self._axis.index_on_or_before(end)
        return [self._axis.date(index) for index in range(first, last + 1)]

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days from `start` (excluded) to `end` (included); negative when `end` is earlier."""
        return self._axis.working_days_between(start, end)

    def distance(self, a: dt.date, b: dt.date) -> int:
        """Working days between `a` and `b`, either way (a day off counts as the next working day)."""
        return abs(self._axis.index_on_or_after(a) - self._axis.index_on_or_after(b))


def project_days(project: Project, origin: dt.date | None = None) -> Workdays:
    """The working days of the project's calendar."""
    return Workdays(project_calendar(project), origin or project.status_date)


_WEEKDAYS = Workdays()


def add_workdays(day: dt.date, count: int) -> dt.date:
    """The date `count` weekdays after `day` (before it when negative)."""
    return _WEEKDAYS.shift(day, count)


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Weekdays from `start` (excluded) to `end` (included); negative when `end` is earlier."""
    return _WEEKDAYS.between(start, end)
