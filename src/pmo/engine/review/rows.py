"""The rows of a Review: every cell is known, pending or not applicable, never blank."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pmo.model import Finding
from pmo.model.values import Known, NotApplicable, Pending

Cell = Known[object] | Pending | NotApplicable


def slug(label: str) -> str:
    """A stable id from a label: lower case, words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", label.lower())) or "field"


@dataclass(frozen=True)
class FieldRow:
    """A labelled value of the report header or figures.

    `value` is what the report shows; `number` the same value as a number where it is one
    (what ratings, snapshots and `--json` read); `id` a stable key (default: the label's slug).
    """

    label: str
    value: Cell
    help: str = ""
    id: str = ""
    number: float | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slug(self.label))


@dataclass(frozen=True)
class MilestoneRow:
    id: str
    name: str
    owner: Cell
    baseline: Cell
    forecast: Cell
    actual: Cell
    variance: Cell
    status: str
    p80: Cell = field(default_factory=lambda: NotApplicable("no Monte Carlo forecast"))
    previous: Cell = field(default_factory=lambda: NotApplicable("no earlier report"))
    variance_days: int | None = None  # the variance as a number (positive: late)


@dataclass(frozen=True)
class ActionRow:
    id: str
    title: str
    owner: Cell
    due: Cell
    status: str
    age: Cell
    late: bool
    carried: Cell = field(default_factory=lambda: NotApplicable("no earlier report"))


@dataclass(frozen=True)
class RiskRow:
    id: str
    title: str
    owner: Cell
    probability: Cell
    impact: Cell
    score: Cell
    mitigation: Cell
    status: str


@dataclass(frozen=True)
class IssueRow:
    id: str
    title: str
    owner: Cell
    priority: str
    status: str
    due: Cell
    resolution: Cell


@dataclass(frozen=True)
class DecisionRow:
    id: str
    title: str
    status: str
    date: Cell
    decided_by: Cell


@dataclass(frozen=True)
class AssumptionRow:
    id: str
    title: str
    owner: Cell
    validate_by: Cell
    validated: str


@dataclass(frozen=True)
class ChangeRow:
    id: str
    title: str
    status: str
    raised: Cell
    impact: Cell


@dataclass(frozen=True)
class PendingRow:
    """An open "investigation ongoing": what, who finds out, by when, and whether pmo made it."""

    subject: str
    field: str
    who: str
    by: str
    note: str
    overdue: bool
    generated: bool


@dataclass(frozen=True)
class TrendRow:
    """A milestone's forecast at each past status date (milestone trend analysis)."""

    id: str
    name: str
    baseline: dt.date | None
    points: tuple[tuple[dt.date, dt.date | None], ...]


@dataclass(frozen=True)
class CurvePoint:
    """One date of the S-curve: planned and actual cumulative percent complete."""

    date: dt.date
    planned: float
    actual: float | None


@dataclass(frozen=True)
class GanttBar:
    """One bar of the Gantt chart: forecast dates, baseline dates, criticality."""

    id: str
    name: str
    level: int
    start: dt.date
    finish: dt.date
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    milestone: bool
    summary: bool
    critical: bool
    percent_complete: float


@dataclass(frozen=True)
class ChangeEntry:
    """One line of "what changed since the last report"."""

    kind: str
    subject: str
    change: str
    reason: str


@dataclass(frozen=True)
class PeriodRow:
    """Something due in the next period: when, what kind, what, who, where it stands."""

    date: dt.date
    kind: str
    subject: str
    owner: Cell
    status: str


@dataclass(frozen=True)
class QualityRow:
    """A finding as the report's quality section shows it."""

    finding: Finding
    where: str
