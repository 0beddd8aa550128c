"""Monte Carlo forecast: P50/P80/P95 dates, commitment odds, criticality, sensitivity.

`simulate(project, ...)` schedules the project once (the deterministic schedule), then
draws every unfinished task's duration from its three-point `Estimate` (PERT or
triangular) `iterations` times and re-runs the passes in bulk (see `simulation`).
Tasks without an estimate keep their duration; done tasks keep their actual dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from pmo.engine.names import task_label
from pmo.engine.schedule.result import Schedule
from pmo.engine.schedule.sampling import Sampler
from pmo.engine.schedule.scheduler import Internals, schedule
from pmo.engine.schedule.simulation import Draws, Float32Array, FloatArray, simulate_passes
from pmo.model import Finding, Project, Severity, Subject

PERCENTILES = (50, 80, 95)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Forecast:
    """What the simulation says about dates.

    `finish` and `milestones` map "P50"/"P80"/"P95" to dates; `commitments` maps each
    commitment's name to the probability of meeting it; `criticality` the share of
    iterations each task is critical in; `sensitivity` tasks ranked by the correlation of
    their duration with the project finish (strongest first).
    """

    iterations: int
    seed: int
    distribution: str
    finish: dict[str, dt.date]
    milestones: dict[str, dict[str, dt.date]]
    commitments: dict[str, float]
    criticality: dict[str, float]
    sensitivity: list[tuple[str, float]]
    findings: list[Finding]
    deterministic: Schedule = field(repr=False, compare=False)
    finish_days: Float32Array = field(repr=False, compare=False, default_factory=lambda: np.zeros(0, np.float32))


def _finish_day(points: np.ndarray, floor_day: int = -(1 << 40)) -> np.ndarray:
    """Axis day each finish point falls on (the end of the day before a day boundary)."""
    return np.maximum(np.ceil(points.astype(np.float64) - 1e-3).astype(np.int64) - 1, floor_day)


def _percentile_dates(internals: Internals, points: np.ndarray, floor_day: int = 0) -> dict[str, dt.date]:
    days = _finish_day(np.percentile(points, PERCENTILES, method="higher"), floor_day)
    return {f"P{p}": internals.axis.date(int(day)) for p, day in zip(PERCENTILES, days, strict=True)}


def _forecast(result: Schedule, sampler_inputs: tuple[FloatArray, FloatArray, FloatArray],
              variable: FloatArray, sampled: np.ndarray, watched: list[int], iterations: int, seed: int,
              distribution: str, on_progress: Progress | None) -> tuple[Draws, Internals]:
    internals: Internals = result.internals
    low, mode, high = sampler_inputs
    sampler = Sampler(low, mode, high, distribution)
    done = result.tasks.arrays.done
    draws = simulate_passes(internals.passes, sampler, variable, sampled, mode, done,
                            np.array(watched, dtype=np.int64), iterations, seed, on_progress)
    return draws, internals


def simulate(project: Project, as_of: dt.date | None = None, iterations: int = 10_000, seed: int = 0,
             distribution: str = "pert", on_progress: Progress | None = None,
             deterministic: Schedule | None = None) -> Forecast:
    """The Monte Carlo forecast of `project` at `as_of` (see `Forecast`).

    `deterministic` is the schedule of `project` at `as_of` when the caller has it already
    (it is computed otherwise).
    """
    result = deterministic if deterministic is not None else schedule(project, as_of)
    internals: Internals = result.internals
    setup, passes = internals.setup, internals.passes
    assert setup is not None
    n = internals.network.size
    low, mode, high = np.zeros(n), np.zeros(n), np.zeros(n)
    variable, sampled = np.zeros(n), np.zeros(n, dtype=bool)
    axis_duration = passes.early_finish - passes.early_start
    for node, task in enumerate(project.tasks):
        estimate = task.estimate
        if estimate is None or setup.done[node] or node in (internals.structure.children if internals.structure
                                                           else {}):
            continue
        low[node], mode[node], high[node] = estimate.optimistic, estimate.most_likely, estimate.pessimistic
        in_progress = not np.isnan(setup.bounds.es_pin[node]) and task.started
        planned = float(setup.duration[node])
        remaining = task.remaining if task.remaining is not None else planned * (1 - task.percent_complete / 100)
        part = min(float(remaining), planned) if in_progress else planned
        # work in axis days: own calendars stretch a task; the draw scales the stretched span
        variable[node] = part * (axis_duration[node] / planned if planned > 0 else 1.0)
        sampled[node] = estimate.pessimistic > estimate.optimistic or estimate.most_likely != planned
    index = {task.id: i for i, task in enumerate(project.tasks)}
    milestones = [t.id for t in project.tasks if t.milestone and t.id in index]
    committed = [c.task for c in project.commitments if c.task in index]
    watched_ids = list(dict.fromkeys([*milestones, *committed]))
    watched = [index[i] for i in watched_ids]
    draws, internals = _forecast(result, (low, mode, high), variable, sampled, watched, iterations, seed,
                                 distribution, on_progress)
    min_day = setup.min_day
    forecasts = {tid: _percentile_dates(internals, draws.watched[k], int(min_day[index[tid]]))
                 for k, tid in enumerate(watched_ids)}
    odds: dict[str, float] = {}
    for commitment in project.commitments:
        points = draws.watched[watched_ids.index(commitment.task)] if commitment.task in watched_ids \
            else draws.finish
        limit = internals.axis.index_on_or_before(commitment.date)
        odds[commitment.name] = float((_finish_day(points) <= limit).mean()) if points.size else 0.0
    ids = [t.id for t in project.tasks]
    return Forecast(
        iterations, seed, distribution, _percentile_dates(internals, draws.finish),
        {tid: forecasts[tid] for tid in milestones}, odds,
        _summaries_critical(project, {tid: float(draws.criticality[i]) for i, tid in enumerate(ids)}),
        _ranking(ids, draws.sensitivity), _risks(project, result, forecasts, odds), result, draws.finish)


def _summaries_critical(project: Project, criticality: dict[str, float]) -> dict[str, float]:
    """A summary is as critical as its most critical child (the passes skip summaries)."""
    children: dict[str, list[str]] = {}
    for task in project.tasks:
        if task.parent:
            children.setdefault(task.parent, []).append(task.id)

    def index(task_id: str, seen: frozenset[str]) -> float:
        kids = [k for k in children.get(task_id, []) if k not in seen]
        if not kids:
            return criticality.get(task_id, 0.0)
        return max(index(k, seen | {k}) for k in kids)

    return {tid: index(tid, frozenset({tid})) if tid in children else value for tid, value in criticality.items()}


def simulate_network(result: Schedule, low: FloatArray, mode: FloatArray, high: FloatArray,
                     iterations: int = 10_000, seed: int = 0, distribution: str = "pert",
                     on_progress: Progress | None = None) -> Forecast:
    """The forecast of a bare network scheduled by `schedule_network` (the generator's path)."""
    internals: Internals = result.internals
    duration = internals.network.duration
    sampled = (high > low) | (mode != duration)
    draws, internals = _forecast(result, (low, mode, high), duration.copy(), sampled, [], iterations, seed,
                                 distribution, on_progress)
    ids = internals.network.ids
    top = np.argsort(-np.abs(draws.sensitivity))[:20]
    return Forecast(iterations, seed, distribution, _percentile_dates(internals, draws.finish), {}, {},
                    {}, [(ids[int(i)], float(draws.sensitivity[i])) for i in top], [], result, draws.finish)


def _ranking(ids: list[str], sensitivity: FloatArray, top: int = 20) -> list[tuple[str, float]]:
    order = np.argsort(-np.abs(sensitivity[: len(ids)]), kind="stable")[:top]
    return [(ids[int(i)], round(float(sensitivity[i]), 4)) for i in order if abs(sensitivity[i]) > 1e-6]


def _risks(project: Project, result: Schedule, forecasts: dict[str, dict[str, dt.date]],
           odds: dict[str, float]) -> list[Finding]:
    """`forecast-risk`: the deterministic date meets a commitment, the P80 date does not."""
    found = []
    for commitment in project.commitments:
        if commitment.task is not None and commitment.task in forecasts:
            row = result.tasks[commitment.task]
            planned, p80 = row.finish, forecasts[commitment.task]["P80"]
            task = project.task(row.id)
            subject = Subject("task", row.id, task.name if task else "")
        else:
            planned, p80 = result.finish, None
            subject = Subject("project", project.key, project.name)
        if p80 is None or planned > commitment.date or p80 <= commitment.date:
            continue
        chance = odds.get(commitment.name, 0.0)
        found.append(Finding(
            code="forecast-risk", severity=Severity.WARNING, subject=subject,
            message=f"'{commitment.name}' ({commitment.date.isoformat()}"
                    + (f", {task_label(subject.id, subject.name)}" if subject.kind == "task" else "")
                    + f") is met by the plan ({planned.isoformat()}) but not at P80 ({p80.isoformat()}): "
                    f"{chance:.0%} chance.",
            detail={"P80": p80.isoformat(), "plan": planned.isoformat(), "probability": f"{chance:.2f}"},
            suggestion="Protect the commitment: add buffer, reduce uncertainty on the most sensitive tasks, "
                       "or agree a later date.",
            source=project.source))
    return found

