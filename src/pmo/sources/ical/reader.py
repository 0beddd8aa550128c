"""The iCalendar source: RFC 5545 files (``.ics``) to meetings and absences.

`IcalReader` reads a file into `Meeting` occurrences expanded over the read window
(RRULE, RDATE, EXDATE, moved and edited occurrences, RANGE=THISANDFUTURE, through
`recurring-ical-events`), classifies each one (`pmo.sources.meeting_kinds`), keeps
attendees as written (``CN <e-mail>``) and turns out-of-office entries into `Absence`
records of their organiser (else attendees); `pmo.model.resolve` matches both to the
project's people when the project is loaded. The calendar names the project by its
X-WR-CALNAME, else its file name (used when the workspace has no project yet).
Occurrences cancelled by STATUS:CANCELLED stay, with status CANCELLED; occurrences
deleted by EXDATE are simply absent. A broken component becomes an ``import-skipped``
finding with its line; a file that is not iCalendar at all raises `FormatError`.
`read_url` and `read_caldav` (pmo.sources.ical.remote) read the same from a server.
The format and its rules are documented in docs/formats/ical.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from pmo.errors import InputError
from pmo.model import (
    Absence,
    Finding,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Override,
    Project,
    Severity,
    Source,
    Subject,
)
from pmo.sources.base import ReadContext, ReadResult, project_named
from pmo.sources.ical import events as ical_events
from pmo.sources.ical import lex as ical_lex
from pmo.sources.ical import zones as ical_time
from pmo.sources.ical.people import as_list, attendees, owners, ref
from pmo.sources.meeting_kinds import KindRule, classify, normalise, rules_for

SKIPPED = "import-skipped"
DAYS_BEFORE, DAYS_AFTER = 120, 180  # the one read window (the import passes the same)
MAX_OCCURRENCES = 5000
_SUB_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")
_CANCELLED_PREFIXES = ("canceled:", "cancelled:", "annule:", "annulee:", "abgesagt:", "storniert:")
_OUT_OF_OFFICE = ("OOF", "OOO")


class IcalReader:
    """Reads iCalendar files (RFC 5545): meetings, their occurrences, absences."""

    name = "ical"
    extensions = (".ics", ".ical")

    def identify(self, path: Path, head: bytes) -> bool:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
        return start == b"BEGIN:VCALENDAR" or path.suffix.lower() in self.extensions

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
        return read_ical(data, str(path), context)


def default_window(project: Project | None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The status date (or today) from 120 days before to 180 days after: the window every
    import reads calendars over (`pmo.api.imports` passes this one)."""
    anchor = (project.status_date if project else None) or today or dt.date.today()
    return anchor - dt.timedelta(days=DAYS_BEFORE), anchor + dt.timedelta(days=DAYS_AFTER)


def read_ical(data: bytes, file: str, context: ReadContext) -> ReadResult:
    """Read iCalendar `data` (from `file`, for messages and sources) into a partial project."""
    rules = rules_for(context.options)
    zone_option = context.options.get("tz", "").strip()
    forced = ical_time.zone(zone_option) if zone_option else None
    if zone_option and forced is None:
        raise InputError(f"tz option: {zone_option!r} is not a known time zone (write e.g. Europe/Paris)")
    lexed = ical_lex.lex(ical_lex.decode(data), file)
    events = ical_events.collect(lexed)
    window = context.window or default_window(context.project)
    builder = _Builder(file, rules, forced, window, events)
    for uid, components in events.series.items():
        builder.add_series(uid, components)
    for skip in events.skipped:
        builder.skip(skip.line, skip.message)
    key, name = project_named(_calendar_name(lexed) or _stem(file))
    partial = Project(
        key=key,
        name=name,
        series=tuple(sorted(builder.series, key=lambda s: s.id)),
        meetings=tuple(sorted(builder.meetings, key=lambda m: (m.start, m.id))),
        absences=tuple(sorted(builder.absences.values(), key=lambda a: (a.start, a.person))),
    )
    findings = sorted(builder.findings, key=lambda f: (f.source.line or 0, f.message))
    if events.series and not partial.meetings and not partial.absences:
        findings.append(_outside_window(file, len(events.series), window))
    return ReadResult(project=partial, findings=tuple(findings))


def _calendar_name(lexed: ical_lex.Lexed) -> str:
    """The first X-WR-CALNAME of the file, or ""."""
    for calendar in lexed.calendars:
        line = calendar.get("X-WR-CALNAME")
        if line is not None and line.value.strip():
            return " ".join(line.value.replace("\\,", ",").split())
    return ""


