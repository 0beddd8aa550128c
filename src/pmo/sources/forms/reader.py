"""Google Forms and Microsoft Forms downloads (CSV, XLSX) read as check-ins.

Each answer row is one `CheckIn`: the respondent as ``Name <e-mail>`` (kept as written,
matched to a person when the project is loaded; `pmo.api` refuses an import whose
respondents name no one of the project), the date of its timestamp as written
(``2026/06/15 9:12:45 AM GMT+2``, ``15/06/2026 09:12:45``, an Excel date cell), the 1-5
scores (``4``, ``4 - high``, ``High``), blockers and constraints as text, one item per
line or ``;``. A score out of range, a row without respondent or a timestamp that is no
date is a `FormatError` naming the file, the row and the column: nothing of the file is
read. Each check-in's `Source` is the file and row, its `key` the respondent's column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pmo.errors import FormatError
from pmo.model import CheckIn, Finding, Project, Severity, Source, Subject
from pmo.model.resolve import address
from pmo.sources import cells
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.columns import normalise
from pmo.sources.dates import DateError, fold, parse_date
from pmo.sources.forms.questions import FIELDS, SCORES, Layout, recognise

Rows = Iterator[tuple[int, list[Any]]]

_NOTHING = frozenset({"", "-", "--", "none", "no", "nothing", "n/a", "na", "aucun", "aucune", "rien", "non",
                      "keine", "keiner", "nichts", "nein", "ras"})
_ANONYMOUS = frozenset({"anonymous", "anonyme", "anonym"})
_TIME = re.compile(
    r"^(?P<date>\S+(?:\s+[a-z]+\.?,?\s+\d{2,4})?)\s+\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\s*(?:am|pm)?"
    r"\s*(?:(?:gmt|utc|z)?\s*[+-]?\d{0,2}(?::?\d{2})?)?\s*(?:[a-z]{2,5})?$",
    re.IGNORECASE,
)
_LEADING_SCORE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)(?:\s*(?:[-\u2013\u2014:/(]|\s).*)?$", re.DOTALL)


class FormsReader:
    """Reads check-ins from Google Forms (CSV) and Microsoft Forms (XLSX, CSV) exports."""

    name = "forms"
    extensions = (".csv", ".xlsx")

    def identify(self, path: Path, head: bytes) -> bool:
        suffix = path.suffix.lower()
        try:
            if suffix == ".csv":
                text = head.decode("utf-8-sig", errors="replace")
                first = next(csv.reader(io.StringIO(text), delimiter=_delimiter(text)), [])
                return recognise(first, {}) is not None
            if suffix == ".xlsx" and head.startswith(b"PK"):
                return recognise(_xlsx_header(path), {}) is not None
        except Exception:  # a file this reader cannot even open is someone else's
            return False
        return False

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        return read_forms(path, context)


def read_forms(path: Path, context: ReadContext | None = None) -> ReadResult:
    """The check-ins of one form export; raises `FormatError` at the first bad answer."""
    context = context or ReadContext()
    file = str(path)
    column_map = parse_map(context.options.get("map", ""))
    dayfirst = context.options.get("dayfirst", "yes").strip().lower() not in ("no", "false", "0", "n")
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _xlsx_rows(path)
    try:
        first_row, header = next(rows)
    except StopIteration:
        raise FormatError(file, None, "empty file: no header row") from None
    header = [cells.show(value) for value in header]
    layout = recognise(header, column_map)
    if layout is None:
        raise FormatError(file, first_row, "not a Google or Microsoft Forms export with check-in questions")
    if layout.column("timestamp") is None:
        raise FormatError(file, first_row, "no timestamp or completion time column")
    if layout.column("email") is None and layout.column("person") is None:
        raise FormatError(file, first_row, "no e-mail or name column: a check-in belongs to someone")
    findings: list[Finding] = []
    if layout.ignored:
        findings.append(_ignored(file, first_row, layout))
    kept: dict[tuple[str, str], CheckIn] = {}
    for number, values in rows:
        if all(cells.show(v).strip() == "" for v in values):
            continue
        checkin = _checkin(file, number, values, layout, dayfirst)
        key = (checkin.person.lower(), checkin.date.isoformat())
        if key in kept:
            findings.append(cells.skipped(
                checkin.source, f"row {number}",
                f"a second answer from {checkin.person} on {checkin.date.isoformat()} replaces the one of"
                f" row {kept[key].source.line}", kind="checkin", ident=checkin.person,
            ))
        kept[key] = checkin
    return ReadResult(Project(key="", name="", checkins=tuple(kept.values())), tuple(findings))


def parse_map(text: str) -> dict[str, str]:
    """The entries of a ``--map`` that name a form field (``Ressenti=stress``); the others are
    the spreadsheet reader's and left to it."""
    column_map: dict[str, str] = {}
    for part in re.split(r"[,;\n]", text or ""):
        header, sep, target = part.rpartition("=")
        name = target.strip().lower().replace(" ", "_")
        if sep and header.strip() and (name in FIELDS or name == "ignore"):
            column_map[normalise(header)] = name
        elif sep and header.strip() and name in ("notes", "comments"):
            column_map[normalise(header)] = "comment"
    return column_map


