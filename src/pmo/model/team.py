"""The copybook and the ground: meeting notes and team check-ins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pmo.model.source import Source


@dataclass(frozen=True)
class Note:
    """Notes of a meeting or a conversation; its entries are imported into the registers."""

    id: str
    date: dt.date
    title: str
    meeting: str | None = None
    attendees: tuple[str, ...] = ()
    text: str = ""
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class CheckIn:
    """A team member's check-in: stress, confidence and workload on a 1-5 scale."""

    person: str
    date: dt.date
    stress: int | None = None
    confidence: int | None = None
    workload: int | None = None
    blockers: tuple[str, ...] = ()
    constraints: tuple[str, ...] = ()
    comment: str = ""
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class Snapshot:
    """The figures of a project at a status date, kept for trends and "what changed".

    `milestones` maps a milestone id to its forecast finish; `figures` the headline
    figures by name; `items` the state of register entries, by ``kind:id``: their
    title, status and, where they have them, due date, owner and score.
    """

    project: str
    status_date: dt.date
    taken_at: dt.datetime
    milestones: dict[str, dt.date | None] = field(default_factory=dict)
    figures: dict[str, float | str | None] = field(default_factory=dict)
    items: dict[str, dict[str, str | int | None]] = field(default_factory=dict)
