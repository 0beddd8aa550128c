"""Every link type and lag, hand-checked. January 2025: Mon 6 .. Fri 10, Mon 13 .. Fri 17."""

from __future__ import annotations

import pytest
from schedule_support import dates, link, run

from pmo.model import Task

A3 = Task("A", "A", duration=3)  # Mon 6 - Wed 8
B2 = Task("B", "B", duration=2)


@pytest.mark.parametrize(
    ("kind", "lag", "elapsed", "expected"),
    [
        ("FS", 0, False, ("01-09", "01-10")),  # after Wed 8
        ("FS", 2, False, ("01-13", "01-14")),  # Thu 9, Fri 10 waited: Mon 13
        ("FS", -1, False, ("01-08", "01-09")),  # overlaps A's last day
        ("FS", 1, True, ("01-10", "01-13")),  # end of Wed 8 + 1 calendar day: Fri 10
        ("FS", 3, True, ("01-13", "01-14")),  # + 3 calendar days: Sat 11 -> Mon 13
        ("SS", 0, False, ("01-06", "01-07")),
        ("SS", 1, False, ("01-07", "01-08")),
        ("SS", 4, False, ("01-10", "01-13")),  # across the weekend
        ("FF", 0, False, ("01-07", "01-08")),  # finishes with A on Wed 8
        ("FF", 2, False, ("01-09", "01-10")),
        ("FF", -1, False, ("01-06", "01-07")),
        ("SF", 0, False, ("01-06", "01-07")),  # finish >= A's start: never before the project start
        ("SF", 4, False, ("01-08", "01-09")),  # finish >= Mon 6 + 4 working days (end of Thu 9)
    ],
)
def test_link_types_and_lags(kind: str, lag: float, elapsed: bool, expected: tuple[str, str]) -> None:
    result = run([A3, B2], [link("A", "B", kind, lag, elapsed)])
    assert dates(result, "A") == ("01-06", "01-08")
    assert dates(result, "B") == expected


def test_longest_path_wins_and_drives() -> None:
    # A(3) -> C, B(1) -> C: C waits for A; A drives C, B has 2 days of free float.
    tasks = [A3, Task("B", "B", duration=1), Task("C", "C", duration=1)]
    result = run(tasks, [link("A", "C"), link("B", "C")])
    assert dates(result, "C") == ("01-09", "01-09")
    assert result.tasks["C"].driving == ("A",)
    assert result.tasks["B"].free_float == 2
    assert result.tasks["B"].total_float == 2
    assert result.tasks["B"].near_critical and not result.tasks["B"].critical
    assert result.critical_path == ("A", "C")
    assert [f.code for f in result.findings] == ["near-critical"]


def test_milestone_sits_on_its_predecessors_finish() -> None:
    result = run([A3, Task("M", "M", milestone=True)], [link("A", "M")])
    assert dates(result, "M") == ("01-08", "01-08")
    assert result.finish.isoformat() == "2025-01-08"
    assert result.tasks["M"].critical


def test_two_drivers_are_both_named() -> None:
    tasks = [A3, Task("B", "B", duration=3), Task("C", "C", duration=1)]
    result = run(tasks, [link("A", "C"), link("B", "C")])
    assert result.tasks["C"].driving == ("A", "B")


def test_fractional_durations() -> None:
    tasks = [Task("A", "A", duration=1.5), Task("B", "B", duration=1.5)]
    result = run(tasks, [link("A", "B")])
    assert dates(result, "A") == ("01-06", "01-07")  # ends mid Tue 7
    assert dates(result, "B") == ("01-07", "01-08")  # starts mid Tue 7, ends end of Wed 8
    assert result.finish_days == 3.0
