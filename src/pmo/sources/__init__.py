"""Input formats: one reader per format or system, picked by content and extension.

`READERS` lists the readers in the order `detect` tries them; a reader added here (or
by an extension) goes through the same door as the built-ins.
"""

from __future__ import annotations

from pathlib import Path

from pmo.errors import FormatError, InputError
from pmo.sources.base import ReadContext, Reader, ReadResult
from pmo.sources.forms.reader import FormsReader
from pmo.sources.ical.reader import IcalReader
from pmo.sources.jira.reader import JiraReader
from pmo.sources.mspdi.mpp import MppReader
from pmo.sources.mspdi.reader import MspdiReader
from pmo.sources.native import NativeReader
from pmo.sources.notes import NotesReader
from pmo.sources.tabular.reader import TabularReader

READERS: list[Reader] = [
    NativeReader(),
    MspdiReader(),
    MppReader(),
    IcalReader(),
    NotesReader(),
    JiraReader(),  # before the spreadsheet reader: a Jira CSV export is a CSV too
    FormsReader(),  # before the spreadsheet reader: a form download is a CSV or workbook too
    TabularReader(),
]

HEAD_BYTES = 4096


def detect(path: Path) -> Reader:
    """The reader for `path`, recognised from its content and extension."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    for reader in READERS:
        if reader.identify(path, head):
            return reader
    known = ", ".join(sorted({ext for r in READERS for ext in r.extensions}))
    raise FormatError(str(path), None, f"not a format pmo reads (known: {known})")


def read_path(path: Path, context: ReadContext | None = None) -> tuple[Reader, ReadResult]:
    """Read one file with the reader that recognises it."""
    reader = detect(path)
    return reader, reader.read(path, context or ReadContext())


__all__ = ["READERS", "ReadContext", "ReadResult", "Reader", "detect", "read_path"]
