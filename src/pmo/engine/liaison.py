"""The team link, computed: when each person was last met, and how their pulse goes.

Pure functions of a project at a status date, used by the checks of
`pmo.engine.checks.liaison` (contact-overdue, pulse-low, checkin-missing, actions-piling-up).

A *contact* is a meeting the person attended (an occurrence not cancelled, before the status
date, where they are an attendee who did not decline; absences are not meetings; occurrences
come from `pmo.engine.anticipate.meetings.occurrences`, the calendar's series expanded up to
the status date, however long before it the calendar was imported) or a note
that lists them among its attendees. A check-in is not a contact: it is a form the person
fills alone; it tells their pulse (`pulse_of`), which the talking points of a contact carry.
Attendees are matched to people by id, e-mail or name (`Project.person`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from pmo.engine.anticipate.meetings import calendar_start, occurrences
from pmo.model import CheckIn, Project
from pmo.model.governance import MeetingKind, MeetingStatus, Response


@dataclass(frozen=True)
class Contact:
    """The last time the PMO met a person: its date, what it was (``meeting`` or ``note``), its id and title."""

    person: str
    date: dt.date
    kind: str
    ref: str
    title: str

    @property
    def what(self) -> str:
        """``meeting "1:1 Sophie / Pierre" (id)``: what the contact was, for a message."""
        return f'{self.kind} "{self.title}"' if self.title else f"{self.kind} {self.ref}"


def last_contacts(project: Project, as_of: dt.date) -> dict[str, Contact]:
    """Person id -> their last contact before or at `as_of` (meetings strictly before it: the
    status date's own meetings may not have taken place yet). People never met are absent."""
    last: dict[str, Contact] = {}

    def seen(ref: str, contact_date: dt.date, kind: str, record: str, title: str) -> None:
        person = project.person(ref)
        if person is None:
            return
        known = last.get(person.id)
        if known is None or contact_date > known.date:
            last[person.id] = Contact(person.id, contact_date, kind, record, title)

    for meeting in occurrences(project, calendar_start(project), as_of - dt.timedelta(days=1)):
        day = meeting.start.date()
        if meeting.status is MeetingStatus.CANCELLED or meeting.kind is MeetingKind.ABSENCE or day >= as_of:
            continue
        for attendee in meeting.attendees:
            if attendee.response is not Response.DECLINED:
                seen(attendee.person, day, "meeting", meeting.id, meeting.title)
    for note in project.notes:
        if note.date <= as_of:
            for name in note.attendees:
                seen(name, note.date, "note", note.id, note.title)
    return last


def checkins_by_person(project: Project, as_of: dt.date) -> dict[str, tuple[CheckIn, ...]]:
    """Person id (as resolved, else as written) -> their check-ins up to `as_of`, oldest first."""
    found: dict[str, list[CheckIn]] = {}
    for checkin in project.checkins:
        if checkin.date <= as_of:
            person = project.person(checkin.person)
            found.setdefault(person.id if person else checkin.person, []).append(checkin)
    return {who: tuple(sorted(items, key=lambda c: c.date)) for who, items in found.items()}


@dataclass(frozen=True)
class Pulse:
    """Why a person's pulse is low: the reasons (sentences) and the answers behind them."""

    person: str
    reasons: tuple[str, ...]
    answers: tuple[CheckIn, ...]


TREND_OVER = 3  # check-ins a rise of stress or a fall of confidence is read over


def _trend(values: list[int], rising: bool) -> bool:
    """Each step moves the same way, or the whole moves 2 points or more (never back)."""
    steps = [b - a for a, b in itertools.pairwise(values)]
    if not rising:
        steps = [-s for s in steps]
    return bool(steps) and (all(s > 0 for s in steps) or (all(s >= 0 for s in steps) and sum(steps) >= 2))


def pulse_of(
    checkins: tuple[CheckIn, ...], stress_threshold: float, confidence_threshold: float
) -> Pulse | None:
    """The reasons a person's latest check-ins are worrying, or None: the latest stress at or above
    `stress_threshold`, the latest confidence below `confidence_threshold`, a rise of stress or a
    fall of confidence over the last `TREND_OVER` check-ins."""
    if not checkins:
        return None
    latest = checkins[-1]
    recent = checkins[-TREND_OVER:]
    reasons: list[str] = []
    if latest.stress is not None and latest.stress >= stress_threshold:
        reasons.append(f"stress {latest.stress}/5 on {latest.date.isoformat()} (alert at {stress_threshold:g})")
    if latest.confidence is not None and latest.confidence < confidence_threshold:
        reasons.append(
            f"confidence {latest.confidence}/5 on {latest.date.isoformat()} (alert below {confidence_threshold:g})"
        )
    stress = [c.stress for c in recent if c.stress is not None]
    confidence = [c.confidence for c in recent if c.confidence is not None]
    if len(stress) == TREND_OVER and _trend(stress, rising=True):
        reasons.append("stress rising " + " -> ".join(str(v) for v in stress))
    if len(confidence) == TREND_OVER and _trend(confidence, rising=False):
        reasons.append("confidence falling " + " -> ".join(str(v) for v in confidence))
    return Pulse(latest.person, tuple(reasons), recent) if reasons else None


def answers_text(checkins: tuple[CheckIn, ...]) -> str:
    """``2026-06-05 stress 5 confidence 2 workload 5; ...``: the answers, dated."""

    def one(c: CheckIn) -> str:
        values = [
            f"{name} {value}"
            for name, value in (("stress", c.stress), ("confidence", c.confidence), ("workload", c.workload))
            if value is not None
        ]
        return f"{c.date.isoformat()} " + (" ".join(values) or "no scores")

    return "; ".join(one(c) for c in checkins)


def missed_checkins(last: dt.date, as_of: dt.date, every_days: int) -> tuple[dt.date, ...]:
    """The dates a check-in was due after `last`, every `every_days`, before `as_of` (a check-in
    due on the status date itself is not missed yet)."""
    if every_days <= 0:
        return ()
    missed: list[dt.date] = []
    due = last + dt.timedelta(days=every_days)
    while due < as_of:
        missed.append(due)
        due += dt.timedelta(days=every_days)
    return tuple(missed)
