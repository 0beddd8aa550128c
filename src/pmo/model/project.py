"""The project: its header, its commitments and every record that belongs to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from pmo.model.calendar import Absence, Calendar
from pmo.model.governance import GovernanceRule, GovernanceSettings, Meeting, MeetingSeries
from pmo.model.people import Person
from pmo.model.registers import Action, Assumption, ChangeRequest, Decision, Issue, Risk
from pmo.model.source import Source
from pmo.model.tasks import Dependency, Task
from pmo.model.team import CheckIn, Note
from pmo.model.values import NotApplicable, Pending


@dataclass(frozen=True)
class Commitment:
    """A date promised to the sponsor: `task` (a milestone) finishes by `date`."""

    name: str
    date: dt.date
    task: str | None = None


@dataclass(frozen=True)
class Branding:
    """The project's look in the steering committee deck: two colours ("#RRGGBB") and a logo file.

    `logo` is a path relative to the file that names it (an image pmo embeds as it is).
    """

    primary: str | None = None
    accent: str | None = None
    logo: str | None = None

    def __post_init__(self) -> None:
        for name in ("primary", "accent"):
            value = getattr(self, name)
            if value is not None and not _is_hex_colour(value):
                raise ValueError(f"{name} colour {value!r}: write it as #RRGGBB (e.g. #1D3557)")


def _is_hex_colour(text: str) -> bool:
    digits = text[1:] if text.startswith("#") else ""
    return len(digits) == 6 and all(c in "0123456789abcdefABCDEF" for c in digits)


@dataclass(frozen=True)
class RagThresholds:
    """The bands of the RAG rules (docs/report.md); each colour shows the rule it came from."""

    slip_amber_days: int = 0
    slip_red_days: int = 10
    cpi_green: float = 0.95
    cpi_amber: float = 0.90
    spi_green: float = 0.95
    spi_amber: float = 0.90
    risk_red_score: int = 15
    overdue_red_share: float = 0.25


@dataclass(frozen=True)
class RagOverride:
    """A colour the manager sets by hand for a dimension (or `overall`), with why."""

    dimension: Literal["overall", "schedule", "cost", "scope", "resources", "risk", "actions"]
    colour: Literal["green", "amber", "red"]
    justification: str
    by: str | None = None
    date: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.justification.strip():
            raise ValueError("an override needs a justification: say why the computed colour is wrong")


@dataclass(frozen=True)
class Settings:
    """Thresholds a project may tune; the defaults suit a monthly-reporting project."""

    freshness_days: int = 14
    near_critical_days: float = 5.0
    pending_days: int = 5
    horizon_days: int = 15
    contact_grace_days: int = 0
    stress_threshold: float = 4.0
    confidence_threshold: float = 2.5
    checkin_every_days: int = 7
    forecast_iterations: int = 5000
    forecast_seed: int = 1
    governance: GovernanceSettings = field(default_factory=GovernanceSettings)
    recovery_candidates: int = 8
    recovery_runs: int = 24
    rag: RagThresholds = field(default_factory=RagThresholds)


@dataclass(frozen=True)
class Project:
    """Everything pmo holds about one project.

    `key` is the short name (``ERP``), `status_date` the date the figures are taken at,
    `last_saved` the date a plan file says it was last saved (MS Project's `LastSaved`).
    """

    key: str
    name: str
    status_date: dt.date | None = None
    last_saved: dt.date | None = None
    start: dt.date | None = None
    sponsor: str | Pending | NotApplicable | None = None
    manager: str | Pending | NotApplicable | None = None
    author: str | Pending | NotApplicable | None = None
    budget: float | Pending | NotApplicable | None = None
    currency: str = "EUR"
    objective: str | Pending | NotApplicable | None = None
    distribution: tuple[str, ...] = ()
    calendar: str | None = None
    commitments: tuple[Commitment, ...] = ()
    rag_overrides: tuple[RagOverride, ...] = ()
    branding: Branding | None = None
    settings: Settings = field(default_factory=Settings)
    calendars: tuple[Calendar, ...] = ()
    people: tuple[Person, ...] = ()
    absences: tuple[Absence, ...] = ()
    tasks: tuple[Task, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    actions: tuple[Action, ...] = ()
    risks: tuple[Risk, ...] = ()
    issues: tuple[Issue, ...] = ()
    decisions: tuple[Decision, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    changes: tuple[ChangeRequest, ...] = ()
    governance: tuple[GovernanceRule, ...] = ()
    series: tuple[MeetingSeries, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    notes: tuple[Note, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    source: Source = field(default_factory=Source, compare=False)

    def person(self, ref: str | None) -> Person | None:
        """The person an id, name, first name or e-mail refers to, if exactly one (memoised:
        a review names people thousands of times)."""
        if not ref:
            return None
        known = self._people_by_ref
        if ref not in known:
            found = [p for p in self.people if p.matches(ref)]
            known[ref] = found[0] if len(found) == 1 else None
        return known[ref]

    def namesakes(self, ref: str) -> list[Person]:
        """Every person `ref` could name (by id, name, first name or e-mail)."""
        return [p for p in self.people if p.matches(ref)]

    @cached_property
    def _people_by_ref(self) -> dict[str, Person | None]:
        """References already looked up, starting with every id (an id names its person first)."""
        index: dict[str, Person | None] = {}
        for person in self.people:
            index.setdefault(person.id, person)
        return index

    @cached_property
    def _tasks_by_id(self) -> dict[str, Task]:
        index: dict[str, Task] = {}
        for task in self.tasks:
            index.setdefault(task.id, task)
        return index

    def person_name(self, ref: object) -> str:
        """A display name for a person reference (the reference itself when unknown)."""
        if isinstance(ref, str):
            person = self.person(ref)
            return person.name if person else ref
        return str(ref)

    def last_update(self, task: Task) -> dt.date | None:
        """When `task`'s progress was last given: its own date, else (for a source that records
        no update date per task) the plan's status date, else the date the plan was last saved."""
        if task.last_updated is not None or not task.updated_with_plan:
            return task.last_updated
        return self.status_date or self.last_saved

    def task(self, task_id: str) -> Task | None:
        """The first task with that id (from an index built once)."""
        return self._tasks_by_id.get(task_id)


# The collections of a project, in the order the native file writes them, with the
# record kind each holds (the kind names findings' subjects and store rows).
COLLECTIONS: tuple[tuple[str, str], ...] = (
    ("calendars", "calendar"),
    ("people", "person"),
    ("absences", "absence"),
    ("tasks", "task"),
    ("dependencies", "dependency"),
    ("actions", "action"),
    ("risks", "risk"),
    ("issues", "issue"),
    ("decisions", "decision"),
    ("assumptions", "assumption"),
    ("changes", "change"),
    ("governance", "governance"),
    ("series", "series"),
    ("meetings", "meeting"),
    ("notes", "note"),
    ("checkins", "checkin"),
)
