"""The Monte Carlo forecast as the Review keeps it: percentile dates, commitment odds, findings.

`ForecastSummary` is what a `Forecast` (engine/schedule/montecarlo.py) tells the report,
without the draws: small, immutable, and plain data both ways (`to_json` / `from_json`),
so the store can keep the last one per revision of the data and status date.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmo.model import Finding
from pmo.model.finding import finding_from_json

if TYPE_CHECKING:
    from pmo.engine.schedule import Forecast

JsonDict = dict[str, object]


@dataclass(frozen=True)
class ForecastSummary:
    """P50/P80/P95 of the finish and of each milestone, the odds of each commitment, `forecast-risk`."""

    iterations: int
    seed: int
    distribution: str
    finish: Mapping[str, dt.date]
    milestones: Mapping[str, Mapping[str, dt.date]]
    commitments: Mapping[str, float]
    findings: tuple[Finding, ...] = ()


def _frozen_dates(points: Mapping[str, dt.date]) -> Mapping[str, dt.date]:
    return types.MappingProxyType(dict(points))


def summary_of(forecast: Forecast) -> ForecastSummary:
    """What the Review keeps of a Monte Carlo forecast."""
    return ForecastSummary(
        forecast.iterations, forecast.seed, forecast.distribution, _frozen_dates(forecast.finish),
        types.MappingProxyType({k: _frozen_dates(v) for k, v in forecast.milestones.items()}),
        types.MappingProxyType(dict(forecast.commitments)), tuple(forecast.findings),
    )


def to_json(summary: ForecastSummary) -> JsonDict:
    """The summary as plain data (ISO dates)."""
    return {
        "iterations": summary.iterations,
        "seed": summary.seed,
        "distribution": summary.distribution,
        "finish": {k: v.isoformat() for k, v in summary.finish.items()},
        "milestones": {m: {k: v.isoformat() for k, v in p.items()} for m, p in summary.milestones.items()},
        "commitments": dict(summary.commitments),
        "findings": [f.as_json() for f in summary.findings],
    }


def _dates(data: object) -> Mapping[str, dt.date]:
    assert isinstance(data, dict)
    return types.MappingProxyType({str(k): dt.date.fromisoformat(str(v)) for k, v in data.items()})


def from_json(data: Mapping[str, object]) -> ForecastSummary:
    """The summary back from `to_json`'s plain data."""
    milestones, commitments, findings = data["milestones"], data["commitments"], data["findings"]
    assert isinstance(milestones, dict) and isinstance(commitments, dict) and isinstance(findings, list)
    iterations, seed = data["iterations"], data["seed"]
    assert isinstance(iterations, int) and isinstance(seed, int)
    return ForecastSummary(
        iterations, seed, str(data["distribution"]), _dates(data["finish"]),
        types.MappingProxyType({str(m): _dates(p) for m, p in milestones.items()}),
        types.MappingProxyType({str(k): float(v) for k, v in commitments.items()}),
        tuple(finding_from_json(f) for f in findings),
    )
