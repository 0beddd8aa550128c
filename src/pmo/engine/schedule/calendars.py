"""Working calendars: working-day index <-> date, vectorised, and per-task availability.

Time in the schedule engine counts **working days of the project calendar** from the
project's first working day (index 0). A float time ``t`` is a point on that axis:
``3.0`` is the start of working day 3, ``3.5`` the middle of it. A task's own calendar
(its calendar, its assignee's, their absences) is a mask over that axis: a day the
project does not work is never worked.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterable

import numpy as np
import numpy.typing as npt

from pmo.errors import InputError
from pmo.model import Absence, Calendar

EPOCH = dt.date(1970, 1, 1)  # a Thursday: weekday 3
DEFAULT_CALENDAR = Calendar(id="standard", name="Standard")

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _ordinal(day: dt.date) -> int:
    return (day - EPOCH).days


def _public_holidays(calendar: Calendar, years: Iterable[int]) -> list[dt.date]:
    if not calendar.country:
        return []
    import holidays  # a pure-data dependency; imported late because it is slow to load

    table = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision, years=list(years))
    return list(table.keys())


def working_mask(calendar: Calendar, first: dt.date, last: dt.date) -> BoolArray:
    """True for each date from `first` to `last` inclusive that `calendar` works."""
    size = (last - first).days + 1
    ordinals = np.arange(_ordinal(first), _ordinal(first) + size, dtype=np.int64)
    weekday = (ordinals + 3) % 7
    mask: BoolArray = np.isin(weekday, np.array(calendar.working_weekdays, dtype=np.int64))
    years = range(first.year, last.year + 1)
    for day in (*_public_holidays(calendar, years), *calendar.holidays):
        if first <= day <= last:
            mask[(day - first).days] = False
    for day in calendar.working_dates:
        if first <= day <= last:
            mask[(day - first).days] = True
    return mask


class DateAxis:
    """The project's working days, as a growable table index -> date (and back).

    Index 0 is the first working day on or after `origin`; negative indices count working
    days before it. The table extends itself when asked for dates beyond what it holds.
    """

    def __init__(self, calendar: Calendar, origin: dt.date, span_days: int = 800) -> None:
        self.calendar = calendar
        self.origin = origin
        self._first = origin - dt.timedelta(days=span_days // 4 + 14)
        self._last = origin + dt.timedelta(days=span_days)
        self._build()

    def _build(self) -> None:
        mask = working_mask(self.calendar, self._first, self._last)
        if not mask.any():
            raise InputError(f"calendar {self.calendar.id!r} has no working day: the plan cannot be scheduled on it")
        self._days: IntArray = np.flatnonzero(mask).astype(np.int64) + _ordinal(self._first)
        self._zero = int(np.searchsorted(self._days, _ordinal(self.origin)))

    def _ensure(self, low: int, high: int) -> None:
        while low + self._zero < 0 or high + self._zero >= len(self._days):
            width = (self._last - self._first).days
            try:
                if low + self._zero < 0:
                    self._first -= dt.timedelta(days=width)
                if high + self._zero >= len(self._days):
                    self._last += dt.timedelta(days=width)
            except OverflowError:
                self._first = dt.date.min
            if self._last.year > 9000 or self._first.year < 1000:
                raise InputError(
                    "the schedule runs outside the years 1000 to 9000: check the durations and lags of the plan"
                )
            self._build()

    def ordinals(self, index: IntArray) -> IntArray:
        """Days since 1970-01-01 of working-day indices (vectorised)."""
        if index.size == 0:
            return index.astype(np.int64)
        self._ensure(int(index.min()), int(index.max()))
        result: IntArray = self._days[index + self._zero]
        return result

    def dates(self, index: IntArray) -> npt.NDArray[np.datetime64]:
        """numpy dates of working-day indices (vectorised)."""
        return self.ordinals(index).astype("datetime64[D]")

    def date(self, index: int) -> dt.date:
        position = index + self._zero
        if 0 <= position < len(self._days):  # the common case, without building an array
            return EPOCH + dt.timedelta(days=int(self._days[position]))
        return EPOCH + dt.timedelta(days=int(self.ordinals(np.array([index], dtype=np.int64))[0]))

    def index_on_or_after(self, day: dt.date) -> int:
        """The index of the first working day on or after `day`."""
        return self._index(day, "left")

    def index_on_or_before(self, day: dt.date) -> int:
        """The index of the last working day on or before `day`."""
        return self._index(day, "right") - 1

    def _index(self, day: dt.date, side: str) -> int:
        offset = (day - self.origin).days
        self._ensure(min(offset, 0) - 1, max(offset, 0) + 1)
        position = int(np.searchsorted(self._days, _ordinal(day), side=side))  # type: ignore[call-overload]
        return position - self._zero

    def elapsed_to_index(self, ordinal_days: float) -> float:
        """The first working instant on or after a point in calendar days since 1970."""
        whole = math.floor(ordinal_days)
        self._ensure(-1, 1)
        position = int(np.searchsorted(self._days, whole, side="left"))
        while position >= len(self._days):
            self._ensure(0, position - self._zero + 1)
            position = int(np.searchsorted(self._days, whole, side="left"))
        if position < len(self._days) and self._days[position] == whole:
            return position - self._zero + (ordinal_days - whole)
        return float(position - self._zero)

    def index_to_elapsed(self, t: float, *, finish: bool) -> float:
        """Calendar days since 1970 of an axis point (end of the day before, for finishes)."""
        if finish and t == math.floor(t):
            return float(self.ordinals(np.array([int(t) - 1], dtype=np.int64))[0] + 1)
        whole = math.floor(t)
        return float(self.ordinals(np.array([whole], dtype=np.int64))[0]) + (t - whole)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days from `start` to `end` (positive when `end` is later)."""
        return self.index_on_or_before(end) - self.index_on_or_before(start)


