"""A Jira Cloud team's plan: hierarchy by numeric ids, a Milestone issue, estimates in seconds, no false findings.

`tests/data/jira/cloud-export.csv` is built like Jira Cloud's "Export -> CSV (all fields)":
Summary first, `Issue id`/`Parent id`, repeated Sprint, Labels, Watchers and link columns,
estimates in seconds, `14/Jan/26 9:05 AM` dates, `Status Category Changed`. The team is
in sprint 3 on Monday 16 February 2026.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from pmo.engine.checks.registry import run_checks
from pmo.engine.context import AnalysisContext
from pmo.engine.review.build import build_review
from pmo.engine.schedule import schedule
from pmo.errors import InputError
from pmo.model import Calendar, Project
from pmo.sources.base import ReadContext
from pmo.sources.jira.reader import JiraReader, add_json_data, mapper_for, read_jira, result_of

EXPORT = Path(__file__).resolve().parent.parent / "data" / "jira" / "cloud-export.csv"
AS_OF = dt.date(2026, 2, 16)


def _project(path: Path = EXPORT, **options: str) -> Project:
    result = read_jira(path, ReadContext(options=options))
    assert result.findings == ()
    return dataclasses.replace(result.project, status_date=AS_OF)


def test_identified_and_named_after_the_jira_project() -> None:
    assert JiraReader().identify(EXPORT, EXPORT.read_bytes()[:4096])
    project = _project()
    assert (project.key, project.name) == ("SHOP", "Web shop relaunch")


def test_epics_are_summaries_of_their_stories_and_stories_of_their_subtasks() -> None:
    project = _project()
    parents = {t.id: t.parent for t in project.tasks}
    assert {k for k, v in parents.items() if v == "SHOP-1"} == {"SHOP-4", "SHOP-5", "SHOP-6", "SHOP-7"}
    assert {k for k, v in parents.items() if v == "SHOP-2"} == {"SHOP-8", "SHOP-9", "SHOP-10", "SHOP-17"}
    assert {k for k, v in parents.items() if v == "SHOP-5"} == {"SHOP-11", "SHOP-12", "SHOP-13"}
    assert parents["SHOP-1"] is None and parents["SHOP-15"] is None
    assert [i.id for i in project.issues] == ["SHOP-14"]  # the bug is an issue, not a task of the epic
    plan = schedule(project, AS_OF)
    assert plan.tasks["SHOP-1"].summary and plan.tasks["SHOP-5"].summary
    assert plan.tasks["SHOP-1"].finish == plan.tasks["SHOP-5"].finish == dt.date(2026, 2, 20)


def test_milestone_issue_is_a_milestone_at_its_due_date() -> None:
    milestone = next(t for t in _project().tasks if t.id == "SHOP-3")
    assert milestone.milestone and milestone.name == "Go-live"
    assert (milestone.start, milestone.finish, milestone.deadline) == (
        None,
        dt.date(2026, 3, 6),
        dt.date(2026, 3, 6),
    )
    assert (milestone.duration, milestone.percent_complete) == (None, 0.0)


def test_estimates_in_seconds_give_durations_remaining_and_percent() -> None:
    tasks = {t.id: t for t in _project().tasks}
    webhook = tasks["SHOP-12"]  # 2 days logged, 3 left: 40 %, started when it went In Progress
    assert (webhook.duration, webhook.remaining, webhook.percent_complete, webhook.actual_start) == (
        5.0,
        3.0,
        40.0,
        dt.date(2026, 2, 5),
    )
    assert tasks["SHOP-8"].percent_complete == 20.0
    # In progress since 9 February with no time logged: the status category's 50 %.
    assert (tasks["SHOP-6"].percent_complete, tasks["SHOP-6"].actual_start) == (50.0, dt.date(2026, 2, 9))
    # Re-estimated from 2 to 3 days before it started: the remaining estimate is the duration.
    assert (tasks["SHOP-9"].duration, tasks["SHOP-9"].percent_complete, tasks["SHOP-9"].actual_start) == (
        3.0,
        0.0,
        None,
    )
    staging = tasks["SHOP-15"]  # done: the start-date field and the resolution date
    assert (staging.actual_start, staging.actual_finish, staging.duration) == (
        dt.date(2026, 1, 14),
        dt.date(2026, 1, 16),
        1.25,
    )
    # A creation date is not a start; a backlog story has none.
    assert tasks["SHOP-10"].start is None and tasks["SHOP-10"].actual_start is None
    assert "Sprint: SHOP Sprint 2" in tasks["SHOP-5"].notes
    assert "Labels: payments, backend" in tasks["SHOP-5"].notes


def test_hours_per_day_option_else_the_project_calendar() -> None:
    webhook = next(t for t in _project(hours_per_day="6").tasks if t.id == "SHOP-12")
    assert (webhook.duration, webhook.remaining) == (pytest.approx(40 / 6, abs=1e-4), 4.0)
    existing = Project("SHOP", "Shop", calendars=(Calendar("std", "Standard", hours_per_day=7.5),))
    read = read_jira(EXPORT, ReadContext(project=existing)).project
    assert next(t for t in read.tasks if t.id == "SHOP-12").remaining == pytest.approx(24 / 7.5)
    with pytest.raises(InputError, match="hours_per_day 'half'"):
        read_jira(EXPORT, ReadContext(options={"hours_per_day": "half"}))


def test_blocks_links_are_dependencies_and_undated_versions_are_not_milestones() -> None:
    project = _project()
    assert [(d.predecessor, d.successor) for d in project.dependencies] == [
        ("SHOP-12", "SHOP-13"),
        ("SHOP-5", "SHOP-3"),
        ("SHOP-6", "SHOP-3"),
        ("SHOP-8", "SHOP-9"),
        ("SHOP-9", "SHOP-3"),
    ]
    assert not any(t.id.startswith("version:") for t in project.tasks)  # a CSV carries no release date


def test_milestone_forecast_follows_its_blockers_remaining_estimates(tmp_path: Path) -> None:
    plan = schedule(_project(), AS_OF)
    # Sign-up (4 days left) then password reset (3 days) drive go-live.
    assert plan.tasks["SHOP-3"].finish == dt.date(2026, 2, 24)
    assert plan.tasks["SHOP-9"].critical and plan.tasks["SHOP-8"].critical
    lines = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    # The team re-estimates password reset at 5 days: go-live moves two working days.
    longer = [line.replace("86400", "144000") if line.startswith("Password reset,") else line for line in lines]
    path = tmp_path / "export.csv"
    path.write_text("".join(longer), encoding="utf-8")
    assert schedule(_project(path), AS_OF).tasks["SHOP-3"].finish == dt.date(2026, 2, 26)


def test_no_progress_error_on_open_work() -> None:
    """In-progress and unstarted issues carry nothing the checks can call inconsistent."""
    project = _project()
    done = {t.id for t in project.tasks if t.done}
    findings = build_review(project, AS_OF).findings
    assert [f for f in findings if f.code == "progress-inconsistent" and f.subject.id not in done] == []
    assert [f.subject.id for f in findings if f.code == "task-stale"] == []


def test_no_progress_error_on_finished_work() -> None:
    """A done issue records when it ended, not always when it began: that is no contradiction."""
    project = _project()
    assert any(t.done and t.actual_start is None for t in project.tasks)
    codes = [f.subject.id for f in run_checks(AnalysisContext(project, AS_OF)) if f.code == "progress-inconsistent"]
    assert codes == []


def _issue(key: str, ident: str, kind: str, category: str, **fields: object) -> dict[str, object]:
    base = {
        "summary": f"{kind} {key}",
        "issuetype": {"name": kind},
        "status": {"name": category, "statusCategory": {"key": category}},
        "project": {"key": "PAY", "name": "Payments"},
    }
    return {"id": ident, "key": key, "fields": {**base, **fields}}


def test_rest_answer_parent_ids_changelog_and_dated_versions(tmp_path: Path) -> None:
    release = {"name": "2.0", "released": False, "releaseDate": "2026-04-30"}
    history = {
        "created": "2026-03-03T09:12:00.000+0100",
        "items": [{"field": "status", "fromString": "To Do", "toString": "In Progress"}],
    }
    issues = [
        _issue("PAY-1", "20001", "Epic", "indeterminate", statuscategorychangedate="2026-03-02T10:00:00.000+0100"),
        {
            **_issue("PAY-2", "20002", "Story", "indeterminate", parent={"id": "20001"}, fixVersions=[release]),
            "changelog": {"histories": [history]},
        },
        _issue("PAY-3", "20003", "Story", "new", parent={"id": "20001"}, fixVersions=[release, {"name": "3.0"}]),
        _issue("PAY-4", "20004", "Sub-task", "new", parent={"id": "29999"}),
    ]
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"issues": issues}), encoding="utf-8")
    result = read_jira(path)
    project = result.project
    tasks = {t.id: t for t in project.tasks}
    assert (project.key, project.name) == ("PAY", "Payments")
    assert (tasks["PAY-2"].parent, tasks["PAY-3"].parent, tasks["PAY-4"].parent) == ("PAY-1", "PAY-1", None)
    assert [f.message for f in result.findings] == [
        "PAY-4: parent id 29999 is not in this export; read without parent"
    ]
    assert tasks["PAY-1"].actual_start == dt.date(2026, 3, 2)
    assert (tasks["PAY-2"].actual_start, tasks["PAY-2"].percent_complete) == (dt.date(2026, 3, 3), 50.0)
    version = tasks["version:2.0"]
    assert version.milestone and (version.finish, version.deadline) == (dt.date(2026, 4, 30),) * 2
    assert "version:3.0" not in tasks  # neither released nor dated
    assert [(d.predecessor, d.successor) for d in project.dependencies] == [
        ("PAY-2", "version:2.0"),
        ("PAY-3", "version:2.0"),
    ]


def test_a_listed_version_and_the_same_version_on_issues_make_one_milestone() -> None:
    mapper = mapper_for(ReadContext())
    named = {"name": "2.0", "released": False, "releaseDate": "2026-04-01"}
    add_json_data("search", {"issues": [_issue("PAY-2", "20002", "Story", "new", fixVersions=[named])]}, mapper)
    listed = [{"name": "2.0", "released": True, "releaseDate": "2026-04-20", "description": "Spring release"}]
    add_json_data("versions", listed, mapper)
    project = result_of(mapper).project
    [version] = [t for t in project.tasks if t.milestone]
    assert (version.id, version.actual_finish, version.percent_complete, version.notes) == (
        "version:2.0",
        dt.date(2026, 4, 20),
        100.0,
        "Spring release",
    )
    assert [(d.predecessor, d.successor) for d in project.dependencies] == [("PAY-2", "version:2.0")]


def test_csv_parent_and_links_given_as_numeric_ids(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text(
        "Summary,Issue key,Issue id,Issue Type,Parent,Outward issue link (Blocks)\n"
        "Design,X-1,501,Story,,502\nBuild,X-2,502,Story,501,\n",
        encoding="utf-8",
    )
    project = read_jira(path).project
    assert [(t.id, t.parent) for t in project.tasks] == [("X-1", None), ("X-2", "X-1")]
    assert [(d.predecessor, d.successor) for d in project.dependencies] == [("X-1", "X-2")]
    assert (project.key, project.name) == ("X", "X")  # no project column: the issue keys name it
