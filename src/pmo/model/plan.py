"""The plan: tasks (WBS, milestones, deliverables, estimates, progress, baseline) and links."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from pmo.model.source import Source
from pmo.model.values import NotApplicable, Pending


class LinkType(str, enum.Enum):
    """Dependency types: finish-to-start, start-to-start, finish-to-finish, start-to-finish."""

    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class LagUnit(str, enum.Enum):
    """A lag counts working days (on the successor's calendar) or elapsed calendar days."""

    WORKING = "wd"
    ELAPSED = "ed"


class ConstraintType(str, enum.Enum):
    """Date constraints, as in MS Project and TaskJuggler."""

    ASAP = "asap"  # as soon as possible
    ALAP = "alap"  # as late as possible
    SNET = "snet"  # start no earlier than
    SNLT = "snlt"  # start no later than
    FNET = "fnet"  # finish no earlier than
    FNLT = "fnlt"  # finish no later than
    MSO = "mso"  # must start on
    MFO = "mfo"  # must finish on


@dataclass(frozen=True)
class Constraint:
    """A date constraint on a task (no date for ASAP/ALAP)."""

    type: ConstraintType
    date: dt.date | None = None


@dataclass(frozen=True)
class Estimate:
    """A three-point estimate of duration, in working days."""

    optimistic: float
    most_likely: float
    pessimistic: float


@dataclass(frozen=True)
class Assignment:
    """A person booked on a task at `units` of their capacity (1.0 = full time)."""

    person: str
    units: float = 1.0


@dataclass(frozen=True)
class Task:
    """A task, summary task, milestone or deliverable of the plan.

    Durations and remaining work count working days; effort and costs are totals for the
    task. `start`/`finish` are the dates the plan states (the schedule engine computes its
    own); `baseline_*` the approved baseline; `percent_complete` runs from 0 to 100.
    """

    id: str
    name: str
    parent: str | None = None
    wbs: str | None = None
    milestone: bool = False
    deliverable: bool = False
    duration: float | None = None
    effort: float | None = None
    estimate: Estimate | None = None
    owner: str | Pending | NotApplicable | None = None
    assignments: tuple[Assignment, ...] = ()
    start: dt.date | None = None
    finish: dt.date | None = None
    baseline_start: dt.date | None = None
    baseline_finish: dt.date | None = None
    percent_complete: float = 0.0
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    remaining: float | None = None
    last_updated: dt.date | None = None
    constraint: Constraint | None = None
    deadline: dt.date | None = None
    calendar: str | None = None
    budget: float | None = None
    actual_cost: float | None = None
    notes: str = ""
    source: Source = field(default_factory=Source, compare=False)

    @property
    def done(self) -> bool:
        return self.actual_finish is not None or self.percent_complete >= 100.0

    @property
    def started(self) -> bool:
        return self.actual_start is not None or self.percent_complete > 0.0


@dataclass(frozen=True)
class Dependency:
    """A link: `successor` depends on `predecessor` by `type`, shifted by `lag`."""

    predecessor: str
    successor: str
    type: LinkType = LinkType.FS
    lag: float = 0.0
    lag_unit: LagUnit = LagUnit.WORKING
    source: Source = field(default_factory=Source, compare=False)

    def __str__(self) -> str:
        text = f"{self.predecessor} -> {self.successor} {self.type.value}"
        if self.lag:
            text += f"{self.lag:+g}{self.lag_unit.value}"
        return text
