"""The schedule's results: per-task dates and floats, held as arrays, read as records.

`TaskTable` is a read-only mapping task id -> `TaskSchedule` that builds each record on
access from the arrays, so a million-task schedule costs arrays, not a million objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from pmo.engine.schedule.calendars import EPOCH
from pmo.model import Finding

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class TaskSchedule:
    """One task's computed dates (early = forecast unless ALAP), floats in working days."""

    id: str
    early_start: dt.date
    early_finish: dt.date
    late_start: dt.date
    late_finish: dt.date
    start: dt.date
    finish: dt.date
    total_float: float
    free_float: float
    critical: bool
    near_critical: bool
    driving: tuple[str, ...]
    variance: float | None = None
    duration: float = 0.0
    milestone: bool = False
    summary: bool = False
    done: bool = False


@dataclass(frozen=True)
class TaskArrays:
    """Columns behind a `TaskTable` (dates as days since 1970-01-01)."""

    ids: Sequence[str]
    early_start: IntArray
    early_finish: IntArray
    late_start: IntArray
    late_finish: IntArray
    start: IntArray
    finish: IntArray
    total_float: FloatArray
    free_float: FloatArray
    critical: BoolArray
    near_critical: BoolArray
    duration: FloatArray
    milestone: BoolArray
    summary: BoolArray
    done: BoolArray
    variance: FloatArray  # nan when there is no baseline
    driving: Mapping[int, tuple[int, ...]]  # node -> driving predecessor nodes (lazy)


def _date(ordinal: np.int64) -> dt.date:
    return EPOCH + dt.timedelta(days=int(ordinal))


class TaskTable(Mapping[str, TaskSchedule]):
    """Task id -> `TaskSchedule`, built on access from `TaskArrays`."""

    def __init__(self, arrays: TaskArrays, count: int) -> None:
        self.arrays = arrays
        self._count = count  # the first `count` nodes are tasks; the rest are internal
        self._index: dict[str, int] | None = None
        self._records: dict[int, TaskSchedule] = {}  # each record built once, on first access

    def _lookup(self) -> dict[str, int]:
        if self._index is None:
            ids = self.arrays.ids
            index: dict[str, int] = {}
            for i in range(self._count):
                index.setdefault(ids[i], i)
            self._index = index
        return self._index

    @property
    def count(self) -> int:
        """Number of task nodes (the table's rows; internal nodes follow them)."""
        return self._count

    def node(self, task_id: str) -> int:
        return self._lookup()[task_id]

    def __getitem__(self, task_id: str) -> TaskSchedule:
        return self.record(self._lookup()[task_id])

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._lookup()

    def __iter__(self) -> Iterator[str]:
        return iter(self._lookup())

    def __len__(self) -> int:
        return len(self._lookup())

    def record(self, i: int) -> TaskSchedule:
        if i in self._records:
            return self._records[i]
        record = self._build(i)
        self._records[i] = record
        return record

    def forget(self) -> None:
        """Drop the records built so far (after the arrays behind them changed)."""
        self._records.clear()

    def _build(self, i: int) -> TaskSchedule:
        a = self.arrays
        variance = float(a.variance[i])
        return TaskSchedule(
            id=a.ids[i],
            early_start=_date(a.early_start[i]), early_finish=_date(a.early_finish[i]),
            late_start=_date(a.late_start[i]), late_finish=_date(a.late_finish[i]),
            start=_date(a.start[i]), finish=_date(a.finish[i]),
            total_float=round(float(a.total_float[i]), 6), free_float=round(float(a.free_float[i]), 6),
            critical=bool(a.critical[i]), near_critical=bool(a.near_critical[i]),
            driving=tuple(dict.fromkeys(a.ids[p] for p in a.driving.get(i, ()))),
            variance=None if np.isnan(variance) else variance,
            duration=float(a.duration[i]), milestone=bool(a.milestone[i]), summary=bool(a.summary[i]),
            done=bool(a.done[i]),
        )


@dataclass(frozen=True)
class Schedule:
    """The schedule of a project at a status date.

    `tasks` maps task id -> `TaskSchedule`; `finish` is the project's forecast finish;
    `critical_path` one chain of critical tasks, first to last; `cycles` the loops found
    in the links (each a list of task ids, the first one closing it); `findings` the
    schedule's findings (dependency-cycle, near-critical, milestone-slip).
    """

    tasks: TaskTable
    start: dt.date
    finish: dt.date
    critical_path: tuple[str, ...]
    cycles: list[list[str]]
    findings: list[Finding]
    as_of: dt.date | None = None
    finish_days: float = 0.0  # the project's length in working days
    internals: Any = field(default=None, repr=False, compare=False)

    @property
    def critical(self) -> tuple[str, ...]:
        """Ids of every critical task (in task order)."""
        a = self.tasks.arrays
        return tuple(a.ids[int(i)] for i in np.flatnonzero(a.critical[: self.tasks.count]))
