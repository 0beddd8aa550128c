"""Jira exports: REST JSON (search results, issues, agile pages, versions) and CSV.

JSON: a ``/search`` or agile ``/sprint/{id}/issue`` page (``{"issues": [...]}``), one
issue (``{"key", "fields"}``), or a list of versions (read as milestones). Pages of
sprints, statuses or link types hold nothing to import and say so in a finding. CSV:
Jira's "Export -> CSV" (``Summary``, ``Issue key``, ``Issue id``, ``Parent id``, ``Issue
Type``... with repeated ``Sprint``/``Fix Version/s``/``Labels``/``Watchers`` columns,
estimates in seconds and ``Inward/Outward issue link (Blocks)`` columns), and the
lighter key/title and key/linked-key/link-name tables research data sets use. Issues
become records as `pmo.sources.jira.fields` describes; the partial project carries the
Jira project's key and name. Documented in docs/formats/jira.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from pmo.errors import FormatError, InputError
from pmo.model import Finding, Project, Severity, Source, Subject
from pmo.sources import cells
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.dates import DateError, fold, parse_datetime_date
from pmo.sources.jira.fields import HOURS_PER_DAY, Mapper, Version, get, parse_types, text

_CSV_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?[^\r\n]*\b(?:issue ?key)\b", re.IGNORECASE)
_CATEGORIES = {
    "to do": "new",
    "a faire": "new",
    "in progress": "indeterminate",
    "en cours": "indeterminate",
    "done": "done",
    "termine": "done",
}
_CSV_FIELDS = {
    "issue key": "key",
    "issuekey": "key",
    "key": "key",
    "issue id": "id",
    "project key": "project_key",
    "project name": "project_name",
    "summary": "summary",
    "title": "summary",
    "issue type": "issuetype",
    "issuetype": "issuetype",
    "status": "status",
    "status category": "category",
    "priority": "priority",
    "assignee": "assignee",
    "created": "created",
    "updated": "updated",
    "due date": "duedate",
    "duedate": "duedate",
    "resolved": "resolutiondate",
    "resolution": "resolution",
    "sprint": "sprint",
    "fix version/s": "fixVersions",
    "fix versions": "fixVersions",
    "labels": "labels",
    "parent": "parent",
    "parent key": "parent",
    "parent id": "parent",
    "custom field (epic link)": "epic",
    "epic link": "epic",
    "original estimate": "timeoriginalestimate",
    "remaining estimate": "timeestimate",
    "time spent": "timespent",
    "status category changed": "statuscategorychangedate",
    "start date": "startdate",
    "custom field (start date)": "startdate",
    "custom field (target start)": "targetstart",
    "custom field (target end)": "targetend",
    "description": "description",
    "linkedissuekey": "linked",
    "name": "linkname",
    "storypoint": "points",
    "story points": "points",
    "custom field (story points)": "points",
    "custom field (story point estimate)": "points",
}
_CSV_DATES = ("created", "updated", "duedate", "resolutiondate", "statuscategorychangedate")
_LINK_COLUMN = re.compile(r"^(inward|outward) issue link \((.+)\)$")
_LINK_PHRASES = {
    ("outward", "blocks"): "blocks",
    ("inward", "blocks"): "is blocked by",
    ("outward", "dependency"): "depends on",
    ("inward", "dependency"): "is depended upon by",
    ("outward", "depends"): "depends on",
    ("inward", "depends"): "is depended upon by",
}


def looks_like_jira_csv(head: bytes) -> bool:
    """True when the first line of a CSV names Jira's issue key column."""
    return _CSV_KEY.match(head) is not None


