"""Earned value and earned schedule against a published worked example.

The example is the toy project of the `PRA` R package's vignette "Earned Value Management"
(Paul Govan, CRAN package PRA, vignettes/evm.Rmd; rendered output in vignettes/evm.html
of github.com/paulgovan/PRA at commit ff0accc8): BAC = 100,000; cumulative planned
schedule 10 %, 20 %, 40 %, 70 %, 100 % over five periods; status at the end of period 3;
35 % complete; actual cost to date 36,000. Its printed results:

    Planned Value (PV): 40000          Earned Value (EV): 35000     Actual Cost (AC): 36000
    Schedule Variance (SV) is -5000    Cost Variance (CV) is -1000
    SPI is 0.88                        CPI is 0.97                  EAC is 102857.1

The package's reference examples (the roxygen examples of `eac()` and `tcpi()` in R/evm.R
of the same repository at commit 0927cdd5, rendered at paulgovan.github.io/PRA/reference/)
carry a second state of the same project with actual costs per period 9,000, 18,000 and
36,000, i.e. AC = 63,000: EAC (atypical, AC + BAC − EV) = 128000 and TCPI (to meet BAC)
= 1.76, printed to two decimals. The typical EAC of that state (BAC / CPI with CPI =
35,000 / 63,000, i.e. 180,000) is not printed there (its example uses CPI 0.83): it is
asserted below as derived, not as published.

The source prints no earned schedule. ES, SV(t), SPI(t) and IEAC(t) below are worked by
hand with Lipke's definition (W. Lipke, "Schedule is Different", The Measurable News,
March 2003): ES = C + I = 2 + (35,000 − 20,000) / (40,000 − 20,000) = 2.75 periods;
AT = 3; SV(t) = −0.25; SPI(t) = 0.9167; IEAC(t) = PD / SPI(t) = 5 / 0.9167 = 5.4545.

The model: one period is one working week; five sequential tasks, one per week, carry
the period budgets (10,000, 10,000, 20,000, 30,000, 30,000) on their baseline weeks, so
PV(t) is the published curve; periods convert as 1 period = 5 working days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pmo.engine.earned_value import earned_value, earned_value_rows
from pmo.model import Project, Task
from pmo.model.values import Known, NotApplicable

MONDAY = dt.date(2025, 1, 6)
WEEK = 5.0  # working days in one period of the example


def _week(k: int) -> tuple[dt.date, dt.date]:
    start = MONDAY + dt.timedelta(days=7 * k)
    return start, start + dt.timedelta(days=4)


def toy_project(costs: tuple[float | None, ...] = (9000, 9000, 18000, None, None)) -> Project:
    """The PRA toy project: 35 % earned (periods 1-2 done, period 3 at 75 %)."""
    budgets = (10000, 10000, 20000, 30000, 30000)
    progress = (100, 100, 75, 0, 0)
    tasks = []
    for k, (budget, done, cost) in enumerate(zip(budgets, progress, costs, strict=True)):
        start, finish = _week(k)
        tasks.append(Task(
            id=f"P{k + 1}", name=f"Period {k + 1} work", duration=5, budget=budget, percent_complete=done,
            actual_cost=cost, baseline_start=start, baseline_finish=finish, start=start, finish=finish,
            actual_start=start if done else None, actual_finish=finish if done == 100 else None,
        ))
    return Project(key="PRA", name="PRA toy project", start=MONDAY, tasks=tuple(tasks), currency="USD")


STATUS = _week(2)[1]  # the end of period 3


def test_published_figures_at_the_end_of_period_three() -> None:
    ev = earned_value(toy_project(), STATUS)
    assert ev.bac == 100000
    assert ev.pv == 40000
    assert ev.ev == 35000
    assert ev.ac == 36000
    assert ev.sv == -5000
    assert ev.cv == -1000
    assert round(ev.spi or 0, 2) == 0.88
    assert round(ev.cpi or 0, 2) == 0.97
    assert round(ev.eac or 0, 1) == 102857.1
    assert not ev.missing


def test_forecasts_follow_from_the_published_indices() -> None:
    ev = earned_value(toy_project(), STATUS)
    eac = 100000 / (35000 / 36000)
    assert ev.etc == pytest.approx(eac - 36000)
    assert ev.vac == pytest.approx(100000 - eac)
    assert round(ev.vac or 0, 1) == -2857.1
    assert ev.eac_atypical == pytest.approx(36000 + 100000 - 35000)
    assert ev.eac_composite == pytest.approx(36000 + 65000 / ((35000 / 36000) * 0.875))
    assert round(ev.tcpi_bac or 0, 4) == round(65000 / 64000, 4)
    assert ev.tcpi_eac == pytest.approx(65000 / (eac - 36000))


def test_reference_pages_second_state() -> None:
    ev = earned_value(toy_project((9000, 18000, 36000, None, None)), STATUS)
    assert ev.ac == 63000
    assert ev.eac_atypical == 128000
    assert round(ev.tcpi_bac or 0, 2) == 1.76
    assert round(ev.eac or 0) == 180000  # derived: 100,000 / (35,000 / 63,000); not printed by the source


def test_earned_schedule_by_lipkes_definition() -> None:
    ev = earned_value(toy_project(), STATUS)
    assert ev.es == pytest.approx(2.75 * WEEK)
    assert ev.at == pytest.approx(3 * WEEK)
    assert ev.pd == pytest.approx(5 * WEEK)
    assert (ev.sv_t or 0) / WEEK == pytest.approx(-0.25)
    assert round(ev.spi_t or 0, 4) == 0.9167
    assert round((ev.ieac_t or 0) / WEEK, 4) == 5.4545
    # 27.27 working days from Monday 6 January: in the 28th working day, Wednesday 12 February.
    assert ev.ieac_t_date == dt.date(2025, 2, 12)


def test_earned_schedule_inside_a_period_interpolates_linearly() -> None:
    ev = earned_value(toy_project(), _week(1)[1] - dt.timedelta(days=2))  # Wednesday of week 2
    assert ev.pv == pytest.approx(16000)
    assert ev.at == pytest.approx(8)
    assert ev.es == pytest.approx(10 + 15000 / 4000)


def test_no_budget_means_every_figure_is_not_applicable() -> None:
    project = Project(key="X", name="no money", tasks=(Task(id="A", name="a", duration=3),))
    ev = earned_value(project, MONDAY)
    assert ev.bac is None and ev.ev is None
    assert ev.why("cpi") == NotApplicable("no task carries a budget")
    rows = earned_value_rows(ev, "EUR")
    assert all(isinstance(row.value, NotApplicable) for row in rows if row.label != "Earned value basis")


def test_missing_actual_costs_are_explained() -> None:
    ev = earned_value(toy_project((None,) * 5), STATUS)
    assert ev.pv == 40000 and ev.spi == pytest.approx(0.875)
    assert ev.ac is None and ev.cpi is None and ev.eac is None
    assert "actual cost" in ev.why("ac").why
    assert ev.eac_composite is None and ev.why("eac_composite").why


def test_before_the_start_nothing_is_planned() -> None:
    project = toy_project((None,) * 5)
    fresh = Project(key="X", name="x", tasks=tuple(
        Task(id=t.id, name=t.name, duration=5, budget=t.budget, baseline_start=t.baseline_start,
             baseline_finish=t.baseline_finish) for t in project.tasks))
    ev = earned_value(fresh, MONDAY - dt.timedelta(days=7))
    assert ev.pv == 0 and ev.ev == 0
    assert ev.spi is None and "nothing was planned" in ev.why("spi").why
    assert ev.at is None and ev.spi_t is None


def test_a_summary_budget_counts_once() -> None:
    parent = Task(id="S", name="summary", budget=999999)
    kids = tuple(Task(id=t.id, name=t.name, parent="S", duration=5, budget=t.budget, percent_complete=t.percent_complete,
                      baseline_start=t.baseline_start, baseline_finish=t.baseline_finish)
                 for t in toy_project().tasks)
    ev = earned_value(Project(key="X", name="x", tasks=(parent, *kids)), STATUS)
    assert ev.bac == 100000


def test_effort_priced_at_a_day_rate_and_schedule_dates_when_no_baseline() -> None:
    task = Task(id="A", name="a", duration=10, effort=10, percent_complete=50,
                start=MONDAY, finish=MONDAY + dt.timedelta(days=11))
    ev = earned_value(Project(key="X", name="x", tasks=(task,)), MONDAY + dt.timedelta(days=4), day_rate=800)
    assert ev.bac == 8000 and ev.ev == 4000 and ev.pv == pytest.approx(4000)
    assert "effort" in ev.basis and "plan's dates" in ev.basis


def test_milestone_budget_falls_due_on_its_date() -> None:
    tasks = (
        Task(id="W", name="work", duration=5, budget=1000, percent_complete=100,
             baseline_start=MONDAY, baseline_finish=MONDAY + dt.timedelta(days=4)),
        Task(id="M", name="payment", milestone=True, budget=1000, baseline_start=MONDAY + dt.timedelta(days=4),
             baseline_finish=MONDAY + dt.timedelta(days=4)),
    )
    project = Project(key="X", name="x", tasks=tasks)
    assert earned_value(project, MONDAY + dt.timedelta(days=3)).pv == pytest.approx(800)
    at_friday = earned_value(project, MONDAY + dt.timedelta(days=4))
    assert at_friday.pv == 2000 and at_friday.ev == 1000
    assert at_friday.es == pytest.approx(5.0)  # the work's 1,000 is all planned by the end of Friday


def test_rows_format_money_ratios_and_days() -> None:
    rows = {row.label: row for row in earned_value_rows(earned_value(toy_project(), STATUS), "USD")}
    assert rows["EAC (BAC/CPI)"].value == Known("102,857 USD")
    assert rows["SPI"].value == Known("0.88")
    assert rows["CPI"].value == Known("0.97")
    assert rows["SV(t)"].value == Known("-1.2 wd")
    assert rows["IEAC(t)"].value == Known("27.3 wd, finishing 2025-02-12")
    assert all(row.help for row in rows.values())


def test_tcpi_to_bac_is_not_applicable_once_the_budget_is_spent() -> None:
    ev = earned_value(toy_project((50000, 30000, 30000, None, None)), STATUS)
    assert ev.ac == 110000 and ev.tcpi_bac is None
    assert ev.why("tcpi_bac") == NotApplicable("the budget is already spent (AC ≥ BAC)")
    assert ev.tcpi_eac is not None


def test_a_budget_on_a_work_package_earns_from_its_children_progress() -> None:
    """The budget sits on the summary W; progress is recorded on its children (5 days done, 10 at 40 %)."""
    project = Project(
        "WP", "Work package", tasks=(
            Task("W", "Work package", budget=80000, actual_cost=31000),
            Task("T1", "Design", parent="W", duration=5, percent_complete=100, actual_start=MONDAY,
                 actual_finish=MONDAY + dt.timedelta(days=4)),
            Task("T2", "Build", parent="W", duration=10, percent_complete=40, actual_start=MONDAY),
        ),
    )
    ev = earned_value(project, MONDAY + dt.timedelta(days=14))
    assert ev.ev == pytest.approx(80000 * (5 * 100 + 10 * 40) / 15 / 100)  # 48,000
    assert ev.cpi == pytest.approx(48000 / 31000)
