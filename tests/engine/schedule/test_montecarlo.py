"""Monte Carlo: reproducible, degenerate estimates give the CPM dates, odds and risks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from schedule_support import MONDAY, day, link

from pmo.engine.schedule import schedule, simulate, sweep_kernel
from pmo.engine.schedule.montecarlo import Forecast
from pmo.engine.schedule.sampling import Sampler
from pmo.engine.schedule.simulation import Draws, simulate_passes
from pmo.model import Commitment, Constraint, ConstraintType, Estimate, Project, Task

LATE = day("01-24")


def network(spread: bool, commitment: dt.date = LATE) -> Project:
    def estimate(d: float) -> Estimate:
        return Estimate(d * 0.8, d, d * 2.0) if spread else Estimate(d, d, d)

    tasks = (Task("A", "A", duration=3, estimate=estimate(3)), Task("B", "B", duration=4, estimate=estimate(4)),
             Task("C", "C", duration=3.5, estimate=estimate(3.5)), Task("D", "D", duration=5, estimate=estimate(5)),
             Task("M", "Launch", milestone=True))
    deps = (link("A", "B"), link("A", "C"), link("B", "D"), link("C", "D"), link("D", "M"))
    return Project(key="MC", name="MC", start=MONDAY, tasks=tasks, dependencies=deps,
                   commitments=(Commitment("Launch", commitment, task="M"),))


@pytest.mark.parametrize("distribution", ["pert", "triangular"])
def test_degenerate_estimates_give_exactly_the_cpm_dates(distribution: str) -> None:
    project = network(spread=False)
    plan = schedule(project)
    forecast = simulate(project, iterations=300, seed=3, distribution=distribution)
    assert set(forecast.finish.values()) == {plan.finish}
    assert set(forecast.milestones["M"].values()) == {plan.tasks["M"].finish}
    critical = {tid for tid, share in forecast.criticality.items() if share == 1.0}
    assert critical == set(plan.critical) == {"A", "B", "D", "M"}
    assert {share for tid, share in forecast.criticality.items() if tid not in critical} == {0.0}
    assert forecast.commitments == {"Launch": 1.0}
    assert forecast.sensitivity == []


def test_same_seed_same_answer_and_progress_is_reported() -> None:
    project = network(spread=True)
    calls: list[tuple[int, int]] = []
    first = simulate(project, iterations=500, seed=7, on_progress=lambda done, total: calls.append((done, total)))
    again = simulate(project, iterations=500, seed=7)
    other = simulate(project, iterations=500, seed=8)
    assert np.array_equal(first.finish_days, again.finish_days)
    assert not np.array_equal(first.finish_days, other.finish_days)
    assert calls[-1] == (500, 500)


def test_spread_estimates_push_dates_out_and_rank_the_drivers() -> None:
    project = network(spread=True)
    plan = schedule(project)
    forecast = simulate(project, iterations=4000, seed=1)
    p50, p80, p95 = forecast.finish["P50"], forecast.finish["P80"], forecast.finish["P95"]
    assert plan.finish < p50 <= p80 <= p95  # skewed estimates (0.8x .. 2x) only delay
    assert forecast.criticality["A"] == 1.0 and forecast.criticality["D"] == 1.0
    assert 0.0 < forecast.criticality["C"] < 0.5 < forecast.criticality["B"] < 1.0
    ranked = [tid for tid, _ in forecast.sensitivity]
    assert ranked[0] == "D"  # the longest task spreads the finish most
    assert set(ranked) == {"A", "B", "C", "D"}


def test_forecast_risk_when_p80_misses_a_commitment_the_plan_meets() -> None:
    plan_finish = schedule(network(spread=True)).finish  # the plan meets it, just
    project = network(spread=True, commitment=plan_finish)
    forecast = simulate(project, iterations=2000, seed=2)
    assert forecast.milestones["M"]["P80"] > project.commitments[0].date
    assert 0.0 < forecast.commitments["Launch"] < 0.8
    (risk,) = forecast.findings
    assert risk.code == "forecast-risk" and risk.subject.id == "M"
    assert "P80" in risk.message


def test_samplers_match_their_means() -> None:
    low, mode, high = np.array([2.0, 1.0]), np.array([4.0, 1.0]), np.array([9.0, 7.0])
    rng = np.random.default_rng(0)
    for distribution, expected in (("pert", [(2 + 16 + 9) / 6, (1 + 4 + 7) / 6]),
                                   ("triangular", [(2 + 4 + 9) / 3, (1 + 1 + 7) / 3])):
        sampler = Sampler(low, mode, high, distribution)
        out = sampler.draw(rng, np.empty((2, 100_000), np.float32), np.empty((2, 100_000), np.int64))
        assert out.mean(axis=1) == pytest.approx(expected, rel=0.01)
        assert (out.min(axis=1) >= low).all() and (out.max(axis=1) <= high).all()


def test_degenerate_with_calendars_progress_constraints_and_elapsed_lags() -> None:
    import datetime as dt

    from pmo.model import Absence, Calendar, Constraint, ConstraintType, Person

    fixed = Estimate(2, 2, 2)
    tasks = (Task("A", "A", duration=2, estimate=fixed, actual_start=day("01-06"), percent_complete=50),
             Task("B", "B", duration=2, estimate=fixed, owner="p"),
             Task("C", "C", duration=2, estimate=fixed, constraint=Constraint(ConstraintType.SNET, day("01-15"))),
             Task("S", "Phase"), Task("D", "D", parent="S", duration=2, estimate=fixed),
             Task("M", "M", milestone=True))
    deps = (link("A", "B"), link("A", "C", "FS", 2, elapsed=True), link("B", "S"), link("C", "S", "SS"),
            link("S", "M"))
    project = Project(key="X", name="X", start=MONDAY, status_date=day("01-08"), tasks=tasks, dependencies=deps,
                      calendars=(Calendar("std", holidays=(day("01-13"),)),), people=(Person("p", "Pat"),),
                      absences=(Absence("p", day("01-09"), day("01-10")),))
    plan = schedule(project)
    forecast = simulate(project, iterations=50, seed=1)
    assert forecast.finish == {"P50": plan.finish, "P80": plan.finish, "P95": plan.finish}
    assert forecast.milestones["M"]["P50"] == plan.tasks["M"].finish
    # A ends Wed 8; Pat is away Thu 9-Fri 10 and Mon 13 is a holiday: B Tue 14-Wed 15; C waits
    # two calendar days (Sat 11), the holiday, then its SNET: Wed 15-Thu 16; D Thu 16-Fri 17.
    assert [plan.tasks[t].finish.day for t in "ABCDM"] == [8, 15, 16, 17, 17]
    critical = {tid for tid, share in forecast.criticality.items() if share == 1.0}
    assert critical == set(plan.critical) == {"B", "S", "D", "M"}
    assert plan.finish == dt.date(2025, 1, 17)


def test_degenerate_estimates_mark_a_critical_summary_critical() -> None:
    """A summary on the critical path (its children S1 -> S2 drive the end) has a criticality of 1."""
    from pmo.model import Dependency, Estimate, Project, Task

    fixed = Estimate(3, 3, 3)
    tasks = (
        Task("A", "Start", duration=3, estimate=fixed),
        Task("SUM", "Package"),
        Task("S1", "First", parent="SUM", duration=3, estimate=fixed),
        Task("S2", "Second", parent="SUM", duration=3, estimate=fixed),
        Task("Z", "Finish", duration=3, estimate=fixed),
        Task("MZ", "Done", milestone=True),
    )
    links = (Dependency("A", "SUM"), Dependency("S1", "S2"), Dependency("SUM", "Z"), Dependency("Z", "MZ"))
    project = Project("P", "P", start=dt.date(2026, 6, 1), tasks=tasks, dependencies=links)
    plan = schedule(project)
    forecast = simulate(project, iterations=200, seed=1)
    critical = {tid for tid, share in forecast.criticality.items() if share == 1.0}
    assert "SUM" in set(plan.critical) and critical == set(plan.critical)


def every_link_kind(fixed_task: bool) -> Project:
    """All four link types, lags (working, elapsed, negative), a pinned start, a commitment."""
    def task(tid: str, d: float, **extra: Any) -> Task:
        return Task(tid, tid, duration=d, estimate=Estimate(d * 0.7, d, d * 2.5), **extra)

    tasks = [task("A", 3), task("B", 4), task("C", 2.5), task("D", 5), task("E", 1.5),
             task("F", 6, constraint=Constraint(ConstraintType.SNET, day("01-20"))), task("G", 2), task("H", 3)]
    if fixed_task:
        tasks.append(Task("Z", "Z", duration=2))  # no estimate: a fixed duration, a milestone
        tasks.append(Task("M", "Ship", milestone=True))
    deps = [link("A", "B"), link("A", "C", "SS", 1), link("B", "D", "FF", 2), link("C", "D", "SF", 3),
            link("C", "E", "FS", -1), link("D", "F", "FS", 2, elapsed=True), link("E", "G", "SS", 0.5),
            link("F", "H"), link("G", "H", "FF", 1)]
    if fixed_task:
        deps += [link("B", "Z", "SS"), link("Z", "H", "FS", 1), link("H", "M")]
    return Project(key="K", name="K", start=MONDAY, tasks=tuple(tasks), dependencies=tuple(deps),
                   commitments=(Commitment("Ship", day("02-14"), task="M" if fixed_task else "H"),))


@pytest.mark.skipif(not sweep_kernel.HAVE_NUMBA, reason="numba is absent or disabled: only the numpy sweeps run")
@pytest.mark.parametrize("fixed_task", [False, True])
def test_numba_sweeps_give_exactly_the_numpy_results(fixed_task: bool) -> None:
    project = every_link_kind(fixed_task)
    passes = schedule(project).internals.passes
    low, mode, high = (np.array([getattr(t.estimate, name) if t.estimate else t.duration or 0.0 for t in project.tasks])
                       for name in ("optimistic", "most_likely", "pessimistic"))
    sampled = high > low
    variable = np.where(sampled, passes.early_finish - passes.early_start, 0.0)
    watched = np.arange(len(project.tasks))
    done = np.zeros(len(project.tasks), dtype=bool)

    def both() -> tuple[Forecast, Draws]:
        return (simulate(project, iterations=3000, seed=5),
                simulate_passes(passes, Sampler(low, mode, high, "pert"), variable, sampled, mode, done, watched,
                                3000, 5))

    assert sweep_kernel.enabled()
    compiled, compiled_draws = both()
    sweep_kernel.use_compiled(False)
    try:
        assert not sweep_kernel.enabled()
        plain, plain_draws = both()
    finally:
        sweep_kernel.use_compiled(True)
    assert np.array_equal(compiled.finish_days, plain.finish_days)
    assert compiled.criticality == plain.criticality and compiled.milestones == plain.milestones
    assert compiled.commitments == plain.commitments and compiled.finish == plain.finish
    assert compiled.sensitivity == plain.sensitivity
    for got, want in zip((compiled_draws.finish, compiled_draws.watched, compiled_draws.criticality),
                         (plain_draws.finish, plain_draws.watched, plain_draws.criticality), strict=True):
        assert np.array_equal(got, want)
    assert np.unique(compiled.finish_days).size > 10  # the draws really spread


def test_a_pinned_successor_still_binds_its_predecessor_backward() -> None:
    """B must start on 15 June: A (3 days from 1 June) has 7 days of float, in the CPM and the simulation."""
    from pmo.model import Constraint, ConstraintType, Dependency

    fixed = Estimate(3, 3, 3)
    pinned = Constraint(ConstraintType.MSO, dt.date(2026, 6, 15))
    tasks = (
        Task("A", "Before", duration=3, estimate=fixed),
        Task("B", "Pinned", duration=3, estimate=fixed, constraint=pinned),
        Task("C", "Parallel", duration=3, estimate=fixed),
        Task("M", "End", milestone=True),
    )
    links = (Dependency("A", "B"), Dependency("B", "M"), Dependency("C", "M"))
    project = Project("P", "P", start=dt.date(2026, 6, 1), tasks=tasks, dependencies=links)
    plan = schedule(project)
    assert plan.tasks["A"].total_float == 7 and not plan.tasks["A"].critical
    forecast = simulate(project, iterations=200, seed=1)
    assert {t for t, share in forecast.criticality.items() if share == 1.0} == set(plan.critical) == {"B", "M"}
