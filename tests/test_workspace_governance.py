"""The workspace's [governance] table: checked when read, laid over the project file's settings,
and used by the review; a calendar's series are stored and come back whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo.api import demo_source, import_paths, init_workspace, review_workspace
from pmo.api.workspace import workspace_store
from pmo.config import load_settings
from pmo.errors import InputError
from pmo.model import GovernanceRule, GovernanceSettings, MeetingKind


def _workspace(tmp_path: Path, table: str) -> Path:
    init_workspace(tmp_path)
    with (tmp_path / "pmo.toml").open("a", encoding="utf-8") as file:
        file.write(table)
    return tmp_path


def test_the_table_overrides_only_what_it_gives(tmp_path: Path) -> None:
    folder = _workspace(tmp_path, '\n[governance]\ntolerance_days = 0\nignore = ["x"]\n'
                                  '[[governance.rules]]\nid = "weekly"\nname = "W"\nkind = "project-meeting"\n')
    overlay = load_settings(folder).governance
    assert overlay is not None
    base = GovernanceSettings(lookahead_days=5, rules=(GovernanceRule("weekly", "Old", MeetingKind.OTHER),
                                                       GovernanceRule("steerco", "S", MeetingKind.STEERING)))
    merged = overlay.over(base)
    assert (merged.lookahead_days, merged.tolerance_days, merged.ignore) == (5, 0, ("x",))
    assert [(r.id, r.name) for r in merged.rules] == [("steerco", "S"), ("weekly", "W")]


def test_a_bad_table_names_the_file_and_the_field(tmp_path: Path) -> None:
    folder = _workspace(tmp_path, "\n[governance]\ntolerance = 3\n")
    with pytest.raises(InputError, match=r"pmo\.toml: \[governance\] tolerance: unknown field 'tolerance' "
                                         r"\(did you mean 'tolerance_days'\?\)"):
        load_settings(folder)


def test_the_review_uses_the_workspace_table_and_the_stored_series(tmp_path: Path) -> None:
    folder = _workspace(tmp_path, "")
    settings = load_settings(folder)
    with workspace_store(settings) as store:
        import_paths(store, [demo_source()])
        assert {s.id for s in store.load(None).series} == {
            "erp-weekly-2026@atelier-durand.fr", "erp-1to1-katrin@atelier-durand.fr",
            "erp-1to1-marc@atelier-durand.fr"}
    codes = [f.code for f in review_workspace(settings, dt.date(2026, 6, 15), simulate=False).findings]
    assert codes.count("meeting-missing") == 1
    with (folder / "pmo.toml").open("a", encoding="utf-8") as file:
        file.write('\n[governance]\nignore = ["weekly"]\n')
    codes = [f.code for f in review_workspace(load_settings(folder), dt.date(2026, 6, 15), simulate=False).findings]
    assert "meeting-missing" not in codes and "meeting-attendee-missing" not in codes
