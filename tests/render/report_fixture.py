"""A small Review with every chart's data filled, built from the sparse project."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pmo.engine.review.build import Review, build_review
from pmo.engine.review.rows import ChangeEntry, CurvePoint, GanttBar, TrendRow
from pmo.sources.native import read_native

D = dt.date
SPARSE = Path(__file__).resolve().parent.parent / "data" / "projects" / "sparse.yaml"
AS_OF = D(2026, 6, 15)


def sparse_review() -> Review:
    """The sparse project's Review: most fields blank, no chart data."""
    return build_review(read_native(SPARSE), AS_OF)


def bar(ident: str, level: int, start: D, finish: D, **flags: object) -> GanttBar:
    values: dict[str, object] = {
        "baseline_start": start,
        "baseline_finish": finish,
        "milestone": False,
        "summary": False,
        "critical": False,
        "percent_complete": 0.0,
    }
    values.update(flags)
    return GanttBar(ident, f"Task {ident}", level, start, finish, **values)  # type: ignore[arg-type]


def chart_review() -> Review:
    """The sparse Review with a Gantt, a milestone trend, an S-curve and what changed."""
    gantt = (
        bar("P", 0, D(2026, 5, 4), D(2026, 7, 10), summary=True, critical=True, percent_complete=40.0),
        bar("T1", 1, D(2026, 5, 4), D(2026, 5, 29), critical=True, percent_complete=100.0),
        bar(
            "T2", 1, D(2026, 6, 1), D(2026, 7, 10), baseline_finish=D(2026, 7, 3), critical=True, percent_complete=30.0
        ),
        bar("T3", 1, D(2026, 6, 8), D(2026, 6, 26), baseline_start=None, baseline_finish=None),
        bar(
            "M1",
            1,
            D(2026, 7, 10),
            D(2026, 7, 10),
            baseline_start=D(2026, 7, 3),
            baseline_finish=D(2026, 7, 3),
            milestone=True,
            critical=True,
        ),
    )
    trend = (
        TrendRow(
            "M1",
            "Thing delivered",
            D(2026, 7, 3),
            ((D(2026, 4, 15), D(2026, 7, 3)), (D(2026, 5, 15), D(2026, 7, 6)), (AS_OF, D(2026, 7, 10))),
        ),
        TrendRow("M2", "Manual out", D(2026, 6, 26), ((D(2026, 4, 15), D(2026, 6, 26)), (AS_OF, None))),
    )
    curve = tuple(
        CurvePoint(D(2026, 5, 4) + dt.timedelta(days=7 * i), min(100.0, 10.0 * i), 8.0 * i if i <= 6 else None)
        for i in range(11)
    )
    changed = (ChangeEntry("milestone", "M1 Thing delivered", "forecast 2026-07-06 → 2026-07-10", "T2 started late"),)
    return dataclasses.replace(sparse_review(), gantt=gantt, trend=trend, curve=curve, changed=changed)
