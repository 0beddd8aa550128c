"""Governance held against the real calendar: meeting-missing, meeting-attendee-missing.

The window is the past reporting period and the look-ahead: from
``settings.governance.lookback_days`` working days before the status date to
``lookahead_days`` after it (working days of the project calendar). For each governance
rule (`pmo.engine.anticipate.rules.governance_rules`), `expected` lists the occurrences
it expects there, each held, moved, cancelled, deleted or not scheduled:

- a rule held by calendar series expects every slot their rule places (a slot on a
  non-working day of the project calendar is not expected, unless the series itself
  meets on non-working days); a slot is deleted (EXDATE), cancelled, moved (an edited
  occurrence at another time) or held;
- a written rule without series expects its fixed `dates`, else every working day of
  its `weekday` (weekly) or every working day (daily); biweekly and monthly rules need
  dates or a series. An expected day is held by the nearest meeting of the rule's kind
  within the tolerance (moved when on another day), else cancelled or not scheduled.

`meeting-missing`: one finding per expected occurrence deleted, cancelled or never
scheduled with no replacement (a meeting of the same series, or of the same kind or
title, held within ``tolerance_days`` working days, that is not itself an occurrence
some rule expects). A moved occurrence is not missing.

`meeting-attendee-missing`: for each occurrence held, each person the rule requires who
declined it or is absent that day (one finding per occurrence and person); a required
person not invited at all is one finding per rule and person, naming the occurrences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from pmo.engine.anticipate.absences import absences_of
from pmo.engine.anticipate.meetings import calendar_start, occurrences, words
from pmo.engine.anticipate.rules import governance_rules
from pmo.engine.anticipate.series import (
    expand,
    is_cancelled,
    is_deleted,
    last_day,
    override_of,
    shown_in,
    slot_key,
    slots,
)
from pmo.engine.names import person_label, some
from pmo.engine.workdays import Workdays, project_days
from pmo.model import (
    Absence,
    Cadence,
    Finding,
    GovernanceRule,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Project,
    Response,
    Severity,
    Subject,
)

State = Literal["held", "moved", "cancelled", "deleted", "unscheduled"]
_STATES: dict[str, str] = {
    "cancelled": "was cancelled",
    "deleted": "was deleted from the series",
    "unscheduled": "is not in the calendar",
}
# Kinds a meeting of which replaces another of the same kind, whatever its title.
_SHARED_KINDS = (MeetingKind.PROJECT, MeetingKind.STEERING)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Expected:
    """An occurrence a rule expects: its day, what became of it, and the occurrence itself
    (None when it was deleted or never scheduled). `id` names it (the series occurrence's
    id, else ``rule id/date``)."""

    rule: GovernanceRule
    day: dt.date
    state: State
    id: str
    title: str
    meeting: Meeting | None = None


def window(project: Project, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The days the calendar checks cover: the past reporting period and the look-ahead."""
    settings = project.settings.governance
    calendar = project_days(project, as_of)
    return calendar.shift(as_of, -settings.lookback_days), calendar.shift(as_of, settings.lookahead_days)


def _series_expected(
    rule: GovernanceRule, series: MeetingSeries, first: dt.date, last: dt.date, calendar: Workdays
) -> Iterator[Expected]:
    margin = dt.timedelta(days=62)
    held = {m.id: m for m in expand(series, first - margin, last + margin)}
    on_working_days = series.start.weekday() in calendar.calendar.working_weekdays
    shown = shown_in(series)
    for slot in slots(series, first, last):
        day = slot.astimezone(shown).date()
        if not first <= day <= last or (on_working_days and not calendar.works(day)):
            continue
        ident = f"{series.id}/{slot_key(series, slot)}"
        meeting = held.get(ident)
        state: State
        if is_deleted(series, slot):
            state, meeting = "deleted", None
        elif is_cancelled(series, slot):
            state = "cancelled"
        else:
            edit = override_of(series, slot)
            state = "moved" if edit is not None and edit.start != slot else "held"
        yield Expected(rule, day, state, ident, meeting.title if meeting else series.title, meeting)


def _days_of(rule: GovernanceRule, first: dt.date, last: dt.date, calendar: Workdays) -> list[dt.date]:
    """The days a written rule without series expects a meeting."""
    if rule.dates:
        return sorted(d for d in rule.dates if first <= d <= last)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    if rule.cadence is Cadence.DAILY:
        return [d for d in days if calendar.works(d)]
    if rule.cadence is Cadence.WEEKLY and rule.weekday is not None:
        return [d for d in days if d.weekday() == rule.weekday and calendar.works(d)]
    return []


