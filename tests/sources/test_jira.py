"""Jira JSON and CSV exports: issue types to records, links to dependencies, owners to people."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from pmo.errors import FormatError, InputError
from pmo.model import ItemStatus, LinkType, Person, Project
from pmo.model.resolve import resolve
from pmo.sources.base import ReadContext
from pmo.sources.jira.reader import JiraReader, read_jira

DATA = Path(__file__).resolve().parent.parent / "data" / "jira"
PEOPLE = (Person("ann", "Ann Lee", "ann@example.com"), Person("bob", "Bob Martin", "bob@example.com"))
CONTEXT = ReadContext(project=Project("ERP", "ERP", people=PEOPLE))


def loaded(project: Project) -> Project:
    """The records as the store loads them into a project of PEOPLE (people resolved)."""
    return resolve(dataclasses.replace(project, people=PEOPLE))


def _issue(key: str, kind: str, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "summary": f"{kind} {key}",
        "issuetype": {"name": kind},
        "status": {"name": "To Do", "statusCategory": {"key": "new"}},
        "created": "2026-06-01T09:00:00.000+0200",
    }
    return {"key": key, "fields": {**base, **fields}}


def _write(tmp_path: Path, data: object, name: str = "search.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_issue_types_links_sprints_and_owners(tmp_path: Path) -> None:
    sprint = {
        "id": 7,
        "name": "Sprint 7",
        "state": "active",
        "boardId": 1,
        "startDate": "2026-06-08T09:00:00.000Z",
        "endDate": "2026-06-19T17:00:00.000Z",
    }
    blocks = {"name": "Blocks", "inward": "is blocked by", "outward": "blocks"}
    issues = [
        _issue("ERP-1", "Epic", assignee={"displayName": "Ann", "emailAddress": "ann@example.com"}),
        _issue(
            "ERP-2",
            "Story",
            parent={"key": "ERP-1"},
            customfield_10020=[sprint],
            status={"name": "In Progress", "statusCategory": {"key": "indeterminate"}},
            issuelinks=[{"type": blocks, "outwardIssue": {"key": "ERP-3"}}],
            assignee={"displayName": "Bob Martin"},
            fixVersions=[{"name": "R1"}],
            timeoriginalestimate=86400,
            statuscategorychangedate="2026-06-09T10:00:00.000+0200",
        ),
        _issue(
            "ERP-3",
            "Sub-task",
            duedate="2026-06-30",
            issuelinks=[
                {"type": blocks, "inwardIssue": {"key": "ERP-2"}},
                {"type": blocks, "inwardIssue": {"key": "ERP-4"}},
            ],
        ),
        _issue(
            "ERP-4",
            "Bug",
            priority={"name": "High"},
            duedate="2026-06-12",
            assignee={"displayName": "Stranger"},
        ),
        _issue(
            "ERP-5",
            "Risk",
            status={"name": "Done", "statusCategory": {"key": "done"}},
            resolutiondate="2026-06-05T10:00:00.000+0200",
        ),
        _issue("ERP-6", "Action", duedate="2026-06-10"),
        _issue("ERP-7", "Decision"),
    ]
    result = read_jira(_write(tmp_path, {"expand": "names", "issues": issues}), CONTEXT)
    project = loaded(result.project)
    tasks = {t.id: t for t in project.tasks}
    assert set(tasks) == {"ERP-1", "ERP-2", "ERP-3"}
    assert tasks["ERP-1"].owner == "ann"
    story = tasks["ERP-2"]
    assert (story.parent, story.owner, story.start, story.finish) == (
        "ERP-1",
        "bob",
        dt.date(2026, 6, 8),
        dt.date(2026, 6, 19),
    )
    # In progress since a known date, no time logged: half done, as the status category says.
    assert (story.percent_complete, story.actual_start, story.duration) == (50.0, dt.date(2026, 6, 9), 3.0)
    assert "Sprint: Sprint 7" in story.notes and "Fix versions: R1" in story.notes
    # The creation date is not a planned start.
    assert (tasks["ERP-3"].start, tasks["ERP-3"].finish) == (None, dt.date(2026, 6, 30))
    assert [(d.predecessor, d.successor, d.type) for d in project.dependencies] == [
        ("ERP-2", "ERP-3", LinkType.FS)
    ]
    issue = project.issues[0]
    assert (issue.id, issue.priority, issue.owner, issue.due) == (
        "ERP-4",
        "high",
        "Stranger",
        dt.date(2026, 6, 12),
    )
    risk = project.risks[0]
    assert risk.status is ItemStatus.DONE and risk.closed == dt.date(2026, 6, 5)
    assert project.actions[0].due == dt.date(2026, 6, 10)
    assert project.decisions[0].id == "ERP-7"
    assert str(story.source) == "jira:ERP-2"


def test_type_map_overrides_and_errors(tmp_path: Path) -> None:
    path = _write(
        tmp_path, {"issues": [_issue("X-1", "Story"), _issue("X-2", "Bug"), _issue("X-3", "Chore")]}
    )
    result = read_jira(path, ReadContext(options={"jira_types": "Story=action, Bug=skip"}))
    assert [a.id for a in result.project.actions] == ["X-1"]
    assert result.project.issues == ()
    assert [t.id for t in result.project.tasks] == ["X-3"]
    assert any("issue type 'Chore' is not mapped" in f.message for f in result.findings)
    with pytest.raises(InputError, match="unknown kind 'epicc'"):
        read_jira(path, ReadContext(options={"jira_types": "Story=epicc"}))


def test_csv_export() -> None:
    result = read_jira(DATA / "export.csv", CONTEXT)
    project = loaded(result.project)
    tasks = {t.id: t for t in project.tasks}
    assert set(tasks) == {"ERP-1", "ERP-2", "ERP-3", "ERP-6"}
    assert tasks["ERP-2"].owner == "ann" and tasks["ERP-2"].parent == "ERP-1"
    assert tasks["ERP-2"].actual_finish == dt.date(2026, 6, 4) and tasks["ERP-2"].finish == dt.date(
        2026, 6, 12
    )
    assert tasks["ERP-3"].owner == "bob"
    assert [(d.predecessor, d.successor) for d in project.dependencies] == [("ERP-2", "ERP-3")]
    assert project.issues[0].priority == "highest" and project.risks[0].id == "ERP-5"
    assert [f.line() for f in result.findings] == [
        f"{DATA / 'export.csv'}:4: warning import-skipped: line 4 duedate: '31/Feb/26' is not a date; "
        "left blank"
    ]


def test_identify() -> None:
    reader = JiraReader()
    assert reader.identify(DATA / "export.csv", (DATA / "export.csv").read_bytes())
    assert reader.identify(Path("s.json"), b'{"expand": "schema,names", "issues": []}')
    assert not reader.identify(Path("s.json"), b'{"project": 1}')
    assert not reader.identify(Path("a.csv"), b"Action,Owner\n")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('{\n  "issues": [\n}', 3, "JSON syntax"),
        ('{"issues": 3}', 1, "not a Jira export"),
        ('"text"', 1, "not a Jira export"),
    ],
)
def test_broken_json_is_a_format_error(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=message) as caught:
        read_jira(path)
    assert caught.value.line == line


def test_wrong_types_in_fields_are_findings_not_crashes(tmp_path: Path) -> None:
    issues = [
        {
            "key": "A-1",
            "fields": {
                "summary": "ok",
                "issuetype": "Story",
                "status": 3,
                "updated": "soon",
                "fixVersions": "R1",
                "issuelinks": [1, None],
                "assignee": ["x"],
                "duedate": 20260101,
                "timeoriginalestimate": -4,
            },
        },
        {"key": 5},
        "junk",
        {"key": "A-2", "fields": {"summary": None}},
    ]
    result = read_jira(_write(tmp_path, {"issues": issues}))
    assert [t.id for t in result.project.tasks] == ["A-1", "A-2"]
    assert any("'soon' is not a date" in f.message for f in result.findings)
    assert any("issues[1]: not an issue" in f.message for f in result.findings)
