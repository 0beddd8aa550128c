"""The plan commands (`pmo schedule`, `pmo level`, `pmo forecast`): the workspace's project and
what the engine computed for it, for the interfaces to print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmo.api.workspace import load_workspace, status_date
from pmo.config import Settings
from pmo.errors import InputError
from pmo.model import Project

# The readers (icalendar, lxml, ruamel...) and the store (SQLAlchemy) are imported by the
# functions that use them, so `pmo check` loads no reader and `import pmo.api` stays light.
if TYPE_CHECKING:  # for annotations only
    from collections.abc import Callable

    from pmo.engine.leveling.level import Leveling
    from pmo.engine.schedule import Forecast, Schedule


@dataclass(frozen=True)
class Scheduled:
    """`pmo schedule`: the project and its critical-path schedule at the status date."""

    project: Project
    schedule: Schedule


def schedule_workspace(settings: Settings, as_of: dt.date | None = None) -> Scheduled:
    """The critical path of the workspace's project at `as_of` (see `status_date`)."""
    from pmo.engine.schedule import schedule

    project = load_workspace(settings)
    return Scheduled(project, schedule(project, status_date(project, as_of)))


@dataclass(frozen=True)
class Leveled:
    """`pmo level`: the project, its leveling and the date its offsets count from."""

    project: Project
    leveling: Leveling
    origin: dt.date

    def day(self, offset: float) -> dt.date | None:
        """The working day (of the project calendar) `offset` working days from the origin; None before it."""
        return self.leveling.date(offset) if offset >= 0 else None


def level_workspace(settings: Settings, as_of: dt.date | None = None) -> Leveled:
    """Resource leveling of the workspace's project at `as_of`: who is over capacity, the leveled plan."""
    from pmo.engine.review.schedule_parts import leveling_of

    project = load_workspace(settings)
    when = status_date(project, as_of)
    leveling = leveling_of(project, when)
    return Leveled(project, leveling, leveling.origin or when)


@dataclass(frozen=True)
class Forecasted:
    """`pmo forecast`: the project and its Monte Carlo forecast."""

    project: Project
    forecast: Forecast


FORECAST_DISTRIBUTIONS = ("pert", "triangular")


def forecast_workspace(
    settings: Settings,
    as_of: dt.date | None = None,
    iterations: int = 10_000,
    seed: int = 1,
    distribution: str = "pert",
    on_progress: Callable[[int, int], None] | None = None,
) -> Forecasted:
    """The Monte Carlo forecast of the workspace's project; `on_progress(done, total)` as it runs."""
    if distribution not in FORECAST_DISTRIBUTIONS:
        raise InputError(f"--distribution {distribution!r}: write {' or '.join(FORECAST_DISTRIBUTIONS)}")
    from pmo.engine.schedule import simulate

    project = load_workspace(settings)
    result = simulate(project, status_date(project, as_of), iterations=iterations, seed=seed,
                      distribution=distribution, on_progress=on_progress)
    return Forecasted(project, result)
