"""constraint-conflict: a pinned date or a deadline the predecessors make impossible (MS Project's scheduling conflict)."""

from __future__ import annotations

import datetime as dt

from pmo.engine.schedule import schedule
from pmo.model import Constraint, ConstraintType, Dependency, Project, Task

MONDAY = dt.date(2026, 6, 1)


def conflicts(*tasks: Task, links: tuple[Dependency, ...]) -> list[str]:
    project = Project("P", "P", start=MONDAY, tasks=tasks, dependencies=links)
    return [f.message for f in schedule(project).findings if f.code == "constraint-conflict"]


def test_a_pinned_start_before_its_predecessor_ends() -> None:
    design = Task("A", "Design", duration=10)  # 1 to 12 June
    build = Task("B", "Build", duration=3, constraint=Constraint(ConstraintType.MSO, dt.date(2026, 6, 8)))
    assert conflicts(design, build, links=(Dependency("A", "B"),)) == [
        "Task B (Build) cannot keep its MSO 2026-06-08: A Design finishes on 2026-06-12, not before its pinned start "
        "2026-06-08."
    ]


def test_a_deadline_the_chain_cannot_meet_and_one_it_can() -> None:
    design = Task("A", "Design", duration=10)
    test = Task("C", "Test", duration=3, deadline=dt.date(2026, 6, 10))  # 15 to 17 June: 5 days late
    doc = Task("D", "Doc", duration=1, deadline=dt.date(2026, 12, 10))
    assert conflicts(design, test, doc, links=(Dependency("A", "C"), Dependency("A", "D"))) == [
        "Task C (Test) cannot keep its deadline 2026-06-10: its predecessors leave it 5 working days short "
        "(negative float)."
    ]
