"""The MSPDI writer: import -> export -> import gives an equal model for what the model holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.exports.mspdi import mspdi_bytes, write_mspdi
from pmo.model import (
    Assignment,
    Calendar,
    Constraint,
    ConstraintType,
    Dependency,
    LagUnit,
    LinkType,
    Person,
    Project,
    Task,
)
from pmo.sources.mspdi.reader import read_mspdi

DATA = Path(__file__).resolve().parent.parent / "data" / "mspdi"


def round_trip(project: Project, tmp_path: Path) -> Project:
    path = tmp_path / "out.xml"
    write_mspdi(project, path)
    result = read_mspdi(path)
    assert result.findings == ()
    return result.project


def as_read(project: Project) -> Project:
    """What the MSPDI reader gives back for `project`: MSPDI has no update date per task, and a task
    without an owner is owned by the person assigned to it (the most units, the first on a tie)."""
    def read(task: Task) -> Task:
        owner = task.owner
        if owner is None and task.assignments:
            owner = max(task.assignments, key=lambda a: a.units).person
        return dataclasses.replace(task, updated_with_plan=True, owner=owner)

    return dataclasses.replace(project, tasks=tuple(read(t) for t in project.tasks))


def shared_files(shared: Path) -> list[Path]:
    return sorted([*(shared / "mspdi").glob("*.xml"), *(shared / "mpp").glob("*.xml")])


def test_handmade_round_trip(tmp_path: Path) -> None:
    first = read_mspdi(DATA / "handmade.xml").project
    again = round_trip(first, tmp_path)
    assert again == first


def test_shared_files_round_trip(shared_data: Path, tmp_path: Path) -> None:
    for path in shared_files(shared_data):
        first = read_mspdi(path).project
        again = round_trip(first, tmp_path)
        for name in ("tasks", "dependencies", "people", "calendars"):
            assert getattr(again, name) == getattr(first, name), (path.name, name)
        assert again == first, path.name


def test_non_numeric_ids_survive_in_the_pmo_id_field(tmp_path: Path) -> None:
    project = Project(
        key="ERP",
        name="ERP roll-out",
        calendars=(Calendar("7", "Site", working_weekdays=(0, 1, 2, 3), hours_per_day=7.5),),
        calendar="7",
        people=(Person("alice", "Alice Martin", capacity=0.8), Person("3", "Bob")),
        tasks=(
            Task("design", "Design", wbs="1"),
            Task("3", "Spec", parent="design", duration=2.5, assignments=(Assignment("alice", 0.5),)),
            Task("0", "Build", parent="design", owner="Bob", deliverable=True, assignments=(Assignment("3"),)),
        ),
        dependencies=(
            Dependency("3", "0", LinkType.SS, 1.5),
            Dependency("design", "0", LinkType.FF, -2, LagUnit.ELAPSED),
        ),
    )
    again = round_trip(project, tmp_path)
    assert again == as_read(project)
    assert again.task("3").owner == "alice"  # type: ignore[union-attr]
    text = mspdi_bytes(project).decode()
    assert "<Alias>pmo id</Alias>" in text and "<Value>design</Value>" in text


def test_writer_orders_children_after_their_parent(tmp_path: Path) -> None:
    project = Project(
        key="P",
        name="P",
        tasks=(Task("2", "child", parent="1"), Task("3", "root two"), Task("1", "root one", parent="9")),
    )
    again = round_trip(project, tmp_path)
    # the unknown parent "9" makes task 1 a root; a child follows its parent
    assert [(t.id, t.parent) for t in again.tasks] == [("3", None), ("1", None), ("2", "1")]


def test_invalid_xml_characters_are_dropped(tmp_path: Path) -> None:
    project = Project(key="P", name="P", tasks=(Task("1", "bell\x07 and tab\t", notes="nul\x00"),))
    again = round_trip(project, tmp_path)
    assert (again.tasks[0].name, again.tasks[0].notes) == ("bell and tab", "nul")


# -- random plans ------------------------------------------------------------------------------

TEXT = (
    st.text(string.ascii_letters + string.digits + " -_.,'&<>éà", min_size=1, max_size=20).map(str.strip).filter(bool)
)
DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
HALVES = st.integers(0, 400).map(lambda n: n / 4)


@st.composite
def constraints(draw: st.DrawFn) -> Constraint | None:
    kind = draw(st.sampled_from([None, *[c for c in ConstraintType if c is not ConstraintType.ASAP]]))
    if kind is None:
        return None
    return Constraint(kind, None if kind is ConstraintType.ALAP else draw(DAYS))


@st.composite
def projects(draw: st.DrawFn) -> Project:
    count = draw(st.integers(0, 12))
    ids = draw(
        st.lists(
            st.one_of(st.integers(1, 10_000).map(str), st.text(string.ascii_lowercase + "-", min_size=1, max_size=6)),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    people = tuple(Person(f"p{i}", f"Person {i}", capacity=draw(st.sampled_from([0.5, 1.0, 2.0]))) for i in range(3))
    calendars = (
        Calendar(
            "1",
            "Standard",
            hours_per_day=draw(st.sampled_from([7.0, 7.5, 8.0])),
            holidays=tuple(sorted(set(draw(st.lists(DAYS.filter(lambda d: d.weekday() < 5), max_size=3))))),
            working_dates=tuple(sorted(set(draw(st.lists(DAYS.filter(lambda d: d.weekday() >= 5), max_size=2))))),
        ),
    )
    tasks = []
    for index, ident in enumerate(ids):
        parent = draw(st.one_of(st.none(), st.sampled_from(ids[:index]))) if index else None
        tasks.append(
            Task(
                id=ident,
                name=draw(TEXT),
                parent=parent,
                wbs=draw(st.one_of(st.none(), TEXT)),
                milestone=draw(st.booleans()),
                deliverable=draw(st.booleans()),
                duration=draw(st.one_of(st.none(), HALVES)),
                effort=draw(st.one_of(st.none(), st.integers(1, 4000).map(lambda n: n / 4))),
                owner=draw(st.one_of(st.none(), TEXT)),
                assignments=tuple(
                    Assignment(p, draw(st.sampled_from([0.25, 0.5, 1.0])))
                    for p in draw(st.lists(st.sampled_from([p.id for p in people]), unique=True, max_size=2))
                ),
                start=draw(st.one_of(st.none(), DAYS)),
                finish=draw(st.one_of(st.none(), DAYS)),
                baseline_start=draw(st.one_of(st.none(), DAYS)),
                baseline_finish=draw(st.one_of(st.none(), DAYS)),
                percent_complete=float(draw(st.integers(0, 100))),
                actual_start=draw(st.one_of(st.none(), DAYS)),
                actual_finish=draw(st.one_of(st.none(), DAYS)),
                remaining=draw(st.one_of(st.none(), HALVES)),
                constraint=draw(constraints()),
                deadline=draw(st.one_of(st.none(), DAYS)),
                calendar=draw(st.sampled_from([None, "1"])),
                budget=draw(st.one_of(st.none(), st.integers(1, 10**7).map(lambda n: n / 100))),
                actual_cost=draw(st.one_of(st.none(), st.integers(1, 10**7).map(lambda n: n / 100))),
                notes=draw(st.one_of(st.just(""), TEXT)),
            )
        )
    links: dict[tuple[str, str, LinkType], Dependency] = {}
    if count >= 2:
        for _ in range(draw(st.integers(0, 2 * count))):
            predecessor, successor = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            kind = draw(st.sampled_from(list(LinkType)))
            lag = draw(st.integers(-40, 40)) / 4
            links.setdefault(
                (predecessor, successor, kind),
                Dependency(predecessor, successor, kind, lag, draw(st.sampled_from(list(LagUnit)))),
            )
    # the reader lists links by successor, in task order
    order = {ident: index for index, ident in enumerate(ids)}
    dependencies = tuple(sorted(links.values(), key=lambda d: order[d.successor]))
    return Project(
        key=draw(st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=8)),
        name=draw(TEXT),
        status_date=draw(st.one_of(st.none(), DAYS)),
        start=draw(st.one_of(st.none(), DAYS)),
        manager=draw(st.one_of(st.none(), TEXT)),
        currency=draw(st.sampled_from(["EUR", "USD", "GBP"])),
        calendar="1",
        calendars=calendars,
        people=people,
        tasks=tuple(tasks),
        dependencies=dependencies,
    )


def outline_order(project: Project) -> Project:
    """Tasks depth first, as MSPDI lists them."""
    kids: dict[str | None, list[Task]] = {}
    for task in project.tasks:
        kids.setdefault(task.parent, []).append(task)
    ordered: list[Task] = []

    def visit(parent: str | None) -> None:
        for task in kids.get(parent, []):
            ordered.append(task)
            visit(task.id)

    visit(None)
    order = {t.id: i for i, t in enumerate(ordered)}
    links = sorted(project.dependencies, key=lambda d: order[d.successor])
    return dataclasses.replace(project, tasks=tuple(ordered), dependencies=tuple(links))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project=projects())
def test_random_plans_round_trip(tmp_path: Path, project: Project) -> None:
    expected = as_read(outline_order(project))
    again = round_trip(project, tmp_path)
    for mine, theirs in zip(again.tasks, expected.tasks, strict=True):
        assert mine == theirs
    assert again.dependencies == expected.dependencies
    assert again == expected


@pytest.mark.parametrize("name", ["handmade.xml"])
def test_written_file_is_stable(tmp_path: Path, name: str) -> None:
    """Writing what was read from our own output gives the same bytes (no drift)."""
    first = mspdi_bytes(read_mspdi(DATA / name).project)
    path = tmp_path / "again.xml"
    path.write_bytes(first)
    assert mspdi_bytes(read_mspdi(path).project) == first


def sample_project() -> Project:
    """A small plan with pmo ids (not MSPDI UIDs), as a native file would hold it."""
    return Project(
        key="ERP",
        name="ERP roll-out",
        status_date=dt.date(2026, 6, 15),
        start=dt.date(2026, 6, 1),
        calendar="std",
        calendars=(Calendar("std", "Standard", hours_per_day=7.5, holidays=(dt.date(2026, 7, 14),)),),
        people=(Person("alice", "Alice Martin", team="PMO"), Person("bob", "Bob Stone", capacity=0.5)),
        tasks=(
            Task("design", "Design", wbs="1", owner="alice"),
            Task(
                "spec",
                "Specify",
                parent="design",
                duration=5,
                effort=37.5,
                percent_complete=40,
                start=dt.date(2026, 6, 1),
                finish=dt.date(2026, 6, 5),
                baseline_finish=dt.date(2026, 6, 4),
                assignments=(Assignment("alice"),),
                constraint=Constraint(ConstraintType.SNET, dt.date(2026, 6, 1)),
            ),
            Task(
                "review", "Review", parent="design", duration=2, deliverable=True, assignments=(Assignment("bob", 0.5),)
            ),
            Task("golive", "Go live", milestone=True, duration=0, deadline=dt.date(2026, 7, 31)),
        ),
        dependencies=(
            Dependency("spec", "review"),
            Dependency("review", "golive", LinkType.FS, 2, LagUnit.ELAPSED),
        ),
    )


def test_writer_output_matches_its_golden_file(tmp_path: Path) -> None:
    """tests/data/mspdi/written-by-pmo.xml is what the writer makes of `sample_project`."""
    import os

    golden = DATA / "written-by-pmo.xml"
    data = mspdi_bytes(sample_project())
    if os.environ.get("PMO_REGEN_GOLDEN") == "1":
        golden.write_bytes(data)
    assert data == golden.read_bytes()
    again = read_mspdi(golden).project
    expected = dataclasses.replace(
        as_read(sample_project()),
        calendar="1",  # calendar ids become MSPDI UIDs
        calendars=(dataclasses.replace(sample_project().calendars[0], id="1"),),
        people=tuple(dataclasses.replace(p, calendar=None) for p in sample_project().people),
        tasks=tuple(dataclasses.replace(t, calendar=None) for t in as_read(sample_project()).tasks),
    )
    assert again == expected


def test_public_holidays_of_the_calendars_country_are_written_as_exceptions(tmp_path: Path) -> None:
    """MSPDI has no country: the holidays pmo takes from it travel as exceptions, so dates survive."""
    from pmo.engine.schedule import schedule
    from pmo.exports.mspdi import write_mspdi
    from pmo.model import Calendar, Project, Task
    from pmo.sources.mspdi.reader import read_mspdi

    project = Project("FR", "FR", start=dt.date(2026, 7, 1), calendar="FR", calendars=(Calendar("FR", country="FR"),),
                      tasks=(Task("1", "Work", duration=15),))
    write_mspdi(project, tmp_path / "fr.xml")
    again = read_mspdi(tmp_path / "fr.xml").project
    assert dt.date(2026, 7, 14) in again.calendars[0].holidays  # Bastille Day, a Tuesday
    assert schedule(again).tasks["1"].finish == schedule(project).tasks["1"].finish == dt.date(2026, 7, 22)
