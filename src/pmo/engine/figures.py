"""The figures of a Review: progress, variances, budget burn, registers, freshness, earned value.

Each figure is a pure function of the project, the status date and its schedule;
`figure_rows` turns them into `FieldRow`s, each a value or NA with why (docs/figures.md).
Time counts working days of the project calendar (see `pmo.engine.timephase`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo.engine.earned_value import EarnedValue, earned_value, earned_value_rows
from pmo.engine.review.rows import Cell, FieldRow
from pmo.engine.s_curve import s_curve
from pmo.engine.schedule import Schedule
from pmo.engine.schedule.compile import task_duration
from pmo.engine.timephase import WorkingDays, leaves, planned_span, window, working_days
from pmo.model import Project
from pmo.model.values import Known, NotApplicable

__all__ = ["RegisterStats", "figure_rows", "percent_complete", "register_stats", "s_curve"]


def _axis(project: Project, schedule: Schedule | None) -> WorkingDays | None:
    span = planned_span(leaves(project), schedule)
    return working_days(project, span[0], span[1]) if span else None


def percent_complete(
    project: Project, as_of: dt.date, schedule: Schedule | None
) -> tuple[float | None, float | None, str]:
    """Planned and actual percent complete at `as_of`, weighted by duration, and why if None.

    Planned: each task's planned window (baseline, else schedule, else plan dates) worked
    evenly, the status date included. Actual: each task's percent complete. Leaf tasks
    with a duration count; milestones weigh nothing.
    """
    axis = _axis(project, schedule)
    work = [t for t in leaves(project) if not t.milestone and task_duration(t) > 0]
    if not work or axis is None:
        return None, None, "no task has a duration and dates"
    total = sum(task_duration(t) for t in work)
    now = float(axis.count(as_of))
    planned = 0.0
    for task in work:
        placed = window(task, axis, schedule)
        planned += task_duration(task) * (placed.planned(now) if placed else 0.0)
    actual = sum(task_duration(t) * (100.0 if t.done else min(max(t.percent_complete, 0.0), 100.0)) for t in work)
    return 100 * planned / total, actual / total, ""


def _wd(days: float) -> str:
    return f"{days:+.0f} wd" if float(days).is_integer() else f"{days:+.1f} wd"


def _variance_rows(project: Project, schedule: Schedule | None) -> list[FieldRow]:
    axis = _axis(project, schedule)
    baselines = [t.baseline_finish for t in project.tasks if t.baseline_finish]
    forecast = schedule.finish if schedule else max((t.finish for t in project.tasks if t.finish), default=None)
    help_text = "forecast finish − baseline finish, in working days (positive: late)"
    days: float | None = None
    if not baselines:
        cell: Cell = NotApplicable("no task has a baseline")
    elif forecast is None or axis is None:
        cell = NotApplicable("no forecast finish")
    else:
        days = float(axis.between(max(baselines), forecast))
        cell = Known(f"{_wd(days)} (forecast {forecast}, baseline {max(baselines)})")
    rows = [FieldRow("Project finish variance", cell, help_text, "finish-variance", days)]
    for task in (t for t in project.tasks if t.milestone):
        date = task.actual_finish
        if date is None and schedule is not None and task.id in schedule.tasks:
            date = schedule.tasks[task.id].early_finish
        date = date or task.finish
        number: float | None = None
        if task.baseline_finish is None:
            cell = NotApplicable("no baseline set")
        elif date is None or axis is None:
            cell = NotApplicable("no forecast")
        else:
            number = float(axis.between(task.baseline_finish, date))
            cell = Known(_wd(number))
        label = f"Milestone variance: {task.name}"
        rows.append(FieldRow(label, cell, "actual or forecast date − baseline date, in working days",
                             f"milestone-variance-{task.id}", number))
    return rows


def _burn_rows(project: Project, as_of: dt.date, schedule: Schedule | None, ac: float | None,
               bac: float | None) -> list[FieldRow]:
    budget = float(project.budget) if isinstance(project.budget, (int, float)) else bac
    what = "the project budget" if isinstance(project.budget, (int, float)) else "the tasks' budgets (BAC)"
    span = planned_span(leaves(project), schedule)
    elapsed: float | None = None
    if span is not None:
        axis = working_days(project, span[0], span[1])
        length = axis.count(span[1])
        elapsed = min(max(axis.count(as_of) / length, 0.0), 1.0) if length > 0 else None
    burn = ac / budget if ac is not None and budget else None
    burn_cell: Cell = Known(f"{100 * burn:.1f} % of {budget:,.0f} {project.currency}") if burn is not None and budget \
        else NotApplicable("needs a budget and an actual cost")
    time_cell: Cell = Known(f"{100 * elapsed:.1f} %") if elapsed is not None else NotApplicable("no planned dates")
    if burn is not None and elapsed:
        pace: Cell = Known(f"{burn / elapsed:.2f}")
    else:
        pace = NotApplicable("needs the budget burn and some elapsed time")
    return [
        FieldRow("Budget burn", burn_cell, f"AC / {what}", "budget-burn",
                 100 * burn if burn is not None and budget else None),
        FieldRow("Time elapsed", time_cell, "working days from the planned start to the status date / planned length",
                 "time-elapsed", 100 * elapsed if elapsed is not None else None),
        FieldRow("Burn against time", pace, "budget burn / time elapsed (above 1: spending faster than time passes)",
                 "burn-against-time", burn / elapsed if burn is not None and elapsed else None),
    ]


@dataclass(frozen=True)
class RegisterStats:
    """Open entries of one register: how many, how many overdue, their ages in days."""

    kind: str
    open: int
    overdue: int | None  # None: this kind has no due date
    average_age: float | None
    oldest: tuple[str, int] | None  # (id, age in days)
    dated: bool  # whether this kind records when an entry was opened


def _stats(kind: str, items: list[tuple[str, object, object]], as_of: dt.date, dated: bool,
           has_due: bool) -> RegisterStats:
    ages = [(ident, (as_of - opened).days) for ident, opened, _ in items if isinstance(opened, dt.date)]
    overdue = sum(1 for _, _, due in items if isinstance(due, dt.date) and due < as_of) if has_due else None
    average = sum(age for _, age in ages) / len(ages) if ages else None
    oldest = max(ages, key=lambda pair: pair[1]) if ages else None
    return RegisterStats(kind, len(items), overdue, average, oldest, dated)


def register_stats(project: Project, as_of: dt.date) -> tuple[RegisterStats, ...]:
    """Open actions, risks, issues, decisions awaited and assumptions to validate, with ages."""
    open_decisions = [d for d in project.decisions if d.status.value == "proposed"]
    return (
        _stats("action", [(a.id, a.opened, a.due) for a in project.actions if a.status.is_open], as_of, True, True),
        _stats("risk", [(r.id, r.raised, None) for r in project.risks if r.status.is_open], as_of, True, False),
        _stats("issue", [(i.id, i.raised, i.due) for i in project.issues if i.status.is_open], as_of, True, True),
        _stats("decision", [(d.id, None, d.date) for d in open_decisions], as_of, False, True),
        _stats("assumption", [(a.id, None, a.validate_by) for a in project.assumptions if not a.validated],
               as_of, False, True),
    )


def _register_rows(stats: tuple[RegisterStats, ...]) -> list[FieldRow]:
    names = {"action": "actions", "risk": "risks", "issue": "issues", "decision": "decisions awaited",
             "assumption": "assumptions to validate"}
    rows = []
    for s in stats:
        plural = names[s.kind]
        rows.append(FieldRow(f"Open {plural}", Known(s.open), f"{s.kind} entries not yet closed",
                             f"open-{s.kind}s", float(s.open)))
        overdue: Cell = Known(s.overdue) if s.overdue is not None else NotApplicable(f"{plural} carry no due date")
        rows.append(FieldRow(f"Overdue {plural}", overdue, "open entries whose due date is before the status date",
                             f"overdue-{s.kind}s", float(s.overdue) if s.overdue is not None else None))
        if not s.dated:
            continue
        none = f"no open {s.kind}" if not s.open else f"no open {s.kind} records when it was opened"
        average: Cell = Known(f"{s.average_age:.0f} d") if s.average_age is not None else NotApplicable(none)
        oldest: Cell = Known(f"{s.oldest[1]} d ({s.oldest[0]})") if s.oldest else NotApplicable(none)
        rows.append(FieldRow(f"Average age of open {plural}", average, "status date − date opened, in days",
                             f"average-age-{s.kind}s", s.average_age))
        rows.append(FieldRow(f"Oldest open {s.kind}", oldest, "the open entry opened longest ago",
                             f"oldest-{s.kind}", float(s.oldest[1]) if s.oldest else None))
    return rows


def _freshness_rows(project: Project, as_of: dt.date) -> list[FieldRow]:
    window_days = project.settings.freshness_days
    open_tasks = [t for t in leaves(project) if not t.done]
    started = [t for t in open_tasks if t.started]
    last = {t.id: project.last_update(t) for t in open_tasks}  # MS Project: the plan's status/saved date
    stamped = [t for t in started if last[t.id]]
    age: float | None = None
    if not started:
        oldest: Cell = NotApplicable("no open task has started")
    elif not stamped:
        oldest = NotApplicable("no started task records when it was last updated")
    else:
        stale = min(stamped, key=lambda t: last[t.id] or as_of)
        age = float((as_of - (last[stale.id] or as_of)).days)
        oldest = Known(f"{age:.0f} d ({stale.id})")
    fresh = [t for t in open_tasks if (day := last[t.id]) is not None and (as_of - day).days <= window_days]
    share: Cell = Known(f"{100 * len(fresh) / len(open_tasks):.0f} % ({len(fresh)} of {len(open_tasks)})") \
        if open_tasks else NotApplicable("no open task")
    return [
        FieldRow("Oldest update of a started task", oldest,
                 "status date − oldest last update among open started tasks", "oldest-task-update", age),
        FieldRow("Open tasks updated recently", share, f"share of open tasks updated within {window_days} days",
                 "tasks-updated-recently", 100 * len(fresh) / len(open_tasks) if open_tasks else None),
    ]


def figure_rows(project: Project, as_of: dt.date, schedule: Schedule | None = None,
                value: EarnedValue | None = None) -> tuple[FieldRow, ...]:
    """Every figure of the Review at `as_of`, each a value or NA with why (`value`: earned value if known)."""
    planned, actual, why = percent_complete(project, as_of, schedule)
    gap = "planned share of the duration-weighted work done by the status date (baseline, else schedule)"
    rows = [
        FieldRow("Planned % complete", Known(f"{planned:.1f} %") if planned is not None else NotApplicable(why), gap,
                 "planned-percent-complete", planned),
        FieldRow("Actual % complete", Known(f"{actual:.1f} %") if actual is not None else NotApplicable(why),
                 "Σ duration × percent complete / Σ duration, over leaf tasks", "percent-complete", actual),
    ]
    rows += _variance_rows(project, schedule)
    ev = value if value is not None else earned_value(project, as_of, schedule)
    rows += _burn_rows(project, as_of, schedule, ev.ac, ev.bac)
    rows += earned_value_rows(ev, project.currency)
    rows += _register_rows(register_stats(project, as_of))
    rows += _freshness_rows(project, as_of)
    return tuple(rows)
