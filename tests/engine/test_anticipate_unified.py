"""Anticipation as one design: a calendar alone (its series, read long before the status date)
drives the preparation, the agenda, the contacts and the absences; one working-day helper."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pmo.api import import_paths, init_workspace, review_workspace
from pmo.api.workspace import workspace_store
from pmo.config import load_settings
from pmo.engine.agenda import governance_agenda
from pmo.engine.anticipate.absences import absences_of
from pmo.engine.anticipate.prep import steps_of, upcoming_preparations
from pmo.engine.anticipate.rules import STEERING_PREPARATION, governance_rules
from pmo.engine.checks.anticipation import prep_due
from pmo.engine.context import AnalysisContext
from pmo.engine.liaison import last_contacts
from pmo.engine.workdays import Workdays, add_workdays, project_days, workdays_between
from pmo.model import Cadence, Calendar, GovernanceRule, MeetingKind, Person, Project
from pmo.model.resolve import resolve
from pmo.sources import ReadContext
from pmo.sources.ical.reader import read_ical

D = dt.date
AS_OF = D(2026, 6, 15)  # a Monday; the third Thursday of June is the 18th
COPIL = "copil-erp@pmo.test"
TEAM_ICS = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//pmo//test fixture//EN
BEGIN:VEVENT
UID:{COPIL}
SUMMARY:COPIL ERP
DTSTART;TZID=Europe/Paris:20260115T140000
DTEND;TZID=Europe/Paris:20260115T160000
RRULE:FREQ=MONTHLY;BYDAY=3TH
ORGANIZER;CN=Julien Moreau:mailto:jmoreau@example.com
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Claire Bernard:mailto:cbernard@example.com
END:VEVENT
BEGIN:VEVENT
UID:one-to-one-marc@pmo.test
SUMMARY:1:1 Julien / Marc
DTSTART;TZID=Europe/Paris:20260107T090000
DTEND;TZID=Europe/Paris:20260107T093000
RRULE:FREQ=WEEKLY;BYDAY=WE
ORGANIZER;CN=Julien Moreau:mailto:jmoreau@example.com
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Marc Dubois:mailto:mdubois@example.com
END:VEVENT
BEGIN:VEVENT
UID:ooo-marc@pmo.test
SUMMARY:Out of office: Marc Dubois
DTSTART;VALUE=DATE:20260109
DTEND;VALUE=DATE:20260110
RRULE:FREQ=WEEKLY;BYDAY=FR
ATTENDEE;CN=Marc Dubois:mailto:mdubois@example.com
END:VEVENT
END:VCALENDAR
"""
PEOPLE = (
    Person("jmoreau", "Julien Moreau", email="jmoreau@example.com"),
    Person("mdubois", "Marc Dubois", email="mdubois@example.com"),
    Person("cbernard", "Claire Bernard", email="cbernard@example.com"),
)


def _calendar_only(**fields: object) -> Project:
    """The team calendar read in January (its window ends 2026-01-31), checked in June."""
    partial = read_ical(TEAM_ICS.encode(), "team.ics", ReadContext(window=(D(2025, 10, 1), D(2026, 1, 31)))).project
    assert max(m.start.date() for m in partial.meetings) < D(2026, 2, 1)  # nothing of June was kept
    project = dataclasses.replace(partial, status_date=AS_OF, people=PEOPLE, **fields)  # type: ignore[arg-type]
    return resolve(project)


def test_a_copil_series_alone_gets_the_default_steps_for_the_next_copil() -> None:
    project = _calendar_only()
    (rule,) = [r for r in governance_rules(project) if r.kind is MeetingKind.STEERING]
    assert rule.series == (COPIL,) and steps_of(rule) == STEERING_PREPARATION
    (prep,) = upcoming_preparations(project, AS_OF)
    assert (prep.meeting.date, prep.meeting.id) == (D(2026, 6, 18), f"{COPIL}/20260618T120000Z")
    # Thursday 18: T-5 Thu 11, T-4 Fri 12, T-3 Mon 15 (today), T-2 Tue 16, T-1 Wed 17 (Mon-Fri calendar)
    assert [(s.name, s.due) for s in prep.steps] == [
        ("Start the steering committee pack", D(2026, 6, 11)),
        ("Request inputs from the owners", D(2026, 6, 12)),
        ("Data freeze", D(2026, 6, 15)),
        ("Review the pack with the manager", D(2026, 6, 16)),
        ("Send the pre-read", D(2026, 6, 17)),
    ]
    found = list(prep_due(AnalysisContext(project, AS_OF, simulate=False)))
    assert [f.detail["step"] for f in found] == [
        "Start the steering committee pack", "Request inputs from the owners", "Data freeze"]
    assert all(f"COPIL ERP ({COPIL}/20260618T120000Z) on 2026-06-18" in f.message for f in found)
    assert "calendar" not in found[0].detail  # an occurrence of the calendar, not a rule's fixed date


def test_a_written_rule_takes_the_series_and_keeps_its_own_steps() -> None:
    written = GovernanceRule("steerco", "Steering committee", MeetingKind.STEERING, cadence=Cadence.MONTHLY)
    project = _calendar_only(governance=(written,))
    (rule,) = [r for r in governance_rules(project) if r.kind is MeetingKind.STEERING]
    assert (rule.id, rule.series) == ("steerco", (COPIL,))
    assert [(p.meeting.date, p.meeting.rule.id) for p in upcoming_preparations(project, AS_OF)] == [
        (D(2026, 6, 18), "steerco")]


