"""MSPDI calendars to pmo calendars: working weekdays, hours a day, exceptions.

MS Project writes each calendar's weekdays (`WeekDay` with `DayType` 1 = Sunday ... 7 =
Saturday) and its exceptions twice: expanded, as `WeekDay` entries of `DayType` 0 with a
`TimePeriod`, and (Project 2007 and later) as `Exceptions`, which may recur (daily,
weekly, monthly, yearly). pmo takes the expanded form when present and expands the
recurrences itself otherwise. A derived calendar (a resource's) inherits the weekdays
and exceptions of its `BaseCalendarUID`. Work weeks (`WorkWeeks`) are not read.
"""

from __future__ import annotations

import calendar as cal
import collections
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pmo.model import Calendar, Finding, Source
from pmo.sources.cells import skipped
from pmo.sources.mspdi.fields import (
    MAX_EXCEPTION_DAYS,
    BadValue,
    Q,
    get_datetime,
    get_int,
    line_of,
    text,
)


@dataclass
class _Day:
    working: bool
    minutes: int = 0
    start: dt.time | None = None


@dataclass
class _Raw:
    uid: int
    name: str
    base: int | None
    line: int | None
    days: dict[int, _Day] = field(default_factory=dict)  # 0 = Monday
    exceptions: dict[dt.date, bool] = field(default_factory=dict)  # date -> working


def _working_time(day: Any) -> tuple[int, dt.time | None]:
    minutes, start = 0, None
    for span in day.iter(Q + "WorkingTime"):
        begin, end = text(span, "FromTime"), text(span, "ToTime")
        if begin is None or end is None:
            continue
        try:
            t0, t1 = dt.time.fromisoformat(begin), dt.time.fromisoformat(end)
        except ValueError:
            raise BadValue(line_of(span), f"working time {begin!r}-{end!r} is not a time range") from None
        length = (t1.hour * 60 + t1.minute) - (t0.hour * 60 + t0.minute)
        if length <= 0:  # 00:00 as an end means midnight
            length += 24 * 60
        minutes += length
        start = t0 if start is None or t0 < start else start
    return minutes, start


def _dates(begin: dt.date, end: dt.date, line: int | None) -> list[dt.date]:
    days = (end - begin).days + 1
    if days <= 0:
        return []
    if days > MAX_EXCEPTION_DAYS:
        raise BadValue(line, f"an exception of {days} days is more than pmo takes ({MAX_EXCEPTION_DAYS})")
    return [begin + dt.timedelta(days=n) for n in range(days)]


def _period(element: Any) -> tuple[dt.date, dt.date] | None:
    span = element.find(Q + "TimePeriod")
    if span is None:
        return None
    begin, end = get_datetime(span, "FromDate"), get_datetime(span, "ToDate")
    if begin is None or end is None:
        return None
    return begin.date(), end.date()


