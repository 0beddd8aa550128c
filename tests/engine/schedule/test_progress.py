"""Progress at a status date: actuals kept, remaining work after the status date, variance.

Status date Thu 9 January 2025 (day 3; Mon 6 is day 0).
"""

from __future__ import annotations

from schedule_support import dates, day, link, run

from pmo.model import Commitment, Person, Task

AS_OF = day("01-09")


def test_done_task_keeps_its_actual_dates() -> None:
    tasks = [Task("A", "A", duration=5, actual_start=day("01-06"), actual_finish=day("01-07"),
                  percent_complete=100)]
    result = run(tasks, as_of=AS_OF)
    assert dates(result, "A") == ("01-06", "01-07")
    assert result.tasks["A"].done and not result.tasks["A"].critical


def test_unstarted_work_planned_before_the_status_date_moves_after_it() -> None:
    tasks = [Task("A", "A", duration=2, actual_start=day("01-06"), actual_finish=day("01-07")),
             Task("B", "B", duration=2),  # could start Wed 8 after A, but Wed 8 is past
             Task("C", "C", duration=1)]  # no links: planned Mon 6, now Thu 9
    result = run(tasks, [link("A", "B")], as_of=AS_OF)
    assert dates(result, "B") == ("01-09", "01-10")
    assert dates(result, "C") == ("01-09", "01-09")


def test_task_in_progress_keeps_its_start_and_finishes_its_remaining_work() -> None:
    # Started Tue 7, 50 % of 4 days done: 2 days remain from Thu 9: finish Fri 10.
    tasks = [Task("B", "B", duration=4, actual_start=day("01-07"), percent_complete=50,
                  baseline_finish=day("01-09")),
             Task("C", "C", duration=1)]
    result = run(tasks, [link("B", "C")], as_of=AS_OF)
    assert dates(result, "B") == ("01-07", "01-10")
    assert dates(result, "C") == ("01-13", "01-13")
    assert result.tasks["B"].variance == 1


def test_explicit_remaining_duration_wins_over_percent() -> None:
    tasks = [Task("B", "B", duration=4, actual_start=day("01-06"), percent_complete=90, remaining=3)]
    result = run(tasks, as_of=AS_OF)
    assert dates(result, "B") == ("01-06", "01-13")  # Thu 9, Fri 10, Mon 13


def test_variance_of_every_task_with_a_baseline() -> None:
    tasks = [Task("A", "A", duration=3, baseline_finish=day("01-10")),  # ends Wed 8: 2 days early
             Task("B", "B", duration=3)]
    result = run(tasks)
    assert result.tasks["A"].variance == -2
    assert result.tasks["B"].variance is None


def test_milestone_slip_against_baseline_and_commitment() -> None:
    people = (Person("ann", "Ann Lee"),)
    tasks = [Task("A", "Build", duration=3, owner="ann", actual_start=day("01-06"), percent_complete=20),
             Task("M", "Go live", milestone=True, baseline_finish=day("01-08"))]
    # A: started Mon 6, 20 % of 3 days done; 2.4 days remain from Thu 9: ends mid Mon 13.
    commitments = (Commitment("Go-live promised", day("01-10"), task="M"),)
    result = run(tasks, [link("A", "M")], as_of=AS_OF, people=people, commitments=commitments)
    assert dates(result, "M") == ("01-13", "01-13")
    slip = [f for f in result.findings if f.code == "milestone-slip"]
    assert len(slip) == 1
    finding = slip[0]
    assert finding.severity.value == "error"
    assert finding.subject.id == "M"
    assert finding.detail["how"] == "A Build -> M Go live"
    assert finding.detail["who"] == "Ann Lee (ann)"
    assert "3 working days after its baseline" in finding.detail["impact"]
    assert "1 working day after the commitment" in finding.detail["impact"]


def test_milestone_late_on_baseline_only_is_a_warning() -> None:
    tasks = [Task("A", "A", duration=3), Task("M", "M", milestone=True, baseline_finish=day("01-07"))]
    result = run(tasks, [link("A", "M")])
    (finding,) = [f for f in result.findings if f.code == "milestone-slip"]
    assert finding.severity.value == "warning"
    assert result.tasks["M"].variance == 1


def test_without_status_date_progress_is_ignored() -> None:
    tasks = [Task("A", "A", duration=2, actual_start=day("01-08"), percent_complete=50)]
    assert dates(run(tasks), "A") == ("01-06", "01-07")
    # Started Wed 8, half of 2 days done; the other day is Thu 9, the status date.
    assert dates(run(tasks, status_date=AS_OF), "A") == ("01-08", "01-09")


def test_commitment_on_the_whole_project() -> None:
    commitments = (Commitment("Done by Wednesday", day("01-08")),)
    result = run([Task("A", "A", duration=5)], commitments=commitments)
    (finding,) = [f for f in result.findings if f.code == "milestone-slip"]
    assert finding.subject.kind == "project" and finding.severity.value == "error"
    assert "2 working days after" in finding.message


def test_empty_project_schedules() -> None:
    result = run([])
    assert result.critical_path == () and len(result.tasks) == 0 and result.findings == []
