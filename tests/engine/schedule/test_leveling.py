"""level(): a Project's plan leveled, with resource-overload findings (expected values inline)."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo.engine.leveling.level import level
from pmo.errors import InputError
from pmo.model import Assignment, Dependency, LinkType, Person, Project, Severity, Task

MONDAY = dt.date(2026, 3, 2)
PEOPLE = (Person("alice", "Alice Martin"), Person("bob", "Bob Stone", capacity=0.5))


def project(*tasks: Task, links: tuple[Dependency, ...] = (), **extra: object) -> Project:
    return Project(key="LEV", name="Leveling", start=MONDAY, people=PEOPLE, tasks=tasks, dependencies=links,
                   **extra)  # type: ignore[arg-type]


def task(ident: str, days: float, *booked: tuple[str, float], **extra: object) -> Task:
    return Task(ident, f"Task {ident}", duration=days,
                assignments=tuple(Assignment(p, u) for p, u in booked), **extra)  # type: ignore[arg-type]


def test_two_full_time_tasks_for_one_person_run_one_after_the_other() -> None:
    # Alice: A (10 days at 100 %) and B (10 days at 80 %) in parallel -> 180 % for two
    # weeks; leveled, B follows A and the plan ends on day 20 instead of day 10
    plan = level(project(task("A", 10, ("alice", 1.0)), task("B", 10, ("alice", 0.8))))
    assert plan.early_starts == {"A": 0.0, "B": 0.0}
    assert sorted(plan.starts.values()) == [0.0, 10.0]
    assert (plan.unleveled_finish, plan.finish) == (10.0, 20.0)
    [finding] = plan.findings
    assert finding.code == "resource-overload"
    assert finding.severity is Severity.WARNING
    assert (finding.subject.kind, finding.subject.id) == ("person", "alice")
    assert finding.message == "Alice Martin is booked at 180 % from 2026-03-02 to 2026-03-13."
    assert finding.detail["tasks"] == "A (Task A), B (Task B)"
    assert "10 working days" in finding.detail["impact"]
    moved = "B" if plan.starts["B"] else "A"
    assert f"start {moved} on 2026-03-16 instead of 2026-03-02" in finding.suggestion
    [overload] = plan.overloads
    assert (overload.first, overload.last, overload.peak) == (0.0, 9.0, 1.8)


def test_no_overload_no_finding_and_nothing_moves() -> None:
    plan = level(project(task("A", 3, ("alice", 0.5)), task("B", 4, ("alice", 0.5)), task("C", 2)))
    assert plan.findings == ()
    assert plan.starts == plan.early_starts == {"A": 0.0, "B": 0.0, "C": 0.0}


def test_leveling_uses_slack_before_moving_the_end() -> None:
    # A (5 d) -> C (5 d) is the critical path; B (3 d, Alice) overlaps A (Alice) and has
    # slack: it moves to day 5, the end stays at day 10
    plan = level(project(task("A", 5, ("alice", 1)), task("B", 3, ("alice", 1)), task("C", 5),
                         links=(Dependency("A", "C"),)))
    assert plan.starts == {"A": 0.0, "B": 5.0, "C": 5.0}
    assert plan.finish == plan.unleveled_finish == 10.0
    assert plan.findings[0].detail["impact"] == "Leveling absorbs it without moving the plan's end."


def test_a_single_task_above_capacity_cannot_be_leveled_away() -> None:
    # Bob gives half his days; a 3-day task at 100 % books him at twice that
    plan = level(project(task("T", 3, ("bob", 1.0))))
    [finding] = plan.findings
    assert finding.message == (
        "Bob Stone is booked at 100 % of a full day (capacity 50 %) from 2026-03-02 to 2026-03-04."
    )
    assert "lower the booking" in finding.suggestion
    assert plan.starts == {"T": 0.0}


def test_link_types_and_lags_hold_in_the_leveled_plan() -> None:
    # A 4 d; B SS+2 after A; C FF+1 after A (C is 2 d: finishes >= 5); D SF after A (D 1 d)
    links = (
        Dependency("A", "B", LinkType.SS, 2),
        Dependency("A", "C", LinkType.FF, 1),
        Dependency("A", "D", LinkType.SF, 0),
    )
    plan = level(project(task("A", 4, ("alice", 1)), task("B", 2, ("alice", 1)), task("C", 2), task("D", 1),
                         links=links))
    assert plan.early_starts == {"A": 0.0, "B": 2.0, "C": 3.0, "D": 0.0}
    assert plan.starts["B"] == 4.0  # Alice is busy with A until day 4
    assert plan.finishes["C"] >= plan.finishes["A"] + 1
    assert plan.finishes["D"] >= plan.starts["A"]


def test_early_starts_from_the_cpm_are_release_dates() -> None:
    plan = level(project(task("A", 2, ("alice", 1)), task("B", 2, ("alice", 1))),
                 early_start={"A": 3.0, "B": 3.0})
    assert plan.early_starts == {"A": 3.0, "B": 3.0}
    assert sorted(plan.starts.values()) == [3.0, 5.0]
    assert plan.findings[0].message == "Alice Martin is booked at 200 % from 2026-03-05 to 2026-03-06."


def test_status_date_drops_done_work_and_keeps_running_tasks_first() -> None:
    # at the status date, D is done, R is half done (2 of 4 days left) and N not started:
    # both need Alice; R keeps running, N follows it
    tasks = (
        task("D", 5, ("alice", 1), percent_complete=100.0),
        task("R", 4, ("alice", 1), percent_complete=50.0),
        task("N", 6, ("alice", 1)),
    )
    plan = level(project(*tasks), as_of=dt.date(2026, 3, 9))
    assert set(plan.starts) == {"R", "N"}
    assert plan.starts == {"R": 0.0, "N": 2.0}
    assert plan.origin == dt.date(2026, 3, 9)
    assert plan.findings[0].message == "Alice Martin is booked at 200 % from 2026-03-09 to 2026-03-10."


def test_links_to_summary_tasks_apply_to_their_leaves() -> None:
    tasks = (
        Task("P", "Phase"),
        task("P1", 2, ("alice", 1), parent="P"),
        task("P2", 3, ("bob", 0.5), parent="P"),
        task("Z", 1),
    )
    plan = level(project(*tasks, links=(Dependency("P", "Z"),)))
    assert set(plan.starts) == {"P1", "P2", "Z"}
    assert plan.starts["Z"] == 3.0


def test_half_days_with_a_finer_resolution() -> None:
    plan = level(project(task("A", 0.5, ("alice", 1)), task("B", 0.5, ("alice", 1))), resolution=2)
    assert sorted(plan.starts.values()) == [0.0, 0.5]
    assert plan.finish == 1.0


def test_a_loop_in_the_links_stops_leveling() -> None:
    links = (Dependency("A", "B"), Dependency("B", "A"))
    with pytest.raises(InputError, match="cannot level LEV: the links form a cycle"):
        level(project(task("A", 1), task("B", 1), links=links))


def test_without_any_date_messages_count_working_days() -> None:
    plan = level(Project(key="X", name="x", people=PEOPLE,
                         tasks=(task("A", 2, ("alice", 1)), task("B", 2, ("alice", 1)))))
    assert plan.findings[0].message == "Alice Martin is booked at 200 % from working day 0 to working day 1."
