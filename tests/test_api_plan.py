"""The plan functions of pmo.api the CLI prints from: schedule, level and forecast of a workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo import api
from pmo.config import Settings, create_workspace, load_settings
from pmo.errors import InputError
from pmo.model import Project

PLAN = """\
project: {key: L, name: Leveling, status_date: 2026-06-01, start: 2026-06-01}
people:
  - {id: ann, name: Ann Lee}
tasks:
  - {id: A, name: Design, duration: 5, assignments: [{person: ann}],
     estimate: {optimistic: 4, most_likely: 5, pessimistic: 9}}
  - {id: B, name: Review, duration: 3, assignments: [{person: ann}]}
  - {id: M, name: Ready, milestone: true, depends_on: [A, B]}
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    create_workspace(tmp_path)
    (tmp_path / "p.yaml").write_text(PLAN)
    found = load_settings(tmp_path)
    with api.workspace_store(found) as store:
        api.import_paths(store, [tmp_path / "p.yaml"])
    return found


def test_schedule_workspace_at_the_status_date(settings: Settings) -> None:
    scheduled = api.schedule_workspace(settings)
    assert scheduled.project.key == "L"
    assert scheduled.schedule.tasks["A"].start == dt.date(2026, 6, 1)
    assert scheduled.schedule.tasks["M"].finish == dt.date(2026, 6, 5)
    later = api.schedule_workspace(settings, dt.date(2026, 6, 8))
    assert later.schedule.as_of == dt.date(2026, 6, 8)


def test_level_workspace_moves_the_overbooked_task(settings: Settings) -> None:
    leveled = api.level_workspace(settings)
    assert leveled.origin == dt.date(2026, 6, 1)
    assert sorted(leveled.leveling.delay(t) for t in ("A", "B")) in ([0.0, 3.0], [0.0, 5.0])
    assert any(f.code == "resource-overload" for f in leveled.leveling.findings)
    assert leveled.day(0) == dt.date(2026, 6, 1) and leveled.day(5) == dt.date(2026, 6, 8)
    assert leveled.day(-1) is None


def test_forecast_workspace_is_reproducible_and_checks_the_distribution(settings: Settings) -> None:
    seen: list[int] = []
    first = api.forecast_workspace(settings, iterations=500, seed=3, on_progress=lambda done, _: seen.append(done))
    second = api.forecast_workspace(settings, iterations=500, seed=3)
    assert first.forecast.finish == second.forecast.finish and first.forecast.iterations == 500
    assert seen and seen[-1] == 500
    with pytest.raises(InputError, match="triangular"):
        api.forecast_workspace(settings, distribution="uniform")


def test_status_date_falls_back_to_the_status_date() -> None:
    project = Project(key="P", name="P", status_date=dt.date(2026, 1, 5))
    assert api.status_date(project) == dt.date(2026, 1, 5)
    assert api.status_date(project, dt.date(2026, 2, 2)) == dt.date(2026, 2, 2)
