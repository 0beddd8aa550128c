"""Summary tasks rolled up from their children; links on a summary apply to its children."""

from __future__ import annotations

from schedule_support import dates, link, run

from pmo.model import Task

PHASE = [Task("S", "Phase"), Task("C1", "C1", parent="S", duration=2),
         Task("C2", "C2", parent="S", duration=3)]


def test_summary_rolls_up_its_children() -> None:
    result = run([*PHASE, Task("X", "X", duration=1)], [link("C1", "C2"), link("S", "X")])
    assert dates(result, "C1") == ("01-06", "01-07")
    assert dates(result, "C2") == ("01-08", "01-10")
    assert dates(result, "S") == ("01-06", "01-10")
    assert dates(result, "X") == ("01-13", "01-13")  # after the whole phase
    assert result.tasks["S"].summary and result.tasks["S"].critical
    assert result.critical_path == ("C1", "C2", "X")


def test_link_into_a_summary_holds_every_child() -> None:
    result = run([Task("Y", "Y", duration=2), *PHASE], [link("Y", "S")])
    assert dates(result, "C1") == ("01-08", "01-09")
    assert dates(result, "C2") == ("01-08", "01-10")
    assert dates(result, "S") == ("01-08", "01-10")


def test_finish_link_into_a_summary_binds_each_child_finish() -> None:
    result = run([Task("Y", "Y", duration=4), *PHASE], [link("Y", "S", "FF")])
    assert dates(result, "C1") == ("01-08", "01-09")
    assert dates(result, "C2") == ("01-07", "01-09")


def test_nested_summaries() -> None:
    tasks = [Task("P", "Programme"), Task("S", "Phase", parent="P"), Task("C", "C", parent="S", duration=2),
             Task("D", "D", parent="P", duration=1), Task("Z", "Z", duration=1)]
    result = run(tasks, [link("S", "D"), link("P", "Z")])
    assert dates(result, "D") == ("01-08", "01-08")
    assert dates(result, "P") == ("01-06", "01-08")
    assert dates(result, "Z") == ("01-09", "01-09")
