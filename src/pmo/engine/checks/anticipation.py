"""Duty 3, anticipate: prep-due, deliverable-due-soon, absence-on-critical.

Each looks ahead from the status date over `settings.governance.lookahead_days` working days of the
project calendar (absence-on-critical over the whole forecast: an absence on the critical path
is worth knowing early) and names meetings, steps, tasks and people by name and id. The facts
come from `pmo.engine.anticipate`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pmo.engine.anticipate.absences import away_on_critical
from pmo.engine.anticipate.deliverables import deliverables_due_soon
from pmo.engine.anticipate.prep import StepState, owner_text, state_text, upcoming_preparations
from pmo.engine.context import AnalysisContext
from pmo.engine.names import person_label, some, task_label
from pmo.model import Finding, Severity, Subject


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def _days(count: int) -> str:
    return f"{count} working day" + ("" if count == 1 else "s")


def prep_due(ctx: AnalysisContext) -> Iterator[Finding]:
    """`prep-due`: each preparation step of a coming governance meeting that is due or late
    (one finding per step: each has its owner and date)."""
    project, as_of = ctx.project, ctx.as_of
    for prep in upcoming_preparations(project, as_of):
        meeting = prep.meeting
        for step in prep.steps:
            if step.state not in (StepState.DUE, StepState.LATE):
                continue
            owner = owner_text(project, step)
            late = step.state is StepState.LATE
            state = state_text(step)
            ahead = f"{_days(step.lead_days)} before the meeting"
            detail = {
                "meeting": f"{meeting.label} on {meeting.date.isoformat()}",
                "step": step.name,
                "owner": owner,
                "due": f"{step.due.isoformat()} ({ahead})",
                "state": state,
            }
            if not meeting.in_calendar:
                detail["calendar"] = "not in the calendar: a date the governance rule fixes"
            ask = person_label(project, step.owner) if step.owner else "the project manager"
            if late and step.evidence is not None:
                action = step.evidence
                still = f"action {action.id} {action.title} is still open" + (
                    f" (due {action.due.isoformat()})" if isinstance(action.due, dt.date) else "")
            else:
                still = "nothing recorded says whether it is done"
            owned = f", owned by {owner}," if step.owner else " (no owner named)"
            when = "today" if step.due == as_of else f"since {step.due.isoformat()}"
            yield Finding(
                code="prep-due",
                severity=Severity.WARNING if late else Severity.INFO,
                subject=Subject("preparation", f"{meeting.id}#{_slug(step.name)}", f"{step.name}, {meeting.title}"),
                message=f"Preparation of {meeting.label} on {meeting.date.isoformat()}: \"{step.name}\""
                f"{owned} is due {when}, {ahead}; {still}.",
                detail=detail,
                suggestion=f"Check with {ask} that \"{step.name}\" is done or on its way; record it as a done action "
                "so the checklist shows it.",
                source=meeting.rule.source,
            )


def deliverable_due_soon(ctx: AnalysisContext) -> Iterator[Finding]:
    """`deliverable-due-soon`: a deliverable due within the horizon, behind its planned progress."""
    project, as_of = ctx.project, ctx.as_of
    for due in deliverables_due_soon(project, as_of, ctx.forecasts):
        task = due.task
        label = task_label(task.id, task.name)
        owner = person_label(project, task.owner) if isinstance(task.owner, str) and task.owner else "no owner"
        forecast = f"; the schedule forecasts its finish on {due.forecast.isoformat()}" if due.forecast else ""
        yield Finding(
            code="deliverable-due-soon",
            severity=Severity.WARNING,
            subject=Subject("task", task.id, task.name),
            message=f"Deliverable {label} is due on {due.due.isoformat()} ({_days(due.workdays_left)} left) "
            f"and is {task.percent_complete:g} % complete, where {due.expected:.0f} % of its planned window "
            f"has elapsed{forecast}.",
            detail={
                "due": due.due.isoformat(),
                "progress": f"{task.percent_complete:g} % complete, {due.expected:.0f} % of the window elapsed",
                "owner": owner,
                "forecast": due.forecast.isoformat() if due.forecast else "no schedule",
            },
            suggestion=f"Ask {owner if task.owner else 'its owner'} whether {task.id} will be ready on "
            f"{due.due.isoformat()}, and what it needs; re-plan it or its review now rather than on the day.",
            source=task.source,
        )


def absence_on_critical(ctx: AnalysisContext) -> Iterator[Finding]:
    """`absence-on-critical`: the owner of a critical task is away during its forecast span."""
    project, schedule = ctx.project, ctx.schedule
    if schedule is None:
        return
    for away in away_on_critical(project, schedule, ctx.as_of):
        task = away.task
        label = task_label(task.id, task.name)
        who = person_label(project, away.owner)
        spans = [f"{a.start.isoformat()} to {a.end.isoformat()}" + (f" ({a.reason})" if a.reason else "")
                 for a in away.absences]
        lost = len(away.lost)
        yield Finding(
            code="absence-on-critical",
            severity=Severity.WARNING,
            subject=Subject("task", task.id, task.name),
            message=f"{who}, owner of the critical task {label} (forecast {away.start.isoformat()} to "
            f"{away.finish.isoformat()}), is away {some(spans)}: {_days(lost)} of the task lost.",
            detail={
                "who": who,
                "task": f"{label}, critical, forecast {away.start.isoformat()} to {away.finish.isoformat()}",
                "away": "; ".join(spans),
                "days lost": f"{lost} ({', '.join(d.isoformat() for d in away.lost)})",
            },
            suggestion=f"Name a back-up for {who} on {task.id} for those days, or move the absence or the work; "
            "any slip of this task moves the end date.",
            source=task.source,
        )
