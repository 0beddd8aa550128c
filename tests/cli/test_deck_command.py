"""`pmo deck`: the deck of a small project, its branding read from the native file, bad branding refused
with the file and line; `pmo run` writes no deck when no steering committee is near."""

from __future__ import annotations

import base64
from pathlib import Path

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
PROJECT = """\
project:
  key: PIL
  name: Pilot
  status_date: 2026-06-15
  manager: jm
  branding: {{primary: "{primary}", logo: {logo}}}
people:
  - {{id: jm, name: Julien Moreau}}
tasks:
  - {{id: T1, name: Build, start: 2026-06-01, duration: 10, owner: jm}}
  - {{id: M1, name: Done, milestone: true, duration: 0, owner: jm, baseline_finish: 2026-06-12}}
dependencies:
  - {{predecessor: T1, successor: M1}}
decisions:
  - {{id: D1, title: Extend the pilot?, status: proposed}}
governance:
  - {{id: sc, name: Steering committee, kind: steering-committee, cadence: once, dates: [{steerco}]}}
"""


def workspace(pmo_cmd, tmp_path: Path, primary: str = "#0B6E4F", logo: str = "logo.png",  # type: ignore[no-untyped-def]
              steerco: str = "2026-06-19") -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "logo.png").write_bytes(PIXEL)
    (data / "project.yaml").write_text(PROJECT.format(primary=primary, logo=logo, steerco=steerco))
    pmo_cmd("init", "ws")
    pmo_cmd("import", "--workspace", "ws", "data")
    return tmp_path / "ws"


def test_deck_in_the_project_colours(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pptx import Presentation

    workspace(pmo_cmd, tmp_path)
    done = pmo_cmd("deck", "--workspace", "ws", "--status-date", "2026-06-15", "--out", "pilot.pptx")
    assert done.stdout.strip().endswith("pilot.pptx")
    deck = Presentation(str(tmp_path / "pilot.pptx"))
    cover = deck.slides[0]
    assert "0B6E4F" in [str(s.fill.fore_color.rgb) for s in cover.shapes if s.shape_type == 1 and s.fill.type == 1]
    decisions = next(s.table for s in deck.slides[2].shapes if s.has_table)
    assert decisions.cell(1, 2).text == "Investigation ongoing (Julien Moreau, by 2026-06-19)"
    assert "Steering committee of 2026-06-19" in deck.slides[0].placeholders[1].text_frame.text


def test_a_missing_logo_names_the_file_and_line(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace(pmo_cmd, tmp_path, logo="nowhere.png")
    done = pmo_cmd("deck", "--workspace", "ws", check=2)
    assert "project.yaml:1: branding logo 'nowhere.png': no such file" in done.stderr


def test_a_bad_colour_is_refused_at_import(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    data.mkdir()
    (data / "project.yaml").write_text(PROJECT.format(primary="navy", logo="x.png", steerco="2026-06-19"))
    pmo_cmd("init", "ws")
    done = pmo_cmd("import", "--workspace", "ws", "data", check=2)
    assert "project.yaml:6" in done.stderr and "#RRGGBB" in done.stderr


def test_run_writes_no_deck_when_the_committee_is_far(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace(pmo_cmd, tmp_path, steerco="2026-06-30")
    done = pmo_cmd("run", "--workspace", "ws")
    assert "deck.pptx" not in done.stdout and "status-report-PIL-2026-06-15.md" in done.stdout
