"""Jira issues (REST JSON shape) to pmo records: tasks, issues, risks, actions, links.

The issue type decides the record (`DEFAULT_TYPES`; a project overrides it with the
option ``jira_types="Story=task,Bug=issue,Spike=skip"``):

* Epic, Story, Task, Sub-task, Feature, Improvement... -> `Task`: parent from the
  ``parent`` field, the agile ``epic`` field or an "Epic Link" custom field; start from
  the sprint's start, else the creation date; finish from the due date, else the sprint's
  end; percent complete from the status category (to do 0, in progress 50, done 100);
  duration and remaining from the time tracking (8 hours a working day).
* Bug, Defect, Impediment, Incident -> `Issue`; Risk -> `Risk`; Action -> `Action`;
  Decision -> `Decision`; Assumption -> `Assumption`.

Links whose words say one issue waits for the other (``blocks``/``is blocked by``,
``depends upon``, ``requires``...) become finish-to-start `Dependency` records between
tasks. The assignee is kept as written, ``Display Name <e-mail>``: `pmo.model.resolve`
matches it to the project's people (by e-mail, then name) when the project is loaded.
Sprint, fix versions, labels and status go into the task's notes.
"""

from __future__ import annotations

import datetime as dt
import re
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
PERCENT = {"new": 0.0, "indeterminate": 50.0, "done": 100.0}
SECONDS_PER_DAY = 8 * 3600


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
class Mapper:
    """Turns issues into records; collects what it makes and the findings on the way."""

    types: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TYPES))
    names: dict[str, str] = field(default_factory=dict)  # custom field id -> its name ("expand=names")
    records: dict[str, list[Any]] = field(default_factory=dict)
    links: list[tuple[str, str, Source]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
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
        issue_data = _Issue(key, fields, source, self)
        record = getattr(issue_data, kind)(title)
        self.records.setdefault(kind, []).append(record)
        for phrase, other in _links(fields):
            self.link(key, phrase, other, source)

    def link(self, key: str, phrase: str, other: str, source: Source) -> None:
        words = re.sub(r"\s+", " ", fold(phrase)).strip()
        if words in PREDECESSOR_WORDS:
            self.links.append((key, other, source))
        elif words in SUCCESSOR_WORDS:
            self.links.append((other, key, source))

    def dependencies(self, only_tasks: bool = True) -> tuple[Dependency, ...]:
        """Blocking links, once each; between tasks of this import unless `only_tasks` is False."""
        tasks = {t.id for t in self.records.get("task", [])}
        seen: dict[tuple[str, str], Dependency] = {}
        for predecessor, successor, source in self.links:
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

    def __init__(self, key: str, fields: Mapping[str, Any], source: Source, mapper: Mapper) -> None:
        self.key, self.fields, self.source, self.mapper = key, fields, source, mapper
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
        epic_link = next((v for k, v in f.items() if names.get(k, "").lower() == "epic link"), None)
        parent = (
            text(f, "parent", "key")
            or text(f, "epic", "key")
            or (epic_link if isinstance(epic_link, str) else None)
        )
        sprint = sprint_of(f, names)
        start = self.mapper.date(get(sprint, "startDate"), self.source, "sprint start") if sprint else None
        end = self.mapper.date(get(sprint, "endDate"), self.source, "sprint end") if sprint else None
        estimate, remaining = f.get("timeoriginalestimate"), f.get("timeestimate")
        return Task(
            id=self.key,
            name=title,
            parent=parent if parent != self.key else None,
            owner=self.mapper.owner(f),
            start=start or self._date("created"),
            finish=self._date("duedate") or end,
            percent_complete=PERCENT.get(self.category, 0.0),
            actual_finish=self._date("resolutiondate") if self.category == "done" else None,
            duration=_days(estimate),
            remaining=_days(remaining),
            last_updated=self._date("updated"),
            notes=self.notes(f"Type: {text(f, 'issuetype', 'name') or 'Task'}"),
            source=self.source,
        )

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


def _days(seconds: Any) -> float | None:
    if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and 0 <= seconds < 1e12:
        return round(seconds / SECONDS_PER_DAY, 4)
    return None
