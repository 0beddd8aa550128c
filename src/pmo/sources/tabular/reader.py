"""Excel workbooks and CSV files: plans, action logs, RAID logs and contact lists.

Each sheet (a CSV file is one sheet named after the file) is recognised by its name
(``Actions``, ``RAID``, ``Risques``, ``Planning``, ``Contacts``...) or, failing that,
by its columns; the header is the first of the top rows whose cells name known fields
(`pmo.sources.columns`). A RAID sheet carries a ``Type`` column that sends each row to
its register. A bad value is left blank with an `import-skipped` finding naming the
cell; a column pmo does not know gets an `import-column-ignored` finding; a file that
is not a workbook or CSV at all is a `FormatError`. The project is named by the first
row above a table that holds one text cell (a title), else by the file name. Options: ``map`` (a column map,
``"Porteur=owner,Date cible=due"``) and ``dayfirst`` (``no`` for US sheets).
The format is documented in docs/formats/excel-csv.md.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pmo.errors import FormatError, InputError
from pmo.model import Finding, Severity, Source, Subject
from pmo.sources import columns
from pmo.sources.base import ReadContext, ReadResult, project_named
from pmo.sources.tabular.build import Collector

HEADER_ROWS = 20  # the header is looked for in the first rows of a sheet

Rows = Iterator[tuple[int, tuple[Any, ...]]]


class TabularReader:
    """Reads plans and registers from .xlsx workbooks and .csv files."""

    name = "tabular"
    extensions = (".xlsx", ".csv")

    def identify(self, path: Path, head: bytes) -> bool:
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return head.startswith(b"PK")
        if suffix == ".csv":
            from pmo.sources.jira.reader import looks_like_jira_csv

            return not looks_like_jira_csv(head)
        return False

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        return read_tabular(path, context)


def read_tabular(path: Path, context: ReadContext | None = None) -> ReadResult:
    """Every recognised sheet of `path` as records, with findings for what was left out."""
    context = context or ReadContext()
    try:
        column_map = columns.parse_map(context.options.get("map", ""))
    except ValueError as exc:
        raise InputError(str(exc)) from None
    dayfirst = context.options.get("dayfirst", "yes").strip().lower() not in ("no", "false", "0", "n")
    collector = Collector(str(path), dayfirst)
    if path.suffix.lower() == ".csv":
        name = path.stem
        read_sheet(collector, name, _csv_rows(path), column_map, label="")
    else:
        _read_workbook(path, collector, column_map)
    return collector.result(project_named(collector.title or path.stem))


def _read_workbook(path: Path, collector: Collector, column_map: dict[str, str]) -> None:
    import openpyxl

    file = str(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise FormatError(file, None, f"not a readable Excel workbook ({_reason(exc)})") from None
        try:
            for sheet in book.worksheets:
                rows = ((n, tuple(v)) for n, v in enumerate(sheet.iter_rows(values_only=True), start=1))
                try:
                    read_sheet(collector, sheet.title, rows, column_map, label=sheet.title)
                except Exception as exc:
                    collector.findings.append(
                        _sheet_finding(file, sheet.title, f"cannot be read ({_reason(exc)})")
                    )
        finally:
            book.close()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _csv_rows(path: Path) -> Rows:
    file = str(path)
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise FormatError(file, line, "a CSV file holds text: found a NUL byte (is this a binary file?)")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, tuple[Any, ...]]] = []
    try:
        for values in reader:
            rows.append((reader.line_num, tuple(values)))
    except csv.Error as exc:
        raise FormatError(file, reader.line_num + 1, f"CSV syntax: {exc}") from None
    return iter(rows)


def read_sheet(collector: Collector, name: str, rows: Rows, column_map: dict[str, str], label: str) -> None:
    """Find the header of one sheet, recognise its register and collect its rows."""
    file = collector.file
    kind = columns.kind_from_name(name)
    header: tuple[Any, ...] | None = None
    header_row = 0
    title = ""
    for number, values in rows:
        if number > HEADER_ROWS:
            break
        fields = {columns.field_of(v, column_map) for v in values if v not in (None, "")} - {None, "ignore"}
        if not fields:
            title = title or _title(values)
            continue
        known: set[str] = {f for f in fields if f}
        found = columns.kind_from_fields(known)
        named = (
            kind is not None and ("title" in known or {"first_name", "last_name"} & known) and len(known) >= 2
        )
        if named or found:
            kind = kind if named else found
            header, header_row = values, number
            break
    if header is None or kind is None:
        why = "no header row naming known columns" if header is None else "its register is not recognised"
        collector.findings.append(
            _sheet_finding(
                file, label or name, f"skipped: {why} (see docs/formats/excel-csv.md)", Severity.INFO
            )
        )
        return
    collector.title = collector.title or title
    columns_of = _header_fields(collector, label, header, header_row, column_map)
    milestone, deliverable = columns.sheet_flags(name)
    collector.begin_sheet(label, kind, milestone, deliverable)
    for number, values in rows:
        cells = {
            field: (letter, values[index])
            for index, (field, letter) in columns_of.items()
            if index < len(values) and values[index] not in (None, "")
        }
        if any(not isinstance(v, str) or v.strip() for _, v in cells.values()):
            collector.add_row(number, cells)
    collector.end_sheet()


def _title(values: tuple[Any, ...]) -> str:
    """The text of a row holding one text cell (a title above the table), else ""."""
    filled = [v for v in values if v not in (None, "") and not (isinstance(v, str) and not v.strip())]
    if len(filled) == 1 and isinstance(filled[0], str):
        return " ".join(filled[0].split())
    return ""


def _header_fields(
    collector: Collector, label: str, header: tuple[Any, ...], row: int, column_map: dict[str, str]
) -> dict[int, tuple[str, str]]:
    """Column index -> (field, column letter); a second title column feeds the notes.

    The columns of one header row that are not imported make one finding listing them.
    """
    from openpyxl.utils import get_column_letter

    fields: dict[int, tuple[str, str]] = {}
    taken: set[str] = set()
    ignored: list[tuple[str, str, str]] = []  # (cell, column text, why)
    for index, cell in enumerate(header):
        if cell in (None, "") or not str(cell).strip():
            continue
        letter = get_column_letter(index + 1)
        field = columns.field_of(cell, column_map)
        where = f"{label}!{letter}{row}" if label else f"{letter}{row}"
        text = re.sub(r"\s+", " ", str(cell)).strip()[:80]
        if field == "ignore":
            continue
        if field in taken:
            field = "notes" if field in ("title", "notes") else None
            if field is None:
                ignored.append((where, text, "repeats a column"))
                continue
            field = f"notes+{index}"
        if field is None:
            ignored.append((where, text, "is not a known column"))
            continue
        taken.add(field)
        fields[index] = (field, letter)
    if ignored:
        collector.findings.append(_column_finding(collector.file, row, label, ignored))
    return fields


def _column_finding(file: str, row: int, label: str, ignored: list[tuple[str, str, str]]) -> Finding:
    """One finding for the columns of a header row that are not imported."""
    where = ignored[0][0] if len(ignored) == 1 else f"{label + '!' if label else ''}row {row}"
    if len(ignored) == 1:
        _, text, why = ignored[0]
        message = f"{where}: column {text!r} {why}; not imported"
    else:
        parts = [f"{cell.split('!')[-1]} {text!r}" + (" (repeated)" if why == "repeats a column" else "")
                 for cell, text, why in ignored]
        message = f"{where}: {len(ignored)} columns are not known columns and are not imported: " + ", ".join(parts)
    first = ignored[0][1]
    return Finding(
        code="import-column-ignored",
        severity=Severity.INFO,
        subject=Subject("column", where),
        message=message,
        suggestion=f"Name their fields with a column map, e.g. --map '{first}=notes' (or '{first}=ignore').",
        source=Source(file=file, line=row),
    )


def _sheet_finding(file: str, sheet: str, message: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        code="import-skipped",
        severity=severity,
        subject=Subject("sheet", sheet),
        message=f"sheet {sheet!r} {message}" if sheet else message,
        source=Source(file=file),
    )


__all__ = ["TabularReader", "read_sheet", "read_tabular"]
