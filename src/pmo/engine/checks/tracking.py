"""Is the plan kept up to date? `task-stale` and `plan-not-tracked`, one finding per cause.

Pure helpers behind the two registered checks in `pmo.engine.checks.rigor`:

- a plan that records no progress at all (no actual start, no percent complete, no update
  date on any task) is one `plan-not-tracked` finding: how many tasks should have moved by
  the status date and who owns most of them, not one finding per task;
- a task whose source records update dates (native file, Jira, a spreadsheet column) and
  that was not updated within the freshness window is one `task-stale` finding; "never
  been updated" is said only of such a task;
- tasks whose source records no update date per task (MS Project) were last updated when
  the plan was (its status date, else its last-saved date): when that is older than the
  window, that is one cause and one `task-stale` finding about the plan, naming the tasks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pmo.engine.names import most_owned, person_label, some, task_label
from pmo.model import Finding, Project, Severity, Subject, Task


def _days(count: int) -> str:
    return f"{count:,} day" + ("" if count == 1 else "s")


def leaves(project: Project) -> list[Task]:
    """The tasks that are not summaries."""
    parents = {task.parent for task in project.tasks if task.parent}
    return [task for task in project.tasks if task.id not in parents]


def tracked(project: Project) -> bool:
    """Whether the plan records any progress: an actual date, a percent complete, an update date."""
    return any(task.started or task.done or task.last_updated is not None for task in project.tasks)


def due_to_move(task: Task, as_of: dt.date) -> bool:
    """An open task that has started or should have by `as_of` (a milestone: whose date has passed)."""
    if task.done:
        return False
    if task.milestone:
        date = task.finish or task.baseline_finish
        return date is not None and date < as_of
    return task.started or (task.start is not None and task.start <= as_of)


def _owner_phrase(project: Project, tasks: list[Task]) -> tuple[str, str]:
    """(a clause saying who owns most of `tasks`, the person to ask)."""
    top = most_owned(project, tasks)
    if top is None:
        return "none of them has an owner", "the people doing them"
    who, count = top
    if count == len(tasks):
        return f"all of them owned by {who}", who
    owners = len({task.owner for task in tasks if isinstance(task.owner, str) and task.owner.strip()})
    if count == 1 and owners > 1:
        return f"each of {owners} people owns one of them", "their owners"
    if count * 2 > len(tasks):
        return f"most of them ({count}) owned by {who}", who
    return f"the largest share ({count}) owned by {who}", who


def plan_not_tracked(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """One `plan-not-tracked` warning when no progress is recorded though tasks should have moved."""
    if tracked(project):
        return
    due = [task for task in leaves(project) if due_to_move(task, as_of)]
    if not due:
        return
    milestones = sum(1 for task in due if task.milestone)
    first = min((day for task in due if (day := task.start or task.finish) is not None), default=None)
    owners, who = _owner_phrase(project, due)
    what = f"{len(due)} task" + ("s" if len(due) != 1 else "")
    if milestones:
        what += " (one of them a milestone)" if milestones == 1 else f" ({milestones} of them milestones)"
    since = f", the first on {first.isoformat()}" if first else ""
    yield Finding(
        code="plan-not-tracked",
        severity=Severity.WARNING,
        subject=Subject("project", project.key, project.name),
        message=f"The plan records no progress at all (no actual start, percent complete or update on any task), "
        f"although {what} should have started or been reached by {as_of.isoformat()}{since}; {owners}.",
        detail={"who": who, "tasks": str(len(due)), "first due": first.isoformat() if first else "unknown"},
        suggestion=f"Ask {who} for progress on each task due (actual start, percent complete, expected finish), "
        "record it in the plan with a status date, and import it again; until then the forecast assumes nothing "
        "has started.",
        source=project.source,
    )


def stale_tasks(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """`task-stale`: one per task with its own update date (or none), one for the plan's date."""
    if not tracked(project):
        return  # plan-not-tracked says it once
    window = project.settings.freshness_days
    with_plan: dict[dt.date, list[Task]] = {}
    for task in leaves(project):
        if task.milestone or not due_to_move(task, as_of):
            continue
        last = project.last_update(task)
        if last is not None and (as_of - last).days <= window:
            continue
        if task.updated_with_plan and task.last_updated is None:
            if last is not None:  # a plan that records no date says nothing about its tasks
                with_plan.setdefault(last, []).append(task)
            continue
        yield _stale_task(project, task, last, as_of, window)
    for last, tasks in sorted(with_plan.items()):
        yield _stale_plan(project, tasks, last, as_of, window)


def _stale_task(project: Project, task: Task, last: dt.date | None, as_of: dt.date, window: int) -> Finding:
    when = f"was last updated {_days((as_of - last).days)} ago" if last else "has never been updated"
    who = person_label(project, task.owner) if isinstance(task.owner, str) and task.owner else "its owner"
    return Finding(
        code="task-stale",
        severity=Severity.WARNING,
        subject=Subject("task", task.id, task.name),
        message=f"Task {task.id} ({task.name}) {when}; the plan expects an update every {_days(window)}.",
        detail={"who": who, "last updated": last.isoformat() if last else "never"},
        suggestion=f"Ask {who} for progress: percent complete, remaining work, expected finish.",
        source=task.source,
    )


def _stale_plan(project: Project, tasks: list[Task], last: dt.date, as_of: dt.date, window: int) -> Finding:
    what = "its status date" if last == project.status_date else "the day it was last saved"
    owners, who = _owner_phrase(project, tasks)
    count = f"{len(tasks)} open task" + ("s" if len(tasks) != 1 else "")
    return Finding(
        code="task-stale",
        severity=Severity.WARNING,
        subject=Subject("project", project.key, project.name),
        message=f"{count} that should be moving have had no progress recorded since the plan was last brought "
        f"up to date on {last.isoformat()} ({what}), {_days((as_of - last).days)} before {as_of.isoformat()} "
        f"(the plan expects an update every {_days(window)}): {some(task_label(t.id, t.name) for t in tasks)}; "
        f"{owners}.",
        detail={"who": who, "last updated": last.isoformat(), "tasks": str(len(tasks))},
        suggestion=f"Ask {who} for progress on each of these tasks, record it in the plan with a new status date "
        "and import it again.",
        source=project.source,
    )
