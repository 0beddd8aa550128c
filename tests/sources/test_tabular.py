"""Excel and CSV plans and registers: recognition, columns, values, findings, round trip."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from pmo.engine.checks.rigor import check_people
from pmo.errors import FormatError, InputError
from pmo.exports.xlsx import write_registers
from pmo.model import (
    Action,
    Assumption,
    Decision,
    DecisionStatus,
    Issue,
    ItemStatus,
    LinkType,
    NotApplicable,
    Pending,
    Person,
    Project,
    Risk,
)
from pmo.model.resolve import resolve
from pmo.sources.base import ReadContext
from pmo.sources.tabular.reader import TabularReader, read_tabular

DATA = Path(__file__).resolve().parent.parent / "data" / "tabular"
PEOPLE = (
    Person("ann", "Ann Lee", "ann@example.com"),
    Person("bob", "Bob Martin", "bob@example.com"),
    Person("bobby", "Bob Stone"),
    Person("carla", "Carla Diaz", "carla@example.com"),
)
CONTEXT = ReadContext(project=Project("ERP", "ERP", people=PEOPLE))


def loaded(project: Project) -> Project:
    """The records as the store loads them into a project of PEOPLE (people resolved)."""
    return resolve(dataclasses.replace(project, people=PEOPLE))


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    for index, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _codes(result: object) -> list[str]:
    return [f.code for f in result.findings]  # type: ignore[attr-defined]


def test_french_action_log_csv_with_semicolons() -> None:
    result = read_tabular(DATA / "actions.csv", CONTEXT)
    assert result.project.actions[0].owner == "Ann"  # kept as written
    project = loaded(result.project)
    actions = {a.id: a for a in project.actions}
    assert set(actions) == {"A-1", "A-2", "A-3", "A-4", "A-5"}
    assert actions["A-1"].owner == "ann" and actions["A-1"].due == dt.date(2026, 6, 12)
    assert actions["A-1"].status is ItemStatus.IN_PROGRESS and actions["A-1"].notes == "au sponsor"
    assert actions["A-2"].due == dt.date(2026, 6, 20) and actions["A-2"].owner == "bob"
    assert actions["A-3"].due == dt.date(2026, 6, 15) and actions["A-3"].status is ItemStatus.DONE
    assert actions["A-4"].due is None and actions["A-4"].owner == "Zed"
    assert actions["A-5"].owner == "Bob"  # two Bobs: kept as written, with a finding of the Review
    lines = [f.line() for f in result.findings]
    assert any("D5: '31/02/2026' is not a date" in line and "actions.csv:5" in line for line in lines)
    unresolved = [f.line() for f in check_people(project, dt.date(2026, 6, 8))]
    assert any("actions.csv:7" in line and "'Bob'" in line for line in unresolved)
    assert any("import-column-ignored: G1: column 'Budget'" in line for line in lines)


def test_raid_sheet_sends_rows_to_their_register() -> None:
    project = loaded(read_tabular(DATA / "raid.csv", CONTEXT).project)
    assert [r.id for r in project.risks] == ["R1", "R2", "R3"]
    r1, r2, r3 = project.risks
    assert (r1.probability, r1.impact, r1.mitigation, r1.raised) == (
        4,
        4,
        "Weekly vendor checkpoint",
        dt.date(2026, 5, 2),
    )
    assert (r2.probability, r2.impact, r2.owner) == (2, 3, "bob")
    assert r3.probability is None
    assert project.issues[0].resolution == "Rebuild from image" and project.issues[0].due == dt.date(
        2026, 6, 10
    )
    assert project.decisions[0].status is DecisionStatus.TAKEN and project.decisions[0].date == dt.date(
        2026, 6, 8
    )
    assert project.assumptions[0].validate_by == dt.date(2026, 9, 1)


def test_plan_with_wbs_predecessors_and_lags() -> None:
    result = read_tabular(DATA / "plan.csv", CONTEXT)
    tasks = {t.id: t for t in result.project.tasks}
    assert tasks["2"].parent == "1" and tasks["2"].duration == 10.0 and tasks["2"].percent_complete == 100.0
    assert tasks["5"].milestone and tasks["5"].baseline_finish == dt.date(2026, 7, 15)
    links = {(d.predecessor, d.successor, d.type, d.lag) for d in result.project.dependencies}
    assert links == {
        ("2", "3", LinkType.FS, 0.0),
        ("3", "4", LinkType.FS, 2.0),
        ("2", "4", LinkType.SS, 0.0),
        ("4", "5", LinkType.FS, 0.0),
    }
    assert any("predecessor '99' names no task" in f.message for f in result.findings)


def test_contacts_become_people() -> None:
    result = read_tabular(DATA / "contacts.csv")
    assert [(p.id, p.name, p.email) for p in result.project.people] == [
        ("ann", "Ann Lee", "ann@example.com"),
        ("bob", "Bob Martin", "bob@example.com"),
        ("carla-diaz", "Carla Diaz", None),
    ]


def test_column_map_names_other_columns(tmp_path: Path) -> None:
    path = tmp_path / "suivi.csv"
    path.write_text("Sujet;Porteur;Date cible;Budget\nRelancer;Ann;03/04/2026;12\n", encoding="utf-8")
    context = ReadContext(project=CONTEXT.project, options={"map": "Date cible=due, Budget=ignore"})
    result = read_tabular(path, context)
    assert result.project.actions[0].due == dt.date(2026, 4, 3)  # day first
    assert "import-column-ignored" not in _codes(result)
    us = read_tabular(path, ReadContext(options={"map": "Date cible=due", "dayfirst": "no"}))
    assert us.project.actions[0].due == dt.date(2026, 3, 4)


def test_unknown_mapped_field_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    path.write_text("Action;Owner;Due\nx;Ann;2026-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown field 'duee'"):
        read_tabular(path, ReadContext(options={"map": "Date cible=duee"}))


def test_xlsx_cells_serials_shares_and_bad_dates(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "actions.xlsx",
        {
            "Notes": [["nothing here"]],
            "Actions": [
                ["Action log"],
                ["ID", "Action", "Owner", "Due date", "Status"],
                *[[f"A{n}", f"do {n}", "Ann", dt.datetime(2026, 6, n), "open"] for n in range(1, 5)],
                ["A5", "serial", "ann@example.com", 46188, "done"],
                ["A6", "bad", "Ann", "31/02/2026", "green"],
            ],
            "Plan": [["Task", "Start", "Finish", "% complete"], ["Build", 46174, 46188, 0.25]],
        },
    )
    result = read_tabular(path, CONTEXT)
    actions = {a.id: a for a in result.project.actions}
    assert actions["A5"].due == dt.date(2026, 6, 15) and actions["A5"].status is ItemStatus.DONE
    assert actions["A6"].due is None and actions["A6"].status is ItemStatus.OPEN
    messages = [f.message for f in result.findings]
    assert "Actions!D8: '31/02/2026' is not a date; left blank" in messages
    assert any(m.startswith("Actions!E8: status 'green' is not understood") for m in messages)
    assert any("sheet 'Notes' skipped" in m for m in messages)
    task = result.project.tasks[0]
    assert (task.start, task.finish, task.percent_complete) == (
        dt.date(2026, 6, 1),
        dt.date(2026, 6, 15),
        25.0,
    )


def test_round_trip_of_the_registers(tmp_path: Path) -> None:
    project = Project(
        "ERP",
        "ERP",
        actions=(
            Action(
                "A1",
                "=send plan",
                owner="ann",
                due=dt.date(2026, 6, 1),
                status=ItemStatus.IN_PROGRESS,
                opened=dt.date(2026, 5, 1),
                closed=None,
                origin="weekly",
                notes="two\nlines",
            ),
            Action(
                "A2",
                "find owner",
                owner=Pending("bob", dt.date(2026, 6, 3), "asking HR"),
                due=NotApplicable("ongoing duty"),
                status=ItemStatus.CANCELLED,
            ),
        ),
        risks=(
            Risk(
                "R1",
                "vendor",
                owner="ann",
                probability=3,
                impact=5,
                mitigation=NotApplicable("accepted"),
                raised=dt.date(2026, 1, 2),
                closed=dt.date(2026, 2, 1),
                status=ItemStatus.CLOSED,
            ),
        ),
        issues=(Issue("I1", "env down", priority="high", due=dt.date(2026, 7, 1), resolution="rebuild"),),
        decisions=(
            Decision(
                "D1",
                "wave 2",
                status=DecisionStatus.PROPOSED,
                date=dt.date(2026, 3, 3),
                decided_by="ann",
                rationale="risk",
            ),
        ),
        assumptions=(
            Assumption("AS1", "volumes", owner="carla", validate_by=dt.date(2026, 2, 2), validated=True),
        ),
    )
    path = tmp_path / "registers.xlsx"
    write_registers(project, path)
    again = read_tabular(path, CONTEXT)
    for name in ("actions", "risks", "issues", "decisions", "assumptions"):
        assert getattr(again.project, name) == getattr(project, name), name
    assert again.findings == ()
    assert TabularReader().identify(path, path.read_bytes()[:4096])


def test_identify_and_broken_workbook(tmp_path: Path) -> None:
    reader = TabularReader()
    assert reader.identify(DATA / "actions.csv", (DATA / "actions.csv").read_bytes())
    assert not reader.identify(Path("x.csv"), b"Issue key,Summary,Issue Type\n")
    assert not reader.identify(Path("x.yaml"), b"project:")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FormatError, match=r"broken\.xlsx: not a readable Excel workbook"):
        read_tabular(broken)


def test_csv_with_nul_bytes_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    path.write_bytes(b"Action,Owner\nok,Ann\nbad\x00row,Bob\n")
    with pytest.raises(FormatError) as caught:
        read_tabular(path)
    assert caught.value.line == 3


def test_an_optional_column_marks_tasks_that_can_be_descoped(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("ID,Task Name,Duration,Optional\n1,Build,5d,no\n2,Nice report,3d,yes\n", encoding="utf-8")
    tasks = {t.id: t for t in read_tabular(path, CONTEXT).project.tasks}
    assert not tasks["1"].optional and tasks["2"].optional
