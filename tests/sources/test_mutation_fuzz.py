"""Every reader on valid files with parts dropped, duplicated or corrupted: a result or FormatError, never a traceback.

The samples are the project's own fixtures (tests/data) and the demo. A FormatError names the
file, and the line where the format has lines.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from ruamel.yaml import YAML

from pmo.errors import FormatError
from pmo.model import Person, Project
from pmo.sources.base import ReadContext
from pmo.sources.forms.reader import read_forms
from pmo.sources.ical.reader import read_ical
from pmo.sources.jira.reader import read_jira
from pmo.sources.mspdi.reader import read_mspdi
from pmo.sources.native import read_native
from pmo.sources.notes import read_notes
from pmo.sources.tabular.reader import read_tabular
from sources.mutations import (
    TEXTS,
    VALUES,
    Edit,
    edits,
    mutate_blocks,
    mutate_lines,
    mutate_rows,
    mutate_tree,
    mutate_xml,
    read_rows,
    write_rows,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
DEMO = ROOT / "src" / "pmo" / "examples" / "demo"
FUZZ = settings(max_examples=int(os.environ.get("PMO_FUZZ_EXAMPLES", "50")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
PEOPLE = (Person("ann", "Ann Lee", "ann@example.com"), Person("bob", "Bob Martin", "bob@example.com"))
CONTEXT = ReadContext(project=Project("ERP", "ERP", people=PEOPLE))
ICS_CONTEXT = ReadContext(window=(dt.date(2014, 1, 1), dt.date(2026, 12, 31)))


def samples(*patterns: tuple[Path, str]) -> list[Path]:
    found = sorted(p for folder, pattern in patterns for p in folder.glob(pattern))
    assert found, patterns
    return found


MSPDI = samples((DATA / "mspdi", "*.xml"))
ICS = samples((DATA / "ics", "*.ics"), (DEMO, "*.ics"))
CSV = samples((DATA / "tabular", "*.csv"))
YAML_FILES = samples((DATA / "projects", "*.yaml"), (DATA / "findings", "*.yaml"), (DEMO, "project.yaml"))
NOTES = samples((DATA / "notes", "*.md"), (DEMO / "notes", "*.md"))
JIRA_JSON = samples((DATA / "jira", "*.json"))
JIRA_CSV = samples((DATA / "jira", "*.csv"))
FORMS_CSV = samples((DATA / "forms", "*.csv"))
FORMS_XLSX = samples((DATA / "forms", "*.xlsx"))
SHEETS = {"actions": "Actions", "raid": "RAID", "plan": "Plan", "contacts": "Contacts"}


@contextmanager
def written(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def read_or_format_error(read: Callable[[Path], object], name: str, data: bytes, lines: bool = True) -> None:
    """`read` gives a result or a FormatError naming the file (and a line when `lines`)."""
    with written(name, data) as path:
        try:
            result = read(path)
        except FormatError as exc:
            assert exc.file == str(path), exc
            assert exc.reason, exc
            if lines and data.strip():  # an empty file has no line to name
                assert exc.line is not None and 1 <= exc.line <= data.count(b"\n") + 1, f"no line in: {exc}"
            return
        for finding in getattr(result, "findings", ()):  # a finding says where: this file, or a Jira issue
            assert finding.source.file == str(path) or finding.source.system, finding


@FUZZ
@given(st.sampled_from(MSPDI), edits())
def test_mspdi_elements_and_fields(sample: Path, changes: list[Edit]) -> None:
    read_or_format_error(read_mspdi, sample.name, mutate_xml(sample.read_bytes(), changes))


@FUZZ
@given(st.sampled_from(ICS), edits())
def test_ical_lines_and_fields(sample: Path, changes: list[Edit]) -> None:
    text = mutate_lines(sample.read_text(encoding="utf-8"), changes)
    read_or_format_error(lambda p: read_ical(p.read_bytes(), str(p), ICS_CONTEXT), sample.name, text.encode())


@FUZZ
@given(st.sampled_from(ICS), edits())
def test_ical_components(sample: Path, changes: list[Edit]) -> None:
    text = mutate_blocks(sample.read_text(encoding="utf-8"), changes)
    read_or_format_error(lambda p: read_ical(p.read_bytes(), str(p), ICS_CONTEXT), sample.name, text.encode())


@FUZZ
@given(st.sampled_from(CSV), edits())
def test_csv_rows_and_cells(sample: Path, changes: list[Edit]) -> None:
    rows, delimiter = read_rows(sample.read_text(encoding="utf-8"))
    text = write_rows(mutate_rows(rows, changes), delimiter)
    read_or_format_error(read_tabular, sample.name, text.encode())


CELL_VALUES = [*TEXTS, None, True, 0, -1, 10**20, 1.5, float("inf"), dt.date(2026, 2, 28),
               dt.datetime(1900, 3, 1, 12, 0)]


@FUZZ
@given(st.sampled_from(CSV), edits(CELL_VALUES))
def test_xlsx_rows_and_cells(sample: Path, changes: list[Edit]) -> None:
    rows, _ = read_rows(sample.read_text(encoding="utf-8"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEETS[sample.stem]
    for row in mutate_rows(rows, changes):
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    stream = io.BytesIO()
    book.save(stream)
    read_or_format_error(read_tabular, sample.stem + ".xlsx", stream.getvalue(), lines=False)


def _yaml(path: Path) -> Any:
    return YAML().load(path.read_text(encoding="utf-8"))


YAML_TREES = {path: _yaml(path) for path in YAML_FILES}


@FUZZ
@given(st.sampled_from(YAML_FILES), edits(VALUES))
def test_native_yaml_keys(sample: Path, changes: list[Edit]) -> None:
    stream = io.StringIO()
    YAML().dump(mutate_tree(YAML_TREES[sample], changes), stream)
    read_or_format_error(read_native, sample.name, stream.getvalue().encode())


@FUZZ
@given(st.sampled_from(YAML_FILES), edits())
def test_native_yaml_lines(sample: Path, changes: list[Edit]) -> None:
    text = mutate_lines(sample.read_text(encoding="utf-8"), changes)
    read_or_format_error(read_native, sample.name, text.encode())


@FUZZ
@given(st.sampled_from(NOTES), edits([*TEXTS, "- ACTION: ", "@Ann", "due 2026-02-31", "[A-1]", "```", "# "]))
def test_notes_lines(sample: Path, changes: list[Edit]) -> None:
    text = mutate_lines(sample.read_text(encoding="utf-8"), changes)
    read_or_format_error(lambda p: read_notes(p, CONTEXT), sample.name, text.encode())


@FUZZ
@given(st.sampled_from(JIRA_JSON), edits(VALUES))
def test_jira_json_keys(sample: Path, changes: list[Edit]) -> None:
    tree = mutate_tree(json.loads(sample.read_text(encoding="utf-8")), changes)
    read_or_format_error(lambda p: read_jira(p, CONTEXT), sample.name, json.dumps(tree).encode(), lines=False)


@FUZZ
@given(st.sampled_from(JIRA_CSV), edits())
def test_jira_csv_rows_and_cells(sample: Path, changes: list[Edit]) -> None:
    rows, delimiter = read_rows(sample.read_text(encoding="utf-8"))
    text = write_rows(mutate_rows(rows, changes), delimiter)
    read_or_format_error(lambda p: read_jira(p, CONTEXT), sample.name, text.encode())


@FUZZ
@given(st.sampled_from(FORMS_CSV), edits())
def test_forms_csv_rows_and_cells(sample: Path, changes: list[Edit]) -> None:
    rows, delimiter = read_rows(sample.read_text(encoding="utf-8"))
    text = write_rows(mutate_rows(rows, changes), delimiter)
    read_or_format_error(read_forms, sample.name, text.encode())


def _sheet_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


FORMS_ROWS = {path: _sheet_rows(path) for path in FORMS_XLSX}


@FUZZ
@given(st.sampled_from(FORMS_XLSX), edits(CELL_VALUES))
def test_forms_xlsx_rows_and_cells(sample: Path, changes: list[Edit]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in mutate_rows([list(r) for r in FORMS_ROWS[sample]], changes):
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    stream = io.BytesIO()
    book.save(stream)
    read_or_format_error(read_forms, sample.name, stream.getvalue(), lines=False)
