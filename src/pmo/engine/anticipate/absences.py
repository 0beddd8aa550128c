"""Owners away during their critical tasks: the working days of the task lost to the absence.

A person's absences are the project's `absences` and the calendar's out-of-office entries
(occurrences of kind `absence`, not cancelled, for each attendee; recurring ones expanded by
`pmo.engine.anticipate.meetings.occurrences` over the days asked). A task is watched when it is
open, not a summary, critical in the schedule and has an owner; the **days lost** are the
working days of the project calendar in both the task's forecast span (schedule start to
finish) and the owner's absences, from the status date on. One `AwayOnCritical` per task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo.engine.anticipate.meetings import calendar_start, occurrences
from pmo.engine.schedule import Schedule
from pmo.engine.workdays import project_days
from pmo.model import Absence, Project, Task
from pmo.model.governance import MeetingKind, MeetingStatus


@dataclass(frozen=True)
class AwayOnCritical:
    """A critical task whose owner is away during it: the span, the absences, the days lost."""

    task: Task
    owner: str
    start: dt.date
    finish: dt.date
    absences: tuple[Absence, ...]
    lost: tuple[dt.date, ...]


def absences_of(project: Project, first: dt.date, last: dt.date) -> dict[str, list[Absence]]:
    """Person id (or the reference as written) -> their absences, from the records and the
    calendar's out-of-office entries on the days `first`..`last` (recurring ones expanded)."""
    found: dict[str, list[Absence]] = {}

    def add(ref: str, absence: Absence) -> None:
        person = project.person(ref)
        key = person.id if person is not None else ref
        if absence not in found.setdefault(key, []):
            found[key].append(absence)

    for absence in project.absences:
        add(absence.person, absence)
    for meeting in occurrences(project, first, last):
        if meeting.kind is not MeetingKind.ABSENCE or meeting.status is MeetingStatus.CANCELLED:
            continue
        first = meeting.start.date()
        last = (meeting.end - dt.timedelta(microseconds=1)).date() if meeting.end > meeting.start else first
        for attendee in meeting.attendees:
            add(attendee.person, Absence(attendee.person, first, max(first, last), meeting.title, meeting.source))
    return found


def away_on_critical(project: Project, schedule: Schedule, as_of: dt.date) -> list[AwayOnCritical]:
    """The open critical tasks whose owner is away for working days of their forecast span."""
    days = project_days(project, as_of)
    parents = {task.parent for task in project.tasks if task.parent}
    watched = []
    for task in project.tasks:
        computed = schedule.tasks.get(task.id)
        if computed is None or not computed.critical or task.done or task.id in parents or task.milestone:
            continue
        if isinstance(task.owner, str) and task.owner.strip():
            person = project.person(task.owner)
            watched.append((task, person.id if person is not None else task.owner, computed))
    if not watched:
        return []
    # from the calendar's first day: an out-of-office entry begun before the status date counts
    away = absences_of(project, calendar_start(project), max(computed.finish for _, _, computed in watched))
    found = []
    for task, owner, computed in watched:
        start, finish = max(computed.start, as_of), computed.finish
        hits = [a for a in away.get(owner, ()) if a.overlaps(start, finish)]
        if not hits:
            continue
        lost = sorted({day for a in hits for day in days.within(max(a.start, start), min(a.end, finish))})
        if lost:
            found.append(AwayOnCritical(task, owner, computed.start, finish, tuple(hits), tuple(lost)))
    return sorted(found, key=lambda a: (a.start, a.task.id))
