"""A plan that cannot be scheduled still gives a complete review, with the reason as an error finding."""

from __future__ import annotations

import datetime as dt

from pmo.engine.review.build import build_review
from pmo.model import Calendar, Dependency, Project, Task
from pmo.render.report import render_report


def test_a_calendar_without_working_days() -> None:
    project = Project("X", "X", calendar="none", calendars=(Calendar("none", working_weekdays=()),),
                      tasks=(Task("A", "Work", duration=2),))
    review = build_review(project, dt.date(2026, 6, 15))
    [failed] = [f for f in review.findings if f.code == "schedule-failed"]
    assert "has no working day" in failed.message
    assert review.finish is None and review.critical_path == () and review.gantt == ()


def test_dates_beyond_any_calendar() -> None:
    tasks = tuple(Task(f"T{i}", "Work", duration=90_000) for i in range(40))
    links = tuple(Dependency(f"T{i}", f"T{i + 1}") for i in range(39))
    review = build_review(Project("X", "X", tasks=tasks, dependencies=links), dt.date(2026, 6, 15))
    assert [f.code for f in review.findings if f.severity.value == "error"] == ["schedule-failed"]
    documents = render_report(review, ("md", "html"))
    assert "schedule-failed" in str(documents["md"]) and "schedule-failed" in str(documents["html"])
