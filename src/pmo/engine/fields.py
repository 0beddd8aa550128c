"""Which fields a report shows, record kind by record kind.

`blank-field` fires on these when the source left them empty; the Review turns each of
them into exactly one of known / pending / not applicable. Owners and due dates of
actions and owners and mitigations of risks have their own codes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmo.model import DecisionStatus, ItemStatus, Project

PROJECT_FIELDS: tuple[tuple[str, str], ...] = (
    ("sponsor", "sponsor"),
    ("manager", "project manager"),
    ("author", "report author"),
    ("budget", "budget"),
    ("objective", "objective"),
)


def shown_blanks(project: Project) -> Iterator[tuple[str, object, str, str]]:
    """(kind, record, field, label) for every shown field the source left blank."""
    for name, label in PROJECT_FIELDS:
        if getattr(project, name) is None:
            yield "project", project, name, label
    if not project.distribution:
        yield "project", project, "distribution", "distribution list"
    for task in project.tasks:
        if (task.milestone or task.deliverable) and task.owner is None:
            yield "task", task, "owner", "owner"
    for issue in project.issues:
        if issue.status.is_open and issue.owner is None:
            yield "issue", issue, "owner", "owner"
        if issue.status.is_open and issue.due is None:
            yield "issue", issue, "due", "due date"
        if not issue.status.is_open and issue.resolution is None:
            yield "issue", issue, "resolution", "resolution"
    for decision in project.decisions:
        if decision.status is DecisionStatus.TAKEN:
            if decision.date is None:
                yield "decision", decision, "date", "date taken"
            if decision.decided_by is None:
                yield "decision", decision, "decided_by", "decided by"
        elif decision.status is DecisionStatus.PROPOSED and decision.decided_by is None:
            yield "decision", decision, "decided_by", "decision maker"
    for change in project.changes:
        if change.impact is None:
            yield "change", change, "impact", "impact"
    for assumption in project.assumptions:
        if assumption.owner is None and not assumption.validated:
            yield "assumption", assumption, "owner", "owner"


def open_status(status: ItemStatus) -> bool:
    """True for register entries still to act on."""
    return status.is_open
