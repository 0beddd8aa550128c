"""`pmo schedule` and `pmo forecast` on a small plan: dates, JSON shape, loops, reproducibility."""

from __future__ import annotations

import json
from pathlib import Path

PLAN = """\
project: {key: S, name: Schedule demo, status_date: 2026-06-01, start: 2026-06-01}
tasks:
  - {id: A, name: Design, duration: 5, estimate: {optimistic: 4, most_likely: 5, pessimistic: 9}}
  - {id: B, name: Build, duration: 10, depends_on: [A], estimate: {optimistic: 8, most_likely: 10, pessimistic: 15}}
  - {id: C, name: Document, duration: 3, depends_on: [A]}
  - {id: M, name: Ready, milestone: true, depends_on: [B, C]}
"""


def test_schedule_json(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "p.yaml").write_text(PLAN)
    pmo_cmd("import", "p.yaml")
    document = json.loads(pmo_cmd("schedule", "--json").stdout)
    tasks = {t["id"]: t for t in document["tasks"]}
    assert tasks["A"]["start"] == "2026-06-01" and tasks["A"]["finish"] == "2026-06-05"
    assert tasks["B"]["finish"] == "2026-06-19"
    assert tasks["C"]["total_float"] == 7 and not tasks["C"]["critical"]
    assert document["critical_path"] == ["A", "B", "M"]
    assert tasks["M"]["driving"] == ["B"]
    table = pmo_cmd("schedule", "--critical").stdout
    assert "Critical path: A → B → M" in table and "Document" not in table


def test_schedule_names_a_loop(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "p.yaml").write_text(PLAN.replace("depends_on: [A]}", "depends_on: [A, M]}", 1))
    pmo_cmd("import", "p.yaml")
    done = pmo_cmd("schedule", check=1)
    assert "dependency-cycle" in done.stdout and "C Document -> M Ready -> C Document" in done.stdout


def test_forecast_is_reproducible(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "p.yaml").write_text(PLAN)
    pmo_cmd("import", "p.yaml")
    first = json.loads(pmo_cmd("forecast", "-n", "2000", "--seed", "7", "--json").stdout)
    second = json.loads(pmo_cmd("forecast", "-n", "2000", "--seed", "7", "--json").stdout)
    assert first == second
    assert first["iterations"] == 2000
    p50, p80, p95 = (first["finish"][k] for k in ("P50", "P80", "P95"))
    assert "2026-06-19" <= p50 <= p80 <= p95
    assert "bad" in pmo_cmd("forecast", "--distribution", "bad", check=2).stderr


def test_level_moves_the_task_that_overbooks(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "p.yaml").write_text(
        "project: {key: L, name: Leveling, status_date: 2026-06-01, start: 2026-06-01}\n"
        "people:\n  - {id: ann, name: Ann Lee}\n"
        "tasks:\n"
        "  - {id: A, name: Design, duration: 5, assignments: [{person: ann}]}\n"
        "  - {id: B, name: Review, duration: 3, assignments: [{person: ann}]}\n"
    )
    pmo_cmd("import", "p.yaml")
    text = pmo_cmd("level").stdout
    assert "resource-overload: Ann Lee is booked at 200 % from 2026-06-01" in text
    assert "the end moves by +3 working days" in text or "the end moves by +5 working days" in text
    document = json.loads(pmo_cmd("level", "--json").stdout)
    delays = sorted(t["delay_days"] for t in document["tasks"])
    assert delays in ([0.0, 3.0], [0.0, 5.0])
