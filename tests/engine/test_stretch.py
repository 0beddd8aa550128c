"""The planning stretch: each signal on a small project, the teams, the trend, and the demo's level."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pmo.engine.context import AnalysisContext
from pmo.engine.history import figures_of
from pmo.engine.review.build import build_review, review_snapshot
from pmo.engine.stretch import StretchRow, level_of, stretch_figures, stretch_of
from pmo.model import Action, Assignment, CheckIn, Dependency, Person, Project, Snapshot, Task

MONDAY = dt.date(2026, 6, 1)
AS_OF = dt.date(2026, 6, 15)
DEMO = Path(__file__).parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"
ANN = Person("ann", "Ann Lee", team="Build")
BOB = Person("bob", "Bob Roy", team="Run")


def _project(**records: object) -> Project:
    base: dict[str, object] = {"key": "S", "name": "S", "status_date": AS_OF, "start": MONDAY,
                               "people": (ANN, BOB)}
    base.update(records)
    return Project(**base)  # type: ignore[arg-type]


def _stretch(project: Project, snapshots: tuple[Snapshot, ...] = ()) -> dict[str, StretchRow]:
    return {row.scope: row for row in stretch_of(AnalysisContext(project, AS_OF, snapshots, simulate=False))}


def _snap(day: dt.date, milestones: dict[str, dt.date | None] | None = None,
          figures: dict[str, float | str | None] | None = None) -> Snapshot:
    return Snapshot("S", day, dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC),
                    milestones or {}, figures or {})


def test_a_quiet_project_is_calm_and_says_why_for_every_team() -> None:
    rows = _stretch(_project(tasks=(Task("A", "Design", duration=3, owner="ann"),)))
    assert list(rows) == ["project", "Build", "Run"]
    for row in rows.values():
        assert row.level == "calm" and row.score == 0 and not row.signals
        assert row.why.startswith("calm: no signal (") and row.reasons == row.why
        assert row.trend.startswith("NA (")


def test_overdue_actions_piling_up_on_one_person_raise_her_team_only() -> None:
    actions = tuple(Action(f"A-{i}", f"Chase supplier {i}", owner="ann", due=dt.date(2026, 6, i)) for i in (2, 3))
    rows = _stretch(_project(actions=actions))
    [signal] = rows["project"].signals
    assert signal.code == "actions-overdue" and signal.amount == 1
    assert "Ann Lee (ann)" in signal.what and "A-2 Chase supplier 2" in signal.what
    assert rows["Build"].signals == rows["project"].signals
    assert rows["Run"].level == "calm"


def test_a_single_overdue_action_is_no_signal() -> None:
    rows = _stretch(_project(actions=(Action("A-1", "One", owner="ann", due=dt.date(2026, 6, 2)),)))
    assert rows["project"].signals == ()


def test_low_pulse_is_a_signal_for_the_person_s_team() -> None:
    rows = _stretch(_project(checkins=(CheckIn("bob", dt.date(2026, 6, 12), stress=5, confidence=2),)))
    [signal] = rows["Run"].signals
    assert signal.code == "pulse-low" and "Bob Roy (bob)" in signal.what and "stress 5/5" in signal.what
    assert rows["Build"].signals == ()


def test_an_overloaded_person_is_a_signal_with_the_tasks_named() -> None:
    both = (Assignment("ann", 0.8),)
    rows = _stretch(_project(tasks=(Task("A", "Design", duration=3, assignments=both),
                                    Task("B", "Build", duration=3, assignments=both))))
    [signal] = rows["project"].signals
    assert signal.code == "overload" and "Ann Lee (ann)" in signal.what and "A Design" in signal.what
    assert rows["Build"].signals and not rows["Run"].signals


def test_a_task_grown_beyond_its_baseline_duration_is_re_estimated() -> None:
    task = Task("A", "Design", duration=8, owner="bob", baseline_start=MONDAY, baseline_finish=dt.date(2026, 6, 5))
    rows = _stretch(_project(tasks=(task,)))
    codes = {s.code: s for s in rows["project"].signals}
    assert "A Design (5 -> 8 d)" in codes["re-estimated"].what
    assert "re-estimated" in {s.code for s in rows["Run"].signals}


def test_a_milestone_moved_later_at_two_consecutive_snapshots_is_a_signal() -> None:
    tasks = (Task("W", "Work", duration=5, owner="ann"), Task("M", "Go-live", milestone=True, owner="ann"))
    project = _project(tasks=tasks, dependencies=(Dependency("W", "M"),))
    snaps = (_snap(dt.date(2026, 6, 1), {"M": dt.date(2026, 6, 10)}),
             _snap(dt.date(2026, 6, 8), {"M": dt.date(2026, 6, 12)}))
    forecast = AnalysisContext(project, AS_OF, snaps, simulate=False).forecasts["M"]
    assert forecast > dt.date(2026, 6, 12)  # the premise: it moved later again now
    codes = {s.code: s for s in _stretch(project, snaps)["project"].signals}
    assert "M Go-live (later 2 times" in codes["dates-moved-again"].what
    once = (_snap(dt.date(2026, 6, 8), {"M": dt.date(2026, 6, 12)}),)
    assert "dates-moved-again" not in {s.code for s in _stretch(project, once)["project"].signals}


def test_float_consumed_since_the_previous_snapshot_and_the_trend() -> None:
    project = _project(tasks=(Task("A", "Design", duration=3, owner="ann",
                                   deadline=dt.date(2026, 6, 30)),))
    now = _stretch(project)["project"].critical_float
    assert now is not None
    snap = _snap(dt.date(2026, 6, 8), figures={"critical-float": now + 4, "stretch": 0.0})
    row = _stretch(project, (snap,))["project"]
    [signal] = [s for s in row.signals if s.code == "float-consumed"]
    assert signal.amount == 4 and "since 2026-06-08" in signal.what and "A Design" in signal.what
    assert row.trend.startswith("rising (from 0 on 2026-06-08)")
    calmer = _snap(dt.date(2026, 6, 8), figures={"critical-float": now, "stretch": 90.0})
    assert _stretch(project, (calmer,))["project"].trend.startswith("falling")


def test_levels_read_the_score() -> None:
    assert [level_of(s) for s in (0, 24, 25, 49, 50, 100)] == [
        "calm", "calm", "strained", "strained", "overstretched", "overstretched"]


def test_the_snapshot_keeps_the_score_by_stable_id() -> None:
    rows = _stretch(_project(checkins=(CheckIn("bob", dt.date(2026, 6, 12), stress=5),)))
    figures = stretch_figures(rows.values())
    assert figures["stretch"] == rows["project"].score and figures["stretch:Run"] == rows["Run"].score
    assert figures_of((), figures)["stretch"] == rows["project"].score


def test_the_demo_is_strained_or_worse_with_its_signals_named() -> None:
    from pmo.sources.native import load_native

    project, snapshots = load_native(DEMO)
    review = build_review(project, project.status_date or AS_OF, snapshots, simulate=False)
    head, *teams = review.stretch
    assert head.scope == "project" and teams and all(t.scope != "project" for t in teams)
    assert head.level == "overstretched"
    codes = {s.code for s in head.signals}
    assert {"overload", "dates-moved-again", "pulse-low", "actions-overdue"} <= codes
    assert all(s.what and s.rule and s.items for s in head.signals)
    assert review_snapshot(review, dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)).figures["stretch"] == head.score
    # next week, the kept score gives the trend
    later = dataclasses.replace(project, status_date=(project.status_date or AS_OF) + dt.timedelta(days=7))
    kept = review_snapshot(review, dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC))
    again = build_review(later, later.status_date or AS_OF, (*snapshots, kept), simulate=False)
    assert again.stretch[0].trend.split(" ")[0] in ("rising", "falling", "steady")
