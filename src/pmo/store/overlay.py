"""One pure overlay of what the files bring: which stored version of a record the project shows.

The store keeps every file's version of a record (one row per project, kind, key and
origin). Loading takes, for each (kind, key), one version by a fixed rule, so the project
does not depend on the order or the grouping of imports:

1. the project file (the origin of the project's header: native YAML, MS Project) is the
   base;
2. any other file that brings the same record overrides it: the calendar for meetings and
   absences, the notes for the entries they record, the tracker for its issues — the systems
   where those records live;
3. between two such files, the one whose origin sorts last wins (a stable, documented tie-break).

Records come back in a stable order too: the project file's first, then file by file in the
order of their origins, each in the order of its file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class StoredRecord(Protocol):
    """What the overlay reads of a stored row."""

    id: int
    kind: str
    key: str
    origin: str


R = TypeVar("R", bound=StoredRecord)


def _rank(row: StoredRecord, base: str | None) -> tuple[bool, str]:
    return (row.origin != base, row.origin)


def overlay(rows: Sequence[R], base: str | None) -> list[R]:
    """The version of each (kind, key) the project shows, in the order it shows them."""
    chosen: dict[tuple[str, str], R] = {}
    for row in rows:
        slot = (row.kind, row.key)
        held = chosen.get(slot)
        if held is None or _rank(row, base) > _rank(held, base):
            chosen[slot] = row
    return sorted(chosen.values(), key=lambda r: (*_rank(r, base), r.id))