def _matches(kind: MeetingKind, title: str, series: Sequence[str], meeting: Meeting) -> bool:
    """A meeting of the same series, or of the same kind (and title, for kinds not shared)."""
    if meeting.series is not None and meeting.series in series:
        return True
    if meeting.kind is not kind:
        return False
    return kind in _SHARED_KINDS or words(meeting.title) == words(title)


def _written_expected(
    rule: GovernanceRule,
    meetings: Sequence[Meeting],
    first: dt.date,
    last: dt.date,
    calendar: Workdays,
    tolerance: int,
    horizon: dt.date,
) -> Iterator[Expected]:
    candidates = [m for m in meetings if _matches(rule.kind, rule.name, (), m)]
    used: set[str] = set()
    for day in _days_of(rule, first, min(last, horizon), calendar):
        near = [
            m for m in candidates
            if m.status is not MeetingStatus.CANCELLED and m.id not in used
            and calendar.distance(m.start.date(), day) <= tolerance
        ]
        if near:
            best = min(near, key=lambda m: (calendar.distance(m.start.date(), day), abs((m.start.date() - day).days)))
            used.add(best.id)
            yield Expected(rule, day, "held" if best.start.date() == day else "moved", best.id, best.title, best)
            continue
        cancelled = next((m for m in candidates if m.status is MeetingStatus.CANCELLED and m.start.date() == day), None)
        if cancelled is not None:
            yield Expected(rule, day, "cancelled", cancelled.id, cancelled.title, cancelled)
        else:
            yield Expected(rule, day, "unscheduled", f"{rule.id}/{day.isoformat()}", rule.name)


def _around(
    project: Project, first: dt.date, last: dt.date, tolerance: int | None
) -> tuple[int, Workdays, dt.timedelta, tuple[Meeting, ...]]:
    """The tolerance (the settings' unless given), the working days, the margin a replacement
    may stand within, and the occurrences of the days `first`..`last` widened by it."""
    tolerance = project.settings.governance.tolerance_days if tolerance is None else tolerance
    margin = dt.timedelta(days=2 * tolerance + 7)
    return tolerance, project_days(project, first), margin, occurrences(project, first - margin, last + margin)


def expected(
    project: Project,
    rules: Sequence[GovernanceRule],
    first: dt.date,
    last: dt.date,
    tolerance: int | None = None,
) -> list[Expected]:
    """Every occurrence `rules` expect on the days `first`..`last`, and what became of it."""
    tolerance, calendar, _, meetings = _around(project, first, last, tolerance)
    by_id = {s.id: s for s in project.series}
    horizon = calendar_end(project)
    found: list[Expected] = []
    for rule in rules:
        held_by = [by_id[ref] for ref in rule.series if ref in by_id]
        if held_by:
            for series in held_by:
                found.extend(_series_expected(rule, series, first, last, calendar))
        else:
            found.extend(_written_expected(rule, meetings, first, last, calendar, tolerance, horizon))
    return found


def calendar_end(project: Project) -> dt.date:
    """The last day the project's calendar is known: its last meeting, or its last series'
    last occurrence (`date.max` for a series without end). A written rule expects nothing
    beyond it: a calendar exported up to a date says nothing of the weeks after it."""
    ends = [m.end.date() for m in project.meetings]
    for series in project.series:
        ends.append(last_day(series) or dt.date.max)
    return max(ends, default=dt.date.min)


def _replacement(
    item: Expected, regular: set[str], meetings: Sequence[Meeting], calendar: Workdays, tolerance: int
) -> Meeting | None:
    """A meeting held within the tolerance that stands in for a missing occurrence."""
    for meeting in meetings:
        if (
            meeting.status is not MeetingStatus.CANCELLED
            and meeting.id not in regular
            and _matches(item.rule.kind, item.title, item.rule.series, meeting)
            and calendar.distance(meeting.start.date(), item.day) <= tolerance
        ):
            return meeting
    return None


def _what(item: Expected) -> str:
    return f"{item.title!r} ({item.rule.id if item.state == 'unscheduled' else item.id})"


def _severity(kind: MeetingKind) -> Severity:
    return Severity.WARNING if kind in (*_SHARED_KINDS, MeetingKind.ONE_TO_ONE) else Severity.INFO


