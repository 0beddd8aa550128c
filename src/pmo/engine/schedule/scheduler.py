"""`schedule(project, as_of)`: compile, break loops, run the passes, read the results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pmo.engine.schedule.bounds import Setup, build_setup
from pmo.engine.schedule.calendars import DEFAULT_CALENDAR, DateAxis
from pmo.engine.schedule.compile import Structure, build_structure
from pmo.engine.schedule.cpm import EPS, Bounds, Passes, driving_links, floats, run_passes
from pmo.engine.schedule.cycles import break_cycles
from pmo.engine.schedule.driving import DrivingMap, critical_chain
from pmo.engine.schedule.network import Levels, Network, levelise
from pmo.engine.schedule.result import BoolArray, IntArray, Schedule, TaskArrays, TaskTable
from pmo.engine.schedule.special import CalendarSpecial
from pmo.model import Calendar, Project


@dataclass(frozen=True)
class Internals:
    """What the Monte Carlo and later analyses reuse: the network, levels, setup, passes."""

    structure: Structure | None
    network: Network
    levels: Levels
    passes: Passes
    setup: Setup | None
    axis: DateAxis
    dropped_links: tuple[int, ...]


def schedule(project: Project, as_of: dt.date | None = None, *, conflicts_only: bool = False) -> Schedule:
    """The critical-path schedule of `project` at status date `as_of`.

    `as_of` defaults to the project's status date; without either, progress is ignored.
    `conflicts_only` keeps of the schedule's findings the loops and the constraint conflicts
    (what a trial of a changed plan is checked against), leaving out near-critical chains and
    milestone slips, which cost about as much as the passes on a large plan.
    """
    from pmo.engine.schedule.findings import conflict_findings, loop_findings, schedule_findings

    as_of = as_of or project.status_date
    structure = build_structure(project)
    network, level, loops, dropped = break_cycles(structure.network, structure.names)
    levels = levelise(network, level)
    setup = build_setup(project, structure, as_of)
    special = None
    if setup.calendars or network.elapsed.any():
        special = CalendarSpecial(network, levels, setup.axis, setup.calendars)
    passes = run_passes(network, levels, setup.bounds, special, setup.duration)
    summary = np.zeros(network.size, dtype=bool)
    summary[list(structure.summaries)] = True
    summary[list(structure.summaries.values())] = True
    milestone = np.zeros(network.size, dtype=bool)
    milestone[: len(structure.tasks)] = [t.milestone for t in structure.tasks]
    internals = Internals(structure, network, levels, passes, setup, setup.axis, tuple(dropped))
    result, finish_day = _results(internals, len(structure.tasks), project.settings.near_critical_days,
                                  setup.done, setup.alap, setup.min_day, milestone, summary)
    variance = result.tasks.arrays.variance
    for node, task in enumerate(structure.tasks):
        if task.baseline_finish is not None:
            baseline = setup.axis.index_on_or_before(task.baseline_finish)
            variance[node] = float(finish_day[node] - baseline)
    result.tasks.forget()  # records read before the variances were set are built again
    if conflicts_only:
        findings = loop_findings(project, structure, loops, dropped) + conflict_findings(project, result, as_of)
    else:
        findings = schedule_findings(project, result, structure, loops, dropped, as_of)
    return Schedule(result.tasks, result.start, result.finish, result.critical_path, loops, findings,
                    as_of, result.finish_days, internals)


def schedule_network(network: Network, start: dt.date, calendar: Calendar = DEFAULT_CALENDAR,
                     near_critical_days: float = 5.0) -> Schedule:
    """The schedule of a bare network (the generator's fast path): no progress, no findings."""
    network, level, loops, dropped = break_cycles(network, network.ids)
    levels = levelise(network, level)
    passes = run_passes(network, levels, Bounds.free(network.size))
    axis = DateAxis(calendar, start, span_days=int(passes.finish * 1.5) + 60)
    internals = Internals(None, network, levels, passes, None, axis, tuple(dropped))
    n = network.size
    none = np.zeros(n, dtype=bool)
    result, _ = _results(internals, n, near_critical_days, none, none, np.zeros(n, dtype=np.int64),
                      network.duration == 0, none)
    return Schedule(result.tasks, result.start, result.finish, result.critical_path, loops, [],
                    None, result.finish_days, internals)


def _finish_day(start: np.ndarray, finish: np.ndarray, milestone: BoolArray, min_day: IntArray) -> IntArray:
    first = np.floor(start + EPS).astype(np.int64)
    last = np.ceil(finish - EPS).astype(np.int64) - 1
    point = np.maximum(last, min_day)
    result: IntArray = np.where(milestone | (finish - start < EPS), np.maximum(point, np.minimum(first, 0)),
                                np.maximum(last, first))
    return result


def _results(internals: Internals, count: int, near_days: float, done: BoolArray, alap: BoolArray,
             min_day: IntArray, milestone: BoolArray, summary: BoolArray) -> tuple[Schedule, IntArray]:
    passes, axis, network = internals.passes, internals.axis, internals.network
    es, ef = passes.early_start.copy(), passes.early_finish.copy()
    ls, lf = passes.late_start, passes.late_finish
    ls[done], lf[done] = es[done], ef[done]
    total, free = floats(passes)
    total[done], free[done] = 0.0, 0.0
    start, finish = es.copy(), ef.copy()
    start[alap] += free[alap]
    finish[alap] += free[alap]
    structure = internals.structure
    if structure is not None:
        _roll_up(structure, (es, ef, ls, lf, start, finish), total, free)
    zero_len = milestone | (ef - es < EPS)
    day = {
        "early_start": np.floor(es + EPS).astype(np.int64),
        "early_finish": _finish_day(es, ef, zero_len, min_day),
        "late_start": np.floor(ls + EPS).astype(np.int64),
        "late_finish": _finish_day(ls, lf, zero_len, min_day),
        "start": np.floor(start + EPS).astype(np.int64),
        "finish": _finish_day(start, finish, zero_len, min_day),
    }
    for key in ("early_start", "late_start", "start"):
        day[key] = np.where(zero_len, day[key.replace("start", "finish")], day[key])
    ordinals = {key: axis.ordinals(value) for key, value in day.items()}
    critical = (total <= EPS) & ~done
    near = (total > EPS) & (total < near_days) & ~done
    driving = DrivingMap(network, driving_links(passes))
    arrays = TaskArrays(network.ids, ordinals["early_start"], ordinals["early_finish"],
                        ordinals["late_start"], ordinals["late_finish"], ordinals["start"],
                        ordinals["finish"],
                        total, free,
                        critical, near, ef - es, milestone, summary, done, np.full(network.size, np.nan),
                        driving)
    table = TaskTable(arrays, count)
    project_finish = float(passes.finish)
    last = 0
    if network.size:
        ends = np.flatnonzero(ef >= ef.max() - EPS)
        last = int(ends[np.argmax(internals.levels.level[ends])])
    path = critical_chain(last, driving, critical, summary, network.ids)
    finish_date = table.record(last).finish if network.size else axis.origin
    result = Schedule(table, axis.date(0), finish_date, path, [], [], None, project_finish, internals)
    return result, day["finish"]


def _roll_up(structure: Structure, dates: Sequence[np.ndarray], total: np.ndarray, free: np.ndarray) -> None:
    """Summary rows from their children: earliest start, latest finish, smallest float."""
    index = {task.id: i for i, task in reversed(list(enumerate(structure.tasks)))}
    order = sorted(structure.children, key=lambda node: -_depth(structure, index, node))
    for node in order:
        kids = list(structure.children[node])
        for k, column in enumerate(dates):
            column[node] = column[kids].min() if k % 2 == 0 else column[kids].max()
        total[node] = total[kids].min()
        free[node] = free[kids].min()


def _depth(structure: Structure, index: dict[str, int], node: int) -> int:
    depth, parent = 0, structure.tasks[node].parent
    seen = {node}
    while parent is not None and parent in index and index[parent] not in seen:
        seen.add(index[parent])
        depth += 1
        parent = structure.tasks[index[parent]].parent
    return depth
