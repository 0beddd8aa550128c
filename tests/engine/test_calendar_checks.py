"""meeting-missing and meeting-attendee-missing against real calendars, pmo's own exports and the demo.

Each calendar is read over its golden window (tests/sources/test_ical_golden.py) and
checked over that whole window; the occurrences expected to be missing are named file
by file: deleted (EXDATE) or cancelled, and not replaced. Moved ones never are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pmo.api import demo_source
from pmo.engine.anticipate.calendar_checks import (
    check_attendee_missing,
    check_meeting_missing,
    expected,
    missing_attendees,
    missing_meetings,
    window,
)
from pmo.engine.anticipate.rules import governance_rules
from pmo.engine.checks.builtin import BUILTIN_CHECKS
from pmo.model import (
    Absence,
    Attendee,
    Cadence,
    Finding,
    GovernanceRule,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Person,
    Project,
    Response,
)
from pmo.model.resolve import resolve
from pmo.sources.base import ReadContext
from pmo.sources.ical.reader import IcalReader

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / "tests" / "data" / "ics"
SHARED = ROOT.parent / "shared" / "data" / "ics"
PEOPLE = (
    Person("AM", "Alice Martin", "alice@example.com"),
    Person("BK", "Bob Keller", "bob@example.com"),
    Person("CD", "Carol Dupont", "carol@example.com"),
)

# file -> the occurrences meeting-missing names: (date, series title, deleted or cancelled).
MISSING: dict[str, set[tuple[str, str, str]]] = {
    # pmo's own: an Outlook export with Windows zone names, a Google export, a French weekly
    "pmo_outlook_series.ics": {("2025-03-17", "Weekly project meeting", "deleted"),
                               ("2025-04-02", "SteerCo ERP", "deleted")},  # 03-24 moved; 03-31 replaced 04-02
    "pmo_google_export.ics": {("2025-03-17", "Jour fixe WMS", "deleted"),
                              ("2025-03-24", "Jour fixe WMS", "cancelled"),
                              ("2025-04-03", "Lenkungsausschuss WMS", "cancelled")},  # 03-31 replaced 04-01
    "pmo_governance.ics": {("2025-01-20", "Point hebdo projet ERP", "deleted"),
                           ("2025-01-27", "Point hebdo projet ERP", "cancelled")},  # 01-13 moved to 01-14
    "pmo_windows_zones.ics": set(),
    "pmo_broken.ics": set(),
    # ../shared/data/ics (and the copies kept in tests/data/ics)
    "icalendar__issue_165_exchange_cdo_standup.ics": set(),
    "khal__event_rrule_recuid_cancelled.ics": {("2014-07-14", "Arbeit", "cancelled")},  # 07-07 moved
    "rie__each_week_but_two_deleted.ics": {("2019-03-11", "test6", "deleted"), ("2019-03-25", "test6", "deleted")},
    "rie__issue_18_cancel_status.ics": {("2020-01-29", "one is cancelled", "cancelled")},
    "rie__issue_75_range_thisandfuture.ics": set(),  # moved (RANGE=THISANDFUTURE): none missing
    "rie__recurring_events_moved.ics": set(),  # moved: none missing
    "ical4j__Standup_outlook11.ics": set(),
    "icalevents__icloud.ics": {(f"2016-{day}", "Kinderturnen", "deleted") for day in (
        "03-21", "03-28", "05-16", "05-23", "08-01", "08-08", "08-15", "08-22", "08-29", "09-05", "09-12")},
    "icalevents__multi_attendee_response.ics": set(),
    "icalevents__recurring_override_exchange.ics": {("2020-12-23", "Busy", "deleted")},
    "icalevents__status_and_url.ics": set(),
    "icaljs__recur_instances_zimbra.ics": {("2012-12-04", "Crazy Event Thingy!", "deleted"),
                                           ("2013-02-05", "Crazy Event Thingy!", "deleted")},  # 2 moved
    "libical__incoming_itip.ics": set(),
    "rie__Germany_holidays_outlook.ics": set(),
    "rie__issue_28_exchange_biweekly_allday_moved.ics": set(),  # 3 moved bin collections
    "rie__issue_48_dst_weekly_exdates.ics": set(),  # filled in below: every EXDATE of a working day
    "rie__issue_61_confluence_calendar.ics": set(),
    "rie__issue_62_moved_event_2.ics": set(),  # 2 moved
    "rie__machbar_16_feb_2019.ics": {("2019-03-07", "Montessori Schulklasse", "deleted"),
                                     ("2019-03-08", "Montessori Schulklasse", "deleted")},  # 2 moved
}
MISSING["rie__issue_48_dst_weekly_exdates.ics"] = {
    (day, f"Event#{n}", "deleted") for day, n in (
        ("2020-09-16", 1), ("2020-10-23", 2), ("2020-10-23", 4), ("2020-11-06", 3), ("2020-11-06", 4),
        ("2020-11-12", 2), ("2020-11-12", 3), ("2020-11-26", 1), ("2020-11-26", 2), ("2020-11-26", 3),
        ("2020-11-27", 1), ("2020-11-27", 2), ("2020-11-27", 3), ("2020-11-27", 4))
}


def _read(path: Path) -> tuple[Project, tuple[dt.date, dt.date]]:
    from sources.test_ical_golden import WINDOWS

    first, last = WINDOWS[path.name]
    read = IcalReader().read(path, ReadContext(window=(first, last)))
    return resolve(dataclasses.replace(read.project, people=PEOPLE)), (first, last)


def _missing(project: Project, first: dt.date, last: dt.date) -> set[tuple[str, str, str]]:
    return {(f.detail["date"], f.subject.name, f.detail["state"])
            for f in missing_meetings(project, governance_rules(project), first, last)}


def _check(path: Path) -> None:
    project, (first, last) = _read(path)
    assert _missing(project, first, last) == MISSING[path.name]
    moved = {(e.day.isoformat(), e.title) for e in expected(project, governance_rules(project), first, last)
             if e.state == "moved"}
    assert not moved & {(day, title) for day, title, _ in MISSING[path.name]}


@pytest.mark.parametrize("path", sorted(LOCAL.glob("*.ics")), ids=lambda p: p.name)
def test_meeting_missing_on_each_local_calendar(path: Path) -> None:
    _check(path)


@pytest.mark.parametrize("name", sorted(p.name for p in SHARED.glob("*.ics")) if SHARED.is_dir() else ["(none)"])
def test_meeting_missing_on_each_shared_calendar(name: str) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the real-world samples live beside the repository)")
    _check(SHARED / name)


def test_every_shared_calendar_is_named() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the real-world samples live beside the repository)")
    assert {p.name for p in SHARED.glob("*.ics")} <= set(MISSING)


def test_a_finding_names_the_meeting_its_occurrence_and_date() -> None:
    project, (first, last) = _read(LOCAL / "pmo_google_export.ics")
    found = [f for f in missing_meetings(project, governance_rules(project), first, last)
             if f.detail["date"] == "2025-04-03"]
    (finding,) = found
    assert finding.subject.id == "9lenkungfixture@google.com/20250403T130000Z"
    assert finding.message == (
        "The steering committee 'Lenkungsausschuss WMS' (9lenkungfixture@google.com/20250403T130000Z) of "
        "Thursday 2025-04-03 was cancelled, and no replacement is scheduled within 2 working days.")
    assert finding.source.line == 70


def test_a_replacement_counts_within_the_tolerance_only() -> None:
    project, (first, last) = _read(LOCAL / "pmo_google_export.ics")
    rules = governance_rules(project)
    assert ("2025-03-31", "Jour fixe WMS", "cancelled") not in _missing(project, first, last)
    strict = {(f.detail["date"], f.detail["state"]) for f in missing_meetings(project, rules, first, last, 0)}
    assert ("2025-03-31", "cancelled") in strict  # the replacement on 04-01 is one working day away


def test_a_declined_required_attendee_is_named_per_occurrence() -> None:
    project, (first, last) = _read(LOCAL / "pmo_outlook_series.ics")
    found = list(missing_attendees(project, governance_rules(project), first, last))
    assert [(f.detail["date"], f.detail["person"], f.detail["reason"]) for f in found] == [
        ("2025-04-07", "BK", "declined")]
    assert found[0].message.startswith("Bob Keller (BK), required at 'Weekly project meeting' (")


def _one_rule_project(*meetings: Meeting, absences: tuple[Absence, ...] = ()) -> Project:
    rule = GovernanceRule("weekly", "Weekly", MeetingKind.PROJECT, Cadence.WEEKLY, weekday=0,
                          required=("AM", "BK", "CD"))
    return Project("P", "P", people=PEOPLE, governance=(rule,), meetings=meetings, absences=absences)


def _monday(day: int, *attendees: Attendee, status: MeetingStatus = MeetingStatus.CONFIRMED) -> Meeting:
    start = dt.datetime(2026, 6, day, 10, tzinfo=dt.UTC)
    return Meeting(f"w/{day}", "Weekly", start, start + dt.timedelta(hours=1), MeetingKind.PROJECT, status,
                   attendees)


def test_attendees_declined_absent_or_not_invited() -> None:
    everyone = (Attendee("AM"), Attendee("BK"), Attendee("CD"))
    project = _one_rule_project(
        _monday(1, *everyone),
        _monday(8, Attendee("AM"), Attendee("BK", response=Response.DECLINED), Attendee("CD")),
        _monday(15, *everyone),
        _monday(22, Attendee("AM"), Attendee("BK")),
        absences=(Absence("CD", dt.date(2026, 6, 15), dt.date(2026, 6, 19), "holiday"),),
    )
    found = sorted((f.detail["date"], f.detail["person"], f.detail["reason"])
                   for f in missing_attendees(project, project.governance, dt.date(2026, 6, 1), dt.date(2026, 6, 26)))
    assert found == [("2026-06-08", "BK", "declined"),
                     ("2026-06-15", "CD", "absent (holiday, 2026-06-15 to 2026-06-19)"),
                     ("2026-06-22", "CD", "not invited")]


def test_a_written_weekly_rule_finds_the_cancelled_and_the_unscheduled_week() -> None:
    project = _one_rule_project(_monday(1), _monday(8, status=MeetingStatus.CANCELLED), _monday(22),
                                Meeting("late", "Weekly", dt.datetime(2026, 6, 16, 9, tzinfo=dt.UTC),
                                        dt.datetime(2026, 6, 16, 10, tzinfo=dt.UTC), MeetingKind.PROJECT))
    found = {(f.detail["date"], f.detail["state"])
             for f in missing_meetings(project, project.governance, dt.date(2026, 6, 1), dt.date(2026, 6, 26))}
    assert found == {("2026-06-08", "cancelled")}  # 06-15 held on Tuesday 06-16 (moved)
    gone = _one_rule_project(_monday(1), _monday(22))
    found = {(f.detail["date"], f.detail["state"])
             for f in missing_meetings(gone, gone.governance, dt.date(2026, 6, 1), dt.date(2026, 6, 26))}
    assert found == {("2026-06-08", "unscheduled"), ("2026-06-15", "unscheduled")}


def test_nothing_is_expected_beyond_the_last_day_the_calendar_holds() -> None:
    project = _one_rule_project(_monday(1))
    assert list(missing_meetings(project, project.governance, dt.date(2026, 6, 1), dt.date(2026, 6, 30))) == []
    assert list(missing_meetings(dataclasses.replace(project, meetings=()), project.governance,
                                 dt.date(2026, 6, 1), dt.date(2026, 6, 30))) == []


# The demo: project.yaml alone (written rules, occurrences), and with calendar.ics imported.
def _demo(with_calendar: bool, written_rules: bool = True) -> Project:
    from pmo.api.imports import _merge, read_files

    folder = demo_source()
    paths = [folder] if with_calendar else [folder / "project.yaml"]
    units, _ = read_files(paths)
    project: Project | None = None
    for unit in units:
        project = _merge(project, unit.result)
    assert project is not None
    project = resolve(project)
    return project if written_rules else dataclasses.replace(project, governance=())


def _findings(project: Project) -> list[Finding]:
    assert project.status_date is not None
    return [*check_meeting_missing(project, project.status_date), *check_attendee_missing(project, project.status_date)]


def _said(findings: list[Finding]) -> set[tuple[str, str, str, str]]:
    return {(f.code, f.subject.id, f.detail["date"], f.detail.get("person", "")) for f in findings}


DEMO_FINDINGS = {
    ("meeting-missing", "erp-weekly-2026@atelier-durand.fr/20260601T080000Z", "2026-06-01", ""),
    ("meeting-attendee-missing", "erp-weekly-2026@atelier-durand.fr/20260608T080000Z", "2026-06-08", "tgarnier"),
}


def test_the_demo_misses_the_weekly_of_june_1() -> None:
    project = _demo(with_calendar=False)
    assert window(project, dt.date(2026, 6, 15)) == (dt.date(2026, 5, 13), dt.date(2026, 6, 29))
    assert _said(_findings(project)) == DEMO_FINDINGS
    assert len(project.series) == 0


def test_written_and_inferred_rules_give_the_same_findings_on_the_demo() -> None:
    written = _demo(with_calendar=False)
    both = _demo(with_calendar=True)
    inferred = _demo(with_calendar=True, written_rules=False)
    assert len(inferred.series) == 3 and inferred.governance == ()
    assert _said(_findings(written)) == _said(_findings(both)) == _said(_findings(inferred)) == DEMO_FINDINGS


def test_the_checks_are_registered() -> None:
    codes = dict(BUILTIN_CHECKS)
    assert {"meeting-missing", "meeting-attendee-missing"} <= set(codes)
