"""Governance: the meetings that happen and the rules saying which should."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from pmo.model.source import Source


class MeetingKind(str, enum.Enum):
    """What a calendar entry is, for governance purposes."""

    PROJECT = "project-meeting"
    STEERING = "steering-committee"
    ONE_TO_ONE = "one-to-one"
    WORKSHOP = "workshop"
    ABSENCE = "absence"
    OTHER = "other"


class MeetingStatus(str, enum.Enum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class Response(str, enum.Enum):
    """An attendee's answer to an invitation."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    NEEDS_ACTION = "needs-action"


@dataclass(frozen=True)
class Attendee:
    """A person invited to a meeting."""

    person: str
    required: bool = True
    response: Response = Response.ACCEPTED


@dataclass(frozen=True)
class Meeting:
    """One occurrence of a meeting (a recurring series is expanded into occurrences)."""

    id: str
    title: str
    start: dt.datetime
    end: dt.datetime
    kind: MeetingKind = MeetingKind.OTHER
    status: MeetingStatus = MeetingStatus.CONFIRMED
    attendees: tuple[Attendee, ...] = ()
    series: str | None = None
    location: str = ""
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class Override:
    """An occurrence of a series edited on its own: `slot` is where the rule placed it,
    `start` and `end` where it is now (moved when they differ), with its own title and
    attendees when it has them. `this_and_future` (RANGE=THISANDFUTURE) moves every later
    occurrence by the same shift."""

    slot: dt.datetime
    start: dt.datetime
    end: dt.datetime
    title: str = ""
    attendees: tuple[Attendee, ...] | None = None
    this_and_future: bool = False


@dataclass(frozen=True)
class MeetingSeries:
    """A recurring meeting as its calendar defines it, expanded on demand over any window.

    `rrule` is the RFC 5545 rule text (``FREQ=WEEKLY;BYDAY=MO``, no ``RRULE:``), `start`
    the first occurrence (time-zone aware; at midnight for an all-day series) in `zone`
    (an IANA name, "" when the zone has none: its fixed offset is kept), `minutes` its
    length. `exdates` are occurrences deleted, `cancelled` those kept but cancelled
    (slots, as the rule places them), `overrides` those edited (moved, or answered). `floating`
    marks a series written without a zone (its occurrence ids keep local times), `utc`
    one written in UTC (its rule runs in UTC; occurrences are shown in `zone`).
    """

    id: str
    title: str
    start: dt.datetime
    minutes: int = 0
    rrule: str = ""
    zone: str = ""
    all_day: bool = False
    floating: bool = False
    utc: bool = False
    kind: MeetingKind = MeetingKind.OTHER
    status: MeetingStatus = MeetingStatus.CONFIRMED
    rdates: tuple[dt.datetime, ...] = ()
    exdates: tuple[dt.datetime, ...] = ()
    cancelled: tuple[dt.datetime, ...] = ()
    overrides: tuple[Override, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    organizer: str = ""
    location: str = ""
    source: Source = field(default_factory=Source, compare=False)


class Cadence(str, enum.Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    ONCE = "once"

    @property
    def days(self) -> int:
        return {"daily": 1, "weekly": 7, "biweekly": 14, "monthly": 30, "once": 0}[self.value]


@dataclass(frozen=True)
class PrepStep:
    """A preparation step due `lead_days` working days before the meeting."""

    name: str
    lead_days: int
    owner: str | None = None


@dataclass(frozen=True)
class GovernanceRule:
    """A meeting the project must hold: its kind, cadence, attendees and preparation.

    `dates` lists fixed occurrences (e.g. the steering committees of the year) when the
    cadence is `once` or irregular; `weekday` (0 = Monday) anchors a weekly cadence.
    `series` names the calendar series (their UIDs) that hold the meeting: their rule
    then says which occurrences are expected.
    """

    id: str
    name: str
    kind: MeetingKind
    cadence: Cadence = Cadence.WEEKLY
    weekday: int | None = None
    dates: tuple[dt.date, ...] = ()
    required: tuple[str, ...] = ()
    preparation: tuple[PrepStep, ...] = ()
    series: tuple[str, ...] = ()
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class GovernanceSettings:
    """How governance is checked against the calendar (the project file's
    ``settings: governance:``, overridden by the workspace's ``[governance]`` table).

    Meetings are checked from `lookback_days` working days before the status date to
    `lookahead_days` after it; a cancelled occurrence is replaced by a meeting of the
    same series or kind held within `tolerance_days` working days of it. With `infer`,
    the recurring series of the calendar are governance rules too. `rules` replace the
    rules of the same id (written or inferred) or add to them; `ignore` lists rule or
    series ids not to check.
    """

    lookback_days: int = 20
    lookahead_days: int = 10
    tolerance_days: int = 2
    infer: bool = True
    rules: tuple[GovernanceRule, ...] = ()
    ignore: tuple[str, ...] = ()
