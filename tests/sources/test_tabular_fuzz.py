"""Hostile spreadsheets: random bytes, truncated workbooks, any cell value. Findings or FormatError only."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pmo.errors import FormatError
from pmo.sources.tabular.reader import read_tabular

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADERS = [
    "ID",
    "Type",
    "Title",
    "Owner",
    "Due date",
    "Status",
    "Probability",
    "Impact",
    "% complete",
    "Start",
    "Finish",
    "Predecessors",
    "Duration",
    "WBS",
    "Email",
    "Validated",
]
CELLS = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1)),
    st.sampled_from(["31/02/2026", "TBD", "1e400", "=1/0", "R", "Issue", "done", "3FS+2d", "1.1", "x@y"]),
)


def _read(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            read_tabular(path)
        except FormatError as exc:
            assert exc.file == str(path) and exc.reason


@pytest.mark.parametrize("data", [b"", b"\x00\xff" * 50, b"PK\x03\x04" + bytes(range(256))])
def test_garbage_is_a_format_error(data: bytes, tmp_path: Path) -> None:
    """Mutations of valid files are in test_mutation_fuzz.py; garbage stops at the first parse."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    with pytest.raises(FormatError) as caught:
        read_tabular(path)
    assert caught.value.file == str(path)


@SETTINGS
@given(
    st.lists(st.lists(CELLS, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=8),
    st.sampled_from(["RAID", "Actions", "Plan", "Contacts", "Risques", "Sheet1"]),
)
def test_any_cell_values(rows: list[list[object]], title: str) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    stream = io.BytesIO()
    book.save(stream)
    _read("registers.xlsx", stream.getvalue())


def _workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    sheet.append(["Action", "Owner", "Due"])
    for n in range(30):
        sheet.append([f"do {n}", "Ann", dt.date(2026, 1, 1) + dt.timedelta(days=n)])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


WORKBOOK = _workbook_bytes()


@SETTINGS
@given(st.integers(min_value=0, max_value=len(WORKBOOK) - 1))
def test_truncated_workbook(cut: int) -> None:
    _read("actions.xlsx", WORKBOOK[:cut])


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_random_text_under_a_header(text: str) -> None:
    _read("risks.csv", ("ID;Risk;Owner;Probability;Impact;Due\n" + text).encode("utf-8"))
