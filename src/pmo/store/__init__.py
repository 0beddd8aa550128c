"""Persistence: the database of projects, their records, imports and snapshots."""

from pmo.model.imports import Unit
from pmo.store.repository import Store, file_digest

__all__ = ["Store", "Unit", "file_digest"]