def _stem(file: str) -> str:
    """A file's or URL's name without its extension."""
    name = file.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return name.rsplit(".", 1)[0] if "." in name else name


def _outside_window(file: str, series: int, window: tuple[dt.date, dt.date]) -> Finding:
    """The calendar has events, but none in the window pmo reads: say so instead of 'nothing'."""
    start, end = (day.isoformat() for day in window)
    return Finding(
        code="import-outside-window",
        severity=Severity.INFO,
        subject=Subject("calendar", file),
        message=f"The calendar's {series} event(s) or series have no occurrence from {start} to {end}, "
        "the window pmo reads around the status date.",
        suggestion="Check the project's status date, or that this is the project's calendar.",
        source=Source(file=file, line=1),
    )


def _text(component: icalendar.Component, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value if value is not None else "").split())


class _Builder:
    """Turns expanded occurrences into meetings, absences and findings."""

    def __init__(
        self,
        file: str,
        rules: Sequence[KindRule],
        forced: dt.tzinfo | None,
        window: tuple[dt.date, dt.date],
        events: ical_events.Events,
    ) -> None:
        self.file = file
        self.rules = rules
        self.forced = forced
        self.window = window
        self.events = events
        self.meetings: list[Meeting] = []
        self.series: list[MeetingSeries] = []
        self.absences: dict[tuple[str, dt.date], Absence] = {}
        self.findings: list[Finding] = []
        self.ids: set[str] = set()

    def skip(self, line: int | None, message: str, subject: str = "") -> None:
        self.findings.append(
            Finding(
                code=SKIPPED,
                severity=Severity.WARNING,
                subject=Subject("calendar", subject or self.file),
                message=message,
                suggestion="Fix the entry in the calendar (or its export) and import again.",
                source=Source(file=self.file, line=line),
            )
        )

    def _zone(self, component: icalendar.Component) -> dt.tzinfo:
        if self.forced is not None:
            return self.forced
        name = _text(component, ical_events.ZONE)
        return (ical_time.zone(name) if name else None) or ical_time.UTC

    def add_series(self, uid: str, components: list[icalendar.Event]) -> None:
        """Expand the components of one UID over the window; add what falls in it."""
        kept: list[icalendar.Event] = []
        for component in components:
            reason = _too_dense(component)
            if reason:
                self.skip(_line(component), f"event {_text(component, 'SUMMARY')!r} skipped: {reason}", uid)
            else:
                kept.append(component)
        if not kept:
            return
        try:
            self._add_series_record(uid, kept)
        except Exception as exc:
            self.skip(_line(kept[0]), f"series {_text(kept[0], 'SUMMARY')!r}: its rule is not kept: "
                      f"{ical_events._describe(exc)}", uid)
        calendar = icalendar.Calendar()
        for component in kept:
            calendar.add_component(component)
        first, last = self.window
        lo = dt.datetime.combine(first - dt.timedelta(days=2), dt.time(0))
        hi = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(0))
        try:
            with ical_events.quiet():
                occurrences = recurring_ical_events.of(calendar).between(lo, hi)
        except Exception as exc:
            master = min(kept, key=lambda c: "RECURRENCE-ID" in c)
            self.skip(
                _line(master),
                f"series {_text(master, 'SUMMARY')!r} skipped: cannot expand its recurrence: "
                f"{ical_events._describe(exc)}",
                uid,
            )
            return
        if len(occurrences) > MAX_OCCURRENCES:
            self.skip(
                _line(kept[0]),
                f"series {_text(kept[0], 'SUMMARY')!r}: {len(occurrences)} occurrences in the window, "
                f"only the first {MAX_OCCURRENCES} kept",
                uid,
            )
        for occurrence in occurrences[:MAX_OCCURRENCES]:
            try:
                self._add(uid, occurrence)
            except Exception as exc:
                self.skip(_line(occurrence), f"occurrence skipped: {ical_events._describe(exc)}", uid)

    def _add(self, uid: str, component: icalendar.Component) -> None:
        zone = self._zone(component)
        raw_start = ical_events.when(component, "DTSTART")
        start = ical_time.localise(raw_start, zone)
        has_end = "DTEND" in component
        end = ical_time.localise(ical_events.when(component, "DTEND"), zone) if has_end else start
        end = max(end, start)
        bounds = ical_time.window_bounds(self.window, zone)
        if not (start < bounds[1] and (end > bounds[0] or start >= bounds[0])):
            return
        title = _text(component, "SUMMARY")
        meeting_id = self._unique(f"{uid}/{ical_time.slot_key(_slot(component, raw_start))}")
        kind, status = self._kind_status(uid, component, title)
        line = _line(component)
        meeting = Meeting(
            id=meeting_id,
            title=title or "(no title)",
            start=start,
            end=end,
            kind=kind,
            status=status,
            attendees=attendees(component, self.events.replies.get(uid, {})),
            series=uid,
            location=_text(component, "LOCATION"),
            source=Source(file=self.file, line=line),
        )
        self.meetings.append(meeting)
        if kind is MeetingKind.ABSENCE and status is not MeetingStatus.CANCELLED:
            self._absences(component, meeting, all_day=not isinstance(raw_start, dt.datetime))

    def _add_series_record(self, uid: str, components: list[icalendar.Event]) -> None:
        """The `MeetingSeries` of a recurring UID (its master has an RRULE or RDATE), kept
        whole so the engine expands it over any window; single events make none."""
        masters = [c for c in components if "RECURRENCE-ID" not in c]
        if len(masters) != 1 or not ("RRULE" in masters[0] or "RDATE" in masters[0]):
            return
        master = masters[0]
        zone = self._zone(master)
        raw = ical_events.when(master, "DTSTART")
        start = ical_time.localise(raw, zone)
        end = _end(master, raw, zone, start)
        title = _text(master, "SUMMARY")
        kind, status = self._kind_status(uid, master, title)
        replies = self.events.replies.get(uid, {})
        cancelled: list[dt.datetime] = []
        overrides: list[Override] = []
        for component in components:
            if component is master:
                continue
            slot = _series_slot(ical_events.when(component, "RECURRENCE-ID"), raw, zone)
            own_title = _text(component, "SUMMARY")
            own_raw = ical_events.when(component, "DTSTART")
            own_start = ical_time.localise(own_raw, zone)
            if self._kind_status(uid, component, own_title)[1] is MeetingStatus.CANCELLED:
                cancelled.append(slot)
                if own_start == slot:
                    continue  # cancelled where it was: the slot says it all
                own_title = title  # cancelled after a move: kept at its new time
            own_attendees = attendees(component, replies)
            overrides.append(
                Override(
                    slot=slot,
                    start=own_start,
                    end=_end(component, own_raw, zone, own_start),
                    title=own_title if own_title != title else "",
                    attendees=own_attendees if own_attendees != attendees(master, replies) else None,
                    this_and_future=str(component["RECURRENCE-ID"].params.get("RANGE", "")).upper()
                    == "THISANDFUTURE",
                )
            )
        rules = [rule.to_ical().decode() for rule in as_list(master.get("RRULE"))]
        organizer = master.get("ORGANIZER")
        self.series.append(
            MeetingSeries(
                id=uid,
                title=title or "(no title)",
                start=start,
                minutes=round((end - start).total_seconds() / 60),
                rrule=rules[0] if rules else "",
                zone=getattr(start.tzinfo, "key", ""),
                all_day=not isinstance(raw, dt.datetime),
                floating=isinstance(raw, dt.datetime) and raw.tzinfo is None,
                utc=isinstance(raw, dt.datetime) and ical_time.is_utc(raw),
                kind=kind,
                status=status,
                rdates=tuple(sorted(self._dates(master, "RDATE", raw, zone))),
                exdates=tuple(sorted(self._dates(master, "EXDATE", raw, zone))),
                cancelled=tuple(sorted(cancelled)),
                overrides=tuple(sorted(overrides, key=lambda o: o.slot)),
                attendees=attendees(master, replies),
                organizer=ref(organizer) if organizer is not None else "",
                location=_text(master, "LOCATION"),
                source=Source(file=self.file, line=_line(master)),
            )
        )

    def _dates(
        self, component: icalendar.Component, name: str, start: dt.date, zone: dt.tzinfo
    ) -> list[dt.datetime]:
        """The dates of an RDATE or EXDATE property (each line, each value), placed in time."""
        found: list[dt.datetime] = []
        for line in as_list(component.get(name)):
            for value in line.dts:
                day = value.dt[0] if isinstance(value.dt, tuple) else value.dt
                found.append(_series_slot(day, start, zone))
        return found

    def _unique(self, meeting_id: str) -> str:
        candidate, number = meeting_id, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{meeting_id}~{number}"
        self.ids.add(candidate)
        return candidate

    def _kind_status(
        self, uid: str, component: icalendar.Component, title: str
    ) -> tuple[MeetingKind, MeetingStatus]:
        status_text = _text(component, "STATUS").upper()
        normal = normalise(title)
        cancelled = status_text == "CANCELLED" or uid in self.events.cancelled
        for prefix in _CANCELLED_PREFIXES:
            if normal.startswith(prefix):
                cancelled, title = True, title.split(":", 1)[1]
        busy = {
            _text(component, name).upper()
            for name in ("X-MICROSOFT-CDO-BUSYSTATUS", "X-MICROSOFT-CDO-INTENDEDSTATUS")
        }
        categories = [
            str(c) for value in as_list(component.get("CATEGORIES")) for c in getattr(value, "cats", [value])
        ]
        kind = classify(title, self.rules, categories)
        if kind is MeetingKind.OTHER and busy & set(_OUT_OF_OFFICE):
            kind = MeetingKind.ABSENCE
        if cancelled:
            return kind, MeetingStatus.CANCELLED
        if status_text == "TENTATIVE":
            return kind, MeetingStatus.TENTATIVE
        return kind, MeetingStatus.CONFIRMED

    def _absences(self, component: icalendar.Component, meeting: Meeting, all_day: bool) -> None:
        """Absence records for the people an out-of-office entry belongs to."""
        first = meeting.start.date()
        last = (meeting.end - dt.timedelta(microseconds=1)).date() if meeting.end > meeting.start else first
        if all_day:
            last = max(first, last)
        for person in owners(component):
            key = (person, first)
            if key not in self.absences:
                self.absences[key] = Absence(person, first, max(first, last), meeting.title, meeting.source)


