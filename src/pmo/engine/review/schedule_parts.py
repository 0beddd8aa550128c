"""What the Review takes from the schedule: P80 dates, Gantt bars, slip reasons, variances; the leveling."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from pmo.engine.forecast import ForecastSummary
from pmo.engine.graph import find_loops
from pmo.engine.review.rows import GanttBar, MilestoneRow
from pmo.model import Project
from pmo.model.values import Known, NotApplicable

if TYPE_CHECKING:
    from pmo.engine.leveling.level import Leveling
    from pmo.engine.schedule import Schedule


def with_p80(row: MilestoneRow, forecast: ForecastSummary | None) -> MilestoneRow:
    if row.status == "done":
        return dataclasses.replace(row, p80=NotApplicable("reached"))
    if forecast is None:
        return dataclasses.replace(row, p80=NotApplicable("no three-point estimates to simulate"))
    points = forecast.milestones.get(row.id)
    if not points:
        return row
    return dataclasses.replace(row, p80=Known(points["P80"]))


def gantt_bars(project: Project, computed: Schedule | None) -> tuple[GanttBar, ...]:
    if computed is None:
        return ()
    levels: dict[str, int] = {}
    parents = {t.id: t.parent for t in project.tasks}

    def level(task_id: str) -> int:
        if task_id not in levels:
            parent = parents.get(task_id)
            levels[task_id] = 0 if not parent or parent not in parents else level(parent) + 1
        return levels[task_id]

    bars = []
    for task in project.tasks:
        dates = computed.tasks.get(task.id)
        if dates is None:
            continue
        bars.append(
            GanttBar(
                task.id, task.name, level(task.id), dates.start, dates.finish, task.baseline_start,
                task.baseline_finish, task.milestone, dates.summary, dates.critical, task.percent_complete,
            )
        )
    return tuple(bars)


def slip_reasons(project: Project, computed: Schedule | None) -> dict[str, str]:
    """For each milestone, the task that drives its date (the "why" of a move)."""
    if computed is None:
        return {}
    reasons = {}
    for task in project.tasks:
        dates = computed.tasks.get(task.id)
        if not task.milestone or dates is None or not dates.driving:
            continue
        driver = project.task(dates.driving[0])
        if driver is None:
            continue
        owner = project.person_name(driver.owner) if isinstance(driver.owner, str) else "no owner"
        reasons[task.id] = f"driven by {driver.id} {driver.name} ({owner}, {driver.percent_complete:g} % done)"
    return reasons


def variance_of(computed: Schedule | None, task_id: str) -> float | None:
    """Working days between the baseline finish and the forecast, on the project's calendar."""
    dates = computed.tasks.get(task_id) if computed is not None else None
    return None if dates is None else dates.variance


def leveling_of(project: Project, as_of: dt.date) -> Leveling:
    """The resource-leveled plan (`Leveling`), the links that close loops left out."""
    from pmo.engine.leveling.level import level

    names = [task.id for task in project.tasks]
    known = set(names)
    pairs = [(d.predecessor, d.successor) for d in project.dependencies]
    closing = {(loop[-1], loop[0]) for loop in find_loops(names, pairs)}
    links = tuple(
        d for d in project.dependencies
        if (d.predecessor, d.successor) not in closing and d.predecessor in known and d.successor in known
    )
    return level(dataclasses.replace(project, dependencies=links), as_of)
