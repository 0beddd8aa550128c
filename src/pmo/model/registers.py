"""The registers: action plan and RAID (risks, assumptions, issues, decisions), changes."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from pmo.model.source import Source
from pmo.model.values import NotApplicable, Pending


class ItemStatus(str, enum.Enum):
    """Life of a register entry."""

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (ItemStatus.OPEN, ItemStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Action:
    """An entry of the action plan."""

    id: str
    title: str
    owner: str | Pending | NotApplicable | None = None
    due: dt.date | Pending | NotApplicable | None = None
    status: ItemStatus = ItemStatus.OPEN
    opened: dt.date | None = None
    closed: dt.date | None = None
    origin: str | None = None
    notes: str = ""
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class Risk:
    """A risk: probability and impact on a 1-5 scale, an owner and a mitigation."""

    id: str
    title: str
    owner: str | Pending | NotApplicable | None = None
    probability: int | None = None
    impact: int | None = None
    mitigation: str | Pending | NotApplicable | None = None
    status: ItemStatus = ItemStatus.OPEN
    raised: dt.date | None = None
    closed: dt.date | None = None
    tasks: tuple[str, ...] = ()
    source: Source = field(default_factory=Source, compare=False)

    @property
    def score(self) -> int | None:
        if self.probability is None or self.impact is None:
            return None
        return self.probability * self.impact


@dataclass(frozen=True)
class Issue:
    """An issue: something that is going wrong now."""

    id: str
    title: str
    owner: str | Pending | NotApplicable | None = None
    priority: str = "medium"
    status: ItemStatus = ItemStatus.OPEN
    raised: dt.date | None = None
    due: dt.date | Pending | NotApplicable | None = None
    resolution: str | Pending | NotApplicable | None = None
    source: Source = field(default_factory=Source, compare=False)


class DecisionStatus(str, enum.Enum):
    """A decision is needed (proposed) or was taken."""

    PROPOSED = "proposed"
    TAKEN = "taken"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Decision:
    """A decision needed or taken, by whom and when."""

    id: str
    title: str
    status: DecisionStatus = DecisionStatus.TAKEN
    date: dt.date | Pending | NotApplicable | None = None
    decided_by: str | Pending | NotApplicable | None = None
    rationale: str = ""
    options: tuple[str, ...] = ()  # the choices put to the deciders (a proposed decision)
    recommendation: str | Pending | NotApplicable | None = None  # what the project recommends
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class Assumption:
    """An assumption the plan rests on, to validate by a date."""

    id: str
    title: str
    owner: str | Pending | NotApplicable | None = None
    validate_by: dt.date | None = None
    validated: bool = False
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class ChangeRequest:
    """A request to change scope, time or cost."""

    id: str
    title: str
    status: str = "submitted"
    raised: dt.date | None = None
    impact: str | Pending | NotApplicable | None = None
    source: Source = field(default_factory=Source, compare=False)
