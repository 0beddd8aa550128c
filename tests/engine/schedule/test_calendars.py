"""Weekends, public and project holidays, extra working dates, person calendars, absences."""

from __future__ import annotations

import datetime as dt

import numpy as np
from schedule_support import dates, link, run

from pmo.engine.schedule.calendars import DateAxis, working_mask
from pmo.model import Absence, Assignment, Calendar, Person, Task


def test_weekend_is_skipped() -> None:
    result = run([Task("A", "A", duration=7)])
    assert dates(result, "A") == ("01-06", "01-14")  # Mon 6 .. Fri 10, Mon 13, Tue 14


def test_project_holidays() -> None:
    calendar = Calendar("std", holidays=(dt.date(2025, 1, 8),))
    result = run([Task("A", "A", duration=3)], calendars=(calendar,))
    assert dates(result, "A") == ("01-06", "01-09")  # Wed 8 off


def test_public_holidays_by_country() -> None:
    calendar = Calendar("fr", country="FR")  # Thu 1 May 2025 (Fête du Travail) is off
    result = run([Task("A", "A", duration=5)], calendars=(calendar,), start=dt.date(2025, 4, 28))
    row = result.tasks["A"]
    assert (row.start, row.finish) == (dt.date(2025, 4, 28), dt.date(2025, 5, 5))


def test_public_holidays_by_subdivision() -> None:
    # Alsace-Moselle (FR-57... holidays' "57" subdivision) keeps St Stephen's day, 26 Dec.
    plain = working_mask(Calendar("fr", country="FR"), dt.date(2025, 12, 26), dt.date(2025, 12, 26))
    moselle = working_mask(Calendar("fr57", country="FR", subdivision="57"),
                           dt.date(2025, 12, 26), dt.date(2025, 12, 26))
    assert plain.tolist() == [True] and moselle.tolist() == [False]


def test_working_dates_open_a_saturday() -> None:
    calendar = Calendar("std", working_dates=(dt.date(2025, 1, 11),))
    result = run([Task("A", "A", duration=6)], calendars=(calendar,))
    assert dates(result, "A") == ("01-06", "01-11")


def test_absence_of_the_owner_stretches_the_task() -> None:
    people = (Person("p", "Pat Doe"),)
    away = (Absence("p", dt.date(2025, 1, 8), dt.date(2025, 1, 9)),)
    tasks = [Task("A", "A", duration=3, owner="p"), Task("B", "B", duration=1)]
    result = run(tasks, [link("A", "B")], people=people, absences=away)
    assert dates(result, "A") == ("01-06", "01-10")  # Mon, Tue, (away Wed, Thu), Fri
    assert dates(result, "B") == ("01-13", "01-13")
    assert result.tasks["A"].critical


def test_absence_of_an_assignee_moves_the_start() -> None:
    people = (Person("p", "Pat Doe"),)
    away = (Absence("Pat", dt.date(2025, 1, 6), dt.date(2025, 1, 7)),)  # referred to by first name
    tasks = [Task("A", "A", duration=2, assignments=(Assignment("p"),))]
    result = run(tasks, people=people, absences=away)
    assert dates(result, "A") == ("01-08", "01-09")


def test_person_calendar_part_time() -> None:
    part = Calendar("part", working_weekdays=(0, 1, 2))
    people = (Person("p", "Pat Doe", calendar="part"),)
    tasks = [Task("A", "A", duration=4, owner="p"), Task("B", "B", duration=1)]
    result = run(tasks, [link("A", "B")], people=people, calendars=(Calendar("std"), part), calendar="std")
    assert dates(result, "A") == ("01-06", "01-13")  # Mon-Wed, then Mon 13
    assert dates(result, "B") == ("01-14", "01-14")
    # B's late dates come back through A's calendar: A may not finish later than Mon 13.
    assert result.tasks["A"].total_float == 0


def test_working_lag_counts_on_the_successors_calendar() -> None:
    part = Calendar("part", working_weekdays=(0, 1, 2))
    people = (Person("p", "Pat Doe", calendar="part"),)
    tasks = [Task("A", "A", duration=1), Task("B", "B", duration=1, owner="p")]
    result = run(tasks, [link("A", "B", lag=1)], people=people, calendars=(Calendar("std"), part),
                 calendar="std")
    assert dates(result, "B") == ("01-08", "01-08")  # Tue 7 is B's 1 lag day; B on Wed 8


def test_axis_maps_both_ways_and_grows() -> None:
    axis = DateAxis(Calendar("std"), dt.date(2025, 1, 4), span_days=10)  # a Saturday
    assert axis.date(0) == dt.date(2025, 1, 6)
    assert axis.date(-1) == dt.date(2025, 1, 3)
    assert axis.index_on_or_after(dt.date(2025, 1, 11)) == 5
    assert axis.index_on_or_before(dt.date(2025, 1, 11)) == 4
    far = axis.dates(np.array([0, 2610], dtype=np.int64))  # ten years on: the table grows
    assert far[1] == np.busday_offset("2025-01-06", 2610)
