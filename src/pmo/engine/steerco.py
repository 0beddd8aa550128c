"""The steering committee a deck is made for: its date, the one before, what it is asked and what it decided.

Pure functions of a Review (no clock, no files). The dates come from the governance rules
(`pmo.engine.anticipate.rules.governance_rules`: written, inferred from the calendar's series,
the workspace's) with their fixed dates, and from the occurrences of kind steering-committee
(`pmo.engine.anticipate.meetings.occurrences`: series expanded, single meetings; a cancelled
one does not count). `steering_of` gathers what the deck shows beyond the Review itself: the decisions
requested (question, options, recommendation: "Investigation ongoing (who, by when)" where
the register gives none), the actions raised at earlier steering committees with their
status now, and what changed since the last steering committee (against the snapshot of
the last report taken at or before it, else the first taken after it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pmo.engine.anticipate.meetings import calendar_start, occurrences
from pmo.engine.anticipate.prep import PACK_LEAD, pack_due
from pmo.engine.anticipate.rules import governance_rules
from pmo.engine.history import what_changed
from pmo.engine.review.build import Review, review_snapshot
from pmo.engine.review.rows import ActionRow, Cell, ChangeEntry
from pmo.model import DecisionStatus, MeetingKind, MeetingStatus, Project, Snapshot
from pmo.model.values import Known, NotApplicable, Pending

LEAD_WORKDAYS = PACK_LEAD
"""From this many working days before a steering committee, `pmo run` writes the draft deck."""
STEERING_WORDS = ("steering", "steerco", "copil")


@dataclass(frozen=True)
class SteeringDate:
    """One steering committee: its day, its name and where pmo read it."""

    date: dt.date
    name: str
    origin: str


@dataclass(frozen=True)
class DecisionRequest:
    """A decision put to the steering committee: the question, the options, the recommendation."""

    id: str
    question: str
    options: Cell
    recommendation: Cell
    decider: Cell
    needed_by: Cell
    source: str


@dataclass(frozen=True)
class SteeringAction:
    """An action a steering committee decided, and where it stands at the status date."""

    id: str
    title: str
    decided: dt.date
    owner: Cell
    due: Cell
    status: str
    late: bool


@dataclass(frozen=True)
class Steering:
    """What the deck shows about the steering committees around the status date."""

    meeting: SteeringDate | None
    previous: SteeringDate | None
    following: SteeringDate | None
    decisions: tuple[DecisionRequest, ...]
    actions: tuple[SteeringAction, ...]
    changed: tuple[ChangeEntry, ...]
    changed_since: Cell


HORIZON_DAYS = 400
"""How far past the status date the calendar's series are expanded to find the next committees."""


def steering_dates(project: Project) -> tuple[SteeringDate, ...]:
    """Every steering committee the project knows of, one per day, soonest first."""
    found: dict[dt.date, SteeringDate] = {}
    last = (project.status_date or calendar_start(project)) + dt.timedelta(days=HORIZON_DAYS)
    for meeting in occurrences(project, calendar_start(project), last):
        if meeting.kind is MeetingKind.STEERING and meeting.status is not MeetingStatus.CANCELLED:
            day = meeting.start.date()
            found.setdefault(day, SteeringDate(day, meeting.title, f"calendar entry {meeting.title!r}"))
    for rule in governance_rules(project):
        if rule.kind is MeetingKind.STEERING:
            for day in rule.dates:
                found.setdefault(day, SteeringDate(day, rule.name, f"governance rule {rule.id} ({rule.name})"))
    return tuple(found[day] for day in sorted(found))


def next_steering(project: Project, as_of: dt.date) -> SteeringDate | None:
    """The first steering committee on or after `as_of`, if any."""
    return next((s for s in steering_dates(project) if s.date >= as_of), None)


def steering_due(project: Project, as_of: dt.date) -> SteeringDate | None:
    """The next steering committee when its pack is under way (`as_of` from T-5 working days to its
    day), else None: the same test as the preparation's (`prep.pack_due`), so the draft deck and
    the input requests come together."""
    prep = pack_due(project, as_of)
    if prep is None:
        return None
    meeting = prep.meeting
    origin = f"calendar entry {meeting.title!r}" if meeting.in_calendar else \
        f"governance rule {meeting.rule.id} ({meeting.rule.name})"
    return SteeringDate(meeting.date, meeting.title, origin)


