"""The questions a PMO asks before the manager does: information the data lacks, and who knows it.

Each becomes a `question` finding naming the person to ask (the owner, else the project
manager) and what to ask: how long a task will take, how likely and how bad a risk is,
when a proposed decision is needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pmo.engine.names import person_label
from pmo.engine.schedule.bounds import spans_its_dates
from pmo.model import DecisionStatus, Finding, Project, Severity, Subject


def _who(project: Project, owner: object) -> str:
    if isinstance(owner, str) and owner.strip():
        return person_label(project, owner)
    manager = project.manager if isinstance(project.manager, str) else None
    return person_label(project, manager) if manager else "the project manager"


def _question(project: Project, subject: Subject, owner: object, ask: str, why: str, source: object) -> Finding:
    who = _who(project, owner)
    return Finding(
        code="question",
        severity=Severity.INFO,
        subject=subject,
        message=f"Ask {who}: {ask}",
        detail={"who": who, "why": why},
        suggestion=f"Put the question to {who} and record the answer in the plan.",
        source=source,  # type: ignore[arg-type]
    )


def ask_what_is_missing(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """Information the figures need and the data does not hold."""
    parents = {task.parent for task in project.tasks if task.parent}
    for task in project.tasks:
        if task.id in parents or task.milestone or task.done:
            continue
        if task.duration is None and task.estimate is None and task.remaining is None and not spans_its_dates(task):
            yield _question(
                project, Subject("task", task.id, task.name), task.owner,
                f"how long will {task.id} ({task.name}) take?",
                "without a duration or an estimate the task counts as zero days in the schedule", task.source,
            )
    for risk in project.risks:
        if risk.status.is_open and (risk.probability is None or risk.impact is None):
            yield _question(
                project, Subject("risk", risk.id, risk.title), risk.owner,
                f"how likely is risk {risk.id} ({risk.title}) and how bad would it be (1-5 each)?",
                "an unrated risk cannot be ranked among the top risks", risk.source,
            )
    for decision in project.decisions:
        if decision.status is DecisionStatus.PROPOSED and decision.date is None:
            yield _question(
                project, Subject("decision", decision.id, decision.title), decision.decided_by,
                f"by when is decision {decision.id} ({decision.title}) needed?",
                "a decision without a date is never late, so nobody chases it", decision.source,
            )
