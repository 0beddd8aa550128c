"""task-stale and plan-not-tracked: one finding per cause, "never updated" only where the source says so."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pmo.engine.review.build import build_review
from pmo.model import Person, Project, Source, Task

STATUS = dt.date(2026, 6, 15)
PEOPLE = (Person("ann", "Ann Lee"), Person("bob", "Bob Stone"))


def findings(project: Project, code: str, as_of: dt.date | None = None) -> list[str]:
    return [f.line() for f in build_review(project, as_of or project.status_date or STATUS).findings if f.code == code]


def ms_project(*tasks: Task, status: dt.date | None = None, saved: dt.date | None = None) -> Project:
    """A plan as the MSPDI reader gives it: no update date per task."""
    return Project(
        "MSP", "From MS Project", status_date=status, last_saved=saved, people=PEOPLE,
        tasks=tuple(dataclasses.replace(t, updated_with_plan=True) for t in tasks),
        source=Source(file="plan.xml", line=2),
    )


STARTED = Task("1", "Pour the slab", duration=10, owner="ann", start=dt.date(2026, 6, 1),
               actual_start=dt.date(2026, 6, 1), percent_complete=30)
LATE = Task("2", "Erect the frame", duration=10, owner="bob", start=dt.date(2026, 6, 8))
LATER = Task("3", "Roof", duration=10, owner="bob", start=dt.date(2026, 6, 10))


def test_ms_project_tasks_are_fresh_at_the_plans_status_date() -> None:
    assert findings(ms_project(STARTED, LATE, status=STATUS), "task-stale") == []


def test_ms_project_tasks_stale_since_the_status_date_are_one_finding_naming_them() -> None:
    as_of = STATUS + dt.timedelta(days=30)
    [line] = findings(ms_project(STARTED, LATE, LATER, status=STATUS), "task-stale", as_of)
    assert line.startswith("plan.xml:2: warning task-stale: 3 open tasks that should be moving have had no "
                           "progress recorded since the plan was last brought up to date on 2026-06-15 (its status "
                           "date), 30 days before 2026-07-15")
    assert "1 Pour the slab, 2 Erect the frame and 3 Roof; most of them (2) owned by Bob Stone (bob)." in line
    assert "never" not in line


def test_ms_project_plan_saved_long_ago_without_status_date() -> None:
    [line] = findings(ms_project(STARTED, LATE, saved=dt.date(2026, 5, 1)), "task-stale", STATUS)
    assert "on 2026-05-01 (the day it was last saved), 45 days before 2026-06-15" in line


def test_ms_project_plan_with_no_date_at_all_is_never_called_never_updated() -> None:
    assert findings(ms_project(STARTED, LATE), "task-stale", STATUS) == []


def test_native_task_without_update_date_was_never_updated() -> None:
    project = Project("N", "Native", status_date=STATUS, people=PEOPLE, tasks=(STARTED, LATE))
    lines = findings(project, "task-stale")
    assert len(lines) == 2
    assert any("Task 2 (Erect the frame) has never been updated" in line for line in lines)
    assert any("Ask Bob Stone (bob)" in f.suggestion for f in build_review(project, STATUS).findings)


def test_a_plan_without_progress_is_one_finding_not_one_per_task() -> None:
    milestone = Task("M", "Frame inspected", milestone=True, owner="ann", finish=dt.date(2026, 6, 12))
    project = ms_project(LATE, LATER, milestone, Task("4", "Fit-out", start=dt.date(2026, 9, 1)), saved=STATUS)
    review = build_review(project, STATUS)
    codes = [f.code for f in review.findings]
    assert codes.count("plan-not-tracked") == 1
    assert "task-stale" not in codes and "milestone-past-open" not in codes
    [finding] = [f for f in review.findings if f.code == "plan-not-tracked"]
    assert finding.subject.kind == "project" and finding.severity.value == "warning"
    assert "3 tasks (one of them a milestone) should have started or been reached by 2026-06-15" in finding.message
    assert "most of them (2) owned by Bob Stone (bob)" in finding.message
    assert finding.detail["who"] == "Bob Stone (bob)"


def test_a_plan_not_due_to_start_is_silent() -> None:
    project = ms_project(dataclasses.replace(LATE, start=dt.date(2026, 9, 1)), saved=STATUS)
    assert findings(project, "plan-not-tracked", STATUS) == []


def test_in_an_untracked_plan_only_future_constraints_can_conflict() -> None:
    past = Task("5", "Permit", duration=5, start=dt.date(2026, 5, 1), deadline=dt.date(2026, 5, 8))
    project = ms_project(past, LATE, saved=STATUS)
    assert findings(project, "constraint-conflict", STATUS) == []
    assert findings(project, "plan-not-tracked", STATUS) != []


def test_near_critical_tasks_on_one_chain_are_one_finding() -> None:
    from pmo.model import Dependency

    tasks = (
        Task("A", "Design", duration=10), Task("B", "Build", duration=10),
        Task("C", "Side job", duration=8), Task("D", "Other side job", duration=8), Task("E", "Lone", duration=17),
    )
    links = (Dependency("A", "B"), Dependency("C", "D"))
    project = Project("P", "P", start=dt.date(2026, 6, 1), tasks=tasks, dependencies=links)
    lines = findings(project, "near-critical", dt.date(2026, 6, 1))
    assert len(lines) == 2, lines
    assert any("2 linked or parallel tasks have under 5 working days of float (the least: 4 working days on C): "
               "C Side job and D Other side job." in line for line in lines)
    assert any("Task E (Lone) has only 3 working days of float" in line for line in lines)
