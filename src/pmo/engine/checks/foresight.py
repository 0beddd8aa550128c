"""Checks on what the analysis computes: the schedule, the forecast, the trend, the bookings.

Each takes the `AnalysisContext` and reads what it computed once (the schedule and its
findings, the Monte Carlo forecast, the milestone trend, the bookings); none recomputes anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from pmo.engine.bookings import overload_finding
from pmo.engine.context import AnalysisContext
from pmo.engine.foresight import DelayFile, causes_text, delay_file
from pmo.engine.history import trend_findings
from pmo.engine.recovery import by_seriousness, with_options
from pmo.model import Finding


def schedule_failed(ctx: AnalysisContext) -> Iterable[Finding]:
    """`schedule-failed`: the computed has tasks but cannot be scheduled."""
    return () if ctx.schedule_failure is None else (ctx.schedule_failure,)


def dependency_cycle(ctx: AnalysisContext) -> Iterable[Finding]:
    """`dependency-cycle`: links that form a loop, at the link the schedule leaves out."""
    return ctx.loops


def _of_schedule(ctx: AnalysisContext, code: str) -> Iterable[Finding]:
    """The schedule's own findings of `code` (computed once, with the schedule)."""
    computed = ctx.schedule
    return () if computed is None else [f for f in computed.findings if f.code == code]


def near_critical(ctx: AnalysisContext) -> Iterable[Finding]:
    """`near-critical`: tasks whose total float is under the project's threshold."""
    return _of_schedule(ctx, "near-critical")


def constraint_conflict(ctx: AnalysisContext) -> Iterable[Finding]:
    """`constraint-conflict`: a pinned date or deadline the predecessors make impossible."""
    return _of_schedule(ctx, "constraint-conflict")


def milestone_slip(ctx: AnalysisContext) -> Iterable[Finding]:
    """`milestone-slip`: a milestone forecast after its baseline or a commitment.

    When the milestone also slipped at each of the last reports, that trend is part of the
    same story: it goes into this finding (message and `detail["trend"]`), not a second one.
    The delay file (engine/foresight.py) names in the message the causes and their days, and
    gives the detail as lists of objects: `why`, `how`, `who`, `impact` (plus `slip`,
    `headline` and `prose`).
    """
    trends = {f.subject.id: f for f in trend_findings(ctx.project, ctx.trend)}
    files = {d.id: d for d in ctx.delays}
    found = []
    for finding in _of_schedule(ctx, "milestone-slip"):
        delay = files.get(finding.subject.id) if finding.subject.kind == "task" else _project_delay(ctx)
        if delay is not None and delay.causes:
            finding = dataclasses.replace(
                finding,
                message=finding.message.rstrip(".") + f": {causes_text(delay)}.",
                detail=delay.to_detail(),
            )
        trend = trends.get(finding.subject.id)
        if trend is not None:
            moved = trend.detail.get("moves", "")
            finding = dataclasses.replace(
                finding,
                message=finding.message.rstrip(".") + f"; it slipped at each of the last reports ({moved}).",
                detail={**finding.detail, "trend": moved},
            )
        found.append(finding)
    # the options of the most serious slips are measured first, within the review's budget
    measured = {id(f): with_options(ctx, f) for f in by_seriousness(found)}
    return [measured[id(f)] for f in found]


def _project_delay(ctx: AnalysisContext) -> DelayFile | None:
    """The delay file of the task that ends the critical path (why the project finish moved)."""
    computed = ctx.schedule
    if computed is None or not computed.critical_path:
        return None
    last = ctx.project.task(computed.critical_path[-1])
    return None if last is None else delay_file(ctx.project, computed, ctx.as_of, last)


def forecast_risk(ctx: AnalysisContext) -> Iterable[Finding]:
    """`forecast-risk`: the computed meets a commitment, the P80 date does not."""
    return () if ctx.forecast is None else ctx.forecast.findings


def trend_slip(ctx: AnalysisContext) -> Iterable[Finding]:
    """`trend-slip`: a milestone's forecast moved later at each of the last two reports, while
    it is still within its baseline (past it, `milestone-slip` tells the trend too)."""
    slipped = {f.subject.id for f in _of_schedule(ctx, "milestone-slip")}
    return [f for f in trend_findings(ctx.project, ctx.trend) if f.subject.id not in slipped]


def resource_overload(ctx: AnalysisContext) -> Iterable[Finding]:
    """`resource-overload`: one per person booked above capacity on the schedule."""
    computed = ctx.schedule
    if computed is None:
        return ()
    return [overload_finding(ctx.project, computed, overload) for overload in ctx.overloads]
