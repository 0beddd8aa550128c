"""Rows of a recognised sheet to records: one function per register kind.

A `Row` holds the cells of one spreadsheet row by field (see `pmo.sources.columns`)
and turns them into typed values; a value it cannot read is left blank and reported
as an `import-skipped` finding naming the sheet, the cell and the value
(``Actions!C7: '31/02/2026' is not a date``). The builders never raise on bad data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pmo.model import (
    Action,
    Assumption,
    ChangeRequest,
    Decision,
    DecisionStatus,
    Finding,
    Issue,
    ItemStatus,
    NotApplicable,
    Pending,
    Person,
    Risk,
    Source,
    Task,
)
from pmo.sources import cells
from pmo.sources.cadence import cadence_days
from pmo.sources.dates import DateError, fold, parse_date

Shown = str | Pending | NotApplicable | None


@dataclass
class Row:
    """One row: field -> (column letter, cell value), with where it sits and what went wrong."""

    sheet: str
    number: int
    values: dict[str, tuple[str, Any]]
    source: Source
    dayfirst: bool = True
    findings: list[Finding] = field(default_factory=list)
    kind: str = "row"
    ident: str = ""

    def cell(self, name: str) -> str:
        column = self.values[name][0] if name in self.values else "?"
        return f"{self.sheet}!{column}{self.number}" if self.sheet else f"{column}{self.number}"

    def raw(self, name: str) -> Any:
        value = self.values.get(name, ("", None))[1]
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def skip(self, name: str, message: str) -> None:
        self.findings.append(cells.skipped(self.source, self.cell(name), message, self.kind, self.ident))

    def text(self, name: str) -> str | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (dt.datetime, dt.date)):
            return value.isoformat()[:10] if isinstance(value, dt.date) else str(value)
        return str(value).strip()

    def shown(self, name: str) -> Shown:
        text = self.text(name)
        return None if text is None else cells.marker(text)

    def owner(self, name: str = "owner") -> Shown:
        """A person as written (`pmo.model.resolve` matches it when the project is loaded)."""
        return self.shown(name)

    def date(self, name: str) -> dt.date | None:
        value = self.raw(name)
        try:
            return parse_date(value, dayfirst=self.dayfirst)
        except DateError as exc:
            self.skip(name, f"{exc}; left blank")
            return None

    def shown_date(self, name: str) -> dt.date | Pending | NotApplicable | None:
        value = self.raw(name)
        if isinstance(value, str):
            mark = cells.marker(value)
            if not isinstance(mark, str):
                return mark
        return self.date(name)

    def number_of(self, name: str, low: float = 0.0, high: float = 1e9) -> float | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(-?\d+(?:[.,]\d+)?)\s*(?:d|days?|j|jours?)?\s*", fold(value))
            value = float(match[1].replace(",", ".")) if match else value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high:
            return float(value)
        self.skip(name, f"{_short(value)} is not a number from {low:g} to {high:g}; left blank")
        return None

    def percent(self, name: str = "percent") -> float | None:
        """0-100: ``50%``, ``50`` or a share (``0.5``, and any number cell up to 1, as Excel holds %)."""
        value = self.raw(name)
        if value is None:
            return None
        number: float | None = None
        factor = 1.0
        if isinstance(value, str):
            text = value.strip().replace(",", ".")
            bare = text[:-1].strip() if text.endswith("%") else text
            number = _float(bare)
            if number is not None and bare == text and "." in text and number <= 1:
                factor = 100.0
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
            factor = 100.0 if number <= 1 else 1.0
        if number is None or not 0.0 <= number * factor <= 100.0:
            self.skip(name, f"{_short(value)} is not a percentage from 0 to 100; left blank")
            return None
        return round(number * factor, 6)

    def score(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            return cells.scale(value)
        except ValueError:
            self.skip(name, f"{_short(value)} is not a score from 1 to 5 (or low/medium/high); left blank")
            return None

    def status(self) -> ItemStatus:
        status = cells.item_status(self.raw("status"))
        if status is None:
            self.skip("status", f"status {_short(self.raw('status'))} is not understood; read as open")
            return ItemStatus.OPEN
        return status

    def notes(self) -> str:
        """The notes column and any extra description columns, one per line."""
        parts = [self.text(name) for name in sorted(self.values) if name.startswith("notes")]
        return "\n".join(p for p in parts if p)


def _float(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number else None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def build_action(row: Row, ident: str, title: str) -> Action:
    return Action(
        id=ident,
        title=title,
        owner=row.owner(),
        due=row.shown_date("due"),
        status=row.status(),
        opened=row.date("raised"),
        closed=row.date("closed"),
        origin=row.text("origin"),
        notes=row.notes(),
        source=row.source,
    )


def build_risk(row: Row, ident: str, title: str) -> Risk:
    return Risk(
        id=ident,
        title=title,
        owner=row.owner(),
        probability=row.score("probability"),
        impact=row.score("impact"),
        mitigation=row.shown("mitigation"),
        status=row.status(),
        raised=row.date("raised"),
        closed=row.date("closed"),
        source=row.source,
    )


def build_issue(row: Row, ident: str, title: str) -> Issue:
    return Issue(
        id=ident,
        title=title,
        owner=row.owner(),
        priority=(row.text("priority") or "medium").lower(),
        status=row.status(),
        raised=row.date("raised"),
        due=row.shown_date("due"),
        resolution=row.shown("resolution") or row.shown("mitigation"),
        source=row.source,
    )


def build_decision(row: Row, ident: str, title: str) -> Decision:
    status = cells.decision_status(row.raw("status"))
    if status is None:
        row.skip("status", f"decision status {_short(row.raw('status'))} is not understood; read as taken")
        status = DecisionStatus.TAKEN
    when = row.shown_date("date") if "date" in row.values else row.shown_date("due")
    return Decision(
        id=ident,
        title=title,
        status=status,
        date=when or row.date("raised"),
        decided_by=row.owner("decided_by") if "decided_by" in row.values else row.owner(),
        rationale=row.text("rationale") or row.notes(),
        source=row.source,
    )


def build_assumption(row: Row, ident: str, title: str) -> Assumption:
    validated = row.text("validated")
    done = fold(validated or "") in ("yes", "oui", "true", "vrai", "x", "1", "y", "o")
    return Assumption(
        id=ident,
        title=title,
        owner=row.owner(),
        validate_by=row.date("validate_by") or row.date("due"),
        validated=done or (row.raw("status") is not None and not row.status().is_open),
        source=row.source,
    )


def build_change(row: Row, ident: str, title: str) -> ChangeRequest:
    return ChangeRequest(
        id=ident,
        title=title,
        status=(row.text("status") or "submitted").lower(),
        raised=row.date("raised"),
        impact=row.shown("impact"),
        source=row.source,
    )


def build_person(row: Row, ident: str, title: str) -> Person:
    email = row.text("email")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        row.skip("email", f"{email!r} is not an e-mail address; left blank")
        email = None
    return Person(
        id=ident,
        name=title,
        email=email,
        role=row.text("role") or "",
        team=row.text("team") or "",
        contact_every=_cadence(row),
        contact_for=row.text("contact_for") or "",
        source=row.source,
    )


def _cadence(row: Row) -> int | None:
    """The cadence column in days; a value it cannot read is skipped (the row is kept)."""
    value = row.raw("cadence")
    if value is None:
        return None
    days = cadence_days(value)
    if days is None:
        row.skip("cadence", f"{_short(value)} is not a contact cadence (weekly, every 2 weeks, monthly, a number"
                            " of days...); left blank")
    return days


def build_task(row: Row, ident: str, title: str, milestone: bool, deliverable: bool) -> Task:
    duration = row.number_of("duration", 0.0, 100000.0)
    percent = row.percent()
    status = cells.item_status(row.raw("status"))
    if percent is None:
        percent = 100.0 if status is not None and not status.is_open and status.value != "cancelled" else 0.0
    yes = ("yes", "oui", "true", "vrai", "x", "1", "y", "o")
    flag = fold(row.text("milestone") or "") in yes
    return Task(
        id=ident,
        name=title,
        wbs=row.text("wbs"),
        parent=row.text("parent"),
        milestone=milestone or flag or duration == 0.0,
        deliverable=deliverable,
        optional=fold(row.text("optional") or "") in yes,
        duration=duration,
        owner=row.owner(),
        start=row.date("start"),
        finish=row.date("finish") or row.date("due"),
        baseline_start=row.date("baseline_start"),
        baseline_finish=row.date("baseline_finish"),
        percent_complete=percent,
        actual_start=row.date("actual_start"),
        actual_finish=row.date("actual_finish"),
        notes=row.notes(),
        source=row.source,
    )


PREFIX = {"actions": "A", "risks": "R", "issues": "I", "decisions": "D", "assumptions": "AS", "changes": "CR"}

RAID_TYPES: dict[str, str] = {
    **dict.fromkeys(("risk", "risks", "risque", "risques", "r", "threat", "menace"), "risks"),
    **dict.fromkeys(("issue", "issues", "probleme", "problemes", "i", "incident", "point ouvert"), "issues"),
    **dict.fromkeys(("action", "actions", "a", "action item", "todo"), "actions"),
    **dict.fromkeys(("decision", "decisions", "d"), "decisions"),
    **dict.fromkeys(("assumption", "assumptions", "hypothese", "hypotheses", "h"), "assumptions"),
}

KIND_OF = {
    "actions": "action",
    "risks": "risk",
    "issues": "issue",
    "decisions": "decision",
    "assumptions": "assumption",
    "changes": "change",
    "people": "person",
    "tasks": "task",
}
