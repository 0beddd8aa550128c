"""The unit of an import: what one file or system brought, as a partial project.

Sources produce a `ReadResult`; the store keeps a `Unit` (the result and where it came
from). Both live here so that the store depends on the model only, never on sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo.model.finding import Finding
from pmo.model.project import Project
from pmo.model.team import Snapshot


@dataclass(frozen=True)
class ReadResult:
    """Records read from one file, as a partial `Project`, plus findings.

    `header` is True when the file defines the project itself (its key, name, status
    date...), as the native file and MS Project do; it then replaces the stored header.
    Other formats bring records, and may name the project (`project.key`, `project.name`
    set, e.g. a Jira project or a workbook's title): that creates the project when the
    workspace has none, and changes nothing when it has one. `snapshots` are the figures
    of earlier reports a file may carry (the native file's `snapshots:` section).
    """

    project: Project
    findings: tuple[Finding, ...] = ()
    header: bool = False
    snapshots: tuple[Snapshot, ...] = ()


@dataclass(frozen=True)
class Unit:
    """What one file or system brought, ready to store: the read, its origin, its reader."""

    result: ReadResult
    origin: str
    reader: str
    digest: str = ""
