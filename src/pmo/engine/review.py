"""The Review: everything pmo knows about a project at a status date.

Every output (report, deck, brief, web page) renders a Review and computes nothing
itself, so they can never disagree. `build_review` is a pure function of the project,
the status date and the snapshots of earlier status dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pmo.engine.checks import run_checks
from pmo.engine.earned_value import EarnedValue, earned_value
from pmo.engine.fields import PROJECT_FIELDS
from pmo.engine.figures import figure_rows
from pmo.engine.graph import find_loops
from pmo.engine.history import figures_of, milestone_trend, snapshot_of, trend_findings, what_changed
from pmo.engine.rag import (
    Rating,
    apply_overrides,
    overall,
    overridden,
    rate_actions,
    rate_cost,
    rate_resources,
    rate_risk,
    rate_schedule,
    rate_scope,
)
from pmo.engine.review_rows import (
    ActionRow,
    AssumptionRow,
    Cell,
    ChangeEntry,
    ChangeRow,
    CurvePoint,
    DecisionRow,
    FieldRow,
    GanttBar,
    IssueRow,
    MilestoneRow,
    PendingRow,
    QualityRow,
    RiskRow,
    TrendRow,
)
from pmo.engine.rigor import find_pendings
from pmo.engine.s_curve import s_curve
from pmo.engine.workdays import add_workdays, workdays_between
from pmo.model import DecisionStatus, Finding, Project, Severity, Snapshot, Task
from pmo.model.values import Known, NotApplicable, Pending, is_blank

GENERATED_NOTE = "blank in the source; pmo opened this investigation"


@dataclass(frozen=True)
class Review:
    """One project at one status date: the contract every renderer reads (docs/review.md)."""

    project: Project
    as_of: dt.date
    header: tuple[FieldRow, ...]
    summary: tuple[str, ...]
    ratings: tuple[Rating, ...]
    rating: Rating
    figures: tuple[FieldRow, ...]
    milestones: tuple[MilestoneRow, ...]
    actions: tuple[ActionRow, ...]
    risks: tuple[RiskRow, ...]
    issues: tuple[IssueRow, ...]
    decisions: tuple[DecisionRow, ...]
    assumptions: tuple[AssumptionRow, ...]
    changes: tuple[ChangeRow, ...]
    pending: tuple[PendingRow, ...]
    findings: tuple[Finding, ...]
    quality: tuple[QualityRow, ...]
    forecasts: dict[str, dt.date] = field(default_factory=dict)
    snapshots: tuple[Snapshot, ...] = ()
    gantt: tuple[GanttBar, ...] = ()
    trend: tuple[TrendRow, ...] = ()
    curve: tuple[CurvePoint, ...] = ()
    changed: tuple[ChangeEntry, ...] = ()
    schedule: Any = None
    forecast: Any = None
    previous: Snapshot | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


class _Cells:
    """Turns model values into cells, opening a pending item for each blank."""

    def __init__(self, project: Project, as_of: dt.date) -> None:
        self.project = project
        self.due = add_workdays(as_of, project.settings.pending_days)
        manager = project.manager if isinstance(project.manager, str) else None
        self.default_who = project.person_name(manager) if manager else "the PMO"
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


def _schedule(project: Project, as_of: dt.date) -> Any:
    """The schedule of the plan at `as_of`, or None when the plan has no task."""
    if not project.tasks:
        return None
    from pmo.engine.schedule import schedule

    return schedule(project, as_of)


def _simulate(project: Project, as_of: dt.date, plan: Any) -> Any:
    """The Monte Carlo forecast, when the plan has three-point estimates to sample."""
    if plan is None or not any(task.estimate for task in project.tasks):
        return None
    from pmo.engine.schedule import simulate

    settings = project.settings
    return simulate(project, as_of, iterations=settings.forecast_iterations, seed=settings.forecast_seed)


def _with_p80(row: MilestoneRow, forecast: Any) -> MilestoneRow:
    if row.status == "done":
        return dataclasses.replace(row, p80=NotApplicable("reached"))
    if forecast is None:
        return dataclasses.replace(row, p80=NotApplicable("no three-point estimates to simulate"))
    points = forecast.milestones.get(row.id)
    if not points:
        return row
    return dataclasses.replace(row, p80=Known(points["P80"]))


def _forecasts(project: Project, plan: Any) -> dict[str, dt.date]:
    if plan is None:
        return {t.id: t.finish for t in project.tasks if t.finish}
    return {task_id: dates.finish for task_id, dates in plan.tasks.items()}


def _gantt(project: Project, plan: Any) -> tuple[GanttBar, ...]:
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


def _slip_reasons(project: Project, plan: Any) -> dict[str, str]:
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


def build_review(project: Project, as_of: dt.date | None = None, snapshots: Sequence[Snapshot] = ()) -> Review:
    """Everything known about `project` at `as_of` (default: the project's status date)."""
    as_of = as_of or project.status_date or dt.date.today()
    cells = _Cells(project, as_of)
    plan = _schedule(project, as_of)
    forecasts = _forecasts(project, plan)
    trend = milestone_trend(project, snapshots, as_of, forecasts)
    forecast = _simulate(project, as_of, plan)
    schedule_findings = [f for f in (plan.findings if plan else []) if f.code != "dependency-cycle"]
    schedule_findings += list(forecast.findings) if forecast is not None else []
    findings = sorted(
        [*run_checks(project, as_of), *schedule_findings, *trend_findings(project, trend), *_overloads(project, as_of)],
        key=Finding.sort_key,
    )
    earlier = [s for s in snapshots if s.status_date < as_of]
    previous = max(earlier, key=lambda s: s.status_date) if earlier else None
    header = _header(project, as_of, cells, previous)
    milestones = tuple(
        _with_p80(_milestone(t, forecasts.get(t.id), _variance(plan, t.id), as_of, cells), forecast)
        for t in project.tasks
        if t.milestone
    )
    actions = tuple(_action(a, as_of, cells) for a in project.actions)
    risks = tuple(_risk(r, cells) for r in project.risks)
    issues = tuple(_issue(i, cells) for i in project.issues)
    decisions = tuple(_decision(d, cells) for d in project.decisions)
    assumptions = tuple(_assumption(a, cells) for a in project.assumptions)
    changes = tuple(_change(c, cells) for c in project.changes)
    pending = tuple(sorted([*_given_pending(project, as_of), *cells.generated], key=lambda p: (p.by, p.subject)))
    value = earned_value(project, as_of, plan)
    ratings = apply_overrides(
        _ratings(project, milestones, findings, sum(a.late for a in actions), value), project.rag_overrides
    )
    rating = overall(ratings)
    override = next((o for o in project.rag_overrides if o.dimension == "overall"), None)
    if override is not None:
        rating = overridden(rating, override)
    figures = (*figure_rows(project, as_of, plan), _findings_row(findings))
    current = snapshot_of(project, as_of, forecasts, figures_of(figures), _NOON(as_of))
    return Review(
        project=project,
        as_of=as_of,
        header=header,
        summary=_summary(project, milestones, actions, findings, rating, value, forecast, forecasts),
        ratings=ratings,
        rating=rating,
        figures=figures,
        milestones=milestones,
        actions=actions,
        risks=risks,
        issues=issues,
        decisions=decisions,
        assumptions=assumptions,
        changes=changes,
        pending=pending,
        findings=tuple(findings),
        quality=tuple(QualityRow(f, str(f.source)) for f in findings),
        forecasts=forecasts,
        snapshots=tuple(snapshots),
        gantt=_gantt(project, plan),
        curve=s_curve(project, as_of, plan) if plan is not None else (),
        trend=trend,
        changed=what_changed(previous, current, project, _slip_reasons(project, plan)),
        schedule=plan,
        forecast=forecast,
        previous=previous,
    )


def _NOON(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def review_snapshot(review: Review, taken_at: dt.datetime) -> Snapshot:
    """The snapshot to keep for a review (what later reviews compare with)."""
    return snapshot_of(review.project, review.as_of, review.forecasts, figures_of(review.figures), taken_at)


def _header(project: Project, as_of: dt.date, cells: _Cells, previous: Snapshot | None) -> tuple[FieldRow, ...]:
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


def _variance(plan: Any, task_id: str) -> float | None:
    """Working days between the baseline finish and the forecast, on the project's calendar."""
    dates = plan.tasks.get(task_id) if plan is not None else None
    return None if dates is None else dates.variance


def _milestone(
    task: Task, forecast: dt.date | None, variance_days: float | None, as_of: dt.date, cells: _Cells
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
    return MilestoneRow(task.id, task.name, owner, baseline, forecast_cell, actual, variance, status)


def _action(action: Any, as_of: dt.date, cells: _Cells) -> ActionRow:
    subject = f"action {action.id}"
    late = action.status.is_open and isinstance(action.due, dt.date) and action.due < as_of
    if action.opened:
        age: Cell = Known(f"{(as_of - action.opened).days} d")
    else:
        age = NotApplicable("opening date not recorded")
    return ActionRow(
        action.id,
        action.title,
        cells.cell(action.owner, subject, "owner", person=True),
        cells.cell(action.due, subject, "due date", action.owner),
        action.status.value,
        age,
        late,
    )


def _score_cell(value: int | None, what: str) -> Cell:
    return Known(value) if value is not None else NotApplicable(f"{what} not rated")


def _risk(risk: Any, cells: _Cells) -> RiskRow:
    subject = f"risk {risk.id}"
    return RiskRow(
        risk.id,
        risk.title,
        cells.cell(risk.owner, subject, "owner", person=True),
        _score_cell(risk.probability, "probability"),
        _score_cell(risk.impact, "impact"),
        _score_cell(risk.score, "probability or impact"),
        cells.cell(risk.mitigation, subject, "mitigation", risk.owner),
        risk.status.value,
    )


def _issue(issue: Any, cells: _Cells) -> IssueRow:
    subject = f"issue {issue.id}"
    resolution = issue.resolution
    if resolution is None and issue.status.is_open:
        resolution = NotApplicable("still open")
    return IssueRow(
        issue.id,
        issue.title,
        cells.cell(issue.owner, subject, "owner", person=True),
        issue.priority,
        issue.status.value,
        cells.cell(issue.due, subject, "due date", issue.owner) if issue.status.is_open else NotApplicable("closed"),
        cells.cell(resolution, subject, "resolution", issue.owner),
    )


def _decision(decision: Any, cells: _Cells) -> DecisionRow:
    subject = f"decision {decision.id}"
    if decision.status is DecisionStatus.TAKEN:
        date = cells.cell(decision.date, subject, "date taken")
        by = cells.cell(decision.decided_by, subject, "decided by", person=True)
    else:
        date = cells.cell(decision.date, subject, "date needed") if decision.date else NotApplicable("not taken yet")
        by = cells.cell(decision.decided_by, subject, "decision maker", person=True)
    return DecisionRow(decision.id, decision.title, decision.status.value, date, by)


def _assumption(assumption: Any, cells: _Cells) -> AssumptionRow:
    subject = f"assumption {assumption.id}"
    by: Cell = Known(assumption.validate_by) if assumption.validate_by else NotApplicable("no validation date set")
    owner = (
        cells.cell(assumption.owner, subject, "owner", person=True)
        if not assumption.validated or assumption.owner
        else NotApplicable("validated")
    )
    return AssumptionRow(assumption.id, assumption.title, owner, by, "yes" if assumption.validated else "no")


def _change(change: Any, cells: _Cells) -> ChangeRow:
    subject = f"change {change.id}"
    raised: Cell = Known(change.raised) if change.raised else NotApplicable("date not recorded")
    return ChangeRow(change.id, change.title, change.status, raised, cells.cell(change.impact, subject, "impact"))


def _given_pending(project: Project, as_of: dt.date) -> list[PendingRow]:
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


def _ratings(
    project: Project, milestones: Sequence[MilestoneRow], findings: Sequence[Finding], overdue: int, value: EarnedValue
) -> tuple[Rating, ...]:
    slips = [
        int(str(m.variance.value).split()[0])
        for m in milestones
        if isinstance(m.variance, Known) and m.status != "done"
    ]
    past_open = sum(1 for f in findings if f.code == "milestone-past-open")
    assigned = any(t.assignments for t in project.tasks)
    bands = project.settings.rag
    return (
        rate_schedule(max(slips) if slips else None, past_open, value.spi, bands),
        rate_cost(value.cpi, bands),
        rate_scope(project),
        rate_resources(findings, assigned),
        rate_risk(project, bands),
        rate_actions(project, overdue, bands),
    )


def _findings_row(findings: Sequence[Finding]) -> FieldRow:
    severities = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    text = (
        f"{severities[Severity.ERROR]} errors, {severities[Severity.WARNING]} warnings, "
        f"{severities[Severity.INFO]} notes"
    )
    return FieldRow("Findings", Known(text), "what the checks found (see Quality of the data)")


def _overloads(project: Project, as_of: dt.date) -> list[Finding]:
    """`resource-overload` from the leveling of the plan (the links that close loops left out)."""
    if not any(task.assignments for task in project.tasks):
        return []
    from pmo.engine.schedule.leveling import level

    names = [task.id for task in project.tasks]
    closing = {(loop[-1], loop[0]) for loop in find_loops(names, [(d.predecessor, d.successor) for d in
                                                                  project.dependencies])}
    links = tuple(d for d in project.dependencies if (d.predecessor, d.successor) not in closing)
    leveled = level(dataclasses.replace(project, dependencies=links), as_of)
    return list(leveled.findings)


def _summary(
    project: Project,
    milestones: Sequence[MilestoneRow],
    actions: Sequence[ActionRow],
    findings: Sequence[Finding],
    rating: Rating,
    value: EarnedValue,
    forecast: Any,
    forecasts: dict[str, dt.date],
) -> tuple[str, ...]:
    """The executive summary: a few sentences, each stating figures the Review holds."""
    lines = [f"Overall status is {rating.label}: {rating.rule}."]
    for commitment in project.commitments:
        planned = forecasts.get(commitment.task) if commitment.task else None
        text = f"{commitment.name}: committed for {commitment.date.isoformat()}"
        if planned:
            margin = (commitment.date - planned).days
            text += f", forecast {planned.isoformat()} ({abs(margin)} days {'ahead' if margin >= 0 else 'late'})"
        if forecast is not None and commitment.name in forecast.commitments:
            text += f", {forecast.commitments[commitment.name]:.0%} chance of meeting it"
            points = forecast.milestones.get(commitment.task or "")
            if points:
                text += f" (P80 {points['P80'].isoformat()})"
        lines.append(text + ".")
    upcoming = [m for m in milestones if m.status != "done" and isinstance(m.forecast, Known)]
    if upcoming:
        nxt = min(upcoming, key=lambda m: str(m.forecast.value) if isinstance(m.forecast, Known) else "")
        lines.append(f"Next milestone: {nxt.name}, forecast {nxt.forecast} ({nxt.status}).")
    slipping = [m for m in milestones if m.status in ("late", "slipping")]
    if slipping:
        names = ", ".join(m.name for m in slipping[:4])
        more = f" and {len(slipping) - 4} more" if len(slipping) > 4 else ""
        lines.append(f"{len(slipping)} milestone(s) late or slipping against the baseline: {names}{more}.")
    if value.spi is not None and value.cpi is not None:
        lines.append(f"Earned value: SPI {value.spi:.2f}, CPI {value.cpi:.2f}.")
    late = [a for a in actions if a.late]
    if late:
        lines.append(f"{len(late)} action(s) overdue: " + ", ".join(a.id for a in late) + ".")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:
        lines.append(f"{errors} data problem(s) of severity error need correcting (see Quality of the data).")
    return tuple(lines)
