"""Simple weekday arithmetic for deadlines the engines set (not the schedule's calendars)."""

from __future__ import annotations

import datetime as dt


def add_workdays(day: dt.date, count: int) -> dt.date:
    """The date `count` weekdays after `day` (before it when negative)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += dt.timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Weekdays from `start` (excluded) to `end` (included); negative when `end` is earlier."""
    if end < start:
        return -workdays_between(end, start)
    days = (end - start).days
    weeks, extra = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count
