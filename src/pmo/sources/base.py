"""The one small interface every source implements, and what a read returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pmo.model import Finding, Project, Snapshot


@dataclass(frozen=True)
class ReadContext:
    """What a reader may need beyond the file.

    `project` is the project as the store holds it now (to match people by name or
    e-mail, to know the status date); `window` the dates over which calendars expand
    recurring series; `options` per-format settings (e.g. a column map from `--map`).
    """

    project: Project | None = None
    window: tuple[dt.date, dt.date] | None = None
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadResult:
    """Records read from one file, as a partial `Project`, plus findings.

    `header` is True when the file defines the project itself (its key, name, status
    date...), as the native file does; other formats only bring records, which the store
    merges into the project named on the command line. `snapshots` are the figures of
    earlier reports a file may carry (the native file's `snapshots:` section).
    """

    project: Project
    findings: tuple[Finding, ...] = ()
    header: bool = False
    snapshots: tuple[Snapshot, ...] = ()


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
