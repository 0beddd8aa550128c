"""Jira issues (REST JSON shape) to pmo records: tasks, issues, risks, actions, links.

The issue type decides the record (`DEFAULT_TYPES`; a project overrides it with the
option ``jira_types="Story=task,Bug=issue,Spike=skip"``):

* Epic, Story, Task, Sub-task, Feature, Improvement... -> `Task`: parent from the
  ``parent`` field (key, else numeric id), the agile ``epic`` field or an "Epic Link"
  custom field; planned start from a start-date field, else the sprint's start (never
  the creation date); finish from the due date, else the sprint's end; actual start from
  a start-date field, else the date the status category became In Progress, else the
  first status change of the changelog; percent complete from time spent and remaining
  estimate where Jira tracks time, else from the status category (done 100, in progress
  50 only when the actual start is known, else 0); duration and remaining from the time
  tracking (8 hours a working day unless ``hours_per_day`` says otherwise).
* Milestone -> a milestone `Task` at its due date (also its deadline).
* Bug, Defect, Impediment, Incident -> `Issue`; Risk -> `Risk`; Action -> `Action`;
  Decision -> `Decision`; Assumption -> `Assumption`.

Links whose words say one issue waits for the other (``blocks``/``is blocked by``,
``depends upon``, ``requires``...) become finish-to-start `Dependency` records between
tasks. Fix versions that are released or dated become milestones ``version:<name>``
whose predecessors are their tasks. The assignee is kept as written, ``Display Name <e-mail>``:
`pmo.model.resolve` matches it to the project's people (by e-mail, then name) when the project
is loaded. Sprint, fix versions, labels and status
go into the task's notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pmo.model import (
    Action,
    Assumption,
    Decision,
    DecisionStatus,
    Dependency,
    Finding,
    Issue,
    ItemStatus,
    Risk,
    Severity,
    Source,
    Subject,
    Task,
)
from pmo.model.resolve import address
from pmo.sources import cells
from pmo.sources.dates import DateError, fold, parse_datetime_date

KINDS = ("task", "issue", "risk", "action", "decision", "assumption", "skip")
# fmt: off
DEFAULT_TYPES: dict[str, str] = {
    **dict.fromkeys(("epic", "story", "task", "sub-task", "subtask", "feature", "new feature", "improvement",
                     "initiative", "spike", "technical task", "user story", "sous-tache", "tache", "recit",
                     "amelioration", "nouvelle fonctionnalite", "milestone", "deliverable"), "task"),
    **dict.fromkeys(("bug", "defect", "impediment", "incident", "problem", "blocker", "anomalie",
                     "probleme"), "issue"),
    **dict.fromkeys(("risk", "risque"), "risk"),
    **dict.fromkeys(("action", "action item"), "action"),
    **dict.fromkeys(("decision",), "decision"),
    **dict.fromkeys(("assumption", "hypothese"), "assumption"),
}
# fmt: on
# fmt: off
PREDECESSOR_WORDS = frozenset(
    ("blocks", "is depended upon by", "is required by", "has to be done before", "precedes",
     "is a prerequisite of", "bloque", "est requis par")
)
SUCCESSOR_WORDS = frozenset(
    ("is blocked by", "depends upon", "depends on", "requires", "has to be done after", "follows",
     "est bloque par", "depend de", "necessite")
)
# fmt: on
HOURS_PER_DAY = 8.0
_ID = re.compile(r"^\d+$")  # Jira's numeric issue id, as `Parent id` and some link columns hold it


def parse_types(text: str) -> dict[str, str]:
    """``"Story=task,Bug=issue"`` over the defaults; ValueError names an unknown kind."""
    types = dict(DEFAULT_TYPES)
    for part in re.split(r"[,;]", text or ""):
        if not part.strip():
            continue
        name, sep, kind = part.rpartition("=")
        kind = kind.strip().lower()
        if not sep or not name.strip():
            raise ValueError(f"jira_types entry {part.strip()!r}: write 'Issue type=kind'")
        if kind not in KINDS:
            raise ValueError(
                f"jira_types {name.strip()}={kind!r}: unknown kind {kind!r} (kinds: {', '.join(KINDS)})"
            )
        types[fold(name.strip())] = kind
    return types


def get(data: Any, *path: str) -> Any:
    """`data[path[0]][path[1]]...`, or None where the shape differs."""
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def text(data: Any, *path: str) -> str | None:
    value = get(data, *path)
    return value.strip() or None if isinstance(value, str) else None


@dataclass
class Version:
    """A fix version: from a project's versions list (`listed`) or named by issues."""

    name: str
    release: dt.date | None = None
    released: bool = False
    notes: str = ""
    listed: bool = False
    members: list[str] = field(default_factory=list)  # keys of the issues fixed in it


