"""The plan: tasks (WBS, milestones, deliverables, estimates, progress, baseline) and links."""

from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass, field

from pmo.model.source import Source
from pmo.model.values import NotApplicable, Pending

MAX_DAYS = 100_000.0
"""No duration, lag or estimate may exceed this many days (about 270 years)."""


def check_days(name: str, value: float | None, *, negative: bool = False) -> None:
    """Refuse a number of days that is not finite, is negative (unless allowed) or is absurdly large."""
    if value is None:
        return
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a number of days, not {value}")
    if value < 0 and not negative:
        raise ValueError(f"{name} cannot be negative ({value:g})")
    if abs(value) > MAX_DAYS:
        raise ValueError(f"{name} of {value:g} days is beyond {MAX_DAYS:,.0f} days")


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

    def __post_init__(self) -> None:
        for name in ("optimistic", "most_likely", "pessimistic"):
            check_days(f"the {name.replace('_', ' ')} estimate", getattr(self, name))
        if not self.optimistic <= self.most_likely <= self.pessimistic:
            raise ValueError(
                f"an estimate needs optimistic ≤ most likely ≤ pessimistic, not {self.optimistic:g} / "
                f"{self.most_likely:g} / {self.pessimistic:g}"
            )


@dataclass(frozen=True)
class Assignment:
    """A person booked on a task at `units` of their capacity (1.0 = full time)."""

    person: str
    units: float = 1.0

    def __post_init__(self) -> None:
        if not math.isfinite(self.units) or not 0 <= self.units <= 100:
            raise ValueError(f"the units of {self.person}'s assignment must be between 0 and 100, not {self.units:g}")


@dataclass(frozen=True)
class Task:
    """A task, summary task, milestone or deliverable of the plan.

    Durations and remaining work count working days; effort and costs are totals for the
    task. `start`/`finish` are the dates the plan states (the schedule engine computes its
    own); `baseline_*` the approved baseline; `percent_complete` runs from 0 to 100.
    `optional` marks work the project could drop to recover a date (a descope option).
    `last_updated` is when the task's progress was last given. `updated_with_plan` is true
    when the source records no update date per task (MS Project): the task was then last
    updated when the whole plan was (see `Project.last_update`), and a task without a date
    was not necessarily never updated.
    """

    id: str
    name: str
    parent: str | None = None
    wbs: str | None = None
    milestone: bool = False
    deliverable: bool = False
    optional: bool = False
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
    updated_with_plan: bool = False
    constraint: Constraint | None = None
    deadline: dt.date | None = None
    calendar: str | None = None
    budget: float | None = None
    actual_cost: float | None = None
    notes: str = ""
    source: Source = field(default_factory=Source, compare=False)

    def __post_init__(self) -> None:
        check_days("duration", self.duration)
        check_days("remaining duration", self.remaining)
        for name in ("effort", "budget", "actual_cost", "percent_complete"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValueError(f"{name.replace('_', ' ')} must be a number, not {value}")
        for name in ("effort", "budget", "actual_cost"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name.replace('_', ' ')} cannot be negative ({value:g})")

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

    def __post_init__(self) -> None:
        check_days(f"the lag of {self.predecessor} -> {self.successor}", self.lag, negative=True)

    def __str__(self) -> str:
        text = f"{self.predecessor} -> {self.successor} {self.type.value}"
        if self.lag:
            text += f"{self.lag:+g}{self.lag_unit.value}"
        return text
