"""An MSPDI document (an lxml tree) to pmo records: header, calendars, people, tasks, links.

One bad task, resource, link or assignment becomes an `import-skipped` finding naming
its line, and the rest of the plan imports; see docs/formats/msproject.md for the map
of MSPDI elements to pmo fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from pmo.model import (
    Assignment,
    Constraint,
    ConstraintType,
    Dependency,
    Finding,
    LagUnit,
    Person,
    Project,
    Source,
    Task,
)
from pmo.sources.base import ReadResult
from pmo.sources.cells import skipped
from pmo.sources.mspdi.calendar import read_calendars
from pmo.sources.mspdi.fields import (
    CONSTRAINTS,
    DEFAULT_MINUTES_PER_DAY,
    DELIVERABLE_ALIASES,
    ELAPSED_FORMATS,
    ELAPSED_MINUTES_PER_DAY,
    LINK_TYPES,
    MAX_DAYS,
    OWNER_ALIASES,
    PERCENT_FORMATS,
    PMO_ID_ALIAS,
    TRUE_WORDS,
    BadValue,
    Fields,
    Q,
    clean,
    format_baseline,
    get_date,
    get_datetime,
    get_hours,
    get_int,
    get_number,
    join_notes,
    line_of,
    split_notes,
    text,
)


@dataclasses.dataclass
class _Link:
    predecessor_uid: int
    type_code: int
    lag: float  # tenths of a minute, or tenths of a percent for percent formats
    lag_format: int
    line: int | None


class DocumentReader:
    """Reads one MSPDI tree; `read()` returns the records and findings."""

    def __init__(self, root: Any, file: str) -> None:
        self.root = root
        self.file = file
        self.source = Source(file=file)
        self.findings: list[Finding] = []
        self.minutes_per_day = DEFAULT_MINUTES_PER_DAY
        self.labels: dict[int, str] = {}  # custom FieldID -> alias or field name

    def skip(self, exc: BadValue, where: str, kind: str = "file", ident: str = "") -> None:
        self.findings.append(skipped(self.source.at_line(exc.line), where, exc.message, kind, ident))

    # -- header ----------------------------------------------------------------------

    def read(self) -> ReadResult:
        root = self.root
        try:
            minutes = get_int(root, "MinutesPerDay")
            self.minutes_per_day = minutes if minutes and 0 < minutes <= 1440 else DEFAULT_MINUTES_PER_DAY
            start, status = get_date(root, "StartDate"), get_date(root, "StatusDate")
            saved = get_date(root, "LastSaved")
        except BadValue as exc:
            from pmo.errors import FormatError

            raise FormatError(self.file, exc.line, exc.message) from None
        self._read_fields()
        calendars, found = read_calendars(root.find(Q + "Calendars"), self.source, _default_start(root))
        self.findings.extend(found)
        calendar = text(root, "CalendarUID")
        # MS Project counts a day of duration as MinutesPerDay ("hours per day"), whatever
        # the calendar's working times: that is what pmo's hours_per_day means.
        calendars = [
            dataclasses.replace(c, hours_per_day=round(self.minutes_per_day / 60, 4)) if c.id == calendar else c
            for c in calendars
        ]
        known_calendars = {c.id for c in calendars}
        people, person_of = self._read_people(known_calendars)
        tasks, links, id_of = self._read_tasks(known_calendars)
        tasks = self._read_assignments(tasks, id_of, person_of)
        dependencies = self._links(tasks, links, id_of)
        name = text(root, "Name") or Path(self.file).name
        key = Path(name).stem if name.lower().endswith((".xml", ".mpp", ".mpx")) else name
        project = Project(
            key="-".join(key.split()) or Path(self.file).stem,
            name=text(root, "Title") or key,
            status_date=status,
            last_saved=saved,
            start=start,
            manager=text(root, "Manager"),
            author=text(root, "Author"),
            currency=text(root, "CurrencyCode") or "EUR",
            calendar=calendar if calendar in known_calendars else None,
            calendars=tuple(calendars),
            people=tuple(people),
            tasks=tuple(tasks),
            dependencies=tuple(dependencies),
            source=self.source.at_line(line_of(root)),
        )
        return ReadResult(project=project, findings=tuple(self.findings), header=True)

    def _read_fields(self) -> None:
        container = self.root.find(Q + "ExtendedAttributes")
        for item in container.iter(Q + "ExtendedAttribute") if container is not None else ():
            try:
                field_id = get_int(item, "FieldID")
            except BadValue as exc:
                self.skip(exc, "custom field")
                continue
            label = text(item, "Alias") or text(item, "FieldName")
            if field_id is not None and label:
                self.labels[field_id] = label

    def _custom(self, element: Any) -> dict[str, str]:
        """The custom field values of a task or resource, by alias (or field name)."""
        values: dict[str, str] = {}
        for item in element.findall(Q + "ExtendedAttribute"):
            field_id, value = get_int(item, "FieldID"), text(item, "Value")
            if field_id is not None and value is not None:
                values[self.labels.get(field_id, f"Field{field_id}")] = value
        return values

    # -- people ----------------------------------------------------------------------

    def _read_people(self, calendars: set[str]) -> tuple[list[Person], dict[int, str]]:
        people: list[Person] = []
        person_of: dict[int, str] = {}
        container = self.root.find(Q + "Resources")
        for raw in container.iterchildren(Q + "Resource") if container is not None else ():
            element = Fields(raw)
            try:
                uid, name = get_int(element, "UID"), text(element, "Name")
                kind = get_int(element, "Type")
                if uid is None or not name or kind in (0, 2):  # material and cost resources are not people
                    continue
                custom = self._custom(element)
                ident = custom.get(PMO_ID_ALIAS) or str(uid)
                units = get_number(element, "MaxUnits")
                calendar = text(element, "CalendarUID")
                person = Person(
                    id=ident,
                    name=name,
                    email=text(element, "EmailAddress"),
                    team=text(element, "Group") or "",
                    calendar=calendar if calendar in calendars else None,
                    capacity=clean(units) if units is not None and 0 < units <= 1000 else 1.0,
                    source=self.source.at_line(line_of(element)),
                )
            except BadValue as exc:
                self.skip(exc, "resource", "person")
                continue
            if ident in {p.id for p in people}:
                continue
            people.append(person)
            person_of[uid] = ident
        return people, person_of

    # -- tasks -----------------------------------------------------------------------

    def _days(self, hours: float | None) -> float | None:
        return None if hours is None else clean(hours * 60 / self.minutes_per_day)

    def _read_tasks(self, calendars: set[str]) -> tuple[list[Task], dict[str, list[_Link]], dict[int, str]]:
        tasks: list[Task] = []
        links: dict[str, list[_Link]] = {}
        id_of: dict[int, str] = {}
        stack: list[tuple[int, str]] = []  # (outline level, task id) of the open ancestors
        container = self.root.find(Q + "Tasks")
        for raw in container.iterchildren(Q + "Task") if container is not None else ():
            element = Fields(raw)
            try:
                uid = get_int(element, "UID")
                level = get_int(element, "OutlineLevel")
                if uid is None:
                    raise BadValue(line_of(element), "a task without a UID")
                if level == 0 or text(element, "IsNull") == "1" or uid in id_of:
                    continue
                level = level if level is not None and level > 0 else 1
                while stack and stack[-1][0] >= level:
                    stack.pop()
                task, task_links = self._task(element, uid, stack[-1][1] if stack else None, calendars)
            except BadValue as exc:
                self.skip(exc, f"task {text(element, 'UID') or '?'}", "task", text(element, "UID") or "")
                continue
            if task.id in links:
                self.skip(BadValue(line_of(element), f"task id {task.id!r} appears twice"), "task", "task", task.id)
                continue
            tasks.append(task)
            links[task.id] = task_links
            id_of[uid] = task.id
            stack.append((level, task.id))
        return tasks, links, id_of

    def _task(self, element: Any, uid: int, parent: str | None, calendars: set[str]) -> tuple[Task, list[_Link]]:
        custom = self._custom(element)
        notes, extras = split_notes(text(element, "Notes") or "")
        owner = text(element, "Contact")
        deliverable = False
        ident = str(uid)
        for label, value in custom.items():
            folded = label.strip().lower()
            if folded == PMO_ID_ALIAS:
                ident = value
            elif folded in OWNER_ALIASES:
                owner = value
            elif folded in DELIVERABLE_ALIASES:
                deliverable = value.strip().lower() in TRUE_WORDS
            else:
                extras[label] = value
        budget = None
        baseline_start = baseline_finish = None
        for base in element.findall(Q + "Baseline"):
            number = get_int(base, "Number") or 0
            start, finish = get_datetime(base, "Start"), get_datetime(base, "Finish")
            cost = get_number(base, "Cost")
            if number == 0:
                baseline_start = start.date() if start else None
                baseline_finish = finish.date() if finish else None
                budget = cost if cost else None
            elif 1 <= number <= 10:
                figures = {
                    k: v
                    for k, v in (
                        ("duration", get_hours(base, "Duration")),
                        ("work", get_hours(base, "Work")),
                        ("cost", cost),
                    )
                    if v
                }
                line = format_baseline(start, finish, figures)
                if line:
                    extras[f"Baseline{number}"] = line
        code = get_int(element, "ConstraintType")
        constraint = None
        if code is not None and code != 0:
            if code not in CONSTRAINTS:
                raise BadValue(line_of(element, "ConstraintType"), f"constraint type {code} is not 0..7")
            kind = CONSTRAINTS[code]
            date = None if kind is ConstraintType.ALAP else get_date(element, "ConstraintDate")
            constraint = Constraint(kind, date)
        calendar = text(element, "CalendarUID")
        work = get_hours(element, "Work")
        actual_cost = get_number(element, "ActualCost")
        percent = get_number(element, "PercentComplete") or 0.0
        if not 0 <= percent <= 100:
            raise BadValue(line_of(element, "PercentComplete"), f"percent complete {percent:g} is not 0..100")
        task = Task(
            id=ident,
            name=text(element, "Name") or "",
            parent=parent,
            wbs=text(element, "WBS") or text(element, "OutlineNumber"),
            milestone=text(element, "Milestone") == "1",
            deliverable=deliverable,
            duration=self._days(get_hours(element, "Duration")),
            effort=clean(work) if work else None,
            owner=owner,
            start=get_date(element, "Start"),
            finish=get_date(element, "Finish"),
            baseline_start=baseline_start,
            baseline_finish=baseline_finish,
            percent_complete=percent,
            actual_start=get_date(element, "ActualStart"),
            actual_finish=get_date(element, "ActualFinish"),
            remaining=self._days(get_hours(element, "RemainingDuration")),
            updated_with_plan=True,  # MSPDI has no update date per task: see Project.last_update
            constraint=constraint,
            deadline=get_date(element, "Deadline"),
            calendar=calendar if calendar in calendars else None,
            budget=budget,
            actual_cost=actual_cost if actual_cost else None,
            notes=join_notes(notes, extras),
            source=self.source.at_line(line_of(element)),
        )
        links = []
        for link in element.findall(Q + "PredecessorLink"):
            try:
                predecessor = get_int(link, "PredecessorUID")
                if predecessor is None or text(link, "CrossProject") == "1":
                    continue
                code = get_int(link, "Type")
                lag = get_number(link, "LinkLag") or 0.0
                lag_format = get_int(link, "LagFormat") or 7
            except BadValue as exc:
                self.skip(exc, f"task {ident}", "dependency", ident)
                continue
            links.append(_Link(predecessor, 1 if code is None else code, lag, lag_format, line_of(link)))
        return task, links

    # -- links and assignments -------------------------------------------------------

    def _links(self, tasks: list[Task], links: dict[str, list[_Link]], id_of: dict[int, str]) -> list[Dependency]:
        duration = {t.id: t.duration or 0.0 for t in tasks}
        found: list[Dependency] = []
        seen: set[tuple[str, str, str]] = set()
        for task in tasks:
            for link in links[task.id]:
                predecessor = id_of.get(link.predecessor_uid)
                if predecessor is None or link.type_code not in LINK_TYPES:
                    why = (
                        f"predecessor {link.predecessor_uid} is not a task of this plan"
                        if predecessor is None
                        else f"link type {link.type_code} is not 0..3"
                    )
                    self.skip(BadValue(link.line, why), f"task {task.id}", "dependency", task.id)
                    continue
                unit = LagUnit.ELAPSED if link.lag_format in ELAPSED_FORMATS else LagUnit.WORKING
                if link.lag_format in PERCENT_FORMATS:
                    lag = link.lag / 10 / 100 * duration[predecessor]
                    unit = LagUnit.WORKING
                else:
                    per_day = ELAPSED_MINUTES_PER_DAY if unit is LagUnit.ELAPSED else self.minutes_per_day
                    lag = link.lag / 10 / per_day
                if abs(lag) > MAX_DAYS:
                    self.skip(
                        BadValue(link.line, f"lag {link.lag:g} is out of range"),
                        f"task {task.id}",
                        "dependency",
                        task.id,
                    )
                    continue
                dependency = Dependency(
                    predecessor,
                    task.id,
                    LINK_TYPES[link.type_code],
                    clean(lag),
                    unit,
                    source=self.source.at_line(link.line),
                )
                key = (predecessor, task.id, dependency.type.value)
                if key not in seen and predecessor != task.id:
                    seen.add(key)
                    found.append(dependency)
        return found

    def _read_assignments(self, tasks: list[Task], id_of: dict[int, str], person_of: dict[int, str]) -> list[Task]:
        booked: dict[str, list[Assignment]] = {}
        container = self.root.find(Q + "Assignments")
        for raw in container.iterchildren(Q + "Assignment") if container is not None else ():
            element = Fields(raw)
            try:
                task_uid, resource_uid = get_int(element, "TaskUID"), get_int(element, "ResourceUID")
                units = get_number(element, "Units")
            except BadValue as exc:
                self.skip(exc, "assignment", "assignment")
                continue
            task = id_of.get(task_uid) if task_uid is not None else None
            person = person_of.get(resource_uid) if resource_uid is not None else None
            if task is None or person is None:
                continue
            units = clean(units) if units is not None and 0 <= units <= 1000 else 1.0
            mine = booked.setdefault(task, [])
            if person not in {a.person for a in mine}:
                mine.append(Assignment(person, units))
        return [_with_assignments(t, tuple(booked[t.id])) if t.id in booked else t for t in tasks]


def _with_assignments(task: Task, assignments: tuple[Assignment, ...]) -> Task:
    """`task` with its assignments; without an owner or Contact, its owner is the person assigned
    (the one with the most units, the first listed on a tie): MS Project gives a milestone an
    owner by assigning a person to it."""
    owner = task.owner
    if owner is None and assignments:
        owner = max(assignments, key=lambda a: a.units).person
    return dataclasses.replace(task, assignments=assignments, owner=owner)


def read_document(root: Any, file: str) -> ReadResult:
    """The records of an MSPDI `Project` element read from `file`."""
    return DocumentReader(root, file).read()


__all__ = ["DocumentReader", "read_document"]


def _default_start(root: Any) -> dt.time:
    """The project's `DefaultStartTime` (08:00 when absent or unreadable, as in MS Project)."""
    value = (root.findtext(Q + "DefaultStartTime") or "").strip()
    try:
        return dt.time.fromisoformat(value) if value else dt.time(8, 0)
    except ValueError:
        return dt.time(8, 0)
