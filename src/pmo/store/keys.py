"""The key of a record inside its project: its id, or what identifies it when it has none."""

from __future__ import annotations

from pmo.model import Absence, CheckIn, Dependency


def record_key(record: object) -> str:
    """A key unique within the record's kind (ids where records have them)."""
    if isinstance(record, Dependency):
        return f"{record.predecessor}->{record.successor}:{record.type.value}"
    if isinstance(record, Absence):
        return f"{record.person}:{record.start.isoformat()}"
    if isinstance(record, CheckIn):
        return f"{record.person}:{record.date.isoformat()}"
    key = getattr(record, "id", None)
    if not isinstance(key, str):
        raise TypeError(f"{type(record).__name__} has no key")
    return key
