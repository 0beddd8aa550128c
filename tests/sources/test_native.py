"""The native YAML file: errors name file and line; export then import gives an equal model."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.errors import FormatError
from pmo.model import (
    Action,
    Assignment,
    Attendee,
    Calendar,
    CheckIn,
    Commitment,
    Constraint,
    ConstraintType,
    Decision,
    DecisionStatus,
    Dependency,
    Estimate,
    GovernanceRule,
    ItemStatus,
    LagUnit,
    LinkType,
    Meeting,
    MeetingKind,
    NotApplicable,
    Pending,
    Person,
    PrepStep,
    Project,
    Risk,
    Task,
)
from pmo.sources.native import dump_native, read_native

HEADER = "pmo: 1\nproject:\n  key: P\n  name: Test\n  status_date: 2026-06-15\n"


def refused(tmp_path: Path, text: str) -> FormatError:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(FormatError) as caught:
        read_native(path)
    assert str(caught.value).startswith(f"{path}:")
    return caught.value


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("tasks:\n  - id: A\n    name: Design\n    durration: 5\n", 9, "unknown field 'durration' (did you mean 'duration'?)"),
        ("tasks:\n  - id: A\n    name: Design\n    start: 2026-02-30\n", 9, "not a valid date"),
        ("tasks:\n  - id: A\n    name: Design\n    duration: five\n", 9, "valid number"),
        ("tasks:\n  - {id: A, name: a}\n  - {id: A, name: b}\n", 8, "duplicate task id 'A' (first at line 7)"),
        ("tasks:\n  - {id: A, name: a, depends_on: [Z]}\n", 7, "unknown task 'Z'"),
        ("tasks:\n  - {id: A, name: a}\n  - {id: B, name: b, depends_on: ['A XX+2']}\n", 8, "write 'ID'"),
        ("tasks:\n  - id: A\n    name: [unclosed\n", 9, "YAML syntax"),
        ("actions:\n  - {id: X1, title: t, status: maybe}\n", 7, "'maybe' is not allowed"),
        ("risks:\n  - {id: R1}\n", 7, "required field is missing"),
        ("tasks: 3\n", 6, "'tasks:' must be a list"),
        ("taks:\n  - {id: A}\n", 6, "unknown section 'taks'"),
        ("tasks:\n  - {id: A, name: a, duration: -5}\n", 7, "duration cannot be negative (-5)"),
        ("tasks:\n  - {id: A, name: a, duration: .nan}\n", 7, "duration must be a number of days, not nan"),
        ("tasks:\n  - {id: A, name: a, duration: 1e300}\n", 7, "beyond 100,000 days"),
        ("tasks:\n  - {id: A, name: a}\n  - {id: B, name: b, depends_on: ['A FS+99999999d']}\n", 8, "beyond 100,000 days"),
        ("tasks:\n  - {id: A, name: a, estimate: {optimistic: 5, most_likely: 1, pessimistic: 9}}\n", 7,
         "optimistic ≤ most likely ≤ pessimistic"),
        ("project_x: 1\n", 6, "unknown section"),
    ],
)
def test_errors_name_the_line_and_what_is_wrong(tmp_path: Path, body: str, line: int, words: str) -> None:
    error = refused(tmp_path, HEADER + body)
    assert error.line == line, str(error)
    assert words in error.reason


def test_not_a_mapping(tmp_path: Path) -> None:
    assert "'project:' section" in refused(tmp_path, "- just\n- a list\n").reason


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("project: {key: P, name: Cr\xe9dit}\n".encode("latin-1"))
    with pytest.raises(FormatError, match="not UTF-8"):
        read_native(path)


def test_links_and_markers(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        HEADER
        + "  sponsor: {pending: pat, by: 2026-06-20, note: board to name one}\n  budget: {na: internal project}\n"
        + "tasks:\n  - {id: A, name: a, duration: 2}\n"
        + "  - {id: B, name: b, depends_on: [A, 'A SS+2d', 'A FF -1.5ed', {task: A, type: SF, lag: 3}]}\n"
    )
    project = read_native(path)
    assert project.sponsor == Pending("pat", dt.date(2026, 6, 20), "board to name one")
    assert project.budget == NotApplicable("internal project")
    links = [(d.type, d.lag, d.lag_unit) for d in project.dependencies]
    assert links == [
        (LinkType.FS, 0.0, LagUnit.WORKING),
        (LinkType.SS, 2.0, LagUnit.WORKING),
        (LinkType.FF, -1.5, LagUnit.ELAPSED),
        (LinkType.SF, 3.0, LagUnit.WORKING),
    ]
    assert project.tasks[1].source.line == 10


# -- round trip over generated projects ---------------------------------------------------

ident = st.text(string.ascii_letters + string.digits + "-_.", min_size=1, max_size=8)
text = st.text(string.ascii_letters + string.digits + " ,.'-:#é", min_size=1, max_size=20).filter(str.strip)
dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
numbers = st.floats(0, 1000, allow_nan=False, allow_infinity=False)
pending = st.builds(Pending, who=ident, by=dates, note=st.just("") | text)
na = st.builds(NotApplicable, why=text)


def shown(values: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), values, pending, na)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    task_ids = draw(st.lists(ident, min_size=0, max_size=8, unique=True))
    people = draw(st.lists(st.builds(Person, id=ident, name=text, email=st.none() | st.just("a@b.org"),
                                     capacity=st.sampled_from([0.5, 1.0]),
                                     contact_every=st.none() | st.integers(1, 60),
                                     contact_for=st.just("") | text),
                           max_size=3, unique_by=lambda p: p.id))
    tasks = [
        Task(
            id=task_id,
            name=draw(text),
            parent=draw(st.none() | st.sampled_from(task_ids)),
            milestone=draw(st.booleans()),
            deliverable=draw(st.booleans()),
            duration=draw(st.none() | numbers),
            estimate=draw(st.none() | st.lists(numbers, min_size=3, max_size=3).map(lambda v: Estimate(*sorted(v)))),
            owner=draw(shown(ident)),
            assignments=tuple(draw(st.lists(st.builds(Assignment, ident, st.sampled_from([0.5, 1.0])), max_size=2))),
            start=draw(st.none() | dates),
            baseline_finish=draw(st.none() | dates),
            percent_complete=draw(st.sampled_from([0.0, 12.5, 100.0])),
            actual_start=draw(st.none() | dates),
            constraint=draw(st.none() | st.builds(Constraint, st.sampled_from(list(ConstraintType)), dates)),
            budget=draw(st.none() | numbers),
            notes=draw(st.just("") | text),
        )
        for task_id in task_ids
    ]
    links = []
    if task_ids:
        pairs = draw(st.lists(st.tuples(st.sampled_from(task_ids), st.sampled_from(task_ids)), max_size=6, unique=True))
        for pred, succ in pairs:
            links.append(Dependency(pred, succ, draw(st.sampled_from(list(LinkType))),
                                    draw(st.sampled_from([0.0, 2.0, -1.0, 0.5])), draw(st.sampled_from(list(LagUnit)))))
    links.sort(key=lambda link: task_ids.index(link.successor))  # the native file lists links by task
    tz = dt.timezone(dt.timedelta(hours=2))
    start = dt.datetime(2026, 6, 8, 10, 0, tzinfo=tz)
    return Project(
        key=draw(ident),
        name=draw(text),
        status_date=draw(st.none() | dates),
        sponsor=draw(shown(text)),
        budget=draw(shown(numbers)),
        commitments=tuple(draw(st.lists(st.builds(Commitment, text, dates, st.none() | ident), max_size=2))),
        calendars=(Calendar("FR", country="FR", holidays=(dt.date(2026, 8, 14),)),),
        people=tuple(people),
        tasks=tuple(tasks),
        dependencies=tuple(links),
        actions=tuple(draw(st.lists(st.builds(Action, ident, text, shown(ident), shown(dates),
                                              st.sampled_from(list(ItemStatus))), max_size=3, unique_by=lambda a: a.id))),
        risks=tuple(draw(st.lists(st.builds(Risk, ident, text, shown(ident), st.none() | st.integers(1, 5),
                                            st.none() | st.integers(1, 5), shown(text)), max_size=3,
                                  unique_by=lambda r: r.id))),
        decisions=tuple(draw(st.lists(st.builds(Decision, ident, text, st.sampled_from(list(DecisionStatus)),
                                                shown(dates)), max_size=2, unique_by=lambda d: d.id))),
        governance=(GovernanceRule("steerco", "Steering committee", MeetingKind.STEERING, dates=(dt.date(2026, 6, 19),),
                                   preparation=(PrepStep("Pack", 5, "pat"),)),),
        meetings=(Meeting("m1", draw(text), start, start + dt.timedelta(hours=1), MeetingKind.PROJECT,
                          attendees=(Attendee("pat"),)),),
        checkins=tuple(draw(st.lists(st.builds(CheckIn, ident, dates, st.none() | st.integers(1, 5)), max_size=2,
                                     unique_by=lambda c: (c.person, c.date)))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects())
def test_export_then_import_gives_an_equal_model(tmp_path_factory: pytest.TempPathFactory, project: Project) -> None:
    path = tmp_path_factory.mktemp("rt") / "p.yaml"
    path.write_text(dump_native(project))
    again = read_native(path)
    assert again == project
    path.write_text(dump_native(again))
    assert read_native(path) == project


def test_a_task_can_be_optional(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("project: {key: P, name: P}\ntasks:\n  - {id: A, name: Build, duration: 5}\n"
                    "  - {id: B, name: Nice report, duration: 3, optional: true}\n", encoding="utf-8")
    tasks = {t.id: t for t in read_native(path).tasks}
    assert tasks["B"].optional and not tasks["A"].optional
