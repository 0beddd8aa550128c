"""Loops in the links are named task by task, reported, and the rest still schedules."""

from __future__ import annotations

from schedule_support import dates, link, run

from pmo.engine.schedule import find_cycles
from pmo.model import Project, Source, Task

TASKS = [Task(n, n, duration=1) for n in "ABCD"]


def test_loop_is_named_and_the_rest_schedules() -> None:
    closing = link("C", "A")
    closing = type(closing)("C", "A", source=Source(file="plan.yaml", line=12))
    result = run(TASKS, [link("A", "B"), link("B", "C"), closing, link("C", "D")])
    assert result.cycles == [["A", "B", "C"]]
    (finding,) = [f for f in result.findings if f.code == "dependency-cycle"]
    assert finding.severity.value == "error"
    assert "A -> B -> C -> A" in finding.message
    assert finding.source == Source(file="plan.yaml", line=12)
    assert dates(result, "D") == ("01-09", "01-09")  # A, B, C chained once the loop is cut


def test_find_cycles_finds_each_loop() -> None:
    deps = [link("A", "B"), link("B", "A"), link("C", "D"), link("D", "C")]
    project = Project(key="T", name="T", tasks=tuple(TASKS), dependencies=tuple(deps))
    assert find_cycles(project) == [["A", "B"], ["C", "D"]]
    assert find_cycles(Project(key="T", name="T", tasks=tuple(TASKS))) == []


def test_self_link_and_loops_sharing_a_task() -> None:
    deps = [link("A", "A"), link("B", "C"), link("C", "B"), link("C", "D"), link("D", "B")]
    result = run(TASKS, deps)
    assert result.cycles == [["A"], ["B", "C"], ["B", "C", "D"]]
    assert len([f for f in result.findings if f.code == "dependency-cycle"]) == 3


def test_loop_through_a_summary_is_named_by_the_summary() -> None:
    tasks = [Task("S", "S"), Task("C", "C", parent="S", duration=1), Task("X", "X", duration=1)]
    result = run(tasks, [link("S", "X"), link("X", "C")])
    assert result.cycles == [["C", "S", "X"]]
