"""Anticipation: preparation steps, deliverables due soon, absences on the critical path (pmo.engine.anticipate)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo.engine.anticipate.absences import away_on_critical
from pmo.engine.anticipate.prep import (
    StepState,
    checklist_markdown,
    input_requests,
    pack_due,
    upcoming_preparations,
)
from pmo.engine.checks.anticipation import absence_on_critical, deliverable_due_soon, prep_due
from pmo.engine.context import AnalysisContext
from pmo.model import (
    Absence,
    Action,
    Calendar,
    GovernanceRule,
    GovernanceSettings,
    ItemStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Person,
    Project,
    Task,
)
from pmo.model.governance import Attendee, PrepStep
from pmo.model.project import Settings
from pmo.sources.native import read_native

D = dt.date
DEMO = Path(__file__).parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"
AS_OF = D(2026, 6, 15)  # a Monday
PEOPLE = (Person("pat", "Pat Manager"), Person("alex", "Alex Lead"), Person("sam", "Sam Analyst"))
# Thursday 2026-06-18 is the company's day off: the steps count working days around it.
CALENDAR = Calendar("std", holidays=(D(2026, 6, 18),))


def _project(**records: object) -> Project:
    return Project(key="T", name="T", manager="pat", people=PEOPLE, calendars=(CALENDAR,), **records)  # type: ignore[arg-type]


def _steerco(*dates: dt.date, preparation: tuple[PrepStep, ...] = ()) -> GovernanceRule:
    return GovernanceRule("sc", "Steering committee", MeetingKind.STEERING, dates=dates, preparation=preparation)


# --- the demo: exactly the records of its README ---------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> AnalysisContext:
    project = read_native(DEMO)
    assert project.status_date == AS_OF
    return AnalysisContext(project, AS_OF, simulate=False)


def test_demo_prep_due_lists_the_two_steps_of_the_june_steering_committee(demo: AnalysisContext) -> None:
    found = {f.detail["step"]: f for f in prep_due(demo)}
    assert set(found) == {"Steering committee pack", "Input from the functional leads"}
    meeting = "Steering committee ERP S/4HANA #6 (erp-steerco-2026-06-19@atelier-durand.fr/20260619T120000Z)"
    pack, inputs = found["Steering committee pack"], found["Input from the functional leads"]
    for finding in (pack, inputs):
        assert f"{meeting} on 2026-06-19" in finding.message
    assert "owned by Sophie Lefèvre (slefevre), is due since 2026-06-12, 5 working days before" in pack.message
    assert "A-007 Draft the June steering committee pack is still open" in pack.message
    assert pack.severity.value == "warning"
    assert "owned by Julien Moreau (jmoreau), is due since 2026-06-10" in inputs.message
    assert "nothing recorded says whether it is done" in inputs.message and inputs.severity.value == "info"


def test_demo_steering_committee_is_found_four_working_days_after_the_status_date(demo: AnalysisContext) -> None:
    preps = upcoming_preparations(demo.project, AS_OF)
    assert [(p.meeting.date, p.meeting.rule.id) for p in preps] == [(D(2026, 6, 19), "steerco")]
    assert [(s.name, s.due, s.state) for s in preps[0].steps] == [
        ("Input from the functional leads", D(2026, 6, 10), StepState.DUE),
        ("Steering committee pack", D(2026, 6, 12), StepState.LATE),
    ]
    prep = pack_due(demo.project, AS_OF)
    assert prep is not None and prep.meeting.date == D(2026, 6, 19)
    assert pack_due(demo.project, D(2026, 6, 11)) is None  # before T-5 (2026-06-12)


def test_demo_deliverable_due_soon_is_trn02_only(demo: AnalysisContext) -> None:
    found = list(deliverable_due_soon(demo))
    assert [f.subject.id for f in found] == ["TRN-02"]
    assert "due on 2026-06-25 (9 working days left) and is 25 % complete, where 55 %" in found[0].message


def test_demo_absence_on_critical_is_dm11_with_four_days_lost(demo: AnalysisContext) -> None:
    found = list(absence_on_critical(demo))
    assert [f.subject.id for f in found] == ["DM-11"]
    message = found[0].message
    assert message.startswith("Marc Dubois (mdubois), owner of the critical task DM-11 Mock migration 2")
    assert "forecast 2026-07-03 to 2026-07-23" in message and "away 2026-07-13 to 2026-07-17" in message
    # 14 July is a public holiday in the FR calendar: not a day lost
    assert found[0].detail["days lost"] == "4 (2026-07-13, 2026-07-15, 2026-07-16, 2026-07-17)"


def test_demo_input_requests_go_to_the_owners_with_the_freeze_date(demo: AnalysisContext) -> None:
    prep = pack_due(demo.project, AS_OF)
    assert prep is not None
    texts = input_requests(demo.project, prep, AS_OF, demo.forecasts)
    assert {"slefevre", "jmoreau", "cpetit"} <= set(texts)
    jmoreau = texts["jmoreau"]
    assert jmoreau.startswith("# Input for Steering committee ERP S/4HANA #6 (2026-06-19) — Julien Moreau (jmoreau)")
    assert "It was needed by 2026-06-10 (step \"Input from the functional leads\"): please send the following as soon" in jmoreau
    assert "Action A-023 Present a go-live contingency plan at the June steering committee (due 2026-06-19)" in jmoreau
    assert "Preparation step you own: Input from the functional leads (due 2026-06-10)." in jmoreau
    assert "TRN-02 Training strategy and plan (task, 25 % complete, forecast 2026-06-25)" in texts["cpetit"]


# --- small fixtures ---------------------------------------------------------------------------------


def test_default_steps_count_working_days_of_the_project_calendar_and_the_manager_owns_them() -> None:
    project = _project(governance=(_steerco(D(2026, 6, 22)),))
    (prep,) = upcoming_preparations(project, AS_OF)
    # Monday 22 June: T-1 Fri 19, T-2 Wed 17 (Thu 18 is a day off), T-3 Tue 16, T-4 Mon 15, T-5 Fri 12
    assert [(s.lead_days, s.due, s.state) for s in prep.steps] == [
        (5, D(2026, 6, 12), StepState.DUE),
        (4, D(2026, 6, 15), StepState.DUE),
        (3, D(2026, 6, 16), StepState.UPCOMING),
        (2, D(2026, 6, 17), StepState.UPCOMING),
        (1, D(2026, 6, 19), StepState.UPCOMING),
    ]
    assert all(s.owner == "pat" and s.owner_default for s in prep.steps)
    assert prep.freeze == D(2026, 6, 16)  # the data freeze step
    found = {f.detail["step"]: f for f in prep_due(AnalysisContext(project, AS_OF, simulate=False))}
    assert set(found) == {"Start the steering committee pack", "Request inputs from the owners"}
    request = found["Request inputs from the owners"]
    assert "is due today" in request.message
    assert "Pat Manager (pat), the project manager (the rule names no owner)" in request.message
    assert "steering-committee-pack" in found["Start the steering committee pack"].subject.id
    assert "(not in the calendar" not in request.message and "calendar" in request.detail


def test_a_done_action_is_the_evidence_a_step_is_done_and_the_step_is_silent() -> None:
    steps = (PrepStep("Steering committee pack", 5, "alex"),)
    previous, meeting = D(2026, 5, 21), D(2026, 6, 19)
    done = Action("A1", "Draft the June steering committee pack", owner="alex", status=ItemStatus.DONE,
                  opened=D(2026, 6, 1))
    old = Action("A0", "Draft the May steering committee pack", owner="alex", opened=D(2026, 5, 4))  # before May's
    project = _project(governance=(_steerco(previous, meeting, preparation=steps),), actions=(done, old))
    (prep,) = upcoming_preparations(project, AS_OF)
    assert prep.steps[0].state is StepState.DONE and prep.steps[0].evidence == done
    assert list(prep_due(AnalysisContext(project, AS_OF, simulate=False))) == []
    assert "done (A1 Draft the June steering committee pack)" in checklist_markdown(project, [prep], AS_OF)
    without = _project(governance=(_steerco(previous, meeting, preparation=steps),), actions=(old,))
    (prep,) = upcoming_preparations(without, AS_OF)
    assert prep.steps[0].state is StepState.DUE and prep.steps[0].evidence is None


def test_prep_due_is_silent_beyond_the_horizon_for_cancelled_meetings_and_other_kinds() -> None:
    far = _project(governance=(_steerco(D(2026, 7, 3)),))  # 14 working days ahead
    assert list(prep_due(AnalysisContext(far, AS_OF, simulate=False))) == []
    start = dt.datetime(2026, 6, 19, 14)
    cancelled = Meeting("sc-0619", "Steering committee", start, start + dt.timedelta(hours=2),
                        kind=MeetingKind.STEERING, status=MeetingStatus.CANCELLED)
    project = _project(governance=(_steerco(D(2026, 6, 19)),), meetings=(cancelled,))
    assert upcoming_preparations(project, AS_OF) == ()
    weekly = GovernanceRule("wk", "Weekly", MeetingKind.PROJECT, dates=(D(2026, 6, 19),))
    assert upcoming_preparations(_project(governance=(weekly,)), AS_OF) == ()
    wider = _project(governance=(_steerco(D(2026, 7, 3)),), settings=_settings(15))
    assert [p.meeting.date for p in upcoming_preparations(wider, AS_OF)] == [D(2026, 7, 3)]


def _settings(workdays: int) -> Settings:
    return Settings(governance=GovernanceSettings(lookahead_days=workdays))


def test_a_calendar_meeting_names_the_occurrence_by_its_title_and_id() -> None:
    start = dt.datetime(2026, 6, 19, 14)
    meeting = Meeting("uid-1/20260619T120000Z", "Steering committee #6", start, start + dt.timedelta(hours=2),
                      kind=MeetingKind.STEERING)
    project = _project(governance=(_steerco(D(2026, 6, 19), preparation=(PrepStep("Pack", 5, "alex"),)),),
                       meetings=(meeting,))
    (finding,) = prep_due(AnalysisContext(project, AS_OF, simulate=False))
    assert finding.message.startswith(
        'Preparation of Steering committee #6 (uid-1/20260619T120000Z) on 2026-06-19: "Pack", owned by Alex Lead '
        "(alex), is due since 2026-06-11")  # Thu 18 is a day off: T-5 is Thu 11
    assert "calendar" not in finding.detail


def _task(task_id: str, **fields: object) -> Task:
    return Task(task_id, f"Task {task_id}", **fields)  # type: ignore[arg-type]


def test_deliverable_due_soon_only_when_behind_its_planned_window() -> None:
    window = {"deliverable": True, "start": D(2026, 6, 1), "finish": D(2026, 6, 26), "duration": 18, "owner": "sam"}
    project = _project(tasks=(
        _task("LATE", percent_complete=20, **window),
        _task("FINE", percent_complete=50, **window),  # 53 % elapsed (10 of 19 working days): within the 10-point margin
        _task("PLAIN", percent_complete=0, **{**window, "deliverable": False}),
        _task("FAR", percent_complete=0, **{**window, "finish": D(2026, 7, 31), "duration": 44}),
        _task("DONE", percent_complete=100, actual_start=D(2026, 6, 1), actual_finish=D(2026, 6, 12), **window),
    ))
    found = list(deliverable_due_soon(AnalysisContext(project, AS_OF, simulate=False)))
    assert [f.subject.id for f in found] == ["LATE"]
    assert "is 20 % complete, where 53 % of its planned window has elapsed" in found[0].message
    assert found[0].detail["owner"] == "Sam Analyst (sam)"


def test_absence_on_critical_counts_working_days_and_is_silent_off_the_critical_path() -> None:
    tasks = (
        _task("A", duration=10, start=D(2026, 6, 15), owner="alex"),
        _task("B", duration=2, start=D(2026, 6, 15), owner="sam"),  # 8 days of float
    )
    away = (Absence("alex", D(2026, 6, 17), D(2026, 6, 19)), Absence("sam", D(2026, 6, 15), D(2026, 6, 16)))
    project = _project(tasks=tasks, absences=away)
    ctx = AnalysisContext(project, AS_OF, simulate=False)
    assert ctx.schedule is not None
    (hit,) = away_on_critical(project, ctx.schedule, AS_OF)
    assert hit.task.id == "A" and hit.lost == (D(2026, 6, 17), D(2026, 6, 19))  # Thu 18 is a day off
    (finding,) = absence_on_critical(ctx)
    assert "Alex Lead (alex), owner of the critical task A Task A" in finding.message
    assert finding.message.endswith("2 working days of the task lost.")


def test_an_out_of_office_entry_of_the_calendar_is_an_absence() -> None:
    start = dt.datetime(2026, 6, 22, 0, 0)
    ooo = Meeting("ooo-1", "Out of office", start, start + dt.timedelta(days=2), kind=MeetingKind.ABSENCE,
                  attendees=(Attendee("Alex Lead"),))
    project = _project(tasks=(_task("A", duration=10, start=D(2026, 6, 15), owner="alex"),), meetings=(ooo,))
    ctx = AnalysisContext(project, AS_OF, simulate=False)
    (finding,) = absence_on_critical(ctx)
    assert finding.detail["days lost"] == "2 (2026-06-22, 2026-06-23)"


# --- the agenda of a governance meeting ------------------------------------------------------------


def test_governance_agenda_finds_the_named_meeting_and_shows_its_checklist() -> None:
    from pmo.engine.agenda import agenda_markdown, governance_agenda
    from pmo.errors import InputError

    weekly = GovernanceRule("wk", "Weekly", MeetingKind.PROJECT, dates=(D(2026, 6, 15), D(2026, 6, 22)))
    project = _project(governance=(weekly, _steerco(D(2026, 6, 22))))
    first = governance_agenda(project, AS_OF)
    assert (first.title, first.date, first.preparation) == ("Weekly", AS_OF, None)
    agenda = governance_agenda(project, AS_OF, "Steering Committee")
    assert (agenda.meeting_id, agenda.date) == ("sc/2026-06-22", D(2026, 6, 22))
    text = agenda_markdown(project, agenda)
    assert text.startswith("# T — Steering committee 2026-06-22\n\nMeeting sc/2026-06-22.\n")
    assert "Inputs needed by 2026-06-16 (step \"Data freeze\")." in text
    assert ("| Start the steering committee pack | Pat Manager (pat), the project manager (the rule names no owner) "
            "| 2026-06-12 (T-5) | due since 2026-06-12: nothing recorded says whether it is done |") in text
    assert "| Send the pre-read | " in text and "| 2026-06-19 (T-1) | upcoming, due 2026-06-19 |" in text
    with pytest.raises(InputError, match=r"no governance meeting 'board' in the project \(its rules: wk \(Weekly\)"):
        governance_agenda(project, AS_OF, "board")
    with pytest.raises(InputError, match="no occurrence of Steering committee"):
        governance_agenda(project, D(2026, 6, 23), "sc")
    plain = governance_agenda(project, D(2026, 6, 23))  # no occurrence known: the day's project meeting
    assert (plain.title, plain.date, plain.meeting_id) == ("project meeting", D(2026, 6, 23), "")