def _nth_weekday(year: int, month: int, weekday: int, position: int) -> dt.date:
    """The `position`-th (0 = first ... 4 = last) `weekday` (0 = Monday) of a month."""
    days = [d for d in range(1, cal.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == weekday]
    return dt.date(year, month, days[-1] if position >= 4 else days[min(position, len(days) - 1)])


def _day_of_month(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(max(day, 1), cal.monthrange(year, month)[1]))


def expand_exception(element: Any) -> list[dt.date]:
    """The dates a (possibly recurring) `Exception` covers, within its time period."""
    span = _period(element)
    if span is None:
        return []
    begin, end = span
    line = line_of(element)
    kind = get_int(element, "Type") or 1
    period = max(get_int(element, "Period") or 1, 1)
    if kind in (1, 7):  # daily, every `period` days
        return _dates(begin, end, line)[::period]
    if kind == 6:  # weekly on DaysOfWeek (1 = Sunday, 2 = Monday, ... 64 = Saturday)
        mask = get_int(element, "DaysOfWeek") or 0
        week0 = begin - dt.timedelta(days=(begin.weekday() + 1) % 7)
        return [
            d
            for d in _dates(begin, end, line)
            if ((d - week0).days // 7) % period == 0 and mask & (1 << ((d.weekday() + 1) % 7))
        ]
    item = get_int(element, "MonthItem")
    weekday = None if item is None or not 3 <= item <= 9 else (item - 4) % 7  # 3 = Sunday ... 9 = Saturday
    position = get_int(element, "MonthPosition") or 0
    found: list[dt.date] = []
    if kind in (4, 5):  # monthly: a day of the month, or the n-th weekday
        months = (end.year - begin.year) * 12 + end.month - begin.month
        for step in range(0, months + 1, period):
            year, month = divmod(begin.month - 1 + step, 12)
            year, month = begin.year + year, month + 1
            if kind == 4:
                found.append(_day_of_month(year, month, get_int(element, "MonthDay") or 1))
            elif weekday is not None:
                found.append(_nth_weekday(year, month, weekday, position))
            else:
                raise BadValue(line, f"a monthly exception on month item {item} is not one pmo reads")
    elif kind in (2, 3):  # yearly (Month counts from 0 = January)
        month = min(max((get_int(element, "Month") or 0) + 1, 1), 12)
        for year in range(begin.year, end.year + 1):
            if kind == 2:
                found.append(_day_of_month(year, month, get_int(element, "MonthDay") or 1))
            elif weekday is not None:
                found.append(_nth_weekday(year, month, weekday, position))
            else:
                raise BadValue(line, f"a yearly exception on month item {item} is not one pmo reads")
    else:
        raise BadValue(line, f"exception type {kind} is not one pmo reads")
    return [d for d in found if begin <= d <= end]


def _read_one(element: Any, findings: list[Finding], source: Source) -> _Raw:
    uid = get_int(element, "UID")
    if uid is None:
        raise BadValue(line_of(element), "a calendar without a UID")
    base = get_int(element, "BaseCalendarUID")
    raw = _Raw(uid, text(element, "Name") or "", base if base is not None and base >= 0 else None, line_of(element))
    expanded: dict[dt.date, bool] = {}
    weekdays = element.find(Q + "WeekDays")
    for day in weekdays.iter(Q + "WeekDay") if weekdays is not None else ():
        kind = get_int(day, "DayType")
        working = text(day, "DayWorking") == "1"
        if kind == 0:
            span = _period(day)
            if span is not None:
                for date in _dates(span[0], span[1], line_of(day)):
                    expanded[date] = working
        elif kind is not None and 1 <= kind <= 7:
            minutes, start = _working_time(day) if working else (0, None)
            raw.days[(kind + 5) % 7] = _Day(working, minutes, start)
    recurring: dict[dt.date, bool] = {}
    exceptions = element.find(Q + "Exceptions")
    for item in exceptions.iter(Q + "Exception") if exceptions is not None else ():
        working = text(item, "DayWorking") == "1"
        try:
            for date in expand_exception(item):
                recurring[date] = working
        except BadValue as exc:
            findings.append(skipped(source.at_line(exc.line), f"calendar {uid}", exc.message, "calendar", str(uid)))
    raw.exceptions = expanded or recurring
    return raw


def read_calendars(
    container: Any, source: Source, default_start: dt.time = dt.time(8, 0)
) -> tuple[list[Calendar], list[Finding]]:
    """The calendars of a `Calendars` element (None gives none), with findings.

    A calendar without working times of its own starts its days at the project's
    `DefaultStartTime` (MS Project's default: 08:00).
    """
    findings: list[Finding] = []
    raws: dict[int, _Raw] = {}
    for element in container.iter(Q + "Calendar") if container is not None else ():
        try:
            raw = _read_one(element, findings, source)
        except BadValue as exc:
            findings.append(skipped(source.at_line(exc.line), "calendar", exc.message, "calendar"))
            continue
        raws.setdefault(raw.uid, raw)
    return [_resolve(raw, raws, source, default_start) for raw in raws.values()], findings


def _resolve(raw: _Raw, raws: dict[int, _Raw], source: Source, default_start: dt.time) -> Calendar:
    days: dict[int, _Day] = {}
    exceptions: dict[dt.date, bool] = {}
    chain, seen = [], set()
    current: _Raw | None = raw
    while current is not None and current.uid not in seen:  # base calendars first
        seen.add(current.uid)
        chain.append(current)
        current = raws.get(current.base) if current.base is not None else None
    for item in reversed(chain):
        days.update(item.days)
        exceptions.update(item.exceptions)
    working = sorted(d for d, day in days.items() if day.working)
    if not days:
        working = [0, 1, 2, 3, 4]
    minutes = collections.Counter(days[d].minutes for d in working if days.get(d) and days[d].minutes)
    starts = [day.start for day in days.values() if day.working and day.start is not None]
    hours = minutes.most_common(1)[0][0] / 60 if minutes else 8.0
    return Calendar(
        id=str(raw.uid),
        name=raw.name,
        working_weekdays=tuple(working),
        hours_per_day=round(hours, 4),
        day_start=min(starts) if starts else default_start,
        holidays=tuple(sorted(d for d, w in exceptions.items() if not w and d.weekday() in working)),
        working_dates=tuple(sorted(d for d, w in exceptions.items() if w and d.weekday() not in working)),
        source=source.at_line(raw.line),
    )
