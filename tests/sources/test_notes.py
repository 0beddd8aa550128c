"""Markdown meeting notes: the note, its entries, owners, dates and ids stable under edits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pmo.engine.checks.rigor import check_people
from pmo.errors import FormatError
from pmo.model import DecisionStatus, ItemStatus, Person, Project
from pmo.model.resolve import resolve
from pmo.sources.base import ReadContext
from pmo.sources.notes import NotesReader, read_notes

DATA = Path(__file__).resolve().parent.parent / "data" / "notes"
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


def test_note_and_entries() -> None:
    result = read_notes(DATA / "2026-06-08-weekly.md", CONTEXT)
    project = loaded(result.project)
    note = project.notes[0]
    assert (note.id, note.date, note.meeting) == ("2026-06-08-weekly", dt.date(2026, 6, 8), "weekly")
    assert note.title == "Weekly project meeting — 2026-06-08"
    assert note.attendees == ("ann", "bob", "carla", "Dana External")
    assert "INFO: the supplier confirmed" in note.text and "ACTION" not in note.text
    a1, a2, a3, a42 = project.actions
    assert (a1.id, a1.title, a1.owner, a1.due) == (
        "2026-06-08-weekly-A1",
        "send the revised plan to the sponsor",
        "ann",
        dt.date(2026, 6, 12),
    )
    assert (a2.owner, a2.due, a2.title) == (
        "bob",
        dt.date(2026, 6, 20),
        "book the steering committee room (large room, with video)",
    )
    assert a3.owner == "carla" and a3.status is ItemStatus.DONE
    assert a42.id == "A-42" and a42.due is None
    assert a1.opened == dt.date(2026, 6, 8) and a1.origin == "2026-06-08-weekly"
    assert str(a2.source).endswith("2026-06-08-weekly.md:9")
    decision = project.decisions[0]
    assert (decision.status, decision.decided_by, decision.date) == (
        DecisionStatus.TAKEN,
        "ann",
        dt.date(2026, 6, 8),
    )
    assert project.risks[0].owner == "Bob" and project.issues[0].owner == "Zed"
    lines = sorted(f.line().split("2026-06-08-weekly.md:")[1] for f in result.findings)
    assert lines == ["15: warning import-skipped: line 15: '2026-02-31' is not a date; due date left blank"]
    # Owners naming no one (or several people) are the Review's, once each, with their line.
    unresolved = sorted(f.line().split("2026-06-08-weekly.md:")[1] for f in check_people(project, note.date))
    assert [line.split(":")[0] + " " + line.split("'")[1] for line in unresolved] == [
        "13 Bob", "14 Zed", "15 B", "1 Dana External"
    ]


def test_reimport_after_editing_text_owner_and_date_keeps_ids(tmp_path: Path) -> None:
    path = tmp_path / "2026-06-15-weekly.md"
    path.write_text(
        "# Weekly\n\n- ACTION: @Ann send the plan due 2026-06-20\n- RISK: vendor late\n"
        "- ACTION: @carla book the room by 2026-06-18\n- ACTION: [OPS-7] renew licences\n",
        encoding="utf-8",
    )
    before = loaded(read_notes(path, CONTEXT).project)
    path.write_text(
        "# Weekly (edited)\n\nAttendees: Ann\n\n"
        "- ACTION: @Bob Martin send the *revised* plan to the board by 2026-06-25\n"
        "- RISK: vendor very late @carla\n- [x] ACTION: @Ann book the big room\n"
        "- ACTION: renew all licences [OPS-7] due 2026-07-01\n",
        encoding="utf-8",
    )
    after = loaded(read_notes(path, CONTEXT).project)
    assert (
        [a.id for a in before.actions]
        == [a.id for a in after.actions]
        == ["2026-06-15-weekly-A1", "2026-06-15-weekly-A2", "OPS-7"]
    )
    assert [r.id for r in before.risks] == [r.id for r in after.risks] == ["2026-06-15-weekly-R1"]
    first = after.actions[0]
    assert (first.owner, first.due, first.title) == (
        "bob",
        dt.date(2026, 6, 25),
        "send the *revised* plan to the board",
    )
    assert after.actions[1].status is ItemStatus.DONE and after.actions[1].due is None
    assert after.actions[2].due == dt.date(2026, 7, 1)
    assert after.notes[0].id == before.notes[0].id


def test_date_from_heading_and_french_words(tmp_path: Path) -> None:
    path = tmp_path / "comite.md"
    path.write_text(
        "# Comité de pilotage — 08/06/2026\n\nPrésents : Ann, Bob Martin\n\n"
        "* DÉCISION : lancer la vague 2\n* RISQUE : retard fournisseur @ann@example.com\n"
        "1. PROBLÈME: serveur de test en panne @Bob_Martin due 2026-06-10\n",
        encoding="utf-8",
    )
    read = read_notes(path, CONTEXT)
    result = dataclasses.replace(read, project=loaded(read.project))
    note = result.project.notes[0]
    assert (note.date, note.meeting, note.attendees) == (
        dt.date(2026, 6, 8),
        "Comité de pilotage",
        ("ann", "bob"),
    )
    assert result.project.decisions[0].title == "lancer la vague 2"
    assert result.project.risks[0].owner == "ann"
    assert (result.project.issues[0].owner, result.project.issues[0].due) == ("bob", dt.date(2026, 6, 10))
    assert result.findings == ()


def test_items_in_code_blocks_are_not_entries(tmp_path: Path) -> None:
    path = tmp_path / "2026-06-01.md"
    path.write_text("```\n- ACTION: not real\n```\n- ACTION: real one\n", encoding="utf-8")
    result = read_notes(path)
    assert [a.title for a in result.project.actions] == ["real one"]
    assert result.project.notes[0].meeting is None


def test_duplicate_explicit_ids_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "2026-06-01-x.md"
    path.write_text("- ACTION: one [A-1]\n- ACTION: two [A-1]\n", encoding="utf-8")
    result = read_notes(path)
    assert [a.id for a in result.project.actions] == ["A-1", "2026-06-01-x-A2"]
    assert "used twice" in result.findings[0].message


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("notes.md", "# Weekly\n- ACTION: x\n", 1),
        ("2026-13-45-x.md", "- ACTION: x\n", None),
        ("notes.md", "# Weekly 31/02/2026\n", 1),
        ("2026-06-01.md", "ok\n\x00", 2),
    ],
)
def test_format_errors_name_the_place(tmp_path: Path, name: str, content: str, line: int | None) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_notes(path)
    assert caught.value.line == line and caught.value.file == str(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "2026-06-01.md"
    path.write_bytes(b"# caf\xe9\n")
    with pytest.raises(FormatError, match="not UTF-8"):
        read_notes(path)


def test_identify() -> None:
    reader = NotesReader()
    assert reader.identify(Path("2026-06-08-weekly.md"), b"")
    assert reader.identify(Path("notes.md"), b"# x\n- action: y\n")
    assert not reader.identify(Path("README.md"), b"# pmo\nA PMO copilot.\n")
    assert not reader.identify(Path("2026-06-08.txt"), b"- ACTION: x")


def test_a_mention_reads_the_same_without_the_people(tmp_path: Path) -> None:
    """`@Ann Lee book the room`: owner `@Ann Lee`, title `book the room`, people known or not."""
    path = tmp_path / "2026-06-08-weekly.md"
    path.write_text(
        "- ACTION: @Ann Lee book the test environment\n- ACTION: @Bob: Update the plan\n", encoding="utf-8"
    )
    alone, known = read_notes(path).project, read_notes(path, CONTEXT).project
    assert alone == known
    assert [(a.owner, a.title) for a in alone.actions] == [
        ("@Ann Lee", "book the test environment"),
        ("@Bob", "Update the plan"),
    ]
    assert [a.owner for a in loaded(alone).actions] == ["ann", "Bob"]  # Bob: two people of that name


def test_the_words_a_mention_took_beyond_the_name_go_back_to_the_title(tmp_path: Path) -> None:
    path = tmp_path / "2026-06-08-weekly.md"
    path.write_text("- ACTION: @Ann Update the plan\n- ACTION: @Ann Lee Send the minutes\n", encoding="utf-8")
    raw = read_notes(path).project
    assert [(a.owner, a.title) for a in raw.actions] == [("@Ann Update", "the plan"), ("@Ann Lee Send", "the minutes")]
    assert [(a.owner, a.title) for a in loaded(raw).actions] == [("ann", "Update the plan"), ("ann", "Send the minutes")]