@dataclass
class Mapper:
    """Turns issues into records; collects what it makes and the findings on the way."""

    types: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TYPES))
    names: dict[str, str] = field(default_factory=dict)  # custom field id -> its name ("expand=names")
    records: dict[str, list[Any]] = field(default_factory=dict)
    links: list[tuple[str, str, Source]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    hours_per_day: float = HOURS_PER_DAY
    ids: dict[str, str] = field(default_factory=dict)  # numeric issue id -> key
    versions: dict[str, Version] = field(default_factory=dict)
    projects: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, name) of each issue
    _unknown_types: set[str] = field(default_factory=set)

    def add(self, issue: Any, place: str) -> None:
        """Map one issue (``{"key": ..., "fields": {...}}``); `place` locates it in the input."""
        key = text(issue, "key")
        fields = get(issue, "fields")
        if key is None or not isinstance(fields, Mapping):
            self.findings.append(
                cells.skipped(Source(system="jira"), place, "not an issue (no key or fields); skipped")
            )
            return
        source = Source(system="jira", key=key)
        title = text(fields, "summary")
        if title is None:
            description = text(fields, "description")
            title = description.splitlines()[0][:80] if description else key
            self.findings.append(
                cells.skipped(source, place, f"issue {key} has no summary; titled {title!r}", "issue", key)
            )
        type_name = text(fields, "issuetype", "name") or "Task"
        kind = self.types.get(fold(type_name))
        if kind is None:
            kind = "task"
            if type_name not in self._unknown_types:
                self._unknown_types.add(type_name)
                self.findings.append(
                    Finding(
                        "import-skipped",
                        Severity.INFO,
                        Subject("issue", key),
                        f"issue type {type_name!r} is not mapped; read as a task (see the jira_types option)",
                        source=source,
                    )
                )
        if kind == "skip":
            return
        ident = issue.get("id") if isinstance(issue, Mapping) else None
        if isinstance(ident, (str, int)) and _ID.match(str(ident)):
            self.ids[str(ident)] = key
        project_key = text(fields, "project", "key") or _project_key(key)
        if project_key:
            self.projects[(project_key, text(fields, "project", "name") or "")] += 1
        issue_data = _Issue(key, fields, source, self, get(issue, "changelog", "histories"))
        record = getattr(issue_data, kind)(title)
        self.records.setdefault(kind, []).append(record)
        for phrase, other in _links(fields):
            self.link(key, phrase, other, source)
        if kind == "task":
            self._fix_versions(key, fields, source)

    def _fix_versions(self, key: str, fields: Mapping[str, Any], source: Source) -> None:
        for item in _list(fields.get("fixVersions")):
            name = text(item, "name")
            if name is None:
                continue
            version = self.versions.setdefault(name, Version(name))
            version.members.append(key)
            if not version.listed:
                version.release = version.release or self.date(get(item, "releaseDate"), source, "releaseDate")
                version.released = version.released or get(item, "released") is True

    def days(self, seconds: Any) -> float | None:
        """Working days of a Jira time-tracking figure in seconds (None when it is not one)."""
        value = _seconds(seconds)
        return None if value is None else round(value / (self.hours_per_day * 3600), 4)

    def key_of(self, ref: str) -> str:
        """The issue key `ref` names: itself, or the key of the numeric id it is."""
        return self.ids.get(ref, ref) if _ID.match(ref) else ref

    def tasks(self) -> list[Task]:
        """The tasks read, parents given as ids resolved to keys, then the versions' milestones."""
        tasks: list[Task] = []
        for task in self.records.get("task", []):
            if task.parent and _ID.match(task.parent):
                key = self.ids.get(task.parent)
                if key is None:
                    self.findings.append(
                        Finding(
                            "import-skipped",
                            Severity.INFO,
                            Subject("task", task.id, task.name),
                            f"{task.id}: parent id {task.parent} is not in this export; read without parent",
                            source=task.source,
                        )
                    )
                task = dataclasses.replace(task, parent=key)
            tasks.append(task)
        return tasks + self.milestones()

    def milestones(self) -> list[Task]:
        """A milestone per version listed, released or dated; the issues fixed in it precede it."""
        tasks: list[Task] = []
        for version in self.versions.values():
            if not (version.listed or version.released or version.release):
                continue
            ident = f"version:{version.name}"
            source = Source(system="jira", key=ident)
            tasks.append(
                Task(
                    id=ident,
                    name=version.name,
                    milestone=True,
                    finish=version.release,
                    deadline=None if version.released else version.release,
                    percent_complete=100.0 if version.released else 0.0,
                    actual_finish=version.release if version.released else None,
                    notes=version.notes,
                    source=source,
                )
            )
            for member in version.members:
                self.links.append((member, ident, source))
        return tasks

    def link(self, key: str, phrase: str, other: str, source: Source) -> None:
        words = re.sub(r"\s+", " ", fold(phrase)).strip()
        if words in PREDECESSOR_WORDS:
            self.links.append((key, other, source))
        elif words in SUCCESSOR_WORDS:
            self.links.append((other, key, source))

    def dependencies(self, only_tasks: bool = True) -> tuple[Dependency, ...]:
        """Blocking links, once each; between tasks of this import unless `only_tasks` is False."""
        tasks = {t.id for t in self.records.get("task", [])} | {
            f"version:{v.name}" for v in self.versions.values()
        }
        seen: dict[tuple[str, str], Dependency] = {}
        for first, second, source in self.links:
            predecessor, successor = self.key_of(first), self.key_of(second)
            if predecessor == successor or (only_tasks and not {predecessor, successor} <= tasks):
                continue
            seen.setdefault((predecessor, successor), Dependency(predecessor, successor, source=source))
        return tuple(seen[k] for k in sorted(seen))

    def owner(self, fields: Mapping[str, Any], name: str = "assignee") -> str | None:
        shown = text(fields, name, "displayName") or text(fields, name, "name") or text(fields, name)
        email = text(fields, name, "emailAddress")
        if shown is None and email is None:
            return None
        return address(shown or "", email or "")

    def date(self, value: Any, source: Source, what: str) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_datetime_date(value)
        except DateError as exc:
            self.findings.append(
                cells.skipped(source, f"{source.key} {what}", f"{exc}; left blank", "issue", source.key or "")
            )
            return None


