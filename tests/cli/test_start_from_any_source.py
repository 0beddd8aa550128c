"""A workspace starts from whatever the team has: a workbook, a Jira export, a calendar, or `pmo init`.

No native file and no option: the project is named by the sources (a workbook's title
row, a calendar's name, else a file name), and `pmo run` writes a pack whose header names it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SET = Path(__file__).resolve().parents[1] / "data" / "import_set"


def _pack_names(pmo_cmd, *files: str) -> str:  # type: ignore[no-untyped-def]
    """Init a workspace, import `files`, run the cycle; the Markdown report's text."""
    pmo_cmd("init", "ws")
    pmo_cmd("import", "--workspace", "ws", *files)
    done = pmo_cmd("run", "--workspace", "ws", "--as-of", "2026-06-08")
    (report,) = Path(done.stdout.split(": ", 1)[1].splitlines()[0].strip()).glob("*.md")
    return report.read_text(encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(SET, tmp_path / "data")
    return tmp_path / "data"


def test_a_workbook_jira_calendar_and_notes_make_a_project(pmo_cmd, data: Path) -> None:  # type: ignore[no-untyped-def]
    files = [str(data / name) for name in ("plan.xlsx", "jira.csv", "calendar.ics", "notes")]
    text = _pack_names(pmo_cmd, *files)
    assert "Warehouse rollout (WMS)" in text  # from the workbook's title row
    assert "Investigation ongoing" in text  # the header fields no source gives


def test_a_jira_export_alone_makes_a_project(pmo_cmd, data: Path) -> None:  # type: ignore[no-untyped-def]
    text = _pack_names(pmo_cmd, str(data / "jira.csv"))
    assert "Scanner integration" in text
    assert "(WMS)" in text  # the Jira project key the issue keys share


def test_a_calendar_alone_makes_a_project(pmo_cmd, data: Path) -> None:  # type: ignore[no-untyped-def]
    text = _pack_names(pmo_cmd, str(data / "calendar.ics"))
    assert "Warehouse rollout (WMS)" in text  # from X-WR-CALNAME


def test_init_names_the_project_and_notes_then_need_no_option(pmo_cmd, data: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", "ws", "--project", "WMS", "--name", "Warehouse rollout", "--status-date", "2026-06-08")
    pmo_cmd("import", "--workspace", "ws", str(data / "notes"))
    done = pmo_cmd("run", "--workspace", "ws")
    assert "Pack for Warehouse rollout at 2026-06-08" in done.stdout


def test_notes_alone_in_an_empty_workspace_are_refused_with_the_way_out(pmo_cmd, data: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", "ws")
    done = pmo_cmd("import", "--workspace", "ws", str(data / "notes"), check=2)
    assert "pmo init --project KEY --name NAME" in done.stderr + done.stdout


def test_reader_options_reach_the_reader(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`--option hours_per_day=4` makes a Jira estimate of 8 hours two working days."""
    csv = tmp_path / "jira.csv"
    csv.write_text(
        "Summary,Issue key,Issue id,Issue Type,Status,Original Estimate,Due Date\n"
        "Scanner integration,WMS-101,10001,Story,To Do,28800,\n",
        encoding="utf-8",
    )
    pmo_cmd("init", "ws")
    pmo_cmd("import", "--workspace", "ws", "--option", "hours_per_day=4", str(csv))
    pmo_cmd("export", "--workspace", "ws", "out.yaml")
    assert "duration: 2" in (tmp_path / "out.yaml").read_text(encoding="utf-8")
    refused = pmo_cmd("import", "--workspace", "ws", "--option", "colour=red", str(csv), check=2)
    assert "not a reader option" in refused.stderr
