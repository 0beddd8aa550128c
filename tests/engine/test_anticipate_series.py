"""Recurring series kept whole and expanded by the engine: the same occurrences as the reader,
over any window; the governance rules inferred from them and merged with the written ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from pathlib import Path

import pytest

from pmo.engine.anticipate.meetings import occurrences
from pmo.engine.anticipate.rules import STEERING_PREPARATION, governance_rules
from pmo.engine.anticipate.series import expand
from pmo.model import (
    Cadence,
    GovernanceRule,
    GovernanceSettings,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Override,
    Project,
    Settings,
)
from pmo.model.codec import decode, encode
from pmo.sources.base import ReadContext
from pmo.sources.ical.reader import IcalReader, read_ical_text

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / "tests" / "data" / "ics"
SHARED = ROOT.parent / "shared" / "data" / "ics"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _windows() -> dict[str, tuple[dt.date, dt.date]]:
    from sources.test_ical_golden import WINDOWS

    return WINDOWS


def _calendars() -> list[Path]:
    return sorted(LOCAL.glob("*.ics")) + (sorted(SHARED.glob("*.ics")) if SHARED.is_dir() else [])


def _seen(meeting: Meeting) -> tuple[object, ...]:
    # A cancelled override ("Canceled: ...", written without attendees): the reader shows it as
    # written, the series keeps its own title and attendees.
    if meeting.status is MeetingStatus.CANCELLED:
        return meeting.id, meeting.start, meeting.end, meeting.status, meeting.kind
    return meeting.id, meeting.start, meeting.end, meeting.status, meeting.title, meeting.attendees, meeting.kind


@pytest.mark.parametrize("path", _calendars(), ids=lambda p: p.name)
def test_series_expand_to_the_occurrences_the_reader_imported(path: Path) -> None:
    first, last = _windows()[path.name]
    read = IcalReader().read(path, ReadContext(window=(first, last)))
    inside = (first + dt.timedelta(days=1), last - dt.timedelta(days=1))  # days the zones agree on
    for series in read.project.series:
        mine = {_seen(m) for m in expand(series, first - dt.timedelta(days=1), last + dt.timedelta(days=1))
                if inside[0] <= m.start.astimezone(dt.UTC).date() <= inside[1]}
        theirs = {_seen(m) for m in read.project.meetings
                  if m.series == series.id and inside[0] <= m.start.astimezone(dt.UTC).date() <= inside[1]}
        assert mine == theirs, f"{path.name}: series {series.id} ({series.title})"


def test_shared_calendars_are_present_or_skipped() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the real-world samples live beside the repository)")
    assert len(list(SHARED.glob("*.ics"))) >= 15


FRENCH_WEEKLY = LOCAL / "pmo_governance.ics"


def test_the_reader_keeps_a_series_whole() -> None:
    read = IcalReader().read(FRENCH_WEEKLY, ReadContext(window=(dt.date(2025, 1, 1), dt.date(2025, 1, 31))))
    (series,) = read.project.series
    assert (series.id, series.kind, series.zone, series.minutes) == (
        "weekly-project@pmo.test", MeetingKind.PROJECT, "Europe/Paris", 60)
    assert series.rrule == "FREQ=WEEKLY;COUNT=6;BYDAY=MO"
    assert series.exdates == (dt.datetime(2025, 1, 20, 10, tzinfo=PARIS),)
    assert series.cancelled == (dt.datetime(2025, 1, 27, 10, tzinfo=PARIS),)
    (moved,) = series.overrides
    assert (moved.slot, moved.start) == (dt.datetime(2025, 1, 13, 10, tzinfo=PARIS),
                                         dt.datetime(2025, 1, 14, 14, tzinfo=PARIS))
    assert series.organizer == "Alice Martin <alice@example.com>"
    assert series.source.line == 5


def test_a_series_round_trips_through_the_codec() -> None:
    read = IcalReader().read(FRENCH_WEEKLY, ReadContext(window=(dt.date(2025, 1, 1), dt.date(2025, 1, 31))))
    (series,) = read.project.series
    again = decode(MeetingSeries, encode(series))
    assert expand(again, dt.date(2025, 1, 1), dt.date(2025, 3, 1)) == expand(
        series, dt.date(2025, 1, 1), dt.date(2025, 3, 1))


WEEKLY_2026 = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:weekly@example.com
SUMMARY:Point hebdo
DTSTART;TZID=Europe/Paris:20260105T100000
DTEND;TZID=Europe/Paris:20260105T110000
RRULE:FREQ=WEEKLY;BYDAY=MO
END:VEVENT
END:VCALENDAR
"""


def test_a_series_expands_beyond_the_window_it_was_read_over() -> None:
    read = read_ical_text(WEEKLY_2026, context=ReadContext(window=(dt.date(2026, 1, 1), dt.date(2026, 1, 31))))
    assert len(read.project.meetings) == 4
    project = dataclasses.replace(read.project)
    later = occurrences(project, dt.date(2026, 10, 19), dt.date(2026, 11, 1))
    assert [m.start for m in later] == [dt.datetime(2026, 10, 19, 10, tzinfo=PARIS),
                                        dt.datetime(2026, 10, 26, 10, tzinfo=PARIS)]
    assert later[1].start.utcoffset() == dt.timedelta(hours=1)  # after the DST change, still 10:00 local
    assert later[0].id == "weekly@example.com/20261019T080000Z"


