"""Hostile meeting notes: random text and bytes, odd owners and dates. Findings or FormatError only."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.errors import FormatError
from pmo.model import Person, Project
from pmo.sources.base import ReadContext
from pmo.sources.notes import read_notes

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTEXT = ReadContext(
    project=Project("P", "P", people=(Person("ann", "Ann Lee", "ann@x.org"), Person("a", "A")))
)
PIECES = st.sampled_from(
    [
        "- ACTION: ",
        "* decision:",
        "1. RISK:",
        "- [x] ISSUE: ",
        "INFO:",
        "@Ann",
        "@",
        "@@x",
        "due 2026-02-31",
        "by 2026-06-01",
        "[A-1]",
        "[",
        "\n",
        "  ",
        "```",
        "# ",
        "Attendees:",
        "—",
        "2026-06-08",
        "\x00",
        "é",
        "\r\n",
    ]
)


def _read(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            read_notes(path, CONTEXT)
        except FormatError as exc:
            assert exc.file == str(path) and exc.reason


@pytest.mark.parametrize("data", [b"\x00\xff" * 50, b"\xff\xfe" + "é".encode("utf-16-le")])
def test_binary_is_read_or_refused(data: bytes) -> None:
    _read("2026-06-08-weekly.md", data)  # mutations of valid notes: test_mutation_fuzz.py


@SETTINGS
@given(st.lists(PIECES | st.text(max_size=10), max_size=40))
def test_random_markdown(pieces: list[str]) -> None:
    _read("2026-06-08-weekly.md", "".join(pieces).encode("utf-8", errors="replace"))
    _read("notes.md", "".join(pieces).encode("utf-8", errors="replace"))
