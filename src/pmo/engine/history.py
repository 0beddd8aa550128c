"""Snapshots: the figures of a Review kept at each status date, for trends and changes."""

from __future__ import annotations

import datetime as dt

from pmo.engine.review import Review
from pmo.model import COLLECTIONS, Snapshot
from pmo.model.values import Known


def take_snapshot(review: Review, taken_at: dt.datetime) -> Snapshot:
    """The snapshot of a Review: milestone forecasts, headline figures, register states."""
    project = review.project
    milestones = {task.id: review.forecasts.get(task.id) for task in project.tasks if task.milestone}
    figures: dict[str, float | str | None] = {"rating": review.rating.label}
    for rating in review.ratings:
        figures[f"rating.{rating.dimension}"] = rating.label
    for row in review.figures:
        figures[row.label] = str(row.value.value) if isinstance(row.value, Known) else str(row.value)
    items: dict[str, str] = {}
    for name, kind in COLLECTIONS:
        for record in getattr(project, name):
            status = getattr(record, "status", None)
            ident = getattr(record, "id", None)
            if status is not None and ident is not None:
                items[f"{kind}:{ident}"] = str(getattr(status, "value", status))
    return Snapshot(project.key, review.as_of, taken_at, milestones, figures, items)