def test_occurrences_keep_single_meetings_and_flag_cancelled_ones() -> None:
    start = dt.datetime(2026, 3, 2, 9, tzinfo=PARIS)
    series = MeetingSeries("s", "Weekly", start, 60, "FREQ=WEEKLY;COUNT=3", zone="Europe/Paris",
                           cancelled=(start + dt.timedelta(days=7),),
                           overrides=(Override(start + dt.timedelta(days=14), start + dt.timedelta(days=15),
                                               start + dt.timedelta(days=15, hours=1)),))
    single = Meeting("one", "Kick-off", start + dt.timedelta(days=1), start + dt.timedelta(days=1, hours=2))
    stale = Meeting("s/old", "Weekly", start, start + dt.timedelta(hours=1), series="s")
    project = Project("P", "P", series=(series,), meetings=(single, stale))
    found = occurrences(project, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert [(m.id, m.start.date().isoformat(), m.status.value) for m in found] == [
        ("s/20260302T080000Z", "2026-03-02", "confirmed"),
        ("one", "2026-03-03", "confirmed"),
        ("s/20260309T080000Z", "2026-03-09", "cancelled"),
        ("s/20260316T080000Z", "2026-03-17", "confirmed"),
    ]


def _series(title: str, kind: MeetingKind, rrule: str = "FREQ=WEEKLY;BYDAY=MO") -> MeetingSeries:
    return MeetingSeries(title.lower().replace(" ", "-"), title, dt.datetime(2026, 1, 5, 10, tzinfo=PARIS), 60,
                         rrule, zone="Europe/Paris", kind=kind)


@pytest.mark.parametrize(
    ("title", "kind"),
    [("SteerCo ERP", MeetingKind.STEERING), ("COPIL mensuel", MeetingKind.STEERING),
     ("Comité de pilotage", MeetingKind.STEERING), ("Lenkungsausschuss", MeetingKind.STEERING),
     ("Weekly project meeting", MeetingKind.PROJECT), ("Jour fixe Projekt", MeetingKind.PROJECT),
     ("Point hebdo", MeetingKind.PROJECT)],
)
def test_rules_are_inferred_from_series_recognised_by_name(title: str, kind: MeetingKind) -> None:
    text = WEEKLY_2026.replace("SUMMARY:Point hebdo", f"SUMMARY:{title}").replace("FREQ=WEEKLY;BYDAY=MO",
                                                                                 "FREQ=MONTHLY;BYDAY=1MO")
    read = read_ical_text(text, context=ReadContext(window=(dt.date(2026, 1, 1), dt.date(2026, 1, 31))))
    (rule,) = governance_rules(read.project)
    assert (rule.kind, rule.cadence, rule.series) == (kind, Cadence.MONTHLY, ("weekly@example.com",))
    assert rule.preparation == (STEERING_PREPARATION if kind is MeetingKind.STEERING else ())
    assert [step.lead_days for step in STEERING_PREPARATION] == [5, 4, 3, 2, 1]


def test_a_written_rule_takes_the_series_of_the_same_rhythm() -> None:
    written = GovernanceRule("weekly", "Weekly", MeetingKind.PROJECT, Cadence.WEEKLY, weekday=0, required=("pat",))
    other_day = GovernanceRule("thu", "Thursday sync", MeetingKind.PROJECT, Cadence.WEEKLY, weekday=3)
    series = _series("Weekly project meeting", MeetingKind.PROJECT)
    one_to_one = _series("1:1 Pat / Alex", MeetingKind.ONE_TO_ONE, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")
    project = Project("P", "P", governance=(written, other_day), series=(series, one_to_one))
    rules = governance_rules(project)
    assert [(r.id, r.series, r.cadence) for r in rules] == [
        ("weekly", (series.id,), Cadence.WEEKLY),
        ("thu", (), Cadence.WEEKLY),
        (one_to_one.id, (one_to_one.id,), Cadence.BIWEEKLY),
    ]
    assert rules[0].required == ("pat",)


def test_workspace_rules_override_ignore_and_switch_inference_off() -> None:
    series = _series("Weekly project meeting", MeetingKind.PROJECT)
    override = GovernanceRule(series.id, "The weekly", MeetingKind.PROJECT, required=("alex",))
    project = Project("P", "P", series=(series,))
    settings = GovernanceSettings(rules=(override,))
    (rule,) = governance_rules(project, settings)
    assert (rule.name, rule.required, rule.series) == ("The weekly", ("alex",), (series.id,))
    assert governance_rules(project, GovernanceSettings(ignore=(series.id,))) == ()
    assert governance_rules(project, GovernanceSettings(infer=False)) == ()
    tuned = dataclasses.replace(project, settings=Settings(governance=GovernanceSettings(infer=False)))
    assert governance_rules(tuned) == ()


def test_series_round_trip_through_the_native_file(tmp_path: Path) -> None:
    from pmo.sources.native import dump_native, read_native

    window = (dt.date(2025, 3, 1), dt.date(2025, 6, 30))
    read = IcalReader().read(LOCAL / "pmo_google_export.ics", ReadContext(window=window))
    path = tmp_path / "project.yaml"
    path.write_text(dump_native(read.project), encoding="utf-8")
    back = read_native(path)
    assert back.series == read.project.series and len(back.series) == 2
    assert [expand(s, *window) for s in back.series] == [expand(s, *window) for s in read.project.series]
