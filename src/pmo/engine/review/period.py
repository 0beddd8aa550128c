"""The next period: what falls due between the status date and the horizon.

Milestones forecast in the window, deliverables finishing, critical tasks starting, open
actions due (and those already overdue), decisions awaited, and governance meetings held
on fixed dates (steering committees).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pmo.engine.review.rows import ActionRow, Cell, MilestoneRow, PeriodRow
from pmo.model import DecisionStatus, Project
from pmo.model.values import Known, NotApplicable


def next_period(
    project: Project,
    as_of: dt.date,
    milestones: Sequence[MilestoneRow],
    actions: Sequence[ActionRow],
    plan: Any,
) -> tuple[PeriodRow, ...]:
    """Everything due from the day after `as_of` to `settings.horizon_days` later, soonest first."""
    end = as_of + dt.timedelta(days=project.settings.horizon_days)
    rows: list[PeriodRow] = []
    for row in milestones:
        if row.status != "done" and isinstance(row.forecast, Known):
            day = row.forecast.value
            if isinstance(day, dt.date) and as_of < day <= end:
                rows.append(PeriodRow(day, "milestone", f"{row.id} {row.name}", row.owner, row.status))
    for task in project.tasks:
        dates = plan.tasks.get(task.id) if plan is not None else None
        if dates is None or task.done or task.milestone:
            continue
        owner = _owner(project, task.owner)
        if task.deliverable and as_of < dates.finish <= end:
            status = f"{task.percent_complete:g} % done"
            rows.append(PeriodRow(dates.finish, "deliverable due", f"{task.id} {task.name}", owner, status))
        elif dates.critical and not task.started and as_of < dates.start <= end and not dates.summary:
            rows.append(PeriodRow(dates.start, "critical start", f"{task.id} {task.name}", owner, "not started"))
    for action in actions:
        if action.status in ("open", "in-progress") and isinstance(action.due, Known):
            day = action.due.value
            if isinstance(day, dt.date) and day <= end:
                status = "overdue" if action.late else action.status
                rows.append(PeriodRow(day, "action", f"{action.id} {action.title}", action.owner, status))
    for decision in project.decisions:
        if decision.status is DecisionStatus.PROPOSED and isinstance(decision.date, dt.date) and decision.date <= end:
            owner = _owner(project, decision.decided_by)
            rows.append(PeriodRow(decision.date, "decision needed", f"{decision.id} {decision.title}",
                                  owner, "awaited"))
    for rule in project.governance:
        for day in rule.dates:
            if as_of < day <= end:
                rows.append(PeriodRow(day, rule.kind.value, rule.name, NotApplicable("a meeting"), "scheduled"))
    return tuple(sorted(rows, key=lambda r: (r.date, r.kind, r.subject)))


def _owner(project: Project, owner: object) -> Cell:
    if isinstance(owner, str):
        return Known(project.person_name(owner))
    if owner is None:
        return NotApplicable("no owner named")
    return owner  # type: ignore[return-value]