def _series_slot(value: dt.date, start: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """A RECURRENCE-ID, EXDATE or RDATE of a series starting at `start`, placed in time:
    the date alone for an all-day series, the series' time of day for a bare date."""
    if not isinstance(start, dt.datetime):
        return ical_time.localise(value.date() if isinstance(value, dt.datetime) else value, zone)
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, start.time(), start.tzinfo)
    return ical_time.localise(value, zone)


def _end(component: icalendar.Component, raw: dt.date, zone: dt.tzinfo, start: dt.datetime) -> dt.datetime:
    """Where an event ends: DTEND, else DTSTART + DURATION, else a day (all-day) or its start."""
    if "DTEND" in component:
        return max(start, ical_time.localise(ical_events.when(component, "DTEND"), zone))
    if "DURATION" in component:
        length: dt.timedelta = ical_events.value_of(component, "DURATION")
        return start + length
    return start + dt.timedelta(days=1) if not isinstance(raw, dt.datetime) else start


def _line(component: icalendar.Component) -> int | None:
    try:
        return int(str(component.get(ical_events.LINE, "")))
    except ValueError:
        return None


def _slot(component: icalendar.Component, start: dt.date) -> dt.date:
    """The occurrence's place in its series: its RECURRENCE-ID, before any move."""
    recurrence = component.get("RECURRENCE-ID")
    if recurrence is None:
        return start
    shift = component.get(ical_events.SHIFT)
    if str(recurrence.params.get("RANGE", "")).upper() == "THISANDFUTURE" and shift is not None:
        try:
            return start - dt.timedelta(seconds=int(str(shift)))
        except (ValueError, OverflowError):
            return start
    value = recurrence.dt
    if isinstance(value, dt.datetime) and not isinstance(start, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else start


def _too_dense(component: icalendar.Component) -> str:
    """Why a series repeats too often to be a meeting (sub-daily rules), or ""."""
    for rule in as_list(component.get("RRULE")):
        frequency = str(_first(rule.get("FREQ"))).upper()
        if frequency in _SUB_DAILY:
            return f"it repeats more often than daily (FREQ={frequency}): not a meeting"
        spread = 1
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            spread *= max(1, len(as_list(rule.get(part))))
        if spread > 24:
            return f"it repeats {spread} times a day: not a meeting"
    return ""


def _first(value: Any) -> Any:
    items = as_list(value)
    return items[0] if items else ""


def read_ical_text(text: str, file: str = "<text>", context: ReadContext | None = None) -> ReadResult:
    """Read iCalendar text (a convenience for tests and remote sources)."""
    return read_ical(text.encode("utf-8"), file, context or ReadContext())


__all__ = ["SKIPPED", "IcalReader", "default_window", "read_ical", "read_ical_text"]
