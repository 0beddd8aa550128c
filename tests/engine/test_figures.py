"""Figures of the Review: progress, variances, burn, registers, freshness, S-curve, rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from engine.test_earned_value import MONDAY, STATUS, toy_project
from pmo.engine.figures import figure_rows, percent_complete, register_stats, s_curve
from pmo.engine.schedule import schedule
from pmo.model import (
    Action,
    Assumption,
    Decision,
    DecisionStatus,
    Dependency,
    Issue,
    ItemStatus,
    Project,
    Risk,
    Settings,
    Task,
)
from pmo.model.values import Known, NotApplicable

DEMO = Path(__file__).resolve().parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"


def _rows(project: Project, as_of: dt.date) -> dict[str, object]:
    return {row.label: row.value for row in figure_rows(project, as_of, schedule(project, as_of))}


def test_planned_and_actual_percent_complete_are_duration_weighted() -> None:
    planned, actual, why = percent_complete(toy_project(), STATUS, None)
    assert planned == pytest.approx(60.0)  # three of five equal weeks planned by the end of week 3
    assert actual == pytest.approx(55.0)  # 5 + 5 + 3.75 of 25 working days
    assert why == ""


def test_percent_complete_without_durations_says_why() -> None:
    project = Project(key="X", name="x", tasks=(Task(id="M", name="m", milestone=True),))
    assert percent_complete(project, MONDAY, None) == (None, None, "no task has a duration and dates")


def test_finish_and_milestone_variances_in_working_days() -> None:
    work = Task(id="A", name="Build", duration=10, start=MONDAY, baseline_start=MONDAY,
                baseline_finish=MONDAY + dt.timedelta(days=11))
    ready = Task(id="M", name="Ready", milestone=True, baseline_start=MONDAY + dt.timedelta(days=4),
                 baseline_finish=MONDAY + dt.timedelta(days=4))
    open_ms = Task(id="N", name="Unbaselined", milestone=True)
    project = Project(key="X", name="x", start=MONDAY, tasks=(work, ready, open_ms),
                      dependencies=(Dependency("A", "M"), Dependency("A", "N")))
    rows = _rows(project, MONDAY)
    assert rows["Project finish variance"] == Known("+0 wd (forecast 2025-01-17, baseline 2025-01-17)")
    assert rows["Milestone variance: Ready"] == Known("+5 wd")
    assert rows["Milestone variance: Unbaselined"] == NotApplicable("no baseline set")


def test_budget_burn_against_time_elapsed() -> None:
    project = replace(toy_project(), budget=100000.0)
    rows = _rows(project, STATUS)
    assert rows["Budget burn"] == Known("36.0 % of 100,000 USD")
    assert rows["Time elapsed"] == Known("60.0 %")
    assert rows["Burn against time"] == Known("0.60")
    assert rows["CPI"] == Known("0.97")


def test_register_counts_and_ages() -> None:
    as_of = dt.date(2025, 3, 31)
    project = Project(
        key="X", name="x",
        actions=(
            Action(id="A1", title="late", opened=dt.date(2025, 3, 1), due=dt.date(2025, 3, 20)),
            Action(id="A2", title="fine", opened=dt.date(2025, 3, 21), due=dt.date(2025, 4, 20),
                   status=ItemStatus.IN_PROGRESS),
            Action(id="A3", title="closed", opened=dt.date(2024, 1, 1), status=ItemStatus.DONE),
        ),
        risks=(Risk(id="R1", title="r", raised=dt.date(2025, 1, 30)), Risk(id="R2", title="undated")),
        issues=(Issue(id="I1", title="i", status=ItemStatus.CLOSED),),
        decisions=(Decision(id="D1", title="d", status=DecisionStatus.PROPOSED, date=dt.date(2025, 3, 30)),),
        assumptions=(Assumption(id="S1", title="s", validate_by=dt.date(2025, 4, 30)),),
    )
    stats = {s.kind: s for s in register_stats(project, as_of)}
    assert (stats["action"].open, stats["action"].overdue, stats["action"].average_age) == (2, 1, 20.0)
    assert stats["action"].oldest == ("A1", 30)
    assert (stats["risk"].open, stats["risk"].overdue, stats["risk"].oldest) == (2, None, ("R1", 60))
    assert (stats["decision"].open, stats["decision"].overdue) == (1, 1)
    assert (stats["assumption"].open, stats["assumption"].overdue) == (1, 0)
    rows = {row.label: row.value for row in figure_rows(project, as_of)}
    assert rows["Open actions"] == Known(2)
    assert rows["Oldest open action"] == Known("30 d (A1)")
    assert rows["Overdue risks"] == NotApplicable("risks carry no due date")
    assert rows["Open issues"] == Known(0)
    assert rows["Average age of open issues"] == NotApplicable("no open issue")


def test_plan_freshness() -> None:
    base = toy_project()
    stamped = [replace(t, last_updated=STATUS - dt.timedelta(days=d)) for t, d in zip(base.tasks, (40, 30, 20, 3, 0),
                                                                                     strict=True)]
    project = replace(base, tasks=tuple(stamped), settings=Settings(freshness_days=14))
    rows = _rows(project, STATUS)
    assert rows["Oldest update of a started task"] == Known("20 d (P3)")  # P1, P2 are done
    assert rows["Open tasks updated recently"] == Known("67 % (2 of 3)")


def test_s_curve_is_weekly_and_actual_stops_at_the_status_date() -> None:
    curve = s_curve(toy_project(), STATUS, None)
    dates = [p.date for p in curve]
    assert dates[0] == MONDAY and dates[-1] == MONDAY + dt.timedelta(days=32)
    assert STATUS in dates
    planned = [p.planned for p in curve]
    assert planned == sorted(planned) and planned[-1] == 100.0
    at_status = next(p for p in curve if p.date == STATUS)
    assert (at_status.planned, at_status.actual) == (60.0, 55.0)
    assert all(p.actual is None for p in curve if p.date > STATUS)
    assert all(p.actual is not None for p in curve if p.date <= STATUS)
    actual = [p.actual for p in curve if p.actual is not None]
    assert actual == sorted(actual)


def test_s_curve_of_an_empty_plan_is_empty() -> None:
    assert s_curve(Project(key="X", name="x"), MONDAY) == ()


def _check_no_blank(rows: dict[str, object]) -> None:
    for label, value in rows.items():
        assert isinstance(value, (Known, NotApplicable)), label
        if isinstance(value, Known):
            assert str(value.value).strip(), label
        else:
            assert value.why.strip(), label


def test_an_empty_project_has_every_figure_as_a_value_or_na() -> None:
    rows = {row.label: row.value for row in figure_rows(Project(key="X", name="x"), MONDAY)}
    _check_no_blank(rows)
    assert rows["EAC (BAC/CPI)"] == NotApplicable("no task carries a budget")
    assert rows["Planned % complete"] == NotApplicable("no task has a duration and dates")


@pytest.mark.skipif(not DEMO.exists(), reason="the demo project (src/pmo/examples/demo/project.yaml) is not written yet")
def test_demo_project_figures_are_all_values_or_reasons() -> None:
    from pmo.sources.native import read_native

    project = read_native(DEMO)
    as_of = project.status_date or dt.date.today()
    result = schedule(project, as_of)
    rows = figure_rows(project, as_of, result)
    _check_no_blank({row.label: row.value for row in rows})
    assert all(row.help for row in rows)
    labels = {row.label for row in rows}
    assert {"Planned % complete", "Actual % complete", "SPI", "CPI", "EAC (BAC/CPI)", "SPI(t)"} <= labels
    curve = s_curve(project, as_of, result)
    assert curve and curve[0].planned <= curve[-1].planned == 100.0
    assert any(p.date == as_of and p.actual is not None for p in curve)
