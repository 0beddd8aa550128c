"""The one small interface every source implements, and what a read returns (`ReadResult`)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pmo.model import Project
from pmo.model.imports import ReadResult


@dataclass(frozen=True)
class ReadContext:
    """What a reader may need beyond the file.

    `project` is the project as the store holds it now with what the other files of the
    same import bring (for its status date); readers keep people's names as written and
    never match them against it: `pmo.model.resolve` does that when the project is
    loaded, so what a file brings does not depend on what was imported before it.
    `window` is the dates over which calendars expand recurring series; `options`
    per-format settings (e.g. a column map from `--map`).
    """

    project: Project | None = None
    window: tuple[dt.date, dt.date] | None = None
    options: dict[str, str] = field(default_factory=dict)


class Reader(Protocol):
    """A source format: recognise a file, read it."""

    @property
    def name(self) -> str:
        """The reader's name, shown on import (``native``, ``mspdi``, ``ical``...)."""
        ...

    @property
    def extensions(self) -> tuple[str, ...]:
        """The file extensions it reads, with their dot."""
        ...

    def identify(self, path: Path, head: bytes) -> bool:
        """True when the file at `path` (whose first bytes are `head`) is this format."""
        ...

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        """Read the file; raise `pmo.errors.FormatError` (file and line) if it cannot be read."""
        ...


_KEY_FIRST = re.compile(r"^\s*(?P<key>[A-Z][A-Z0-9_]{1,15})\s*(?:[:|\u2014\u2013]|\s-)\s*(?P<name>\S.*)$")


def project_named(title: str) -> tuple[str, str]:
    """The project key and name a title gives: ``WMS — Warehouse rollout`` is ``WMS``
    named ``Warehouse rollout``; any other title is its own name, its key the title in
    capitals, letters and digits (``Warehouse rollout`` -> ``WAREHOUSE-ROLLOUT``)."""
    title = " ".join(title.split())
    found = _KEY_FIRST.match(title)
    if found:
        return found["key"], found["name"].strip()
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    key = re.sub(r"[^A-Z0-9]+", "-", folded.upper()).strip("-")[:32].strip("-")
    return key or "PROJECT", title or key or "PROJECT"


__all__ = ["ReadContext", "ReadResult", "Reader", "project_named"]