class TaskCalendar:
    """Availability of one task on the project axis (its own calendar and absences)."""

    def __init__(self, axis: DateAxis, calendar: Calendar, absences: tuple[Absence, ...]) -> None:
        self.axis = axis
        self.calendar = calendar
        self.absences = absences
        self._cache: dict[int, bool] = {}
        self._own_days: dict[int, bool] = {}

    def available(self, day: int) -> bool:
        """True when working day `day` of the project is a working day for this task."""
        cached = self._cache.get(day)
        if cached is None:
            cached = self._cache[day] = _open(self.calendar, self.absences, self.axis.date(day))
        return cached

    def start_at(self, t: float) -> float:
        """The first instant at or after `t` this task can work."""
        day = math.floor(t + 1e-9)
        if self.available(day):
            return max(t, float(day))
        return float(self._next(day + 1, 1))

    def finish_at_or_before(self, t: float) -> float:
        """The last working instant at or before `t` (the end of a worked day)."""
        day = math.ceil(t - 1e-9) - 1
        if self.available(day):
            return min(t, float(day + 1))
        return float(self._next(day - 1, -1) + 1)

    def add(self, t: float, work: float) -> float:
        """The point `work` working days of this task after `t` (before it when negative)."""
        if work >= 0:
            return self._forward(self.start_at(t), work)
        return self._backward(self.finish_at_or_before(t), -work)

    def _forward(self, t: float, work: float) -> float:
        day = math.floor(t + 1e-9)
        left = work
        position = t
        while left > 1e-9:
            if self.available(day):
                take = min(day + 1 - position, left)
                left -= take
                position += take
                if left <= 1e-9:
                    return position
            day += 1
            position = float(day)
        return position

    def _backward(self, t: float, work: float) -> float:
        day = math.ceil(t - 1e-9) - 1
        left = work
        position = t
        while left > 1e-9:
            if self.available(day):
                take = min(position - day, left)
                left -= take
                position -= take
                if left <= 1e-9:
                    return position
            day -= 1
            position = float(day + 1)
        return position

    def _next(self, day: int, step: int) -> int:
        for _ in range(3660):
            if self.available(day):
                return day
            day += step
        raise ValueError(f"calendar {self.calendar.id}: no working day within ten years")


@functools.lru_cache(maxsize=200_000)
def _open(calendar: Calendar, absences: tuple[Absence, ...], day: dt.date) -> bool:
    """Whether a task on `calendar` whose people have `absences` can work on `day` (kept across
    schedules: a review re-schedules the same plan for its recovery options)."""
    return _works(calendar, day) and not any(a.covers(day) for a in absences)


def _works(calendar: Calendar, day: dt.date) -> bool:
    if day in calendar.working_dates:
        return True
    if day.weekday() not in calendar.working_weekdays or day in calendar.holidays:
        return False
    return not _public_holiday_lookup(calendar)(day)


_HOLIDAY_CACHE: dict[tuple[str, str | None], Callable[[dt.date], bool]] = {}


def _public_holiday_lookup(calendar: Calendar) -> Callable[[dt.date], bool]:
    if not calendar.country:
        return lambda day: False
    key = (calendar.country, calendar.subdivision)
    if key not in _HOLIDAY_CACHE:
        import holidays

        table = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision)
        _HOLIDAY_CACHE[key] = lambda day: day in table
    return _HOLIDAY_CACHE[key]
