"""`pmo note`, `pmo agenda`, `pmo decisions`: the copybook from the command line."""

from __future__ import annotations

from pathlib import Path

PROJECT = """\
pmo: 1
project: {key: ERP, name: ERP roll-out, status_date: 2026-06-15}
people:
  - {id: ann, name: Ann Martin}
"""


def _workspace(pmo_cmd, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    pmo_cmd("init", "ws")
    ws = tmp_path / "ws"
    (ws / "project.yaml").write_text(PROJECT, encoding="utf-8")
    pmo_cmd("import", "ws/project.yaml", "-w", "ws")
    return ws


def test_note_appends_to_the_days_note_and_imports_it_at_once(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(pmo_cmd, tmp_path)
    done = pmo_cmd("note", "ACTION: @Ann book the room due 2026-06-20", "--date", "2026-06-08",
                   "--meeting", "weekly", "-w", "ws")
    note = ws / "notes" / "2026-06-08-weekly.md"
    assert done.stdout.strip() == f"{note.resolve()}: action 2026-06-08-weekly-A1, owner Ann Martin (ann): book the room"
    pmo_cmd("note", "DECISION: keep wave 2 @Ann because the vendor confirmed", "--date", "2026-06-08",
            "--meeting", "weekly", "-w", "ws")
    pmo_cmd("note", "the supplier confirmed the window", "--date", "2026-06-08", "--meeting", "weekly", "-w", "ws")
    assert note.read_text(encoding="utf-8") == (
        "# weekly — 2026-06-08\n\n"
        "- ACTION: @Ann book the room due 2026-06-20\n"
        "- DECISION: keep wave 2 @Ann because the vendor confirmed\n"
        "- the supplier confirmed the window\n"
    )
    agenda = pmo_cmd("agenda", "--date", "2026-06-15", "-w", "ws").stdout
    assert ("- 2026-06-08-weekly-A1 book the room — owner Ann Martin (ann), due 2026-06-20; "
            "raised 2026-06-08 (first review)") in agenda
    assert "- the supplier confirmed the window" in agenda
    log = pmo_cmd("decisions", "-w", "ws").stdout
    assert "| 2026-06-08 | 2026-06-08-weekly-D1 keep wave 2 | Ann Martin (ann) | the vendor confirmed |" in log


def test_a_line_the_notes_syntax_cannot_read_is_refused_before_writing(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(pmo_cmd, tmp_path)
    for text, why in (
        ("ACTON: @Ann typo", "'ACTON' is not an entry of the notes syntax"),
        ("ACTION: @Ann pay due 2026-02-31", "'2026-02-31' is not a date"),
        ("ACTION:", "the action has no text"),
        ("   ", "an empty note"),
    ):
        done = pmo_cmd("note", text, "--date", "2026-06-08", "-w", "ws", check=2)
        assert why in done.stderr, (text, done.stderr)
    assert not (ws / "notes").exists()
    bad = pmo_cmd("note", "x", "--date", "2026-13-01", "-w", "ws", check=2)
    assert "--date '2026-13-01'" in bad.stderr


def test_note_writes_into_data_notes_when_the_workspace_has_a_data_folder(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(pmo_cmd, tmp_path)
    (ws / "data").mkdir()
    pmo_cmd("note", "RISK: the vendor is late @Ann", "--date", "2026-06-09", "-w", "ws")
    assert (ws / "data" / "notes" / "2026-06-09.md").read_text(encoding="utf-8") == (
        "# Notes — 2026-06-09\n\n- RISK: the vendor is late @Ann\n"
    )
    assert "No decision taken yet." in pmo_cmd("decisions", "-w", "ws").stdout


def test_an_explicit_id_the_note_already_uses_is_refused(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(pmo_cmd, tmp_path)
    pmo_cmd("note", "ACTION: [OPS-7] renew the licences @Ann", "--date", "2026-06-08", "-w", "ws")
    done = pmo_cmd("note", "ISSUE: [OPS-7] licences expired", "--date", "2026-06-08", "-w", "ws", check=2)
    assert "id [OPS-7] is used twice" in done.stderr and "left blank" not in done.stderr
    assert (ws / "notes" / "2026-06-08.md").read_text(encoding="utf-8").count("OPS-7") == 1
