"""Review rows from model records: every cell known, pending or NA; blanks open a pending item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmo.engine.checks.rigor import find_pendings
from pmo.engine.fields import PROJECT_FIELDS
from pmo.engine.review.rows import (
    ActionRow,
    AssumptionRow,
    Cell,
    ChangeRow,
    DecisionRow,
    FieldRow,
    IssueRow,
    MilestoneRow,
    PendingRow,
    RiskRow,
)
from pmo.engine.workdays import add_workdays, workdays_between
from pmo.model import DecisionStatus, Project, Snapshot, Task
from pmo.model.values import Known, NotApplicable, Pending, is_blank

GENERATED_NOTE = "blank in the source; pmo opened this investigation"


class Cells:
    """Turns model values into cells, opening a pending item for each blank."""

    def __init__(self, project: Project, as_of: dt.date) -> None:
        self.project = project
        self.due = add_workdays(as_of, project.settings.pending_days)
        named = [p for p in (project.manager, project.author, project.sponsor) if isinstance(p, str) and p.strip()]
        self.default_who = project.person_name(named[0]) if named else "the PMO"
        self.generated: list[PendingRow] = []

    def cell(self, value: object, subject: str, label: str, who: object = None, person: bool = False) -> Cell:
        if isinstance(value, (Pending, NotApplicable)):
            if isinstance(value, Pending):
                return Pending(self.project.person_name(value.who), value.by, value.note)
            return value
        if is_blank(value):
            owner = self.project.person_name(who) if isinstance(who, str) and who else self.default_who
            self.generated.append(
                PendingRow(subject, label, owner, self.due.isoformat(), GENERATED_NOTE, False, True)
            )
            return Pending(owner, self.due, GENERATED_NOTE)
        if person and isinstance(value, str):
            return Known(self.project.person_name(value))
        return Known(value)


def header_rows(project: Project, as_of: dt.date, cells: Cells, previous: Snapshot | None) -> tuple[FieldRow, ...]:
    if previous is not None:
        start = previous.status_date + dt.timedelta(days=1)
        period = f"{start.isoformat()} to {as_of.isoformat()} (since the report of {previous.status_date.isoformat()})"
    else:
        period = f"{(as_of - dt.timedelta(days=6)).isoformat()} to {as_of.isoformat()} (first report: one week)"
    rows = [
        FieldRow("Project", Known(f"{project.name} ({project.key})")),
        FieldRow("Status date", Known(as_of)),
        FieldRow("Reporting period", Known(period)),
    ]
    for name, label in PROJECT_FIELDS:
        value = getattr(project, name)
        if name == "budget" and isinstance(value, float):
            value = f"{value:,.0f} {project.currency}"
        cell = cells.cell(value, f"project {project.key}", label, person=name != "budget")
        rows.append(FieldRow(label.capitalize(), cell))
    distribution = ", ".join(project.person_name(p) for p in project.distribution)
    rows.append(FieldRow("Distribution", cells.cell(distribution, f"project {project.key}", "distribution")))
    return tuple(rows)


def milestone_row(
    task: Task, forecast: dt.date | None, variance_days: float | None, as_of: dt.date, cells: Cells
) -> MilestoneRow:
    subject = f"milestone {task.id}"
    owner = cells.cell(task.owner, subject, "owner", person=True)
    baseline: Cell = Known(task.baseline_finish) if task.baseline_finish else NotApplicable("no baseline set")
    if task.actual_finish:
        actual: Cell = Known(task.actual_finish)
        forecast = task.actual_finish
    else:
        actual = NotApplicable("not reached yet")
    forecast_cell: Cell = Known(forecast) if forecast else cells.cell(None, subject, "forecast", task.owner)
    slip: int | None = None
    if task.baseline_finish and forecast:
        slip = round(variance_days) if variance_days is not None else workdays_between(task.baseline_finish, forecast)
        variance: Cell = Known(f"{slip:+d} wd")
    else:
        variance = NotApplicable("needs a baseline and a forecast")
    if task.done:
        status = "done"
    elif forecast and forecast < as_of:
        status = "late"
    elif task.baseline_finish and forecast and forecast > task.baseline_finish:
        status = "slipping"
    else:
        status = "on track"
    return MilestoneRow(task.id, task.name, owner, baseline, forecast_cell, actual, variance, status,
                        variance_days=slip)


def action_row(action: Any, as_of: dt.date, cells: Cells, previous: Snapshot | None = None) -> ActionRow:
    subject = f"action {action.id}"
    late = action.status.is_open and isinstance(action.due, dt.date) and action.due < as_of
    if not action.status.is_open:
        age: Cell = NotApplicable(action.status.value)
    elif action.opened:
        age = Known(f"{(as_of - action.opened).days} d")
    else:
        age = NotApplicable("opening date not recorded")
    if previous is None:
        carried: Cell = NotApplicable("no earlier report")
    else:
        before = previous.items.get(f"action:{action.id}")
        if before is None:
            carried = Known("no (new)")
        elif before.get("status") in ("open", "in-progress"):
            carried = Known(f"yes, from {previous.status_date.isoformat()}")
        else:
            carried = Known(f"no (was {before.get('status')})")
    return ActionRow(
        action.id,
        action.title,
        cells.cell(action.owner, subject, "owner", person=True),
        cells.cell(action.due, subject, "due date", action.owner),
        action.status.value,
        age,
        late,
        carried,
    )


def score_cell(value: int | None, what: str) -> Cell:
    return Known(value) if value is not None else NotApplicable(f"{what} not rated")


def closed_or(value: object, is_open: bool) -> object:
    """A closed entry's blank is not applicable, not something to investigate."""
    return NotApplicable("closed") if value is None and not is_open else value