def missing_meetings(
    project: Project, rules: Sequence[GovernanceRule], first: dt.date, last: dt.date, tolerance: int | None = None
) -> Iterator[Finding]:
    """`meeting-missing` over the days `first`..`last` (see the module doc)."""
    tolerance, calendar, margin, meetings = _around(project, first, last, tolerance)
    items = expected(project, rules, first - margin, last + margin, tolerance)
    # An occurrence some rule expects is that rule's, not a replacement for another one.
    regular = {i.id for i in items if i.state in ("held", "moved")}
    for rule in rules:
        for item in (i for i in items if i.rule is rule and first <= i.day <= last):
            if item.state in ("held", "moved") or _replacement(item, regular, meetings, calendar, tolerance):
                continue
            day = f"{_WEEKDAYS[item.day.weekday()]} {item.day.isoformat()}"
            yield Finding(
                code="meeting-missing",
                severity=_severity(rule.kind),
                subject=Subject("meeting", item.id, item.title),
                message=f"The {rule.kind.value.replace('-', ' ')} {_what(item)} of {day} {_STATES[item.state]}, "
                f"and no replacement is scheduled within {tolerance} working day{'s' * (tolerance != 1)}.",
                detail={"rule": rule.id, "date": item.day.isoformat(), "state": item.state},
                suggestion="Reschedule it, or record why it is not needed (and tell the attendees).",
                source=(item.meeting.source if item.meeting else rule.source),
            )


def _declined(meeting: Meeting, project: Project, ref: str) -> Response | None:
    """The answer of the person `ref` names to `meeting`; None when not invited."""
    person = project.person(ref)
    for attendee in meeting.attendees:
        other = project.person(attendee.person)
        if attendee.person == ref or (person is not None and other is not None and other.id == person.id):
            return attendee.response
    return None


def _absence(project: Project, away: dict[str, list[Absence]], ref: str, day: dt.date) -> str:
    """``absent (reason, span)`` when the person `ref` names is away on `day` (the project's
    absences and the calendar's out-of-office entries, `absences.absences_of`), else empty."""
    person = project.person(ref)
    for absence in away.get(person.id if person else ref, ()):
        if absence.covers(day):
            span = absence.start.isoformat() if absence.start == absence.end else (
                f"{absence.start.isoformat()} to {absence.end.isoformat()}")
            return f"absent ({absence.reason or 'away'}, {span})" if absence.reason else f"absent ({span})"
    return ""


def missing_attendees(
    project: Project, rules: Sequence[GovernanceRule], first: dt.date, last: dt.date
) -> Iterator[Finding]:
    """`meeting-attendee-missing` over the days `first`..`last` (see the module doc)."""
    items = expected(project, rules, first, last)
    away = absences_of(project, calendar_start(project), last)
    for rule in rules:
        uninvited: dict[str, list[Expected]] = {}
        for item in (i for i in items if i.rule is rule and i.meeting is not None and i.state in ("held", "moved")):
            meeting = item.meeting
            assert meeting is not None
            day = meeting.start.date()
            for ref in rule.required:
                answer = _declined(meeting, project, ref)
                if answer is None:
                    uninvited.setdefault(ref, []).append(item)
                    continue
                reasons = ["declined"] if answer is Response.DECLINED else []
                absent = _absence(project, away, ref, day)
                reasons += [absent] if absent else []
                if not reasons:
                    continue
                who = person_label(project, ref)
                yield Finding(
                    code="meeting-attendee-missing",
                    severity=Severity.WARNING,
                    subject=Subject("meeting", meeting.id, meeting.title),
                    message=f"{who}, required at {meeting.title!r} ({meeting.id}) of "
                    f"{_WEEKDAYS[day.weekday()]} {day.isoformat()}, {' and '.join(reasons)}.",
                    detail={"rule": rule.id, "date": day.isoformat(), "person": ref, "reason": "; ".join(reasons)},
                    suggestion=f"Ask {who} for a delegate or their input before the meeting, or move it.",
                    source=meeting.source,
                )
        for ref, missed in uninvited.items():
            who = person_label(project, ref)
            dates = some(i.day.isoformat() for i in missed)
            yield Finding(
                code="meeting-attendee-missing",
                severity=Severity.WARNING,
                subject=Subject("meeting", rule.series[0] if rule.series else rule.id, rule.name),
                message=f"{who}, required at {rule.name!r} ({rule.id}), is not invited to "
                f"{len(missed)} occurrence{'s' * (len(missed) > 1)}: {dates}.",
                detail={"rule": rule.id, "date": missed[0].day.isoformat(), "person": ref, "reason": "not invited"},
                suggestion=f"Invite {who} to the series, or take them off the rule's required attendees.",
                source=rule.source,
            )


def check_meeting_missing(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An expected governance meeting deleted, cancelled or never scheduled, not replaced."""
    first, last = window(project, as_of)
    yield from missing_meetings(project, governance_rules(project), first, last)


def check_attendee_missing(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """A required person declined, is absent, or is not invited to a governance meeting."""
    first, last = window(project, as_of)
    yield from missing_attendees(project, governance_rules(project), first, last)
