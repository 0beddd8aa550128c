"""Date constraints and deadlines, hand-checked (Mon 6 .. Fri 10, Mon 13 .. Fri 17 January 2025)."""

from __future__ import annotations

import pytest
from schedule_support import dates, day, link, run

from pmo.model import Constraint, ConstraintType, Task


def constrained(kind: str, on: str | None, duration: float = 2, milestone: bool = False) -> Task:
    rule = Constraint(ConstraintType(kind), day(on) if on else None)
    return Task("X", "X", duration=None if milestone else duration, milestone=milestone, constraint=rule)


@pytest.mark.parametrize(
    ("kind", "on", "expected"),
    [
        ("asap", None, ("01-06", "01-07")),
        ("snet", "01-09", ("01-09", "01-10")),
        ("snet", "01-11", ("01-13", "01-14")),  # a Saturday: next working day
        ("fnet", "01-10", ("01-09", "01-10")),
        ("mso", "01-13", ("01-13", "01-14")),
        ("mfo", "01-14", ("01-13", "01-14")),
        ("snlt", "01-13", ("01-06", "01-07")),  # only limits the late dates
        ("fnlt", "01-13", ("01-06", "01-07")),
    ],
)
def test_constraint_on_a_free_task(kind: str, on: str | None, expected: tuple[str, str]) -> None:
    result = run([constrained(kind, on)])
    assert dates(result, "X") == expected


@pytest.mark.parametrize(
    ("kind", "on", "expected"),
    [("snet", "01-09", "01-09"), ("mso", "01-13", "01-13"), ("mfo", "01-14", "01-14"),
     ("fnet", "01-10", "01-10")],
)
def test_constraint_on_a_milestone(kind: str, on: str, expected: str) -> None:
    result = run([constrained(kind, on, milestone=True)])
    assert dates(result, "X") == (expected, expected)


def test_mso_overrides_links_and_shows_negative_float() -> None:
    # A(3) ends Wed 8, but X must start on Tue 7: X keeps its date, A gets -2 days of float.
    tasks = [Task("A", "A", duration=3), constrained("mso", "01-07")]
    result = run(tasks, [link("A", "X")])
    assert dates(result, "X") == ("01-07", "01-08")
    assert result.tasks["A"].total_float == -2
    assert result.tasks["A"].critical


def test_snlt_and_fnlt_limit_late_dates() -> None:
    tasks = [Task("A", "A", duration=3), constrained("snlt", "01-08")]  # X can start Thu 9 at best
    result = run(tasks, [link("A", "X")])
    assert dates(result, "X") == ("01-09", "01-10")
    assert result.tasks["X"].total_float == -1
    assert result.tasks["X"].late_start == day("01-08")
    tasks = [Task("A", "A", duration=3), constrained("fnlt", "01-09")]
    result = run(tasks, [link("A", "X")])
    assert result.tasks["X"].total_float == -1
    assert result.tasks["X"].late_finish == day("01-09")


def test_deadline_limits_late_finish() -> None:
    tasks = [Task("A", "A", duration=3), Task("B", "B", duration=2, deadline=day("01-09"))]
    result = run(tasks, [link("A", "B")])
    assert dates(result, "B") == ("01-09", "01-10")
    assert result.tasks["B"].late_finish == day("01-09")
    assert result.tasks["B"].total_float == -1
    assert result.tasks["A"].total_float == -1


def test_alap_uses_free_float() -> None:
    # A(1) and B(5) both lead to M; A as late as possible starts Fri 10.
    tasks = [Task("A", "A", duration=1, constraint=Constraint(ConstraintType.ALAP)),
             Task("B", "B", duration=5), Task("M", "M", milestone=True)]
    result = run(tasks, [link("A", "M"), link("B", "M")])
    assert dates(result, "A") == ("01-10", "01-10")
    assert result.tasks["A"].early_start == day("01-06")
    assert dates(result, "M") == ("01-10", "01-10")
