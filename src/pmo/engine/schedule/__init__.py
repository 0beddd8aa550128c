"""The schedule engine: critical path on working calendars, progress, loops, Monte Carlo.

`schedule(project, as_of)` returns a `Schedule`; `simulate(project, ...)` a `Forecast`;
`find_cycles(project)` the loops in the links. See docs/schedule.md for how time counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmo.engine.schedule.compile import build_structure
from pmo.engine.schedule.cycles import break_cycles
from pmo.engine.schedule.result import Schedule, TaskSchedule
from pmo.engine.schedule.scheduler import schedule, schedule_network
from pmo.model import Finding, Project

if TYPE_CHECKING:
    from pmo.engine.schedule.montecarlo import Forecast, simulate, simulate_network

_LAZY = ("Forecast", "simulate", "simulate_network")


def __getattr__(name: str) -> object:
    """The Monte Carlo names, imported on first use (numba is slow to import and a check needs none)."""
    if name in _LAZY:
        from pmo.engine.schedule import montecarlo

        return getattr(montecarlo, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def find_cycles(project: Project) -> list[list[str]]:
    """The loops in `project`'s links, each as task ids (``[A, B, C]``: A -> B -> C -> A)."""
    structure = build_structure(project)
    return break_cycles(structure.network, structure.names)[2]


def cycle_findings_of(project: Project) -> list[Finding]:
    """`dependency-cycle` for each loop, at the same link the schedule leaves out."""
    from pmo.engine.schedule.findings import loop_findings

    structure = build_structure(project)
    _, _, loops, dropped = break_cycles(structure.network, structure.names)
    return loop_findings(project, structure, loops, dropped)


__all__ = [
    "Forecast",
    "Schedule",
    "TaskSchedule",
    "cycle_findings_of",
    "find_cycles",
    "schedule",
    "schedule_network",
    "simulate",
    "simulate_network",
]
