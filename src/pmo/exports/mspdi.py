"""pmo's plan as MS Project XML (MSPDI), so a manager can open it in MS Project.

Elements are written in the order of Microsoft's MSPDI schema. MSPDI identifies tasks,
resources and calendars by integer UIDs: a pmo id that is a positive integer becomes
the UID; any other id gets a free UID and is kept in the custom field "pmo id" (Text30),
so reading the file back gives the same ids. What the model holds and MSPDI cannot
(three-point estimates, registers, pending/NA markers...) is listed in
docs/formats/msproject.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from pmo.model import Calendar, ConstraintType, Dependency, LagUnit, Project, Task
from pmo.sources.mspdi.fields import (
    CONSTRAINT_CODES,
    DEFAULT_MINUTES_PER_DAY,
    LAG_DAYS,
    LAG_ELAPSED_DAYS,
    LINK_CODES,
    NS,
    PMO_ID_ALIAS,
    RESOURCE_FIELDS,
    TASK_FIELDS,
    Q,
    format_hours,
    parse_baseline,
    split_notes,
)


def _uids(ids: Sequence[str]) -> dict[str, int]:
    """An integer UID (>= 1) for each id: the id itself when it is one, else the next free."""
    taken: dict[str, int] = {}
    used: set[int] = set()
    for ident in ids:
        if ident.isdigit() and ident == str(int(ident)) and 0 < int(ident) < 2**31 and int(ident) not in used:
            taken[ident] = int(ident)
            used.add(int(ident))
    following = max(used, default=0) + 1
    for ident in ids:
        if ident not in taken:
            while following in used:
                following += 1
            taken[ident] = following
            used.add(following)
    return taken


_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _add(parent: Any, name: str, value: object) -> Any:
    element = etree.SubElement(parent, Q + name)
    element.text = _NOT_XML.sub("", value) if isinstance(value, str) else _text(value)
    return element


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.10g}" if value != int(value) or abs(value) >= 1e15 else str(int(value))
    return str(value)


class _Writer:
    def __init__(self, project: Project) -> None:
        self.project = project
        calendar = next((c for c in project.calendars if c.id == project.calendar), None)
        self.day_start = calendar.day_start if calendar else dt.time(8, 0)
        hours = calendar.hours_per_day if calendar else DEFAULT_MINUTES_PER_DAY / 60
        self.minutes_per_day = max(1, min(1440, round(hours * 60)))
        self.day_end = self._clock(self.day_start, self.minutes_per_day)
        self.calendar_uid = _uids([c.id for c in project.calendars])
        self.task_uid = _uids([t.id for t in project.tasks])
        self.person_uid = _uids([p.id for p in project.people])
        self.links: dict[str, list[Dependency]] = {}
        for link in project.dependencies:
            self.links.setdefault(link.successor, []).append(link)

    @staticmethod
    def _clock(start: dt.time, minutes: int) -> dt.time:
        total = (start.hour * 60 + start.minute + minutes) % 1440
        return dt.time(total // 60, total % 60)

    def when(self, day: dt.date, end: bool = False) -> str:
        moment = dt.datetime.combine(day, self.day_end if end else self.day_start)
        return moment.isoformat(timespec="seconds")

    def hours(self, days: float) -> str:
        return format_hours(days * self.minutes_per_day / 60)

    # -- document --------------------------------------------------------------------

    def document(self) -> Any:
        p = self.project
        root = etree.Element(Q + "Project", nsmap={None: NS})
        _add(root, "SaveVersion", "14")
        _add(root, "Name", f"{p.key}.xml")
        if p.name:
            _add(root, "Title", p.name)
        for name, value in (("Manager", p.manager), ("Author", p.author)):
            if isinstance(value, str):
                _add(root, name, value)
        if p.last_saved:
            _add(root, "LastSaved", self.when(p.last_saved))
        _add(root, "ScheduleFromStart", "1")
        if p.start:
            _add(root, "StartDate", self.when(p.start))
        _add(root, "CurrencyCode", p.currency[:3])
        if p.calendar in self.calendar_uid:
            _add(root, "CalendarUID", self.calendar_uid[p.calendar])
        _add(root, "DefaultStartTime", self.day_start.isoformat(timespec="seconds"))
        _add(root, "DefaultFinishTime", self.day_end.isoformat(timespec="seconds"))
        _add(root, "MinutesPerDay", self.minutes_per_day)
        _add(root, "MinutesPerWeek", self.minutes_per_day * 5)
        _add(root, "DurationFormat", LAG_DAYS)
        if p.status_date:
            _add(root, "StatusDate", self.when(p.status_date, end=True))
        attributes = _add(root, "ExtendedAttributes", "")
        for alias, (field_name, field_id) in [*TASK_FIELDS.items(), *RESOURCE_FIELDS.items()]:
            item = _add(attributes, "ExtendedAttribute", "")
            _add(item, "FieldID", field_id)
            _add(item, "FieldName", field_name)
            _add(item, "Alias", alias)
        calendars = _add(root, "Calendars", "")
        for calendar in p.calendars:
            self.calendar(calendars, calendar)
        tasks = _add(root, "Tasks", "")
        summary = _add(tasks, "Task", "")
        summary_fields: tuple[tuple[str, object], ...] = (
            ("UID", 0),
            ("ID", 0),
            ("Name", p.name or p.key),
            ("OutlineLevel", 0),
            ("Summary", 1),
        )
        for field_name, field_value in summary_fields:
            _add(summary, field_name, field_value)
        children = {t.id for t in p.tasks if t.parent is not None}
        for row, (task, level) in enumerate(self.outline(), start=1):
            self.task(tasks, task, row, level, task.id in children)
        resources = _add(root, "Resources", "")
        for row, person in enumerate(p.people, start=1):
            item = _add(resources, "Resource", "")
            _add(item, "UID", self.person_uid[person.id])
            _add(item, "ID", row)
            _add(item, "Name", person.name)
            _add(item, "Type", 1)
            if person.team:
                _add(item, "Group", person.team)
            if person.email:
                _add(item, "EmailAddress", person.email)
            _add(item, "MaxUnits", float(person.capacity))
            if person.calendar in self.calendar_uid:
                _add(item, "CalendarUID", self.calendar_uid[person.calendar])
            if person.id != str(self.person_uid[person.id]):
                self.custom(item, RESOURCE_FIELDS[PMO_ID_ALIAS][1], person.id)
        assignments = _add(root, "Assignments", "")
        count = 0
        for task in p.tasks:
            for booking in task.assignments:
                if booking.person not in self.person_uid:
                    continue
                count += 1
                item = _add(assignments, "Assignment", "")
                _add(item, "UID", count)
                _add(item, "TaskUID", self.task_uid[task.id])
                _add(item, "ResourceUID", self.person_uid[booking.person])
                _add(item, "Units", float(booking.units))
        return root

    def outline(self) -> Iterable[tuple[Task, int]]:
        """Tasks depth first (MSPDI lists a summary's children right after it), with levels."""
        tasks = self.project.tasks
        known = {t.id for t in tasks}
        kids: dict[str | None, list[Task]] = {}
        for task in tasks:
            kids.setdefault(task.parent if task.parent in known and task.parent != task.id else None, []).append(task)
        seen: set[str] = set()
        stack = [(t, 1) for t in reversed(kids.get(None, []))]
        while stack:
            task, level = stack.pop()
            if task.id in seen:
                continue
            seen.add(task.id)
            yield task, level
            stack.extend((child, level + 1) for child in reversed(kids.get(task.id, [])))
        for task in tasks:  # tasks caught in a parent loop: written at the top level
            if task.id not in seen:
                seen.add(task.id)
                yield task, 1

    def custom(self, parent: Any, field_id: int, value: str) -> None:
        item = _add(parent, "ExtendedAttribute", "")
        _add(item, "FieldID", field_id)
        _add(item, "Value", value)

    def task(self, parent: Any, task: Task, row: int, level: int, summary: bool) -> None:
        item = _add(parent, "Task", "")
        uid = self.task_uid[task.id]
        _add(item, "UID", uid)
        _add(item, "ID", row)
        _add(item, "Name", task.name)
        if task.wbs:
            _add(item, "WBS", task.wbs)
        _add(item, "OutlineLevel", level)
        if task.start:
            _add(item, "Start", self.when(task.start))
        if task.finish:
            _add(item, "Finish", self.when(task.finish, end=True))
        if task.duration is not None:
            _add(item, "Duration", self.hours(task.duration))
            _add(item, "DurationFormat", LAG_DAYS)
        if task.effort is not None:
            _add(item, "Work", format_hours(task.effort))
        _add(item, "Milestone", task.milestone)
        _add(item, "Summary", summary)
        _add(item, "PercentComplete", round(task.percent_complete))
        if task.actual_start:
            _add(item, "ActualStart", self.when(task.actual_start))
        if task.actual_finish:
            _add(item, "ActualFinish", self.when(task.actual_finish, end=True))
        if task.actual_cost is not None:
            _add(item, "ActualCost", float(task.actual_cost))
        if task.remaining is not None:
            _add(item, "RemainingDuration", self.hours(task.remaining))
        constraint = task.constraint
        _add(item, "ConstraintType", CONSTRAINT_CODES[constraint.type] if constraint else 0)
        if task.calendar in self.calendar_uid:
            _add(item, "CalendarUID", self.calendar_uid[task.calendar])
        if constraint and constraint.date and constraint.type is not ConstraintType.ALAP:
            finish = constraint.type in (ConstraintType.MFO, ConstraintType.FNET, ConstraintType.FNLT)
            _add(item, "ConstraintDate", self.when(constraint.date, end=finish))
        if task.deadline:
            _add(item, "Deadline", self.when(task.deadline, end=True))
        if task.notes:
            _add(item, "Notes", task.notes)
        for link in self.links.get(task.id, ()):
            if link.predecessor not in self.task_uid:
                continue
            elapsed = link.lag_unit is LagUnit.ELAPSED
            per_day = 1440 if elapsed else self.minutes_per_day
            node = _add(item, "PredecessorLink", "")
            _add(node, "PredecessorUID", self.task_uid[link.predecessor])
            _add(node, "Type", LINK_CODES[link.type])
            _add(node, "CrossProject", 0)
            _add(node, "LinkLag", round(link.lag * per_day * 10))
            _add(node, "LagFormat", LAG_ELAPSED_DAYS if elapsed else LAG_DAYS)
        if task.id != str(uid):
            self.custom(item, TASK_FIELDS[PMO_ID_ALIAS][1], task.id)
        if isinstance(task.owner, str):
            self.custom(item, TASK_FIELDS["Owner"][1], task.owner)
        if task.deliverable:
            self.custom(item, TASK_FIELDS["Deliverable"][1], "1")
        self.baselines(item, task)

    def baselines(self, item: Any, task: Task) -> None:
        if task.baseline_start or task.baseline_finish or task.budget:
            base = _add(item, "Baseline", "")
            _add(base, "Number", 0)
            if task.baseline_start:
                _add(base, "Start", self.when(task.baseline_start))
            if task.baseline_finish:
                _add(base, "Finish", self.when(task.baseline_finish, end=True))
            if task.budget:
                _add(base, "Cost", float(task.budget))
        _, extras = split_notes(task.notes)
        for number in range(1, 11):
            parts = parse_baseline(extras.get(f"Baseline{number}", ""))
            if not parts:
                continue
            base = _add(item, "Baseline", "")
            _add(base, "Number", number)
            try:
                for key, name in (("start", "Start"), ("finish", "Finish")):
                    if key in parts:
                        _add(base, name, self.when(dt.date.fromisoformat(parts[key]), end=key == "finish"))
                for key, name in (("duration", "Duration"), ("work", "Work")):
                    if key in parts:
                        _add(base, name, format_hours(float(parts[key])))
                if "cost" in parts:
                    _add(base, "Cost", float(parts["cost"]))
            except ValueError:
                continue  # an edited line that no longer parses stays in the notes only

    def public_holidays(self, calendar: Calendar) -> list[dt.date]:
        """The country's public holidays on working weekdays over the plan's years (MSPDI has no country)."""
        if not calendar.country:
            return []
        import holidays

        days = [d for t in self.project.tasks for d in (t.start, t.finish, t.baseline_start, t.baseline_finish) if d]
        days += [d for d in (self.project.start, self.project.status_date) if d]
        if not days:
            return []
        years = range(min(days).year, max(days).year + 2)
        try:
            found = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision, years=years)
        except NotImplementedError:
            return []
        exceptions = set(calendar.working_dates)
        return [d for d in found if d.weekday() in calendar.working_weekdays and d not in exceptions]

    def calendar(self, parent: Any, calendar: Calendar) -> None:
        item = _add(parent, "Calendar", "")
        _add(item, "UID", self.calendar_uid[calendar.id])
        if calendar.name:
            _add(item, "Name", calendar.name)
        _add(item, "IsBaseCalendar", 1)
        _add(item, "BaseCalendarUID", -1)
        days = _add(item, "WeekDays", "")
        minutes = max(1, min(1440, round(calendar.hours_per_day * 60)))
        end = self._clock(calendar.day_start, minutes)

        def hours(day: Any) -> None:
            times = _add(_add(day, "WorkingTimes", ""), "WorkingTime", "")
            _add(times, "FromTime", calendar.day_start.isoformat(timespec="seconds"))
            _add(times, "ToTime", end.isoformat(timespec="seconds"))

        for day_type in range(1, 8):  # 1 = Sunday
            working = (day_type + 5) % 7 in calendar.working_weekdays
            day = _add(days, "WeekDay", "")
            _add(day, "DayType", day_type)
            _add(day, "DayWorking", working)
            if working:
                hours(day)
        closed = (*calendar.holidays, *self.public_holidays(calendar))
        for dates, working in ((closed, False), (calendar.working_dates, True)):
            for date in sorted(set(dates)):
                day = _add(days, "WeekDay", "")
                _add(day, "DayType", 0)
                _add(day, "DayWorking", working)
                period = _add(day, "TimePeriod", "")
                _add(period, "FromDate", f"{date.isoformat()}T00:00:00")
                _add(period, "ToDate", f"{date.isoformat()}T23:59:00")
                if working:
                    hours(day)


def mspdi_bytes(project: Project) -> bytes:
    """The project as MSPDI XML (UTF-8)."""
    root = _Writer(project).document()
    for element in root.iter():  # containers were created with "" text: no text at all
        if element.text == "":
            element.text = None
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True, pretty_print=True))


def write_mspdi(project: Project, path: Path) -> None:
    """Write the project to `path` as MS Project XML."""
    Path(path).write_bytes(mspdi_bytes(project))


__all__ = ["mspdi_bytes", "write_mspdi"]