def risk_row(risk: Any, cells: Cells) -> RiskRow:
    subject = f"risk {risk.id}"
    is_open = risk.status.is_open
    return RiskRow(
        risk.id,
        risk.title,
        cells.cell(closed_or(risk.owner, is_open), subject, "owner", person=True),
        score_cell(risk.probability, "probability"),
        score_cell(risk.impact, "impact"),
        score_cell(risk.score, "probability or impact"),
        cells.cell(closed_or(risk.mitigation, is_open), subject, "mitigation", risk.owner),
        risk.status.value,
    )


def issue_row(issue: Any, cells: Cells) -> IssueRow:
    subject = f"issue {issue.id}"
    resolution = issue.resolution
    if resolution is None and issue.status.is_open:
        resolution = NotApplicable("still open")
    return IssueRow(
        issue.id,
        issue.title,
        cells.cell(closed_or(issue.owner, issue.status.is_open), subject, "owner", person=True),
        issue.priority,
        issue.status.value,
        cells.cell(issue.due, subject, "due date", issue.owner) if issue.status.is_open else NotApplicable("closed"),
        cells.cell(resolution, subject, "resolution", issue.owner),
    )


def decision_row(decision: Any, cells: Cells) -> DecisionRow:
    subject = f"decision {decision.id}"
    if decision.status is DecisionStatus.TAKEN:
        date = cells.cell(decision.date, subject, "date taken")
        by = cells.cell(decision.decided_by, subject, "decided by", person=True)
    else:
        date = cells.cell(decision.date, subject, "date needed") if decision.date else NotApplicable("not taken yet")
        by = cells.cell(decision.decided_by, subject, "decision maker", person=True)
    return DecisionRow(decision.id, decision.title, decision.status.value, date, by)


def assumption_row(assumption: Any, cells: Cells) -> AssumptionRow:
    subject = f"assumption {assumption.id}"
    by: Cell = Known(assumption.validate_by) if assumption.validate_by else NotApplicable("no validation date set")
    owner = (
        cells.cell(assumption.owner, subject, "owner", person=True)
        if not assumption.validated or assumption.owner
        else NotApplicable("validated")
    )
    return AssumptionRow(assumption.id, assumption.title, owner, by, "yes" if assumption.validated else "no")


def change_row(change: Any, cells: Cells) -> ChangeRow:
    subject = f"change {change.id}"
    raised: Cell = Known(change.raised) if change.raised else NotApplicable("date not recorded")
    return ChangeRow(change.id, change.title, change.status, raised, cells.cell(change.impact, subject, "impact"))


def given_pending(project: Project, as_of: dt.date) -> list[PendingRow]:
    rows = []
    for kind, record, name, pending in find_pendings(project):
        ident = getattr(record, "id", None) or getattr(record, "key", "")
        rows.append(
            PendingRow(
                f"{kind} {ident}",
                name.replace("_", " "),
                project.person_name(pending.who),
                pending.by.isoformat(),
                pending.note or "no note",
                pending.by < as_of,
                False,
            )
        )
    return rows
