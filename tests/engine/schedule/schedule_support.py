"""Small builders for hand-checked schedule fixtures (January 2025: Monday 6 is day 0)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmo.engine.schedule import Schedule, schedule
from pmo.model import Dependency, LagUnit, LinkType, Project, Task

MONDAY = dt.date(2025, 1, 6)


def day(text: str) -> dt.date:
    """`"01-13"` -> 2025-01-13."""
    return dt.date.fromisoformat(f"2025-{text}")


def link(pred: str, succ: str, kind: str = "FS", lag: float = 0.0, elapsed: bool = False) -> Dependency:
    return Dependency(pred, succ, LinkType(kind), lag, LagUnit.ELAPSED if elapsed else LagUnit.WORKING)


def run(tasks: list[Task], deps: list[Dependency] = (), as_of: dt.date | None = None,  # type: ignore[assignment]
        **project: Any) -> Schedule:
    project.setdefault("start", MONDAY)
    return schedule(Project(key="T", name="Test", tasks=tuple(tasks), dependencies=tuple(deps), **project),
                    as_of=as_of)


def dates(result: Schedule, task_id: str) -> tuple[str, str]:
    """(start, finish) of a task as MM-DD."""
    row = result.tasks[task_id]
    return row.start.strftime("%m-%d"), row.finish.strftime("%m-%d")
