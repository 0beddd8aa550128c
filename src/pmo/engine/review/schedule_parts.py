"""What the Review takes from the schedule engine: the plan, the forecast, Gantt bars, overloads."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from pmo.engine.graph import find_loops
from pmo.engine.review.rows import GanttBar, MilestoneRow
from pmo.errors import InputError
from pmo.model import Finding, Project, Severity, Subject
from pmo.model.values import Known, NotApplicable


def plan_of(project: Project, as_of: dt.date) -> tuple[Any, list[Finding]]:
    """The schedule of the plan at `as_of` (None when there is no task or it cannot be scheduled).

    A plan that cannot be scheduled (a calendar without working days, dates beyond any
    calendar) becomes an error finding; the rest of the review still runs.
    """
    if not project.tasks:
        return None, []
    from pmo.engine.schedule import schedule

    try:
        return schedule(project, as_of), []
    except InputError as exc:
        failed = Finding(
            code="schedule-failed",
            severity=Severity.ERROR,
            subject=Subject("project", project.key, project.name),
            message=f"The plan cannot be scheduled: {exc}.",
            suggestion="Correct the plan; until then the report shows no forecast.",
            source=project.source,
        )
        return None, [failed]


def simulate_plan(project: Project, as_of: dt.date, plan: Any) -> Any:
    """The Monte Carlo forecast, when the plan has three-point estimates to sample."""
    if plan is None or not any(task.estimate for task in project.tasks):
        return None
    from pmo.engine.schedule import simulate

    settings = project.settings
    return simulate(project, as_of, iterations=settings.forecast_iterations, seed=settings.forecast_seed)


def with_p80(row: MilestoneRow, forecast: Any) -> MilestoneRow:
    if row.status == "done":
        return dataclasses.replace(row, p80=NotApplicable("reached"))
    if forecast is None:
        return dataclasses.replace(row, p80=NotApplicable("no three-point estimates to simulate"))
    points = forecast.milestones.get(row.id)
    if not points:
        return row
    return dataclasses.replace(row, p80=Known(points["P80"]))


def forecasts_of(project: Project, plan: Any) -> dict[str, dt.date]:
    if plan is None:
        return {t.id: t.finish for t in project.tasks if t.finish}
    return {task_id: dates.finish for task_id, dates in plan.tasks.items()}


def gantt_bars(project: Project, plan: Any) -> tuple[GanttBar, ...]:
    if plan is None:
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
        dates = plan.tasks.get(task.id)
        if dates is None:
            continue
        bars.append(
            GanttBar(
                task.id, task.name, level(task.id), dates.start, dates.finish, task.baseline_start,
                task.baseline_finish, task.milestone, dates.summary, dates.critical, task.percent_complete,
            )
        )
    return tuple(bars)


def slip_reasons(project: Project, plan: Any) -> dict[str, str]:
    """For each milestone, the task that drives its date (the "why" of a move)."""
    if plan is None:
        return {}
    reasons = {}
    for task in project.tasks:
        dates = plan.tasks.get(task.id)
        if not task.milestone or dates is None or not dates.driving:
            continue
        driver = project.task(dates.driving[0])
        if driver is None:
            continue
        owner = project.person_name(driver.owner) if isinstance(driver.owner, str) else "no owner"
        reasons[task.id] = f"driven by {driver.id} {driver.name} ({owner}, {driver.percent_complete:g} % done)"
    return reasons


def variance_of(plan: Any, task_id: str) -> float | None:
    """Working days between the baseline finish and the forecast, on the project's calendar."""
    dates = plan.tasks.get(task_id) if plan is not None else None
    return None if dates is None else dates.variance


def leveled_plan(project: Project, as_of: dt.date) -> Any:
    """The resource-leveled plan (`LeveledPlan`), the links that close loops left out."""
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


def overloads(project: Project, as_of: dt.date) -> list[Finding]:
    """`resource-overload` from the leveling of the plan."""
    if not any(task.assignments for task in project.tasks):
        return []
    return list(leveled_plan(project, as_of).findings)