def _links(fields: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for link in _list(fields.get("issuelinks")):
        for side in ("inward", "outward"):
            other = text(link, f"{side}Issue", "key")
            phrase = text(link, "type", side)
            if other and phrase:
                yield phrase, other


def sprint_of(fields: Mapping[str, Any], names: Mapping[str, str]) -> Mapping[str, Any] | None:
    """The issue's current (else latest) sprint, from the agile field or a Sprint custom field."""
    found: list[Mapping[str, Any]] = []
    for key, value in fields.items():
        if (
            key == "sprint"
            or key == "closedSprints"
            or names.get(key, "").lower() == "sprint"
            or (key.startswith("customfield_") and _looks_like_sprints(value))
        ):
            for item in value if isinstance(value, list) else [value]:
                sprint = _sprint(item)
                if sprint:
                    found.append(sprint)
    if not found:
        return None
    active = [s for s in found if str(s.get("state", "")).lower() in ("active", "future")]
    return (active or sorted(found, key=lambda s: str(s.get("endDate") or "")))[-1]


def _looks_like_sprints(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        (isinstance(i, Mapping) and "state" in i and "name" in i and ("boardId" in i or "startDate" in i))
        or (isinstance(i, str) and "greenhopper" in i and "Sprint@" in i)
        for i in items
    )


def _sprint(item: Any) -> Mapping[str, Any] | None:
    if isinstance(item, Mapping) and isinstance(item.get("name"), str):
        return item
    if isinstance(item, str) and "[" in item:  # Jira Server: "...Sprint@1a2b[id=1,state=CLOSED,name=S1,...]"
        body = item[item.index("[") + 1 : item.rindex("]") if "]" in item else len(item)]
        pairs = dict(p.split("=", 1) for p in re.split(r",(?=\w+=)", body) if "=" in p)
        return {k: (None if v == "<null>" else v) for k, v in pairs.items()} if "name" in pairs else None
    return None


class _Issue:
    """One issue's fields, read into each kind of record."""

    def __init__(
        self, key: str, fields: Mapping[str, Any], source: Source, mapper: Mapper, histories: Any = None
    ) -> None:
        self.key, self.fields, self.source, self.mapper = key, fields, source, mapper
        self.histories = histories
        self.category = (text(fields, "status", "statusCategory", "key") or "").lower() or _category(
            text(fields, "status", "name"), get(fields, "resolution")
        )

    def _date(self, name: str) -> dt.date | None:
        return self.mapper.date(self.fields.get(name), self.source, name)

    def status(self) -> ItemStatus:
        if self.category == "done":
            resolution = fold(text(self.fields, "resolution", "name") or "")
            return (
                ItemStatus.CANCELLED
                if resolution in ("won't do", "won't fix", "cancelled", "rejected", "duplicate", "declined")
                else ItemStatus.DONE
            )
        return ItemStatus.IN_PROGRESS if self.category == "indeterminate" else ItemStatus.OPEN

    def notes(self, *extra: str) -> str:
        f = self.fields
        parts = [*extra]
        if text(f, "status", "name"):
            parts.append(f"Status: {text(f, 'status', 'name')}")
        sprint = sprint_of(f, self.mapper.names)
        if sprint:
            parts.append(f"Sprint: {sprint.get('name')}")
        versions = [text(v, "name") for v in _list(f.get("fixVersions")) if text(v, "name")]
        if versions:
            parts.append("Fix versions: " + ", ".join(str(v) for v in versions))
        points = f.get("story_points")
        if isinstance(points, (str, int, float)) and not isinstance(points, bool):
            parts.append(f"Story points: {points}")
        labels = [label for label in _list(f.get("labels")) if isinstance(label, str)]
        if labels:
            parts.append("Labels: " + ", ".join(labels))
        return "\n".join(parts)

    def task(self, title: str) -> Task:
        f, names = self.fields, self.mapper.names
        epic_link = self._named("epic link")
        parent = (
            text(f, "parent", "key")
            or text(f, "parent", "id")
            or text(f, "epic", "key")
            or (epic_link.strip() or None if isinstance(epic_link, str) else None)
        )
        notes = self.notes(f"Type: {text(f, 'issuetype', 'name') or 'Task'}")
        done = self.category == "done"
        finished = (self._date("resolutiondate") or self._category_changed()) if done else None
        started = self._actual_start()
        due = self._date("duedate")
        if fold(text(f, "issuetype", "name") or "") == "milestone":
            return Task(
                id=self.key,
                name=title,
                parent=parent if parent != self.key else None,
                milestone=True,
                owner=self.mapper.owner(f),
                finish=due,
                deadline=None if done else due,
                percent_complete=100.0 if done else 0.0,
                actual_finish=finished,
                last_updated=self._date("updated"),
                notes=notes,
                source=self.source,
            )
        sprint = sprint_of(f, names)
        sprint_start = self.mapper.date(get(sprint, "startDate"), self.source, "sprint start") if sprint else None
        end = self.mapper.date(get(sprint, "endDate"), self.source, "sprint end") if sprint else None
        duration, remaining, percent = self._time(started)
        return Task(
            id=self.key,
            name=title,
            parent=parent if parent != self.key else None,
            owner=self.mapper.owner(f),
            start=self._named_date("start date") or self._named_date("target start") or sprint_start,
            finish=due or self._named_date("target end") or end,
            percent_complete=percent,
            actual_start=started,
            actual_finish=finished,
            duration=duration,
            remaining=remaining,
            last_updated=self._date("updated"),
            notes=notes,
            source=self.source,
        )

    def _named(self, label: str) -> Any:
        """A field by its canonical name (CSV) or by the name ``expand=names`` gives its id."""
        canonical = label.replace(" ", "")
        if canonical in self.fields:
            return self.fields[canonical]
        names = self.mapper.names
        return next((v for k, v in self.fields.items() if names.get(k, "").lower() == label), None)

    def _named_date(self, label: str) -> dt.date | None:
        value = self._named(label)
        return self.mapper.date(value, self.source, label) if isinstance(value, str) else None

    def _category_changed(self) -> dt.date | None:
        return self._date("statuscategorychangedate")

    def _actual_start(self) -> dt.date | None:
        """When work began, as far as Jira records it; None for work not begun or not dated."""
        if self.category not in ("indeterminate", "done"):
            return None
        return (
            self._named_date("start date")
            or (self._category_changed() if self.category == "indeterminate" else None)
            or self._first_move()
        )

    def _first_move(self) -> dt.date | None:
        """The day of the changelog's first status change to a status that is not "to do"."""
        moves: list[tuple[str, Any]] = []
        for history in _list(self.histories):
            for item in _list(get(history, "items")):
                target = text(item, "toString")
                if text(item, "field") == "status" and target and cells.item_status(target) is not ItemStatus.OPEN:
                    moves.append((str(get(history, "created") or ""), get(history, "created")))
        return self.mapper.date(min(moves)[1], self.source, "changelog") if moves else None

    def _time(self, started: dt.date | None) -> tuple[float | None, float | None, float]:
        """Duration, remaining (working days) and percent complete from time tracking and status."""
        f, days = self.fields, self.mapper.days
        original, spent, left = (_seconds(f.get(n)) for n in ("timeoriginalestimate", "timespent", "timeestimate"))
        total = (spent or 0) + (left or 0)
        duration = days(total) if total > 0 else days(original)
        remaining = days(left)
        if self.category == "done":
            return duration, remaining, 100.0
        if spent:
            planned = spent + left if left is not None else max(original or 0, spent)
            return duration, remaining, min(round(100.0 * spent / planned, 1), 99.0)
        return duration, remaining, 50.0 if self.category == "indeterminate" and started else 0.0

    def issue(self, title: str) -> Issue:
        f = self.fields
        return Issue(
            id=self.key,
            title=title,
            owner=self.mapper.owner(f),
            priority=(text(f, "priority", "name") or "medium").lower(),
            status=self.status(),
            raised=self._date("created"),
            due=self._date("duedate"),
            resolution=text(f, "resolution", "name"),
            source=self.source,
        )

    def risk(self, title: str) -> Risk:
        return Risk(
            id=self.key,
            title=title,
            owner=self.mapper.owner(self.fields),
            status=self.status(),
            raised=self._date("created"),
            closed=self._closed(),
            source=self.source,
        )

    def action(self, title: str) -> Action:
        return Action(
            id=self.key,
            title=title,
            owner=self.mapper.owner(self.fields),
            due=self._date("duedate"),
            status=self.status(),
            opened=self._date("created"),
            closed=self._closed(),
            origin="jira",
            notes=self.notes(),
            source=self.source,
        )

    def decision(self, title: str) -> Decision:
        status = {"done": DecisionStatus.TAKEN}.get(self.category, DecisionStatus.PROPOSED)
        if self.status() is ItemStatus.CANCELLED:
            status = DecisionStatus.REJECTED
        return Decision(
            id=self.key,
            title=title,
            status=status,
            date=self._date("resolutiondate") or self._date("duedate"),
            decided_by=self.mapper.owner(self.fields),
            source=self.source,
        )

    def assumption(self, title: str) -> Assumption:
        return Assumption(
            id=self.key,
            title=title,
            owner=self.mapper.owner(self.fields),
            validate_by=self._date("duedate"),
            validated=self.category == "done",
            source=self.source,
        )

    def _closed(self) -> dt.date | None:
        return self._date("resolutiondate") if self.category == "done" else None


def _category(status: str | None, resolution: Any) -> str:
    """The status category a bare status name implies (exports without statusCategory)."""
    word = cells.item_status(status) if status else None
    if resolution or word in (ItemStatus.DONE, ItemStatus.CLOSED, ItemStatus.CANCELLED):
        return "done"
    return "indeterminate" if word is ItemStatus.IN_PROGRESS else "new"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _project_key(issue_key: str) -> str | None:
    """The project key an issue key starts with (``ERP`` of ``ERP-12``)."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9_]*)-\d+$", issue_key)
    return match[1] if match else None


def _seconds(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1e12:
        return float(value)
    return None
