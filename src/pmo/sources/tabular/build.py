"""Collect the records of a workbook, sheet after sheet: ids, titles, RAID types, links.

`Collector` receives the rows of each recognised sheet, gives every record an id (the
ID column, else a generated one: the task's ordinal number in the plan, or a register
prefix and the row number, ``A7``, ``R12``), sends RAID rows to their register by the
Type column, resolves predecessors (``3``, ``3FS+2d``, ``5SS-1``, separated by ``,``
or ``;``) and WBS parents once every sheet is read, and reports rows it leaves out.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from pmo.model import Dependency, Finding, LagUnit, LinkType, Person, Project, Source, Task
from pmo.sources import cells
from pmo.sources.base import ReadResult
from pmo.sources.dates import fold
from pmo.sources.tabular import rows as tabular_rows
from pmo.sources.tabular.rows import KIND_OF, PREFIX, RAID_TYPES, Row

_LINK = re.compile(
    r"^(?P<id>.+?)\s*(?P<type>FS|SS|FF|SF|DD|FD|DF|FF)?\s*(?:(?P<lag>[+-]\s*\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>ed|ej|d|j|days?|jours?|wd|jo)?)?$",
    re.IGNORECASE,
)
_FRENCH_LINKS = {"DD": "SS", "FD": "FS", "DF": "SF"}  # Début/Fin as MS Project in French writes them


class Collector:
    """Records of one file, by collection, with the findings of reading it."""

    def __init__(self, file: str, dayfirst: bool) -> None:
        self.file = file
        self.dayfirst = dayfirst
        self.title = ""  # the first title row above a table
        self.records: dict[str, list[Any]] = {}
        self.findings: list[Finding] = []
        self.links: list[tuple[str, str, Source, str]] = []
        self.sheet = ""
        self.kind = ""
        self.flags = (False, False)
        self.untitled: list[int] = []
        self.ordinal = 0

    def begin_sheet(self, sheet: str, kind: str, milestone: bool, deliverable: bool) -> None:
        self.sheet, self.kind, self.flags, self.untitled = sheet, kind, (milestone, deliverable), []

    def end_sheet(self) -> None:
        if self.untitled:
            where = f"sheet {self.sheet!r}" if self.sheet else "file"
            self.findings.append(
                cells.skipped(
                    Source(file=self.file, line=self.untitled[0]),
                    "",
                    f"{where}: rows {_ranges(self.untitled)} have no title or name; skipped",
                )
            )

    def add_row(self, number: int, values: dict[str, tuple[str, Any]]) -> None:
        source = Source(file=self.file, line=number, key=self.sheet or None)
        row = Row(self.sheet, number, values, source, self.dayfirst)
        kind: str | None = self.kind
        if kind == "raid":
            kind = self._raid_kind(row)
        if not kind:
            self.findings.extend(row.findings)
            return
        title = row.text("title")
        if kind == "people" and not title:
            title = " ".join(t for t in (row.text("first_name"), row.text("last_name")) if t) or None
        if not title:
            self.untitled.append(number)
            return
        row.kind = KIND_OF[kind]
        row.ident = self._ident(row, kind, title)
        if not row.ident:
            self.findings.extend(row.findings)
            return
        record = self._build(row, kind, row.ident, title)
        self.records.setdefault(kind, []).append(record)
        self.findings.extend(row.findings)

    def _raid_kind(self, row: Row) -> str | None:
        text = row.text("type")
        key = re.sub(r"\s+", " ", fold(text or "")).strip().rstrip("s") if text else ""
        kind = RAID_TYPES.get(key) or RAID_TYPES.get(fold(text or "").strip())
        if kind is None:
            if text or row.text("title"):
                row.skip(
                    "type",
                    f"RAID type {text!r} is not risk, assumption, issue, action or decision; row skipped",
                )
            return None
        return kind

    def _ident(self, row: Row, kind: str, title: str) -> str:
        given = row.text("id")
        taken = {r.id for r in self.records.get(kind, [])}
        if kind == "tasks":
            self.ordinal += 1
        if given:
            ident = re.sub(r"\s+", " ", given)
            if ident in taken:
                row.skip("id", f"duplicate {KIND_OF[kind]} id {ident!r}; row skipped")
                return ""
            return ident
        if kind == "tasks":
            ident = str(self.ordinal)
        elif kind == "people":
            email = row.text("email")
            ident = email.split("@")[0].lower() if email and "@" in email else _slug(title)
        else:
            ident = f"{PREFIX[kind]}{row.number}"
        base, count = ident, 1
        while ident in taken:
            count += 1
            ident = f"{base}-{count}"
        return ident

    def _build(self, row: Row, kind: str, ident: str, title: str) -> Any:
        if kind == "tasks":
            task = tabular_rows.build_task(row, ident, title, *self.flags)
            predecessors = row.text("predecessors")
            if predecessors:
                self.links.append((ident, predecessors, row.source, row.cell("predecessors")))
            return task
        builders = {
            "actions": tabular_rows.build_action,
            "risks": tabular_rows.build_risk,
            "issues": tabular_rows.build_issue,
            "decisions": tabular_rows.build_decision,
            "assumptions": tabular_rows.build_assumption,
            "changes": tabular_rows.build_change,
            "people": tabular_rows.build_person,
        }
        return builders[kind](row, ident, title)

    def _dependencies(self) -> list[Dependency]:
        ids = {task.id for task in self.records.get("tasks", [])}
        links: list[Dependency] = []
        for successor, text, source, where in self.links:
            for part in re.split(r"[;,]", text):
                link = _parse_link(part.strip(), ids, successor, source)
                if isinstance(link, Dependency):
                    links.append(link)
                elif link:
                    self.findings.append(cells.skipped(source, where, link, "task", successor))
        return links

    def _parents(self) -> None:
        tasks: list[Task] = self.records.get("tasks", [])
        by_wbs = {t.wbs: t.id for t in tasks if t.wbs}
        for index, task in enumerate(tasks):
            if task.parent is None and task.wbs and "." in task.wbs:
                parent = by_wbs.get(task.wbs.rsplit(".", 1)[0])
                if parent and parent != task.id:
                    tasks[index] = dataclasses.replace(task, parent=parent)

    def result(self, named: tuple[str, str] = ("", "")) -> ReadResult:
        """The records collected, in a partial project with the key and name `named` gives."""
        self._parents()
        dependencies = self._dependencies()
        people: list[Person] = self.records.get("people", [])
        project = dataclasses.replace(
            Project(key=named[0], name=named[1], dependencies=tuple(dependencies),
                    manager=_holder(people, MANAGER_ROLES), sponsor=_holder(people, SPONSOR_ROLES)),
            **{name: tuple(records) for name, records in self.records.items()},  # type: ignore[arg-type]
        )
        return ReadResult(project=project, findings=tuple(self.findings))


# a contact sheet's role that names the project's manager or sponsor (EN, FR, DE)
MANAGER_ROLES = ("project manager", "chef de projet", "directeur de projet", "projektleiter", "projektleiterin",
                 "projektmanager")
SPONSOR_ROLES = ("sponsor", "project sponsor", "commanditaire", "auftraggeber", "sponsorin")


def _holder(people: list[Person], roles: tuple[str, ...]) -> str | None:
    """The one person whose role is one of `roles` (None when nobody or several hold it)."""
    found = [p.id for p in people if fold(p.role or "").strip() in roles]
    return found[0] if len(found) == 1 else None


def _parse_link(text: str, ids: set[str], successor: str, source: Source) -> Dependency | str | None:
    if not text:
        return None
    text = re.sub(r"\.0\b", "", text)  # 3.0 from a number cell
    if text in ids:
        return Dependency(text, successor, source=source)
    match = _LINK.match(text)
    if not match or match["id"] not in ids:
        return f"predecessor {text!r} names no task of the plan; link skipped"
    kind = (match["type"] or "FS").upper()
    lag = float(match["lag"].replace(" ", "").replace(",", ".")) if match["lag"] else 0.0
    unit = LagUnit.ELAPSED if (match["unit"] or "").lower() in ("ed", "ej") else LagUnit.WORKING
    return Dependency(match["id"], successor, LinkType(_FRENCH_LINKS.get(kind, kind)), lag, unit, source)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "person"


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)
