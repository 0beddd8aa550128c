"""Persistence: the database of projects, their records, imports and snapshots."""

from pmo.store.repository import Store, Unit, file_digest

__all__ = ["Store", "Unit", "file_digest"]
