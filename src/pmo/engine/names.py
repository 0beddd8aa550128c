"""How findings name what they speak of: every task, person and meeting by name as well as id.

A manager reads names; the id is what finds the record in the plan. `task_label` gives
``DM-08 Mock migration 1: master data`` (for chains and lists), `person_label` gives
``Pat Manager (pat)``; either falls back to what is known when a name or id is missing.
"""

from __future__ import annotations

from collections.abc import Iterable

from pmo.model import Project, Task


def task_label(task_id: str, name: str = "") -> str:
    """``id name``, or the id alone when the name is blank or repeats it."""
    name = " ".join(name.split())
    return f"{task_id} {name}" if name and name != task_id else task_id


def label_of(project: Project, task_id: str) -> str:
    """`task_label` of the project's task `task_id` (the id alone for a task it does not have)."""
    task = project.task(task_id)
    return task_label(task_id, task.name if task else "")


def person_label(project: Project, ref: object) -> str:
    """``Name (id)`` for a person of the project, else the reference as written."""
    if not isinstance(ref, str):
        return str(ref)
    person = project.person(ref)
    if person is None:
        return ref
    return person.name if person.name == person.id else f"{person.name} ({person.id})"


def some(labels: Iterable[str], limit: int = 5) -> str:
    """``a, b, c and 4 more``: a list a sentence can hold."""
    items = list(labels)
    if len(items) <= limit:
        return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + (items[-1] if items else "")
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def most_owned(project: Project, tasks: Iterable[Task]) -> tuple[str, int] | None:
    """(person label, how many) of the person who owns most of `tasks`; None when none has an owner."""
    counts: dict[str, int] = {}
    for task in tasks:
        if isinstance(task.owner, str) and task.owner.strip():
            key = person_label(project, task.owner)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda who: counts[who])  # the first listed on a tie
    return best, counts[best]
