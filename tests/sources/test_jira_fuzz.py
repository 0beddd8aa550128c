"""Hostile Jira exports: random bytes, any JSON in any field, broken CSV. Findings or FormatError only."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.errors import FormatError
from pmo.sources.jira.reader import read_jira

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELD_NAMES = [
    "summary",
    "issuetype",
    "status",
    "assignee",
    "duedate",
    "created",
    "updated",
    "resolutiondate",
    "parent",
    "epic",
    "sprint",
    "closedSprints",
    "fixVersions",
    "labels",
    "issuelinks",
    "priority",
    "resolution",
    "timeoriginalestimate",
    "timeestimate",
    "customfield_10020",
    "description",
]


def _read(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            read_jira(path)
        except FormatError as exc:
            assert exc.file == str(path) and exc.reason


@pytest.mark.parametrize("data", [b"", b"\x00\xff" * 50, b"PK\x03\x04" + bytes(range(256))])
def test_garbage_is_a_format_error(data: bytes, tmp_path: Path) -> None:
    """Mutations of valid files are in test_mutation_fuzz.py; garbage stops at the first parse."""
    path = tmp_path / "search.json"
    path.write_bytes(data)
    with pytest.raises(FormatError) as caught:
        read_jira(path)
    assert caught.value.file == str(path)


@SETTINGS
@given(
    st.lists(
        st.fixed_dictionaries(
            {"key": st.text(max_size=8) | JSON},
            optional={"fields": st.dictionaries(st.sampled_from(FIELD_NAMES), JSON)},
        ),
        max_size=5,
    ),
    JSON,
)
def test_any_json_in_any_field(issues: list[Any], names: Any) -> None:
    _read("search.json", json.dumps({"issues": issues, "names": names}).encode())


@SETTINGS
@given(JSON)
def test_any_json_document(document: Any) -> None:
    _read("page.json", json.dumps(document).encode())


@SETTINGS
@given(st.text(max_size=600))
def test_random_rows_under_a_jira_header(text: str) -> None:
    header = "Issue key,Summary,Issue Type,Status,Due date,Created,Sprint,Inward issue link (Blocks),Parent\n"
    _read("export.csv", (header + text).encode("utf-8", errors="replace"))


def test_deeply_nested_json() -> None:
    _read("deep.json", b"[" * 100000 + b"]" * 100000)
