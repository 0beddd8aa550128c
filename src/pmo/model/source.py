"""Where a record came from: a file and line, or a system and key."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Source:
    """The origin of a record or a finding.

    `file` and `line` for files (line counts from 1); `system` and `key` for systems
    (e.g. ``jira`` and ``ERP-12``). `origin` is the import unit the record belongs to:
    re-importing the same origin replaces what it brought before.
    """

    file: str | None = None
    line: int | None = None
    system: str | None = None
    key: str | None = None

    @property
    def origin(self) -> str:
        return self.file or f"{self.system or 'unknown'}"

    def __str__(self) -> str:
        if self.file:
            return f"{self.file}:{self.line}" if self.line else self.file
        if self.system:
            return f"{self.system}:{self.key}" if self.key else self.system
        return "<unknown>"

    def at_line(self, line: int | None) -> Source:
        """The same file at another line."""
        return Source(file=self.file, line=line, system=self.system, key=self.key)


UNKNOWN = Source()
