"""The Review: everything pmo knows about a project at a status date.

Every output (report, deck, brief, web page) renders a Review and computes nothing
itself, so they can never disagree. `build_review` is a pure function of the project,
the status date and the snapshots of earlier status dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from pmo.engine.answers import items_at_risk, pending_rows
from pmo.engine.blockers import blocker_actions
from pmo.engine.checks.questions import ask_about_items
from pmo.engine.checks.registry import run_checks
from pmo.engine.context import AnalysisContext
from pmo.engine.figures import figure_rows
from pmo.engine.forecast import ForecastSummary
from pmo.engine.foresight import DelayFile
from pmo.engine.history import figures_of, snapshot_of, what_changed, with_figure_ids
from pmo.engine.rag import (
    Rating,
    apply_overrides,
    overall,
    overridden,
)
from pmo.engine.review.cells import (
    Cells,
    action_row,
    assumption_row,
    change_row,
    decision_row,
    given_pending,
    header_rows,
    issue_row,
    milestone_row,
    risk_row,
)
from pmo.engine.review.period import next_period
from pmo.engine.review.rows import (
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
    PeriodRow,
    QualityRow,
    RiskRow,
    TrendRow,
)
from pmo.engine.review.schedule_parts import gantt_bars, slip_reasons, variance_of, with_p80
from pmo.engine.review.summary import findings_row, ratings_of, summary_lines
from pmo.engine.s_curve import s_curve
from pmo.engine.stretch import StretchRow, stretch_figures, stretch_of
from pmo.model import Finding, Project, Severity, Snapshot
from pmo.model.values import Known, NotApplicable


@dataclass(frozen=True)
class Review:
    """One project at one status date: the contract every renderer reads (docs/review.md).

    Immutable: tuples and read-only mappings; figures carry their number beside their text;
    `review_to_json` / `review_from_json` (engine/review/codec.py) give its JSON form.
    """

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
    forecasts: Mapping[str, dt.date] = field(default_factory=lambda: MappingProxyType({}))
    snapshots: tuple[Snapshot, ...] = ()
    gantt: tuple[GanttBar, ...] = ()
    trend: tuple[TrendRow, ...] = ()
    curve: tuple[CurvePoint, ...] = ()
    changed: tuple[ChangeEntry, ...] = ()
    finish: dt.date | None = None
    critical_path: tuple[str, ...] = ()
    forecast: ForecastSummary | None = None
    previous: Snapshot | None = None
    next_period: tuple[PeriodRow, ...] = ()
    stretch: tuple[StretchRow, ...] = ()  # the ground feel: the project first, then each team
    delays: tuple[DelayFile, ...] = ()  # why, how, who, impact of each item forecast late (engine/foresight.py)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def build_review(
    project: Project,
    as_of: dt.date,
    snapshots: Sequence[Snapshot] = (),
    root: str | None = None,
    *,
    kept_forecast: ForecastSummary | None = None,
    simulate: bool = True,
) -> Review:
    """Everything known about `project` at `as_of` (the caller gives the status date).

    `root` is the workspace folder: sources under it are shown relative to it.
    `kept_forecast` is a Monte Carlo forecast kept for this data and date; without one a
    forecast is simulated when `simulate` is True (see `AnalysisContext`).
    """
    ctx = AnalysisContext(project, as_of, snapshots, kept_forecast, simulate=simulate)
    return review_of(ctx, root)


def review_of(ctx: AnalysisContext, root: str | None = None) -> Review:
    """The Review of an analysis context: every part read from what the context computed."""
    project, as_of = ctx.project, ctx.as_of
    cells = Cells(project, as_of)
    computed = ctx.schedule
    forecasts = ctx.forecasts
    trend = ctx.trend
    forecast = ctx.forecast
    findings = run_checks(ctx)
    earlier = ctx.snapshots
    previous = max(earlier, key=lambda s: s.status_date) if earlier else None
    header = header_rows(project, as_of, cells, previous)
    milestones = tuple(
        _with_previous(
            with_p80(milestone_row(t, forecasts.get(t.id), variance_of(computed, t.id), as_of, cells), forecast),
            previous,
        )
        for t in project.tasks
        if t.milestone
    )
    actions = tuple(
        action_row(a, as_of, cells, previous) for a in (*project.actions, *blocker_actions(project, as_of))
    )
    risks = tuple(sorted((risk_row(r, cells) for r in project.risks), key=_risk_rank))
    issues = tuple(issue_row(i, cells) for i in project.issues)
    decisions = tuple(decision_row(d, cells) for d in project.decisions)
    assumptions = tuple(assumption_row(a, cells) for a in project.assumptions)
    changes = tuple(change_row(c, cells) for c in project.changes)
    pending = tuple(sorted([*given_pending(project, as_of), *cells.generated], key=lambda p: (p.by, p.subject)))
    value = ctx.earned_value
    names = {person.id: person.name for person in project.people}
    ratings = apply_overrides(
        ratings_of(project, milestones, findings, sum(a.late for a in actions), value), project.rag_overrides, names
    )
    rating = overall(ratings)
    override = next((o for o in project.rag_overrides if o.dimension == "overall"), None)
    if override is not None:
        rating = overridden(rating, override, names.get(override.by or ""))
    at_risk = items_at_risk(project, as_of, ratings, rating, milestones, findings, forecast)
    if at_risk:  # the questions of the amber and red items the data cannot answer
        findings = sorted([*findings, *ask_about_items(project, at_risk, findings)], key=Finding.sort_key)
        pending = tuple(sorted([*pending, *pending_rows(project, at_risk)], key=lambda p: (p.by, p.subject)))
    figures = (*figure_rows(project, as_of, computed, value), findings_row(findings))
    ids = {row.label: row.id for row in figures}
    snapshots = tuple(with_figure_ids(s, ids) for s in ctx.snapshots)
    previous = with_figure_ids(previous, ids) if previous is not None else None
    stretch = stretch_of(ctx)
    current = snapshot_of(project, as_of, forecasts, figures_of(figures, stretch_figures(stretch)), _NOON(as_of))
    return Review(
        project=project,
        as_of=as_of,
        header=header,
        summary=summary_lines(project, milestones, actions, findings, rating, value, forecast, forecasts),
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
        quality=tuple(QualityRow(f, _where(f, root)) for f in findings),
        forecasts=MappingProxyType(dict(forecasts)),
        snapshots=snapshots,
        gantt=gantt_bars(project, computed),
        curve=s_curve(project, as_of, computed) if computed is not None else (),
        trend=trend,
        changed=what_changed(previous, current, project, slip_reasons(project, computed)),
        finish=computed.finish if computed is not None else None,
        critical_path=computed.critical_path if computed is not None else (),
        next_period=next_period(project, as_of, milestones, actions, computed),
        forecast=forecast,
        previous=previous,
        stretch=stretch,
        delays=ctx.delays,
    )


def _NOON(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def _with_previous(row: MilestoneRow, previous: Snapshot | None) -> MilestoneRow:
    """The milestone's forecast at the previous report, when there was one."""
    if previous is None:
        return row
    day = previous.milestones.get(row.id)
    when = previous.status_date.isoformat()
    cell: Cell = Known(day) if day is not None else NotApplicable(f"not forecast on {when}")
    return dataclasses.replace(row, previous=cell)


def _risk_rank(row: RiskRow) -> tuple[int, int, str]:
    """Open risks first, highest score first (the report's top risks)."""
    score = row.score.value if isinstance(row.score, Known) and isinstance(row.score.value, int) else -1
    return (0 if row.status in ("open", "in-progress") else 1, -score, row.id)


def _where(finding: Finding, root: str | None) -> str:
    where = str(finding.source)
    if root and where.startswith(root.rstrip("/") + "/"):
        return where[len(root.rstrip("/")) + 1 :]
    return where


def review_snapshot(review: Review, taken_at: dt.datetime) -> Snapshot:
    """The snapshot to keep for a review (what later reviews compare with)."""
    figures = figures_of(review.figures, stretch_figures(review.stretch))
    return snapshot_of(review.project, review.as_of, review.forecasts, figures, taken_at)

