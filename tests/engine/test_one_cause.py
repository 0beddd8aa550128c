"""Many records sharing one cause make one finding: blank fields of a register, links to another plan, questions."""

from __future__ import annotations

import datetime as dt

from pmo.engine.checks.questions import ask_what_is_missing
from pmo.engine.checks.rigor import GROUP_FROM, check_blank_fields, check_link_targets
from pmo.model import Dependency, Person, Project, Task

DAY = dt.date(2026, 6, 15)


def _milestones(count: int) -> tuple[Task, ...]:
    return tuple(Task(f"M{i}", f"Gate {i}", milestone=True, finish=DAY) for i in range(count))


def test_a_few_blank_owners_are_named_one_by_one() -> None:
    project = Project("P", "P", manager="ann", sponsor="bob", tasks=_milestones(GROUP_FROM - 1))
    found = [f for f in check_blank_fields(project, DAY) if f.subject.kind == "task"]
    assert [f.subject.id for f in found] == ["M0", "M1", "M2"]


def test_many_records_blank_in_the_same_field_are_one_finding() -> None:
    project = Project("P", "Plant", manager="ann", sponsor="bob", tasks=_milestones(12))
    found = [f for f in check_blank_fields(project, DAY) if "tasks" in f.message]
    [finding] = found
    assert finding.subject.kind == "project"
    assert finding.message.startswith("The owner of 12 tasks is blank: M0 Gate 0, M1 Gate 1")
    assert finding.message.endswith("and 7 more.")
    assert finding.detail["records"].split(", ") == [f"M{i}" for i in range(12)]


def test_links_to_another_plan_are_one_finding() -> None:
    links = tuple(Dependency(f"X-{i}", "T1") for i in range(6))
    project = Project("P", "P", tasks=(Task("T1", "Build", duration=2),), dependencies=links)
    [finding] = check_link_targets(project, DAY)
    assert finding.message.startswith("6 links name 6 tasks the plan does not have (X-0 -> T1 FS")
    assert finding.detail["tasks"].split(", ") == [f"X-{i}" for i in range(6)]


def test_one_question_per_person_listing_the_records() -> None:
    tasks = (Task("T1", "Dig", owner="ann"), Task("T2", "Pour", owner="ann"), Task("T3", "Cure", owner="bob"))
    project = Project("P", "P", people=(Person("ann", "Ann Lee"), Person("bob", "Bob Stone")), tasks=tasks)
    found = {f.detail["who"]: f for f in ask_what_is_missing(project, DAY)}
    assert found["Ann Lee (ann)"].message == "Ask Ann Lee (ann): how long will these 2 tasks take? T1 (Dig) and T2 (Pour)."
    assert found["Ann Lee (ann)"].subject.kind == "person"
    assert found["Bob Stone (bob)"].message == "Ask Bob Stone (bob): how long will T3 (Cure) take?"
    assert found["Bob Stone (bob)"].subject.id == "T3"


def test_an_unknown_name_is_one_finding_listing_where_it_is_used() -> None:
    from pmo.engine.checks.rigor import check_people
    from pmo.model import Action

    people = (Person("ann", "Ann Lee"), Person("aroux", "Ann Roux"), Person("bob", "Bob Stone"))
    actions = (*(Action(f"A{i}", f"Task {i}", owner="Ann") for i in range(3)), Action("A9", "Call", owner="Zoe"))
    project = Project("P", "P", people=people, actions=actions, author="The PMO office")
    found = {f.detail["candidates"]: f for f in check_people(project, DAY)}
    ann = found["Ann Lee (ann), Ann Roux (aroux)"]
    assert ann.message.startswith("'Ann' (owner of action A0 (Task 0), owner of action A1 (Task 1) and owner of action A2")
    assert "matches several people (Ann Lee (ann) and Ann Roux (aroux))" in ann.message
    assert ann.subject.kind == "person"
    assert found["none"].message.endswith("matches no person of the project.") and len(found) == 2  # the author is no member


def test_many_thin_paths_are_the_five_tightest_and_one_for_the_rest() -> None:
    from pmo.engine.schedule import schedule

    long = Task("L", "Long haul", duration=20)
    short = tuple(Task(f"S{i}", f"Side {i}", duration=16 + (i % 4)) for i in range(10))
    end = Task("E", "End", milestone=True)
    links = tuple(Dependency(t.id, "E") for t in (long, *short))
    project = Project("P", "P", tasks=(long, *short, end), dependencies=links)
    found = [f for f in schedule(project, DAY).findings if f.code == "near-critical"]
    assert len(found) == 6
    [rest] = [f for f in found if f.subject.kind == "project"]
    assert rest.message.startswith("5 more chains (5 tasks) have under 5 working days of float")
    shown = sorted(float(f.detail["float"]) for f in found if f.subject.kind == "task")
    assert len(shown) == 5 and shown[0] == 1.0
    assert max(shown) <= min(float(part.split("(")[1].rstrip(")")) for part in rest.detail["chains"].split("; "))
