"""`pmo questions` and `pmo overview` on a workspace of two small projects."""

from __future__ import annotations

import json
from pathlib import Path

ALPHA = """\
project: {key: A, name: Alpha, status_date: 2026-06-01, start: 2026-06-01, manager: pat,
          commitments: [{name: Alpha ready, date: 2026-06-12, task: MA}]}
people:
  - {id: lou, name: Lou Builder}
  - {id: pat, name: Pat Manager}
tasks:
  - {id: TA, name: Alpha build, duration: 12, owner: lou, baseline_finish: 2026-06-12,
     estimate: {optimistic: 10, most_likely: 12, pessimistic: 20}}
  - {id: MA, name: Alpha ready, milestone: true, owner: lou, baseline_finish: 2026-06-12, depends_on: [TA]}
"""
BETA = """\
project: {key: B, name: Beta, status_date: 2026-06-01, start: 2026-06-01, manager: pat, sponsor: kim}
people:
  - {id: lou, name: Lou Builder}
  - {id: kim, name: Kim Tester}
  - {id: pat, name: Pat Manager}
tasks:
  - {id: TB, name: Beta build, duration: 5, owner: kim, assignments: [{person: lou, units: 0.5}]}
  - {id: MB, name: Beta ready, milestone: true, depends_on: [TB]}
"""


def workspace(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "a.yaml").write_text(ALPHA)
    (tmp_path / "b.yaml").write_text(BETA)
    pmo_cmd("import", "a.yaml", "b.yaml")


def test_questions_in_markdown_one_block_per_person(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace(pmo_cmd, tmp_path)
    text = pmo_cmd("questions", "-p", "A").stdout
    assert text.startswith("# Questions: Alpha (A), status date 2026-06-01\n")
    lou = text[text.index("## Lou Builder (lou)"):text.index("## Pat Manager (pat)")]
    assert "What we need from you, by 2026-06-08:" in lou
    assert ("1. What do you need to bring milestone MA (Alpha ready) back to its date (people, budget, a decision), "
            "and from whom?") in lou
    assert "   Why we ask: no action, decision or mitigation in the data says what it takes to recover." in lou
    assert "- Milestone MA (Alpha ready) (RED)" in lou
    assert ("  - Why? MA Alpha ready moves 2 working days to 2026-06-16: 2 wd not explained by a baseline at MA. "
            "(source: finding milestone-slip on MA)") in lou  # the delay file's headline
    pat = text[text.index("## Pat Manager (pat)"):]
    assert "Who decides on the recovery of Alpha (A): is there a sponsor or a steering committee" in pat


def test_questions_json_and_one_person(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace(pmo_cmd, tmp_path)
    document = json.loads(pmo_cmd("questions", "-p", "A", "--json").stdout)
    assert (document["project"], document["as_of"]) == ("A", "2026-06-01")
    people = {p["who"]: p for p in document["people"]}
    assert set(people) == {"Pat Manager (pat)", "Lou Builder (lou)"}
    lou = people["Lou Builder (lou)"]
    assert lou["by"] == "2026-06-08"
    assert [a["records"] for a in lou["ask"]] == [["MA"]]
    assert {"item", "colour", "question", "answer", "source"} == set(lou["answered"][0])
    assert any(a["source"] == "finding milestone-slip on MA" for a in lou["answered"])
    only = json.loads(pmo_cmd("questions", "-p", "A", "--json", "--person", "Lou Builder").stdout)
    assert [p["who"] for p in only["people"]] == ["Lou Builder (lou)"]
    refused = pmo_cmd("questions", "-p", "A", "--person", "nobody", check=2)
    assert "--person 'nobody': no question goes to them" in refused.stderr


def test_overview_of_two_projects(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace(pmo_cmd, tmp_path)
    document = json.loads(pmo_cmd("overview", "--json").stdout)
    alpha, beta = document["projects"]
    assert (alpha["key"], alpha["verdict"], beta["key"]) == ("A", "AMBER", "B")
    assert alpha["commitments_at_risk"] == [
        {"name": "Alpha ready", "date": "2026-06-12", "forecast": "2026-06-16", "p80": None, "chance": None}
    ]
    assert alpha["forecast_note"] == "P80 not computed yet: run `pmo report` or `pmo run`"
    assert alpha["critical_path"] == {"first": "Alpha build", "last": "Alpha ready", "tasks": 2,
                                      "start": "2026-06-01", "finish": "2026-06-16", "working_days": 12}
    assert alpha["delays"] == ["MA Alpha ready moves 2 working days to 2026-06-16: 2 wd not explained by a baseline "
                               "at MA."]  # the delay file's headline
    assert beta["commitments_at_risk"] == [] and beta["delays"] == []
    assert document["shared_people"] == [{"id": "lou", "name": "Lou Builder", "projects": ["A", "B"]}]
    screen = pmo_cmd("overview").stdout
    assert "People on several critical paths" in screen and "Lou Builder (lou)" in screen
    assert "A: P80 not computed yet" in screen


def test_overview_uses_the_forecast_a_report_kept(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace(pmo_cmd, tmp_path)
    pmo_cmd("report", "-p", "A", "--out", "out")
    alpha = json.loads(pmo_cmd("overview", "--json").stdout)["projects"][0]
    risk = alpha["commitments_at_risk"][0]
    assert risk["p80"] is not None and risk["p80"] >= "2026-06-16" and 0 <= risk["chance"] < 0.5
    assert alpha["forecast_note"] == ""