def steering_of(review: Review, meeting: dt.date | None = None) -> Steering:
    """The steering committee of `meeting` (default: the next one from the status date) for a deck."""
    project, as_of = review.project, review.as_of
    dates = steering_dates(project)
    if meeting is None:
        chosen = next((s for s in dates if s.date >= as_of), None)
    else:
        chosen = next((s for s in dates if s.date == meeting), SteeringDate(meeting, "Steering committee", "asked"))
    day = chosen.date if chosen is not None else None
    previous = max((s for s in dates if s.date < (day or as_of) and s.date <= as_of), key=lambda s: s.date,
                   default=None)
    following = min((s for s in dates if day is not None and s.date > day), key=lambda s: s.date, default=None)
    changed, since = _changed_since(review, previous)
    return Steering(
        chosen,
        previous,
        following,
        decisions_requested(project, as_of, day),
        steering_actions(project, review.actions, as_of),
        changed,
        since,
    )


def decisions_requested(project: Project, as_of: dt.date, meeting: dt.date | None) -> tuple[DecisionRequest, ...]:
    """The proposed decisions of the register, in register order, every cell filled."""
    manager = project.manager if isinstance(project.manager, str) and project.manager.strip() else None
    requests = []
    for decision in project.decisions:
        if decision.status is not DecisionStatus.PROPOSED:
            continue
        decider_ref = decision.decided_by if isinstance(decision.decided_by, str) else None
        if isinstance(decision.decided_by, (Pending, NotApplicable)):
            decider: Cell = decision.decided_by
        elif decider_ref:
            decider = Known(project.person_name(decider_ref))
        else:
            decider = NotApplicable("the steering committee decides")
        if isinstance(decision.date, dt.date):
            needed: Cell = Known(decision.date)
        elif meeting is not None:
            needed = Known(meeting)
        else:
            needed = NotApplicable("no date set and no steering committee planned")
        options: Cell = Known("; ".join(decision.options)) if decision.options else NotApplicable(
            "a yes/no question: take it or not")
        recommendation = _recommendation(project, decision.recommendation, decider_ref or manager, as_of,
                                         meeting or (decision.date if isinstance(decision.date, dt.date) else None))
        where = str(decision.source) if str(decision.source) else "the decision register"
        requests.append(DecisionRequest(decision.id, decision.title, options, recommendation, decider, needed, where))
    return tuple(requests)


def _recommendation(project: Project, value: object, who: str | None, as_of: dt.date, by: dt.date | None) -> Cell:
    if isinstance(value, (Pending, NotApplicable)):
        return Pending(project.person_name(value.who), value.by, value.note) if isinstance(value, Pending) else value
    if isinstance(value, str) and value.strip():
        return Known(value)
    owner = project.person_name(who) if who else "the PMO"
    return Pending(owner, by if by is not None and by >= as_of else as_of, "no recommendation in the register")


def _is_steering(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in STEERING_WORDS)


def steering_actions(project: Project, rows: Sequence[ActionRow], as_of: dt.date) -> tuple[SteeringAction, ...]:
    """The actions raised at steering committee notes before `as_of`, latest meeting first."""
    notes = {
        note.id: note for note in project.notes
        if note.date <= as_of and any(_is_steering(text) for text in (note.id, note.meeting or "", note.title))
    }
    by_id = {row.id: row for row in rows}
    found = []
    for action in project.actions:
        note = notes.get(action.origin or "")
        row = by_id.get(action.id)
        if note is None or row is None:
            continue
        found.append(SteeringAction(action.id, action.title, note.date, row.owner, row.due, row.status, row.late))
    return tuple(sorted(found, key=lambda a: (-a.decided.toordinal(), a.id)))


def _changed_since(review: Review, previous: SteeringDate | None) -> tuple[tuple[ChangeEntry, ...], Cell]:
    """What changed since the last steering committee, and the report it is compared with."""
    snapshots = sorted(review.snapshots, key=lambda s: s.status_date)
    if not snapshots:
        return (), NotApplicable("no earlier report to compare with")
    base: Snapshot | None = None
    if previous is not None:
        before = [s for s in snapshots if s.status_date <= previous.date]
        after = [s for s in snapshots if s.status_date > previous.date]
        base = before[-1] if before else after[0] if after else None
        if base is None:
            return (), NotApplicable("no report since the last steering committee")
        label = (f"the report of {base.status_date.isoformat()}"
                 + ("" if before else f", the first after the steering committee of {previous.date.isoformat()}"))
    else:
        base = snapshots[0]
        label = f"the first report, {base.status_date.isoformat()} (no earlier steering committee)"
    if base.status_date == (review.previous.status_date if review.previous else None):
        return review.changed, Known(label)
    reasons = {m.id: c.reason for m in review.milestones for c in review.changed
               if c.kind == "date moved" and c.subject.startswith(f"milestone {m.id} ")}
    current = review_snapshot(review, dt.datetime.combine(review.as_of, dt.time(12), tzinfo=dt.UTC))
    entries = what_changed(dataclasses.replace(base), current, review.project, reasons)
    return entries, Known(label)