def test_a_copil_series_in_a_workspace_with_nothing_else_gives_prep_due(tmp_path: Path) -> None:
    calendar = tmp_path / "in" / "team.ics"
    calendar.parent.mkdir()
    calendar.write_text(TEAM_ICS, encoding="utf-8")
    folder = tmp_path / "ws"
    init_workspace(folder)
    settings = load_settings(folder)
    with workspace_store(settings) as store:
        import_paths(store, [calendar])
    found = [f for f in review_workspace(settings, AS_OF, simulate=False).findings if f.code == "prep-due"]
    assert sorted(f.detail["step"] for f in found) == [
        "Data freeze", "Request inputs from the owners", "Start the steering committee pack"]
    assert all("COPIL ERP" in f.message and "2026-06-18" in f.message for f in found)


def test_the_agenda_finds_the_next_copil_from_the_series() -> None:
    project = _calendar_only()
    assert governance_agenda(project, AS_OF, "1:1 Julien / Marc").date == D(2026, 6, 17)  # named: any rule
    agenda = governance_agenda(project, AS_OF)  # by default not the one-to-ones
    assert agenda == governance_agenda(project, AS_OF, "COPIL ERP")
    assert (agenda.date, agenda.title, agenda.meeting_id) == (D(2026, 6, 18), "COPIL ERP", f"{COPIL}/20260618T120000Z")
    assert agenda.preparation is not None and len(agenda.preparation.steps) == 5


def test_contacts_and_absences_come_from_the_series_not_the_import_window() -> None:
    project = _calendar_only()
    contact = last_contacts(project, AS_OF)["mdubois"]
    assert (contact.date, contact.ref) == (D(2026, 6, 10), "one-to-one-marc@pmo.test/20260610T070000Z")
    # the records the import wrote (January) and the series' out-of-office days of the window
    away = absences_of(project, D(2026, 6, 1), D(2026, 6, 30))["mdubois"]
    assert [(a.start, a.end) for a in away if a.start >= D(2026, 6, 1)] == [
        (d, d) for d in (D(2026, 6, 5), D(2026, 6, 12), D(2026, 6, 19), D(2026, 6, 26))]
    assert not [a for a in away if D(2026, 2, 1) <= a.start < D(2026, 6, 1)]


# --- the one working-day helper ---------------------------------------------------------------------


def test_workdays_honour_the_project_calendar() -> None:
    # France: Tue 14 July 2026 is a public holiday; Thu 18 June a company day off; Sat 20 June worked
    calendar = Calendar("fr", country="FR", holidays=(D(2026, 6, 18),), working_dates=(D(2026, 6, 20),))
    days = project_days(Project(key="T", name="T", calendars=(calendar,)))
    assert not days.works(D(2026, 7, 14)) and not days.works(D(2026, 6, 18)) and days.works(D(2026, 6, 20))
    assert days.shift(D(2026, 6, 17), 1) == D(2026, 6, 19)
    assert days.shift(D(2026, 6, 19), 1) == D(2026, 6, 20)
    assert days.shift(D(2026, 6, 19), -1) == D(2026, 6, 17)
    assert days.shift(D(2026, 7, 13), 1) == D(2026, 7, 15)
    assert days.within(D(2026, 6, 17), D(2026, 6, 22)) == [D(2026, 6, 17), D(2026, 6, 19), D(2026, 6, 20),
                                                          D(2026, 6, 22)]
    assert days.distance(D(2026, 6, 22), D(2026, 6, 17)) == 3 == days.between(D(2026, 6, 17), D(2026, 6, 22))
    assert days.between(D(2026, 6, 22), D(2026, 6, 17)) == -3


def test_plain_weekday_arithmetic_is_the_default_calendar() -> None:
    saturday = D(2026, 6, 13)
    assert add_workdays(saturday, 1) == D(2026, 6, 15) and add_workdays(saturday, -1) == D(2026, 6, 12)
    assert add_workdays(saturday, 0) == saturday and add_workdays(D(2026, 6, 12), 5) == D(2026, 6, 19)
    assert workdays_between(D(2026, 6, 12), D(2026, 6, 19)) == 5 == -workdays_between(D(2026, 6, 19), D(2026, 6, 12))
    # far from where the axis starts, both ways
    assert Workdays().shift(D(1999, 12, 31), 1) == D(2000, 1, 3)
    assert Workdays().shift(D(2040, 1, 2), -1) == D(2039, 12, 30)


def test_the_deck_finds_its_steering_committee_in_the_calendar_series() -> None:
    """The deck's committee dates come from the same occurrences: a COPIL series read in January
    gives the June and July committees, and the draft deck is due from T-5 on the project calendar."""
    from pmo.engine.steerco import next_steering, steering_due

    project = _calendar_only()
    assert next_steering(project, AS_OF) is not None and next_steering(project, AS_OF).date == D(2026, 6, 18)
    assert next_steering(project, D(2026, 6, 19)).date == D(2026, 7, 16)  # type: ignore[union-attr]
    assert steering_due(project, D(2026, 6, 11)) is not None  # Thursday 11 -> Thursday 18: 5 working days
    assert steering_due(project, D(2026, 6, 10)) is None  # 6 working days before
