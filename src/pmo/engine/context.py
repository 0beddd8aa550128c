"""One analysis of a project at a status date: each result computed once, when first asked, and shared.

`AnalysisContext(project, as_of, snapshots, kept_forecast)` is what every check takes
(`(ctx) -> findings`, see `pmo.engine.checks.registry`) and what the Review is built
from. Its inputs are frozen; the schedule, the loops, the Monte Carlo forecast, earned
value, the milestone trend, the delay files, the bookings and overloads and (only when asked) the leveling
are computed lazily, once. Nothing here reads the clock: the status date is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from pmo.engine.bookings import Overload, overloads
from pmo.engine.earned_value import EarnedValue, earned_value
from pmo.engine.forecast import ForecastSummary, summary_of
from pmo.engine.history import milestone_trend
from pmo.engine.review.rows import TrendRow
from pmo.errors import InputError
from pmo.model import Finding, Project, Severity, Snapshot, Subject

if TYPE_CHECKING:
    from pmo.engine.foresight import DelayFile
    from pmo.engine.leveling.level import Leveling
    from pmo.engine.schedule import Schedule


class AnalysisContext:
    """A project at a status date, with every analysis of it computed lazily and once.

    `kept_forecast` is a Monte Carlo forecast kept for this very data and status date
    (the store keeps one per revision); without one, `forecast` simulates when `simulate`
    is True and is None otherwise (`pmo check` does not simulate).
    """

    def __init__(
        self,
        project: Project,
        as_of: dt.date,
        snapshots: Sequence[Snapshot] = (),
        kept_forecast: ForecastSummary | None = None,
        *,
        simulate: bool = True,
    ) -> None:
        self._project = project
        self._as_of = as_of
        self._snapshots = tuple(snapshots)
        self._kept = kept_forecast
        self._simulate = simulate

    @property
    def project(self) -> Project:
        return self._project

    @property
    def as_of(self) -> dt.date:
        return self._as_of

    @property
    def snapshots(self) -> tuple[Snapshot, ...]:
        """Snapshots of earlier status dates only."""
        return tuple(s for s in self._snapshots if s.status_date < self._as_of)

    @cached_property
    def _scheduled(self) -> tuple[Schedule | None, Finding | None]:
        if not self._project.tasks:
            return None, None
        from pmo.engine.schedule import schedule

        try:
            return schedule(self._project, self._as_of), None
        except InputError as exc:
            project = self._project
            return None, Finding(
                code="schedule-failed",
                severity=Severity.ERROR,
                subject=Subject("project", project.key, project.name),
                message=f"The plan cannot be scheduled: {exc}.",
                suggestion="Correct the plan; until then the report shows no forecast.",
                source=project.source,
            )

    @property
    def schedule(self) -> Schedule | None:
        """The critical-path schedule (None without tasks or when it failed: see `schedule_failure`)."""
        return self._scheduled[0]

    @property
    def schedule_failure(self) -> Finding | None:
        """`schedule-failed` when the plan has tasks but cannot be scheduled."""
        return self._scheduled[1]

    @cached_property
    def loops(self) -> tuple[Finding, ...]:
        """`dependency-cycle` per loop in the links (from the schedule when there is one)."""
        if self.schedule is not None:
            return tuple(f for f in self.schedule.findings if f.code == "dependency-cycle")
        if not self._project.dependencies:
            return ()
        from pmo.engine.schedule import cycle_findings_of

        return tuple(cycle_findings_of(self._project))

    @cached_property
    def forecasts(self) -> dict[str, dt.date]:
        """Each task's forecast finish: the schedule's, else the plan's dates."""
        computed = self.schedule
        if computed is None:
            return {t.id: t.finish for t in self._project.tasks if t.finish}
        return {task_id: dates.finish for task_id, dates in computed.tasks.items()}

    @cached_property
    def forecast(self) -> ForecastSummary | None:
        """The Monte Carlo forecast: the kept one, else simulated on the schedule (when allowed)."""
        if self._kept is not None:
            return self._kept
        if not self._simulate:
            return None
        return self.simulated

    @cached_property
    def simulated(self) -> ForecastSummary | None:
        """A Monte Carlo forecast computed now, on the schedule already computed (None without estimates)."""
        computed = self.schedule
        if computed is None or not any(task.estimate for task in self._project.tasks):
            return None
        from pmo.engine.schedule import simulate

        settings = self._project.settings
        return summary_of(simulate(self._project, self._as_of, iterations=settings.forecast_iterations,
                                   seed=settings.forecast_seed, deterministic=computed))

    @cached_property
    def earned_value(self) -> EarnedValue:
        return earned_value(self._project, self._as_of, self.schedule)

    @cached_property
    def trend(self) -> tuple[TrendRow, ...]:
        """Every milestone's forecast at each earlier status date, then now."""
        return milestone_trend(self._project, self.snapshots, self._as_of, self.forecasts)

    @cached_property
    def delays(self) -> tuple[DelayFile, ...]:
        """The delay file of every milestone, deliverable and commitment forecast late (engine/foresight.py)."""
        if self.schedule is None:
            return ()
        from pmo.engine.foresight import delay_files

        return delay_files(self._project, self.schedule, self._as_of)

    @cached_property
    def overloads(self) -> tuple[Overload, ...]:
        """People booked above capacity on the schedule (bookings summed; no leveling search)."""
        if self.schedule is None or not any(task.assignments for task in self._project.tasks):
            return ()
        return overloads(self._project, self.schedule, self._as_of)

    def leveling(self) -> Leveling:
        """The resource-leveled plan (a search: only `pmo level` and recovery options ask for it)."""
        if "_leveled" not in self.__dict__:
            from pmo.engine.review.schedule_parts import leveling_of

            self.__dict__["_leveled"] = leveling_of(self._project, self._as_of)
        result: Leveling = self.__dict__["_leveled"]
        return result
