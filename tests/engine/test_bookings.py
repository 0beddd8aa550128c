"""Bookings summed on the schedule: one resource-overload per person, periods merged, no search."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pmo.engine.bookings import overload_finding, overloads
from pmo.engine.context import AnalysisContext
from pmo.engine.schedule import schedule
from pmo.model import Assignment, Dependency, Person, Project, Task

MONDAY = dt.date(2026, 6, 1)


def project() -> Project:
    """Ann (capacity 1) on A and B in parallel for 3 days, then C alone, then D with E at 0.5 + 0.75."""
    ann = (Assignment("ann", 0.6),)
    return Project(
        key="X", name="X", status_date=MONDAY, start=MONDAY,
        people=(Person("ann", "Ann Lee"), Person("bob", "Bob Roy", capacity=0.5)),
        tasks=(
            Task("A", "Design", duration=3, assignments=ann),
            Task("B", "Build", duration=3, assignments=ann),
            Task("C", "Check", duration=2, assignments=ann),
            Task("D", "Deploy", duration=2, assignments=(Assignment("ann", 0.5),)),
            Task("E", "Explain", duration=1, assignments=(Assignment("ann", 0.75), Assignment("bob", 0.25))),
            Task("F", "Finish", duration=10),
        ),
        dependencies=(Dependency("A", "C"), Dependency("C", "D"), Dependency("C", "E"), Dependency("A", "F")),
    )


def test_one_overload_per_person_with_the_periods_merged() -> None:
    plan = project()
    computed = schedule(plan, MONDAY)
    [ann] = overloads(plan, computed, MONDAY)
    assert ann.person == "ann" and ann.capacity == 1.0
    assert [(p.first, p.last, p.days, round(p.peak, 2), p.tasks) for p in ann.periods] == [
        (dt.date(2026, 6, 1), dt.date(2026, 6, 3), 3, 1.2, ("A", "B")),
        (dt.date(2026, 6, 8), dt.date(2026, 6, 8), 1, 1.25, ("D", "E")),
    ]
    assert ann.tasks == ("A", "B", "D", "E") and ann.alone == ()


def test_the_finding_names_the_person_the_periods_and_a_task_with_float() -> None:
    plan = project()
    computed = schedule(plan, MONDAY)
    [ann] = overloads(plan, computed, MONDAY)
    finding = overload_finding(plan, computed, ann)
    assert finding.code == "resource-overload" and finding.subject.id == "ann"
    assert finding.message == (
        "Ann Lee (ann) is booked above capacity in 2 periods: 120 % from 2026-06-01 to 2026-06-03; "
        "125 % on 2026-06-08; at worst 125 %."
    )
    assert "A (Design)" in finding.detail["tasks"] and "E (Explain)" in finding.detail["tasks"]
    assert finding.detail["impact"] == "4 working days above capacity, at worst 125 %"
    assert finding.suggestion.startswith("B (Build) has ")  # B has the most float of the tasks not begun


def test_done_work_and_days_before_the_status_date_book_nothing() -> None:
    later = dt.date(2026, 6, 4)
    plan = project()
    done = {"A", "B"}
    tasks = tuple(
        dataclasses.replace(t, percent_complete=100.0, actual_start=MONDAY, actual_finish=dt.date(2026, 6, 3))
        if t.id in done else t
        for t in plan.tasks
    )
    ctx = AnalysisContext(dataclasses.replace(plan, tasks=tasks, status_date=later), later)
    assert [(p.first, p.tasks) for o in ctx.overloads for p in o.periods] == [(dt.date(2026, 6, 8), ("D", "E"))]
    assert "_leveled" not in ctx.__dict__
