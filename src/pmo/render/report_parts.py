"""The vocabulary of a laid-out report: cells, tables, sections, the report itself.

A format (HTML, PDF, DOCX) renders these and nothing else, so every format shows the
same text in the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmo.engine.foresight import DelayFile
from pmo.engine.rag import Colour
from pmo.engine.review.build import Review
from pmo.model import Finding
from pmo.model.values import NotApplicable, Pending
from pmo.render.charts import Chart
from pmo.render.environment import cell_text


@dataclass(frozen=True)
class Td:
    """One table cell: its text (never empty) and a tone the formats colour it by."""

    text: str
    tone: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Td, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Section:
    """A numbered part of the report: bullet lines, a table, a chart, or the "NA (why)" instead."""

    key: str
    title: str
    lines: tuple[str, ...] = ()
    table: Table | None = None
    na: str = ""
    note: str = ""
    chart: Chart | None = None
    new_page: bool = False


@dataclass(frozen=True)
class Report:
    """The whole report: the header band, the header fields and the sections in order."""

    title: str
    project: str
    key: str
    as_of: str
    author: str
    rating: Td
    header: Table
    sections: tuple[Section, ...]


def td(value: object, tone: str = "") -> Td:
    """A cell of a Review value, toned as pending or NA when it is a marker."""
    if not tone and isinstance(value, Pending):
        tone = "pending"
    elif not tone and isinstance(value, NotApplicable):
        tone = "na"
    return Td(cell_text(value), tone)


def rag_tone(colour: object) -> str:
    return colour.value if isinstance(colour, Colour) else "na"


def make_table(columns: Sequence[str], rows: Iterable[Sequence[Td]], widths: Sequence[float] = ()) -> Table:
    return Table(tuple(columns), tuple(tuple(r) for r in rows), tuple(widths))


OPTION_COLUMNS = ("Milestone", "Option", "Days recovered", "New forecast", "Cost", "Risk", "Assumptions",
                  "Recommended")
"""The columns of the recovery options table, in every format."""
OPTION_WIDTHS = (12, 20, 7, 9, 12, 14, 16, 10)


def options_table(findings: Iterable[Finding]) -> Table | None:
    """The recovery options each `milestone-slip` finding carries (`detail["options"]`), one row per option,
    the recommended one marked with its reason; None when no slipping milestone has any."""
    rows = []
    for finding in findings:
        if "options_note" in finding.detail:  # not measured (the review's budget): the date move only
            continue
        options = finding.detail.get("options") if finding.code == "milestone-slip" else None
        if not isinstance(options, list):
            continue
        subject = finding.subject
        for option in options:
            chosen = bool(option.get("recommended"))
            rows.append((
                Td(f"{subject.id} {subject.name}".strip()),
                Td(cell_text(option.get("title"))),
                Td(cell_text(option.get("days_recovered"))),
                Td(cell_text(option.get("forecast"))),
                Td(cell_text(option.get("cost")), "na" if str(option.get("cost", "")).startswith("NA") else ""),
                Td(cell_text(option.get("risk"))),
                Td(cell_text(option.get("assumptions"))),
                Td(f"Yes: {cell_text(option.get('reason'))}" if chosen else "No", "green" if chosen else ""),
            ))
    return make_table(OPTION_COLUMNS, rows, OPTION_WIDTHS) if rows else None


DELAYS_SHOWN = 10
"""The report reads aloud this many delay files; `pmo delays` lists every one."""
DELAYS_NOTE = ("Why each late item moved (where the delay was born and what happened there, the days each cause "
               "adds), the chain it travelled along, who owns the causes and what else it moves.")


def shown_delays(review: Review) -> tuple[tuple[DelayFile, ...], str]:
    """The delay files the report reads aloud and its note: all of them when they are few; else the
    most serious (missed commitments, then the largest slips), the note saying how many are left out."""
    files = review.delays
    if len(files) <= DELAYS_SHOWN:
        return files, DELAYS_NOTE
    committed = {c.task for c in review.project.commitments if c.task}
    order = {id(f): i for i, f in enumerate(files)}
    ranked = sorted(files, key=lambda f: (f.id not in committed and f.kind != "commitment", -f.slip, order[id(f)]))
    return tuple(ranked[:DELAYS_SHOWN]), (
        f"{DELAYS_NOTE} The {DELAYS_SHOWN} most serious of {len(files):,} delay files (missed commitments, then "
        "the largest slips); `pmo delays` lists every one.")
