"""`pmo agenda MEETING --docx` and the preparation `pmo run` writes before a steering committee, on the demo."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def test_run_writes_the_checklist_and_requests_and_agenda_writes_a_full_word_file(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("demo", "ws")  # imports the demo and runs the cycle at its status date, 2026-06-15 (T-4)
    prep = tmp_path / "ws" / "out" / "ERP-2026-06-15" / "prep"
    checklist = (prep / "checklist.md").read_text(encoding="utf-8")
    assert checklist.startswith("# Preparation — Steering committee ERP S/4HANA #6, 2026-06-19")
    assert "| Steering committee pack | Sophie Lefèvre (slefevre) | 2026-06-12 (T-5) | late: due since 2026-06-12" in checklist
    requests = {path.stem: path.read_text(encoding="utf-8") for path in (prep / "requests").glob("*.md")}
    assert {"jmoreau", "slefevre", "mdubois", "cpetit"} <= set(requests)
    assert "Preparation step you own: Steering committee pack (due 2026-06-12)." in requests["slefevre"]
    assert "DM-08 Mock migration 1: master data (task, 50 % complete" in requests["mdubois"]
    assert all("2026-06-10" in text for text in requests.values())  # by when: the input step's date

    out = tmp_path / "agenda.docx"
    shown = pmo_cmd("agenda", "steerco", "--date", "2026-06-15", "--docx", str(out), "-w", "ws").stdout
    assert shown.startswith("# ERP roll-out: SAP S/4HANA at Atelier Durand SA — Steering committee ERP S/4HANA #6 "
                            "2026-06-19\n")
    assert "## Preparation" in shown and "| Input from the functional leads | Julien Moreau (jmoreau) |" in shown
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "ERP roll-out: SAP S/4HANA at Atelier Durand SA — Steering committee ERP S/4HANA #6 2026-06-19",
        "Actions carried over", "Decisions needed", "Risks rising, then the top open risks", "From the last meeting", "Preparation",
    ]
    (table,) = document.tables
    cells = [cell.text for row in table.rows for cell in row.cells]
    assert cells[:4] == ["Step", "Owner", "Due", "State"] and len(cells) == 12
    assert all(text.strip() for text in cells), cells

    by_name = pmo_cmd("agenda", "Steering Committee", "--date", "2026-06-20", "-w", "ws").stdout
    assert "Steering committee ERP S/4HANA #7 2026-07-16" in by_name.splitlines()[0]
    unknown = pmo_cmd("agenda", "board", "-w", "ws", check=2)
    assert "no governance meeting 'board'" in unknown.stderr and "steerco (Steering committee)" in unknown.stderr
