"""A recurring series expanded over any window: pure, no I/O, no clock.

`expand(series, first, last)` turns a `MeetingSeries` into the `Meeting` occurrences that
fall on the days `first`..`last` (in the series' zone), as the calendar reader does:
the rule (RFC 5545 RRULE, through `dateutil.rrule`) from its start, plus its RDATEs,
without its EXDATEs; cancelled occurrences kept with status CANCELLED; edited ones at
their own time with their own title and attendees (RANGE=THISANDFUTURE shifts every
later occurrence). Occurrence ids are ``<series id>/<slot>``, the slot being where the
rule placed it (UTC, or the local time of a floating series, or the date of an all-day
one), so they equal the ids the reader gives.

`slots(series, first, last)` is the rule alone: every occurrence the rule places
(deleted and cancelled ones included), which is what governance expects.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from typing import Any

from dateutil import rrule as dateutil_rrule

from pmo.model import Meeting, MeetingSeries, MeetingStatus, Override

UTC = dt.UTC
MAX_OCCURRENCES = 5000


class SeriesError(ValueError):
    """A series whose rule cannot be expanded (the message says why)."""


def zone_of(series: MeetingSeries) -> dt.tzinfo:
    """The zone the series' rule runs in: UTC for a series written in UTC, else its IANA
    zone, else its start's offset."""
    if series.utc:
        return UTC
    return shown_in(series)