class JiraReader:
    """Reads Jira JSON and CSV exports."""

    name = "jira"
    extensions = (".json", ".csv")

    def identify(self, path: Path, head: bytes) -> bool:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return looks_like_jira_csv(head)
        if suffix != ".json":
            return False
        start = head.lstrip()[:2000]
        return start[:1] in (b"{", b"[") and any(
            word in start
            for word in (
                b'"issues"',
                b'"expand"',
                b'"fields"',
                b'"issueLinkTypes"',
                b'"statusCategory"',
                b'"originBoardId"',
                b'"released"',
                b'"outward"',
            )
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        return read_jira(path, context)


def mapper_for(context: ReadContext) -> Mapper:
    """A `Mapper` with the ``jira_types`` option and the hours of a day.

    Jira counts time in seconds; a day is the ``hours_per_day`` option, else the project
    calendar's, else 8 hours.
    """
    try:
        types = parse_types(context.options.get("jira_types", ""))
    except ValueError as exc:
        raise InputError(str(exc)) from None
    hours = context.options.get("hours_per_day", "").strip()
    try:
        hours_per_day = float(hours) if hours else _calendar_hours(context.project)
    except ValueError:
        hours_per_day = -1.0
    if not 0 < hours_per_day <= 24:
        raise InputError(f"hours_per_day {hours!r}: write the hours of a working day, from 1 to 24")
    return Mapper(types=types, hours_per_day=hours_per_day)


def _calendar_hours(project: Project | None) -> float:
    """The working hours of a day on the project's calendar (8 without one)."""
    if project is None or not project.calendars:
        return HOURS_PER_DAY
    calendar = next((c for c in project.calendars if c.id == project.calendar), project.calendars[0])
    return calendar.hours_per_day if 0 < calendar.hours_per_day <= 24 else HOURS_PER_DAY


def read_jira(path: Path, context: ReadContext | None = None) -> ReadResult:
    """Records of a Jira JSON or CSV export."""
    mapper = mapper_for(context or ReadContext())
    file = str(path)
    raw = path.read_bytes()
    try:
        text_ = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(file, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if path.suffix.lower() == ".csv":
        return _read_csv(file, text_, mapper)
    try:
        data = json.loads(text_)
    except json.JSONDecodeError as exc:
        raise FormatError(file, exc.lineno, f"JSON syntax: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise FormatError(file, None, "JSON nested too deeply") from None
    return read_json_data(file, data, mapper)


def read_json_data(file: str, data: Any, mapper: Mapper) -> ReadResult:
    """Records of parsed Jira JSON."""
    add_json_data(file, data, mapper)
    return result_of(mapper)


def add_json_data(file: str, data: Any, mapper: Mapper) -> None:
    """Feed parsed Jira JSON to `mapper` (also what `JiraClient` does with each answer)."""
    names = get(data, "names")
    if isinstance(names, dict):
        mapper.names.update({str(k): str(v) for k, v in names.items()})
    issues: Any = None
    if isinstance(data, dict):
        issues = data.get("issues", data.get("values"))
        if issues is None and "fields" in data:
            issues = [data]
        items = data.get("issueLinkTypes") if "issueLinkTypes" in data else issues
    else:
        items = data
    if not isinstance(items, list):
        raise FormatError(file, 1, "not a Jira export: expected an issue, a page of issues or a list")
    sample = next((i for i in items if isinstance(i, dict)), {})
    if "fields" in sample or "key" in sample:
        for index, issue in enumerate(items):
            mapper.add(issue, f"issues[{index}]")
    elif "released" in sample or "releaseDate" in sample:
        _versions(file, items, mapper)
    elif items:
        what = (
            "sprints"
            if "originBoardId" in sample or "startDate" in sample
            else "link types"
            if "outward" in sample
            else "statuses"
            if "statusCategory" in sample
            else "entries"
        )
        mapper.findings.append(
            Finding(
                "import-skipped",
                Severity.INFO,
                Subject("file", file),
                f"Jira {what}: nothing to import",
                source=Source(file=file),
            )
        )


def result_of(mapper: Mapper, only_tasks: bool = True) -> ReadResult:
    """The partial project `mapper` read: its records, and the Jira project's key and name."""
    records = mapper.records
    tasks = tuple(mapper.tasks())
    key, name = "", ""
    if mapper.projects:
        key = mapper.projects.most_common(1)[0][0][0]
        name = next((n for (k, n), _ in mapper.projects.most_common() if k == key and n), key)
    project = Project(
        key=key,
        name=name,
        tasks=tasks,
        issues=tuple(records.get("issue", [])),
        risks=tuple(records.get("risk", [])),
        actions=tuple(records.get("action", [])),
        decisions=tuple(records.get("decision", [])),
        assumptions=tuple(records.get("assumption", [])),
        dependencies=mapper.dependencies(only_tasks),
    )
    return ReadResult(project=project, findings=tuple(mapper.findings))


def _versions(file: str, items: list[Any], mapper: Mapper) -> None:
    """A project's versions list: each becomes a milestone ``version:<name>`` (see `Mapper.milestones`)."""
    for index, item in enumerate(items):
        name = text(item, "name")
        if name is None:
            mapper.findings.append(
                cells.skipped(Source(file=file), f"[{index}]", "a version without a name; skipped")
            )
            continue
        source = Source(system="jira", key=f"version:{name}")
        version = mapper.versions.setdefault(name, Version(name))
        version.listed = True
        version.release = mapper.date(get(item, "releaseDate"), source, "releaseDate")
        version.released = get(item, "released") is True
        version.notes = "\n".join(
            p for p in (text(item, "description"), "Archived" if get(item, "archived") else "") if p
        )


def _read_csv(file: str, content: str, mapper: Mapper) -> ReadResult:
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader, [])
        columns = [_CSV_FIELDS.get(fold(h).strip(), h) for h in header]
        if "key" not in columns:
            raise FormatError(file, 1, "not a Jira CSV export: no 'Issue key' column")
        links_only = "linked" in columns and "summary" not in columns
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            row: dict[str, list[str]] = {}
            for column, value in zip(columns, values, strict=False):
                if value.strip():
                    row.setdefault(column, []).append(value.strip())
            if links_only:
                key, other, phrase = (row.get(n, [""])[0] for n in ("key", "linked", "linkname"))
                if key and other and phrase:
                    mapper.link(key, phrase, other, Source(system="jira", key=key))
                continue
            mapper.add(_csv_issue(row, header, columns, file, line, mapper), f"line {line}")
    except csv.Error as exc:
        raise FormatError(file, reader.line_num + 1, f"CSV syntax: {exc}") from None
    return result_of(mapper, only_tasks=not links_only)


def _csv_issue(
    row: dict[str, list[str]], header: list[str], columns: list[str], file: str, line: int, mapper: Mapper
) -> dict[str, Any]:
    """A CSV row in the JSON shape `Mapper.add` reads."""
    one = {k: v[0] for k, v in row.items()}
    fields: dict[str, Any] = {"summary": one.get("summary"), "description": one.get("description")}
    for name in ("issuetype", "priority", "resolution"):
        if name in one:
            fields[name] = {"name": one[name]}
    status: dict[str, Any] = {"name": one.get("status")}
    if "category" in one:
        status["statusCategory"] = {"key": _CATEGORIES.get(fold(one["category"]), "indeterminate")}
    fields["status"] = status
    if "assignee" in one:
        email = one["assignee"] if "@" in one["assignee"] else None
        fields["assignee"] = {"displayName": one["assignee"], "emailAddress": email}
    for name in (*_CSV_DATES, "startdate", "targetstart", "targetend"):
        if name in one:
            try:
                fields[name] = str(parse_datetime_date(one[name]))
            except DateError as exc:
                mapper.findings.append(
                    cells.skipped(
                        Source(file=file, line=line),
                        f"line {line} {name}",
                        f"{exc}; left blank",
                        "issue",
                        one.get("key", ""),
                    )
                )
    for name in ("timeoriginalestimate", "timeestimate", "timespent"):
        if name in one and one[name].isdigit():
            fields[name] = int(one[name])
    parent = one.get("parent") or one.get("epic")
    if parent:
        fields["parent"] = {"id" if parent.isdigit() else "key": parent}
    if "project_key" in one:
        fields["project"] = {"key": one["project_key"], "name": one.get("project_name")}
    fields["fixVersions"] = [{"name": v} for v in row.get("fixVersions", [])]
    fields["labels"] = row.get("labels", [])
    if row.get("sprint"):
        fields["sprint"] = {"name": row["sprint"][-1], "state": "active"}
    links = []
    for column, title in zip(columns, header, strict=False):
        match = _LINK_COLUMN.match(fold(title).strip())
        phrase = _LINK_PHRASES.get((match[1], match[2])) if match else None
        if match is None or phrase is None:
            continue
        for other in row.get(column, []):
            links.append({"type": {match[1]: phrase}, f"{match[1]}Issue": {"key": other}})
    fields["issuelinks"] = links
    if "points" in one:
        fields["story_points"] = one["points"]
    return {"key": one.get("key"), "id": one.get("id"), "fields": fields}
