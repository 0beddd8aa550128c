"""Monte Carlo: reproducible, degenerate estimates give the CPM dates, odds and risks."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from schedule_support import MONDAY, day, link

from pmo.engine.schedule import schedule, simulate
from pmo.engine.schedule.sampling import Sampler
from pmo.model import Commitment, Estimate, Project, Task


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
