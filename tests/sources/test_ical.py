"""The iCalendar reader: occurrences told apart, time zones, people, absences, errors.

The third-party fixtures are copies of files in ../shared/data/ics (see
tests/data/ics/SOURCE.md); the expected dates are stated inline, from reading the files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from pathlib import Path

import pytest

from pmo.errors import FormatError, InputError
from pmo.model import Meeting, MeetingKind, MeetingStatus, Person, Project, Response
from pmo.model.resolve import resolve
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.ical.reader import SKIPPED, IcalReader, default_window, read_ical_text

ICS = Path(__file__).resolve().parents[2] / "tests" / "data" / "ics"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "ics"
PEOPLE = (
    Person("AM", "Alice Martin", "alice@example.com"),
    Person("BK", "Bob Keller", "bob@example.com"),
    Person("CD", "Carol Dupont", "carol@example.com"),
)
PROJECT = Project(key="ERP", name="ERP", status_date=dt.date(2025, 2, 1), people=PEOPLE)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def read(name: str, start: dt.date, end: dt.date, **options: str) -> ReadResult:
    """The file read, as the store loads it into a project of PEOPLE (people resolved)."""
    result = IcalReader().read(ICS / name, ReadContext(project=PROJECT, window=(start, end), options=options))
    return loaded(result)


def loaded(result: ReadResult, people: tuple[Person, ...] = PEOPLE) -> ReadResult:
    return dataclasses.replace(result, project=resolve(dataclasses.replace(result.project, people=people)))


def by_day(result: ReadResult) -> dict[dt.date, Meeting]:
    return {m.start.date(): m for m in result.project.meetings}


def shared(name: str) -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (real-world samples live beside the repository)")
    return SHARED / name


# --- cancelled, deleted and moved occurrences --------------------------------------------


def test_cancelled_override_stays_as_a_cancelled_meeting() -> None:
    # Daily 22:00 Berlin, COUNT=3 from 2020-01-28; the 29th is overridden with STATUS:CANCELLED.
    days = by_day(read("rie__issue_18_cancel_status.ics", dt.date(2020, 1, 1), dt.date(2020, 2, 28)))
    assert sorted(days) == [dt.date(2020, 1, 28), dt.date(2020, 1, 29), dt.date(2020, 1, 30)]
    assert days[dt.date(2020, 1, 29)].status is MeetingStatus.CANCELLED
    assert days[dt.date(2020, 1, 28)].status is MeetingStatus.CONFIRMED
    assert days[dt.date(2020, 1, 30)].status is MeetingStatus.CONFIRMED
    assert days[dt.date(2020, 1, 28)].start == dt.datetime(2020, 1, 28, 22, 0, tzinfo=BERLIN)


def test_khal_moved_and_cancelled_occurrences_are_told_apart() -> None:
    # Weekly Monday 07:00-12:00 Berlin from 2014-06-30 until 2014-08-06 (6 Mondays);
    # 07-07 moved to 09:00-14:00, 07-14 cancelled; both RECURRENCE-IDs written in UTC.
    result = read("khal__event_rrule_recuid_cancelled.ics", dt.date(2014, 6, 1), dt.date(2014, 8, 31))
    days = by_day(result)
    mondays = [dt.date(2014, 6, 30) + dt.timedelta(weeks=n) for n in range(6)]
    assert sorted(days) == mondays
    moved = days[dt.date(2014, 7, 7)]
    assert (moved.start, moved.end) == (
        dt.datetime(2014, 7, 7, 9, 0, tzinfo=BERLIN),
        dt.datetime(2014, 7, 7, 14, 0, tzinfo=BERLIN),
    )
    assert moved.status is MeetingStatus.CONFIRMED
    assert moved.id == "event_rrule_recurrence_id/20140707T050000Z"  # its slot, not its new time
    assert days[dt.date(2014, 7, 14)].status is MeetingStatus.CANCELLED
    assert [m.status for m in result.project.meetings].count(MeetingStatus.CANCELLED) == 1
    assert {m.series for m in result.project.meetings} == {"event_rrule_recurrence_id"}


def test_moved_and_edited_occurrences_replace_their_slot() -> None:
    # "test7": daily 04:00 Berlin 03-18..03-20, the 19th edited (new title, same time).
    # "New Event": daily 02:00 Berlin 03-07..03-10, the 8th moved to 01:00, the 9th to 03:00.
    result = read("rie__recurring_events_moved.ics", dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    starts = sorted((m.title, m.start) for m in result.project.meetings)
    assert starts == [
        ("New Event", dt.datetime(2019, 3, 7, 2, 0, tzinfo=BERLIN)),
        ("New Event", dt.datetime(2019, 3, 8, 1, 0, tzinfo=BERLIN)),
        ("New Event", dt.datetime(2019, 3, 9, 3, 0, tzinfo=BERLIN)),
        ("New Event", dt.datetime(2019, 3, 10, 2, 0, tzinfo=BERLIN)),
        ("test7", dt.datetime(2019, 3, 18, 4, 0, tzinfo=BERLIN)),
        ("test7", dt.datetime(2019, 3, 20, 4, 0, tzinfo=BERLIN)),
        ("test7 - edited", dt.datetime(2019, 3, 19, 4, 0, tzinfo=BERLIN)),
    ]
    assert all(m.status is MeetingStatus.CONFIRMED for m in result.project.meetings)
    assert len({m.id for m in result.project.meetings}) == 7


def test_range_thisandfuture_shifts_all_later_occurrences() -> None:
    # Every 2 days 12:00-14:00 UTC from 2024-09-01. RECURRENCE-ID;RANGE=THISANDFUTURE on
    # 09-13 moves it and all later ones 3 h earlier, 7 h long; 09-15 alone moves to 17:00;
    # a second THISANDFUTURE on 09-21 moves from there on to the next day 14:22-16:13.
    utc = dt.UTC
    days = by_day(read("rie__issue_75_range_thisandfuture.ics", dt.date(2024, 9, 1), dt.date(2024, 9, 30)))
    assert days[dt.date(2024, 9, 11)].start == dt.datetime(2024, 9, 11, 12, 0, tzinfo=utc)
    assert (days[dt.date(2024, 9, 13)].start, days[dt.date(2024, 9, 13)].end) == (
        dt.datetime(2024, 9, 13, 9, 0, tzinfo=utc),
        dt.datetime(2024, 9, 13, 16, 0, tzinfo=utc),
    )
    assert days[dt.date(2024, 9, 15)].start == dt.datetime(2024, 9, 15, 17, 0, tzinfo=utc)
    assert days[dt.date(2024, 9, 17)].start == dt.datetime(2024, 9, 17, 9, 0, tzinfo=utc)
    assert days[dt.date(2024, 9, 19)].title == "MODIFIED EVENT"
    assert dt.date(2024, 9, 21) not in days  # moved to the 22nd
    assert days[dt.date(2024, 9, 22)].start == dt.datetime(2024, 9, 22, 14, 22, tzinfo=utc)
    assert days[dt.date(2024, 9, 24)].end == dt.datetime(2024, 9, 24, 16, 13, tzinfo=utc)
    # Ids keep the original slot, so a later move does not make a new meeting.
    assert days[dt.date(2024, 9, 17)].id == "210/20240917T120000Z"
    assert days[dt.date(2024, 9, 22)].id == "210/20240921T120000Z"


def test_exdate_deletes_occurrences_entirely() -> None:
    # Weekly Monday 00:30 Berlin, COUNT=8 from 2019-03-04; EXDATEs in UTC (Sunday 23:30Z)
    # delete 03-11 and 03-25: they are absent, not cancelled.
    result = read("rie__each_week_but_two_deleted.ics", dt.date(2019, 3, 1), dt.date(2019, 4, 30))
    days = by_day(result)
    assert sorted(days) == [
        dt.date(2019, 3, 4),
        dt.date(2019, 3, 18),
        dt.date(2019, 4, 1),
        dt.date(2019, 4, 8),
        dt.date(2019, 4, 15),
        dt.date(2019, 4, 22),
    ]
    assert all(m.status is MeetingStatus.CONFIRMED for m in result.project.meetings)
    assert days[dt.date(2019, 4, 1)].start == dt.datetime(2019, 4, 1, 0, 30, tzinfo=BERLIN)  # after DST


def test_governance_fixture_tells_all_four_apart() -> None:
    result = read("pmo_governance.ics", dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    weekly = {m.id.split("/")[1]: m for m in result.project.meetings if m.series == "weekly-project@pmo.test"}
    # Mondays 10:00 Paris from 01-06, COUNT=6: 01-13 moved to Tue 01-14 14:00, 01-20 deleted
    # (EXDATE), 01-27 cancelled (STATUS:CANCELLED), 02-03 and 02-10 as planned.
    assert sorted(weekly) == [
        "20250106T090000Z",
        "20250113T090000Z",
        "20250127T090000Z",
        "20250203T090000Z",
        "20250210T090000Z",
    ]
    assert weekly["20250113T090000Z"].start.date() == dt.date(2025, 1, 14)
    assert weekly["20250127T090000Z"].status is MeetingStatus.CANCELLED
    assert "20250120T090000Z" not in weekly


# --- time zones -------------------------------------------------------------------------


def test_windows_zone_names_become_iana_zones() -> None:
    result = read("pmo_windows_zones.ics", dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    berlin = [m for m in result.project.meetings if m.series == "berlin@pmo.test"]
    pacific = [m for m in result.project.meetings if m.series == "pacific@pmo.test"]
    assert [m.start for m in berlin] == [
        dt.datetime(2025, 3, 24, 9, 30, tzinfo=BERLIN),
        dt.datetime(2025, 3, 31, 9, 30, tzinfo=BERLIN),  # after the change to summer time
    ]
    assert all(getattr(m.start.tzinfo, "key", "") == "Europe/Berlin" for m in berlin)
    los_angeles = zoneinfo.ZoneInfo("America/Los_Angeles")
    assert [m.start for m in pacific] == [
        dt.datetime(2025, 3, 5, 8, 0, tzinfo=los_angeles),
        dt.datetime(2025, 3, 12, 8, 0, tzinfo=los_angeles),
    ]
    assert pacific[1].start.utcoffset() == dt.timedelta(hours=-7)


def test_custom_exchange_zone_and_spaces_in_rrule() -> None:
    # CDO for Exchange: TZID "GMT +0100 (Standard) / GMT +0200 (Daylight)", BYDAY=MO, TU, ...
    # folded; daily on weekdays 10:00 from Fri 2015-07-03 until 2015-07-22 08:00Z: 14 days.
    result = read("icalendar__issue_165_exchange_cdo_standup.ics", dt.date(2015, 7, 1), dt.date(2015, 7, 31))
    meetings = result.project.meetings
    assert len(meetings) == 14
    assert result.findings == ()
    assert all(m.start.weekday() < 5 for m in meetings)
    assert meetings[0].start.isoformat() == "2015-07-03T10:00:00+02:00"
    assert meetings[-1].start.date() == dt.date(2015, 7, 22)
    assert meetings[0].kind is MeetingKind.PROJECT  # "Sprint 25 Daily Standup"


def test_outlook_2003_zone_name_is_found_by_city() -> None:
    path = shared("ical4j__Standup_outlook11.ics")
    result = IcalReader().read(path, ReadContext(window=(dt.date(2009, 3, 1), dt.date(2009, 3, 31))))
    first = result.project.meetings[0]
    assert first.start.isoformat() == "2009-03-10T09:30:00+11:00"
    assert getattr(first.start.tzinfo, "key", "").startswith("Australia/")
    assert all(m.start.weekday() < 5 for m in result.project.meetings)


def test_exchange_w_europe_zone_in_the_big_calendar() -> None:
    path = shared("icalevents__recurring_override_exchange.ics")
    result = IcalReader().read(path, ReadContext(window=(dt.date(2020, 11, 1), dt.date(2020, 11, 30))))
    zones = {getattr(m.start.tzinfo, "key", None) for m in result.project.meetings}
    assert zones <= {"Europe/Berlin", "Europe/Zurich", "UTC"}
    assert result.project.meetings[0].start.isoformat() == "2020-11-11T09:30:00+01:00"


def test_tz_option_sets_the_zone_of_utc_floating_and_all_day_times() -> None:
    result = read("pmo_governance.ics", dt.date(2025, 2, 1), dt.date(2025, 2, 28), tz="America/New_York")
    one_to_one = next(m for m in result.project.meetings if m.series == "one-to-one@pmo.test")
    assert one_to_one.start.isoformat() == "2025-02-12T04:00:00-05:00"  # 09:00Z
    with pytest.raises(InputError, match="tz option"):
        read("pmo_governance.ics", dt.date(2025, 2, 1), dt.date(2025, 2, 28), tz="Mars/Olympus")


# --- people, attendees, absences, kinds ---------------------------------------------------


def test_attendees_roles_answers_and_people() -> None:
    result = read("pmo_governance.ics", dt.date(2025, 1, 1), dt.date(2025, 1, 10))
    (first,) = result.project.meetings
    assert first.kind is MeetingKind.PROJECT
    assert first.location == "Salle 42"
    attendees = {a.person: a for a in first.attendees}
    assert list(attendees) == ["AM", "BK", "CD", "dan@partner.test"]  # organiser first; no room
    assert attendees["AM"].response is Response.ACCEPTED
    assert attendees["BK"].required and attendees["BK"].response is Response.ACCEPTED
    assert not attendees["CD"].required and attendees["CD"].response is Response.TENTATIVE
    assert attendees["dan@partner.test"].response is Response.DECLINED


def test_out_of_office_entries_become_absences() -> None:
    result = read("pmo_governance.ics", dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    absences = {(a.person, a.start, a.end) for a in result.project.absences}
    # Bob: all-day 02-17 to DTEND 02-22 (exclusive); Carol: "Away" with BUSYSTATUS OOF.
    assert absences == {
        ("BK", dt.date(2025, 2, 17), dt.date(2025, 2, 21)),
        ("CD", dt.date(2025, 2, 10), dt.date(2025, 2, 10)),
    }
    kinds = {m.series: m.kind for m in result.project.meetings}
    assert kinds["leave-bob@pmo.test"] is MeetingKind.ABSENCE
    assert kinds["copil-q1@pmo.test"] is MeetingKind.STEERING
    assert kinds["floating@pmo.test"] is MeetingKind.STEERING  # Lenkungsausschuss


def test_the_reader_keeps_people_as_written() -> None:
    """Attendees and absences do not depend on the people the store holds when read."""
    window = (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    alone = IcalReader().read(ICS / "pmo_governance.ics", ReadContext(window=window))
    known = IcalReader().read(ICS / "pmo_governance.ics", ReadContext(project=PROJECT, window=window))
    assert alone.project.absences == known.project.absences
    assert alone.project.meetings == known.project.meetings
    assert {a.person for a in alone.project.absences} == {"Bob Keller <bob@example.com>", "Carol <carol@example.com>"}


def test_absences_need_a_known_person() -> None:
    context = ReadContext(window=(dt.date(2025, 2, 1), dt.date(2025, 2, 28)))
    result = loaded(IcalReader().read(ICS / "pmo_governance.ics", context), people=())
    assert result.project.absences == ()
    leave = next(m for m in result.project.meetings if m.series == "leave-bob@pmo.test")
    assert leave.attendees[0].person == "bob@example.com"  # the e-mail when no person matches


def test_cancelled_prefix_marks_outlook_cancellations() -> None:
    result = read("pmo_governance.ics", dt.date(2025, 2, 12), dt.date(2025, 2, 12))
    (meeting,) = [m for m in result.project.meetings if m.series == "one-to-one@pmo.test"]
    assert meeting.status is MeetingStatus.CANCELLED
    assert meeting.kind is MeetingKind.ONE_TO_ONE


def test_kinds_option_overrides_the_built_in_rules() -> None:
    kinds = r"hebdo=steering;copil\b=other"
    result = read("pmo_governance.ics", dt.date(2025, 1, 1), dt.date(2025, 2, 28), kinds=kinds)
    found = {m.series: m.kind for m in result.project.meetings}
    assert found["weekly-project@pmo.test"] is MeetingKind.STEERING
    assert found["copil-q1@pmo.test"] is MeetingKind.OTHER


# --- window ----------------------------------------------------------------------------


def test_default_window_is_status_date_minus_120_plus_180() -> None:
    assert default_window(PROJECT) == (dt.date(2024, 10, 4), dt.date(2025, 7, 31))
    assert default_window(None, today=dt.date(2025, 1, 1)) == (dt.date(2024, 9, 3), dt.date(2025, 6, 30))
    result = IcalReader().read(ICS / "pmo_governance.ics", ReadContext(project=PROJECT))
    assert len(result.project.meetings) == 10


def test_window_bounds_are_inclusive_days() -> None:
    result = read("pmo_governance.ics", dt.date(2025, 2, 5), dt.date(2025, 2, 5))
    assert [m.series for m in result.project.meetings] == ["copil-q1@pmo.test"]


def test_ids_are_stable_across_reads_and_windows() -> None:
    wide = read("pmo_governance.ics", dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    narrow = read("pmo_governance.ics", dt.date(2025, 2, 1), dt.date(2025, 2, 10))
    wide_ids = {m.id: m for m in wide.project.meetings}
    for meeting in narrow.project.meetings:
        assert wide_ids[meeting.id] == meeting
    assert len(wide_ids) == len(wide.project.meetings)


def test_source_is_the_line_of_begin_vevent() -> None:
    result = read("pmo_governance.ics", dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    lines = {m.series: m.source.line for m in result.project.meetings if m.status is MeetingStatus.CONFIRMED}
    assert lines["weekly-project@pmo.test"] == 5
    assert lines["copil-q1@pmo.test"] == 38
    text = (ICS / "pmo_governance.ics").read_text().splitlines()
    assert all(text[line - 1] == "BEGIN:VEVENT" for line in lines.values())


# --- robustness -------------------------------------------------------------------------


def test_broken_events_are_findings_and_the_rest_imports() -> None:
    result = read("pmo_broken.ics", dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert [m.title for m in result.project.meetings] == ["Weekly project meeting", "Atelier cadrage"]
    found = {f.source.line: f for f in result.findings}
    assert sorted(found) == [6, 24, 30, 36, 41, 54]
    assert all(f.code == SKIPPED and f.severity.value == "warning" for f in result.findings)
    assert all(f.source.file == str(ICS / "pmo_broken.ics") for f in result.findings)
    assert "+5328" in found[6].message  # malformed UTC offset in a VTIMEZONE rule
    assert "20250230" in found[24].message  # an invalid date
    assert "DTEND" in found[30].message
    assert "DTSTART" in found[36].message
    assert "FREQ=MINUTELY" in found[41].message
    assert "END:VCALENDAR" in found[54].message  # truncated event


def test_malformed_offset_in_icloud_zone_costs_only_that_rule() -> None:
    path = shared("icalevents__icloud.ics")
    result = IcalReader().read(path, ReadContext(window=(dt.date(2015, 12, 1), dt.date(2016, 12, 31))))
    assert [f.source.line for f in result.findings] == [136]
    assert "+5328" in result.findings[0].message
    assert len(result.project.meetings) > 10


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", None),
        ("hello\nworld\n", 1),
        ("\n\nBEGIN:VCARD\nEND:VCARD\n", 3),
        ("project:\n  key: ERP\n", 1),
        ("\x00\x01\x02binary", 1),
    ],
)
def test_not_icalendar_raises_format_error_with_file_and_line(text: str, line: int | None) -> None:
    with pytest.raises(FormatError) as caught:
        read_ical_text(text, "notes.ics")
    assert caught.value.file == "notes.ics"
    assert caught.value.line == line


def test_broken_fold_is_repaired() -> None:
    text = (
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:Steering\nDESCRIPTION:first half\n"
        "second half without its space\nDTSTART:20250303T090000Z\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    result = read_ical_text(text, "fold.ics", ReadContext(window=(dt.date(2025, 3, 1), dt.date(2025, 3, 31))))
    assert [m.kind for m in result.project.meetings] == [MeetingKind.STEERING]
    assert result.findings == ()


BOB = "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:bob@example.com\n"


def test_several_calendars_and_itip_updates_in_one_file() -> None:
    text = "".join(
        f"BEGIN:VCALENDAR\nMETHOD:{method}\nBEGIN:VEVENT\nUID:u1\nSEQUENCE:{seq}\n{body}END:VEVENT\nEND:VCALENDAR\n"
        for method, seq, body in [
            ("REQUEST", 0, f"SUMMARY:Workshop\nDTSTART:20250303T090000Z\n{BOB}"),
            ("REQUEST", 1, f"SUMMARY:Workshop\nDTSTART:20250304T090000Z\n{BOB}"),
            ("REPLY", 1, "ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.com\n"),
            ("COUNTER", 1, "SUMMARY:Workshop\nDTSTART:20250305T090000Z\n"),
        ]
    )
    context = ReadContext(project=PROJECT, window=(dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
    (meeting,) = loaded(read_ical_text(text, "itip.ics", context)).project.meetings
    assert meeting.start.date() == dt.date(2025, 3, 4)  # SEQUENCE 1 replaced SEQUENCE 0
    assert meeting.attendees[0].person == "BK"
    assert meeting.attendees[0].response is Response.DECLINED
    cancel = text + "BEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nUID:u1\nSEQUENCE:2\nEND:VEVENT\n"
    cancel += "END:VCALENDAR\n"
    (meeting,) = read_ical_text(cancel, "itip.ics", context).project.meetings
    assert meeting.status is MeetingStatus.CANCELLED


def test_identify() -> None:
    reader = IcalReader()
    assert reader.identify(Path("a.ics"), b"BEGIN:VCALENDAR\r\n")
    assert reader.identify(Path("calendar.txt"), b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n")
    assert not reader.identify(Path("plan.yaml"), b"project:\n")
    assert reader.name == "ical" and reader.extensions == (".ics", ".ical")


def test_a_calendar_entirely_outside_the_window_says_so() -> None:
    from pmo.sources.ical.reader import read_ical

    data = (ICS / "pmo_governance.ics").read_bytes()
    result = read_ical(data, "team.ics", ReadContext(window=(dt.date(2030, 1, 1), dt.date(2030, 3, 1))))
    assert result.project.meetings == ()
    [finding] = [f for f in result.findings if f.code == "import-outside-window"]
    assert "from 2030-01-01 to 2030-03-01" in finding.message
