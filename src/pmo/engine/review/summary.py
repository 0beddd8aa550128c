"""The Review's judgement: RAG ratings by rule and the executive summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pmo.engine.earned_value import EarnedValue
from pmo.engine.rag import Rating, rate_actions, rate_cost, rate_resources, rate_risk, rate_schedule, rate_scope
from pmo.engine.review.rows import ActionRow, FieldRow, MilestoneRow
from pmo.engine.workdays import workdays_between
from pmo.model import Finding, Project, Severity
from pmo.model.values import Known


def ratings_of(
    project: Project, milestones: Sequence[MilestoneRow], findings: Sequence[Finding], overdue: int, value: EarnedValue
) -> tuple[Rating, ...]:
    slips = [m.variance_days for m in milestones if m.variance_days is not None and m.status != "done"]
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


def findings_row(findings: Sequence[Finding]) -> FieldRow:
    severities = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    text = (
        f"{severities[Severity.ERROR]} errors, {severities[Severity.WARNING]} warnings, "
        f"{severities[Severity.INFO]} notes"
    )
    return FieldRow("Findings", Known(text), "what the checks found (see Quality of the data)", "findings",
                    float(len(findings)))


def summary_lines(
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
            margin = workdays_between(planned, commitment.date)
            side = "ahead of" if margin >= 0 else "behind"
            text += f", forecast {planned.isoformat()} ({abs(margin)} working days {side} the commitment)"
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
        lines.append(f"{len(slipping)} milestone(s) late or slipping against their baseline: {names}{more}.")
    if value.spi is not None and value.cpi is not None:
        lines.append(f"Earned value: SPI {value.spi:.2f}, CPI {value.cpi:.2f}.")
    late = [a for a in actions if a.late]
    if late:
        named = ", ".join(f"{a.id} {a.title} ({a.owner})" for a in late[:4])
        more = f" and {len(late) - 4} more" if len(late) > 4 else ""
        lines.append(f"{len(late)} action(s) overdue: {named}{more}.")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:
        lines.append(f"{errors} data problem(s) of severity error need correcting (see Quality of the data).")
    return tuple(lines)