def shown_in(series: MeetingSeries) -> dt.tzinfo:
    """The zone occurrences are shown in: the series' IANA zone, else its start's offset."""
    if series.zone:
        try:
            return zoneinfo.ZoneInfo(series.zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return series.start.tzinfo or UTC


def slot_key(series: MeetingSeries, slot: dt.datetime) -> str:
    """An occurrence's slot as its id suffix, as the reader writes it."""
    if series.all_day:
        return slot.strftime("%Y%m%d")
    if series.floating:
        return slot.strftime("%Y%m%dT%H%M%S")
    return slot.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _until(text: str, zone: dt.tzinfo) -> dt.datetime:
    """An RRULE UNTIL value as an aware datetime (a date is the end of that day)."""
    value = text.strip()
    try:
        if "T" not in value:
            day = dt.datetime.strptime(value, "%Y%m%d")
            return day.replace(hour=23, minute=59, second=59, tzinfo=zone)
        if value.endswith("Z"):
            return dt.datetime.strptime(value[:-1], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        return dt.datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zone)
    except ValueError:
        raise SeriesError(f"UNTIL={value!r} is not a date or date-time") from None


def _rule(series: MeetingSeries, start: dt.datetime, zone: dt.tzinfo) -> Any:
    """The dateutil rule of the series (None when it has only RDATEs)."""
    if not series.rrule.strip():
        return None
    parts = [p for p in series.rrule.strip().removeprefix("RRULE:").split(";") if p.strip()]
    until = next((p.split("=", 1)[1] for p in parts if p.upper().startswith("UNTIL=")), None)
    rest = ";".join(p for p in parts if not p.upper().startswith("UNTIL="))
    try:
        rule = dateutil_rrule.rrulestr(rest, dtstart=start)
        if until is not None:
            rule = rule.replace(until=_until(until, zone))
    except (ValueError, TypeError) as exc:
        raise SeriesError(f"RRULE {series.rrule!r}: {exc}") from None
    return rule


def _local(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return value.astimezone(zone) if value.tzinfo is not None else value.replace(tzinfo=zone)


def slots(series: MeetingSeries, first: dt.date, last: dt.date, margin: dt.timedelta = dt.timedelta(0)) -> list[
        dt.datetime]:
    """Every slot the rule and the RDATEs place from `first` to `last` (days in the series'
    zone, widened by `margin`), deleted and cancelled ones included, in order."""
    zone = zone_of(series)
    start = _local(series.start, zone)
    lo = dt.datetime.combine(first, dt.time(0), tzinfo=zone) - margin
    hi = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=zone) + margin
    found: set[dt.datetime] = set()
    rule = _rule(series, start, zone)
    if rule is not None:
        for count, value in enumerate(rule.xafter(lo, inc=True)):
            if value >= hi or count >= MAX_OCCURRENCES:
                break
            found.add(value)
    for extra in (start, *series.rdates):
        value = _local(extra, zone)
        if lo <= value < hi:
            found.add(value)
    return sorted(found)


def last_day(series: MeetingSeries) -> dt.date | None:
    """The day of the series' last slot; None when it repeats without end."""
    zone = zone_of(series)
    start = _local(series.start, zone)
    rule = _rule(series, start, zone)
    last = max([_local(d, zone) for d in (start, *series.rdates)])
    if rule is not None:
        parts = series.rrule.upper()
        if "COUNT=" not in parts and "UNTIL=" not in parts:
            return None
        for count, value in enumerate(rule):
            if count >= MAX_OCCURRENCES:
                return None
            last = max(last, value)
    return last.date()


def _same(a: dt.datetime, b: dt.datetime, all_day: bool) -> bool:
    return a.date() == b.date() if all_day else a == b


def _deleted(series: MeetingSeries, slot: dt.datetime, zone: dt.tzinfo) -> bool:
    return any(_same(_local(day, zone), slot, series.all_day or _midnight(day)) for day in series.exdates)


def _midnight(value: dt.datetime) -> bool:
    return value.timetz().replace(tzinfo=None) == dt.time(0)


def is_deleted(series: MeetingSeries, slot: dt.datetime) -> bool:
    """True when the slot is one of the series' EXDATEs."""
    return _deleted(series, slot, zone_of(series))


def is_cancelled(series: MeetingSeries, slot: dt.datetime) -> bool:
    """True when the occurrence at `slot` is cancelled (or the whole series is)."""
    zone = zone_of(series)
    return series.status is MeetingStatus.CANCELLED or any(
        _same(_local(day, zone), slot, series.all_day) for day in series.cancelled
    )


def override_of(series: MeetingSeries, slot: dt.datetime) -> Override | None:
    """The edit of the occurrence at `slot`, if it has one of its own."""
    zone = zone_of(series)
    for item in series.overrides:
        if not item.this_and_future and _same(_local(item.slot, zone), slot, series.all_day):
            return item
    return None


def _shift(series: MeetingSeries, slot: dt.datetime) -> tuple[dt.timedelta, Override | None]:
    """The shift of the latest RANGE=THISANDFUTURE edit at or before `slot`."""
    zone = zone_of(series)
    chosen: Override | None = None
    for item in series.overrides:
        if item.this_and_future and _local(item.slot, zone) <= slot and (chosen is None or item.slot > chosen.slot):
            chosen = item
    if chosen is None:
        return dt.timedelta(0), None
    return chosen.start - chosen.slot, chosen


def occurrences_of(series: MeetingSeries, first: dt.date, last: dt.date) -> Iterator[tuple[dt.datetime, Meeting]]:
    """(slot, occurrence) for every occurrence of `series` on the days `first`..`last`,
    deleted ones left out, in the order of their slots."""
    zone = zone_of(series)
    moves = [abs(o.start - o.slot) for o in series.overrides]
    margin = max([dt.timedelta(days=2), *moves]) + dt.timedelta(days=1)
    shown = shown_in(series)
    lo = dt.datetime.combine(first, dt.time(0), tzinfo=shown)
    hi = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=shown)
    length = dt.timedelta(minutes=series.minutes)
    for slot in slots(series, first, last, margin):
        if _deleted(series, slot, zone):
            continue
        edit = override_of(series, slot)
        shift, future = _shift(series, slot)
        if edit is not None:
            start, end = edit.start, edit.end
        else:
            start = _local(slot, zone) + shift
            end = start + (future.end - future.start if future is not None else length)
        start, end = start.astimezone(shown), end.astimezone(shown)
        source = edit or future
        if not (start < hi and (end > lo or start >= lo)):
            continue
        status = MeetingStatus.CANCELLED if is_cancelled(series, slot) else series.status
        meeting = Meeting(
            id=f"{series.id}/{slot_key(series, slot)}",
            title=(source.title if source is not None and source.title else series.title),
            start=start,
            end=max(start, end),
            kind=series.kind,
            status=status,
            attendees=source.attendees if source is not None and source.attendees is not None else series.attendees,
            series=series.id,
            location=series.location,
            source=series.source,
        )
        yield slot, meeting


def expand(series: MeetingSeries, first: dt.date, last: dt.date) -> tuple[Meeting, ...]:
    """The occurrences of `series` on the days `first`..`last`, by start."""
    return tuple(sorted((m for _, m in occurrences_of(series, first, last)), key=lambda m: (m.start, m.id)))
