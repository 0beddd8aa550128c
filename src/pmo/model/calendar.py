"""Working calendars and absences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pmo.model.source import Source


@dataclass(frozen=True)
class Calendar:
    """Working time: weekdays (0 = Monday), hours a day, public holidays and exceptions.

    `country` / `subdivision` name the public holidays (ISO codes, as the `holidays`
    package knows them); `holidays` adds the project's own non-working dates and
    `working_dates` turns otherwise non-working dates into working ones.
    """

    id: str
    name: str = ""
    working_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    hours_per_day: float = 8.0
    day_start: dt.time = dt.time(9, 0)
    country: str | None = None
    subdivision: str | None = None
    holidays: tuple[dt.date, ...] = ()
    working_dates: tuple[dt.date, ...] = ()
    source: Source = field(default_factory=Source, compare=False)


@dataclass(frozen=True)
class Absence:
    """A person away from `start` to `end` inclusive."""

    person: str
    start: dt.date
    end: dt.date
    reason: str = ""
    source: Source = field(default_factory=Source, compare=False)

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and start <= self.end
