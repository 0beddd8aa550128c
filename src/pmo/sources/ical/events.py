"""From the lexed component tree to checked `icalendar` events, one component at a time.

Each VTIMEZONE and each VEVENT is parsed on its own, so one broken component costs only
itself: it becomes a `Skip` (line and reason) and the rest of the file goes on. Several
VCALENDARs in one file (iTIP messages, merged exports) are folded into one set of
events: for a UID and RECURRENCE-ID the version with the highest SEQUENCE wins (the
later one on a tie), as a calendar client applies updates. A METHOD:REPLY carries
answers (PARTSTAT) for an event, a METHOD:CANCEL without times cancels it.

Each kept event carries private ``X-PMO-*`` properties that survive the recurrence
expansion: the line of its ``BEGIN:VEVENT`` and the calendar's X-WR-TIMEZONE.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import icalendar

from pmo.sources.ical import lex as ical_lex
from pmo.sources.ical.lex import Block

LINE = "X-PMO-LINE"
ZONE = "X-PMO-ZONE"
SHIFT = "X-PMO-SHIFT"
ESSENTIAL = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", None)
_NAMES = {
    "DTSTART": "start (DTSTART)",
    "DTEND": "end (DTEND)",
    "DURATION": "duration (DURATION)",
    "RRULE": "recurrence rule (RRULE)",
    "RDATE": "extra dates (RDATE)",
    "EXDATE": "excluded dates (EXDATE)",
    "RECURRENCE-ID": "occurrence id (RECURRENCE-ID)",
    None: "content line",
}


@dataclass(frozen=True)
class Skip:
    """A component left out: the line of its BEGIN (or of the faulty line) and why."""

    line: int
    message: str


@dataclass
class Events:
    """The events of one file, grouped by UID, with the answers and cancellations it held."""

    series: dict[str, list[icalendar.Event]] = field(default_factory=dict)
    replies: dict[str, dict[str, str]] = field(default_factory=dict)
    cancelled: set[str] = field(default_factory=set)
    skipped: list[Skip] = field(default_factory=list)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the warnings `icalendar` raises about what it guesses (they become findings)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def value_of(component: icalendar.Component, name: str) -> Any:
    """The decoded value (``.dt``) of a date, time or duration property."""
    prop: Any = component[name]
    return prop.dt


def when(component: icalendar.Component, name: str) -> dt.date:
    """The date or datetime of property `name`; ValueError when it holds something else."""
    value = value_of(component, name)
    if not isinstance(value, dt.date):
        raise ValueError(f"{name} is not a date or date-time: {value!r}")
    return value


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _timezone(block: Block, skipped: list[Skip]) -> None:
    """Parse a VTIMEZONE (which registers it with `icalendar`), dropping broken parts."""
    try:
        with quiet():
            icalendar.Timezone.from_ical(block.text())
        return
    except Exception as exc:
        first = exc
    tzid = block.get("TZID")
    name = tzid.value if tzid else "?"
    good: list[Block] = []
    for child in block.children:
        try:
            with quiet():
                icalendar.Timezone.from_ical(Block(block.name, block.line, block.properties, [child]).text())
            good.append(child)
        except Exception as exc:
            skipped.append(Skip(child.line, f"time zone {name}: {child.name} rule skipped: {_describe(exc)}"))
    if good and len(good) < len(block.children):
        with contextlib.suppress(Exception), quiet():
            icalendar.Timezone.from_ical(Block(block.name, block.line, block.properties, good).text())
            return
    skipped.append(Skip(block.line, f"time zone {name} skipped: {_describe(first)}"))


def _check(event: icalendar.Event) -> str:
    """Why `event` cannot be placed on a calendar, or "" when it can."""
    for prop, message in getattr(event, "errors", []):
        if prop in ESSENTIAL:
            return f"bad {_NAMES[prop]}: {' '.join(str(message).split())[:160]}"
    try:
        start = when(event, "DTSTART")
        for name in ("DTEND", "RECURRENCE-ID"):
            if name in event:
                _ = when(event, name)
        if "DURATION" in event and not isinstance(value_of(event, "DURATION"), dt.timedelta):
            return "bad duration (DURATION)"
        for name in ("RDATE", "EXDATE"):
            values: Any = event.get(name, [])
            for value in values if isinstance(values, list) else [values]:
                _ = [period.dt for period in value.dts]
    except Exception as exc:
        return f"bad date or time: {_describe(exc)}"
    if not isinstance(start, dt.date):
        return f"bad start (DTSTART): {start!r} is not a date"
    return ""


def _sequence(event: icalendar.Event) -> int:
    try:
        return int(str(event.get("SEQUENCE", 0)))
    except ValueError:
        return 0


def _slot(event: icalendar.Event) -> str:
    recurrence = event.get("RECURRENCE-ID")
    if recurrence is None:
        return ""
    value = recurrence.dt
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%dT%H%M%S") if isinstance(value, dt.datetime) else value.strftime("%Y%m%d")


def _uid(event: icalendar.Event, block: Block) -> str:
    uid = str(event.get("UID", "")).strip()
    if uid:
        return uid
    basis = "\n".join(
        f"{line.name}:{line.value}" for line in block.properties if line.name in ("DTSTART", "SUMMARY")
    )
    return "nouid-" + hashlib.sha1(basis.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def _answers(event: icalendar.Event) -> dict[str, str]:
    answers: dict[str, str] = {}
    attendees: Any = event.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        address = str(attendee).strip().lower().removeprefix("mailto:")
        partstat = str(getattr(attendee, "params", {}).get("PARTSTAT", "")).upper()
        if address and partstat:
            answers[address] = partstat
    return answers


def collect(lexed: ical_lex.Lexed) -> Events:
    """Parse and check every component of `lexed`; fold the calendars into one set of events."""
    found = Events(skipped=[Skip(p.line, p.message) for p in lexed.problems])
    # (UID, RECURRENCE-ID) -> (rank, event); a REPLY's copy never beats the organiser's.
    chosen: dict[tuple[str, str], tuple[tuple[int, int, int], icalendar.Event]] = {}
    order = 0
    for calendar in lexed.calendars:
        if calendar.broken:
            found.skipped.append(Skip(calendar.line, calendar.broken))
        method_line = calendar.get("METHOD")
        method = method_line.value.strip().upper() if method_line else ""
        zone_line = calendar.get("X-WR-TIMEZONE")
        for block in calendar.children:
            if block.name == "VTIMEZONE" and not block.broken:
                _timezone(block, found.skipped)
        for block in calendar.children:
            if block.name != "VEVENT":
                continue
            if block.broken:
                found.skipped.append(Skip(block.line, f"event skipped: {block.broken}"))
                continue
            for line in block.properties:
                if line.name in ("RRULE", "EXRULE"):
                    ical_lex.repair_rrule(line)
            try:
                with quiet():
                    event = icalendar.Event.from_ical(block.text())
            except Exception as exc:
                found.skipped.append(Skip(block.line, f"event skipped: {_describe(exc)}"))
                continue
            if not isinstance(event, icalendar.Event):
                found.skipped.append(Skip(block.line, "event skipped: not a VEVENT"))
                continue
            uid = _uid(event, block)
            event["UID"] = uid
            if method in ("COUNTER", "DECLINECOUNTER", "REFRESH"):
                continue  # proposals and requests between clients, not calendar entries
            if method == "REPLY":
                found.replies.setdefault(uid, {}).update(_answers(event))
                if "DTSTART" not in event:
                    continue
            if method == "CANCEL" and "DTSTART" not in event:
                found.cancelled.add(uid)
                continue
            problem = _check(event) if "DTSTART" in event else "it has no start (DTSTART)"
            if problem:
                title = " ".join(str(event.get("SUMMARY", "")).split())
                named = f" {title[:60]!r}" if title else ""
                found.skipped.append(Skip(block.line, f"event{named} skipped: {problem}"))
                continue
            if method == "CANCEL":
                event["STATUS"] = "CANCELLED"
            event[LINE] = str(block.line)
            if zone_line is not None and zone_line.value.strip():
                event[ZONE] = zone_line.value.strip()
            recurrence = event.get("RECURRENCE-ID")
            if recurrence is not None and str(recurrence.params.get("RANGE", "")).upper() == "THISANDFUTURE":
                with contextlib.suppress(Exception):
                    shift = _delta(when(event, "DTSTART"), when(event, "RECURRENCE-ID"))
                    event[SHIFT] = str(int(shift.total_seconds()))
            order += 1
            key = (uid, _slot(event))
            rank = (0 if method == "REPLY" else 1, _sequence(event), order)
            previous = chosen.get(key)
            if previous is None or previous[0] <= rank:
                chosen[key] = (rank, event)
    for (uid, _), (_, event) in sorted(chosen.items(), key=lambda item: item[1][0][2]):
        found.series.setdefault(uid, []).append(event)
    return found


def _delta(start: dt.date, recurrence: dt.date) -> dt.timedelta:
    """`start` - `recurrence`, whatever mix of dates and (naive or aware) datetimes they are."""
    if isinstance(start, dt.datetime) != isinstance(recurrence, dt.datetime):
        return dt.timedelta(0)
    if isinstance(start, dt.datetime) and isinstance(recurrence, dt.datetime):
        if (start.tzinfo is None) != (recurrence.tzinfo is None):
            start, recurrence = start.replace(tzinfo=None), recurrence.replace(tzinfo=None)
        return start - recurrence
    return start - recurrence