def _checkin(file: str, row: int, values: list[Any], layout: Layout, dayfirst: bool) -> CheckIn:
    def cell(index: int) -> Any:
        return values[index] if index < len(values) else None

    def fail(index: int, why: str) -> FormatError:
        return FormatError(file, row, f"row {row}, column {layout.headers[index]!r}: {why}")

    found: dict[str, Any] = {}
    texts: dict[str, list[str]] = {"blockers": [], "constraints": [], "comment": []}
    for index, name in layout.fields.items():
        value = cell(index)
        if name == "timestamp":
            try:
                found["date"] = timestamp_date(value, dayfirst)
            except DateError as exc:
                raise fail(index, str(exc)) from None
            if found["date"] is None:
                raise fail(index, "no timestamp: a check-in is dated")
        elif name in SCORES:
            try:
                found[name] = score(value)
            except ValueError as exc:
                raise fail(index, str(exc)) from None
        elif name in texts:
            texts[name] += items(value) if name != "comment" else [cells.show(value).strip()]
        else:
            text = " ".join(cells.show(value).split())
            found[name] = "" if fold(text) in _ANONYMOUS else text
    email, person = found.get("email", ""), found.get("person", "")
    who = address(person, email)
    if not who:
        first = layout.column("email")
        raise fail(first if first is not None else layout.column("person") or 0, "no respondent: the answer"
                   " names no one (collect e-mail addresses or ask for a name)")
    column = layout.column("email") if email else layout.column("person")
    return CheckIn(
        person=who,
        date=found["date"],
        stress=found.get("stress"),
        confidence=found.get("confidence"),
        workload=found.get("workload"),
        blockers=tuple(texts["blockers"]),
        constraints=tuple(texts["constraints"]),
        comment="\n".join(t for t in texts["comment"] if t and fold(t) not in _NOTHING),
        source=Source(file=file, line=row, key=layout.headers[column] if column is not None else None),
    )


def timestamp_date(value: object, dayfirst: bool = True) -> dt.date | None:
    """The calendar date of a form timestamp, as written (not converted to UTC), None when blank.

    ``2026/06/15 9:12:45 AM GMT+2``, ``15/06/2026 09:12:45``, ``6/15/2026 9:12:45 AM``
    (with ``dayfirst=no``), an Excel date cell or serial number.
    """
    if isinstance(value, str):
        text = " ".join(value.split())
        match = _TIME.match(text)
        value = match["date"] if match else text
    return parse_date(value, dayfirst=dayfirst)


def score(value: object) -> int | None:
    """A 1-5 answer (``4``, ``4 - high``, ``High``), None when blank; ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    written = cells.show(value).strip()
    if isinstance(value, str):
        match = _LEADING_SCORE.match(value)
        if match:
            value = float(match[1].replace(",", "."))
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not (
        value == int(value) and 1 <= value <= 5
    ):
        raise ValueError(f"{written!r} is out of range: answers run from 1 to 5")
    try:
        return cells.scale(value)
    except ValueError:
        raise ValueError(f"{written!r} is not a score from 1 to 5") from None


def items(value: object) -> list[str]:
    """The blockers or constraints an answer lists, one per line or ``;``; none for "none"."""
    parts = re.split(r"[\n;]+", cells.show(value))
    return [p.strip() for p in parts if p.strip() and fold(p.strip()).rstrip(".!") not in _NOTHING]


def _ignored(file: str, row: int, layout: Layout) -> Finding:
    names = [layout.headers[i] for i in layout.ignored]
    shown = ", ".join(repr(n) for n in names)
    return Finding(
        code=cells.IGNORED,
        severity=Severity.INFO,
        subject=Subject("column", f"row {row}"),
        message=f"row {row}: {len(names)} column(s) of the form are not check-in questions and are not imported:"
                f" {shown}",
        suggestion=f"Name their fields with a column map, e.g. --map '{names[0]}=comment' (or '{names[0]}=ignore').",
        source=Source(file=file, line=row),
    )


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _csv_rows(path: Path) -> Rows:
    file = str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise FormatError(file, text.count("\n", 0, text.index("\x00")) + 1, "a CSV file holds text: found a NUL byte")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for values in reader:
            rows.append((start, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(file, reader.line_num + 1, f"CSV syntax: {exc}") from None
    return iter(rows)


def _open_book(path: Path) -> Any:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
        return openpyxl.load_workbook(path, read_only=True, data_only=True)


def _xlsx_header(path: Path) -> list[str]:
    book = _open_book(path)
    try:
        for values in book.worksheets[0].iter_rows(values_only=True, max_row=1):
            return [cells.show(v) for v in values]
        return []
    finally:
        book.close()


def _xlsx_rows(path: Path) -> Rows:
    try:
        book = _open_book(path)
    except Exception as exc:
        raise FormatError(str(path), None, f"not a readable Excel workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        rows = [(n, list(v)) for n, v in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return iter(rows)


__all__ = ["FormsReader", "read_forms", "score", "timestamp_date"]
