"""Write the action plan and the RAID log to an .xlsx workbook that `TabularReader` reads back.

Two sheets: ``Actions`` (one row per action) and ``RAID`` (risks, assumptions, issues
and decisions, one row each, with a ``Type`` column). Dates are date cells; a pending
or not-applicable value is written as pmo shows it (``Investigation ongoing (Ann, by
2026-06-10)``, ``NA (why)``) and read back as the same marker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pmo.model import Action, NotApplicable, Pending, Project
from pmo.sources.cells import show

ACTION_COLUMNS = ("ID", "Action", "Owner", "Due date", "Status", "Opened", "Closed", "Origin", "Notes")
RAID_COLUMNS = (
    "ID",
    "Type",
    "Title",
    "Owner",
    "Status",
    "Probability",
    "Impact",
    "Mitigation",
    "Raised",
    "Due date",
    "Closed",
    "Priority",
    "Resolution",
    "Decided by",
    "Decision date",
    "Rationale",
    "Validate by",
    "Validated",
)


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, (dt.date, int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(value, (Pending, NotApplicable)):
        return show(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))


def action_rows(actions: Iterable[Action]) -> Iterable[tuple[Any, ...]]:
    for a in actions:
        yield (a.id, a.title, a.owner, a.due, a.status, a.opened, a.closed, a.origin, a.notes or None)


def _raid(**values: Any) -> tuple[Any, ...]:
    """A RAID row from its named cells (keys are RAID_COLUMNS in snake case); the rest empty."""
    names = [column.lower().replace(" ", "_") for column in RAID_COLUMNS]
    unknown = set(values) - set(names)
    assert not unknown, unknown
    return tuple(values.get(name) for name in names)


def raid_rows(project: Project) -> Iterable[tuple[Any, ...]]:
    """One row per risk, assumption, issue and decision, in RAID_COLUMNS order."""
    for r in project.risks:
        yield _raid(id=r.id, type="Risk", title=r.title, owner=r.owner, status=r.status, probability=r.probability,
                    impact=r.impact, mitigation=r.mitigation, raised=r.raised, closed=r.closed)
    for s in project.assumptions:
        yield _raid(id=s.id, type="Assumption", title=s.title, owner=s.owner, validate_by=s.validate_by,
                    validated=s.validated)
    for i in project.issues:
        yield _raid(id=i.id, type="Issue", title=i.title, owner=i.owner, status=i.status, raised=i.raised,
                    due_date=i.due, priority=i.priority, resolution=i.resolution)
    for d in project.decisions:
        yield _raid(id=d.id, type="Decision", title=d.title, status=d.status, decided_by=d.decided_by,
                    decision_date=d.date, rationale=d.rationale or None)


def write_registers(project: Project, path: Path) -> None:
    """Write the project's actions and RAID entries to `path` (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheets = (
        ("Actions", ACTION_COLUMNS, action_rows(project.actions)),
        ("RAID", RAID_COLUMNS, raid_rows(project)),
    )
    for index, (title, header, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        sheet.append(list(header))
        for number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                value = _cell(value)
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(row=number, column=column, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text, not a formula
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    book.save(path)


__all__ = ["write_registers"]
