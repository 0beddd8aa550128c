"""Persistence: the database of projects, their records, imports and snapshots."""

from pmo.store.repository import Store, file_digest

__all__ = ["Store", "file_digest"]
