"""Golden files: every calendar we hold imports, and reads the same as last time.

Each ``.ics`` in tests/data/ics (copies of public fixtures and pmo's own) and in
../shared/data/ics (when present) is read over a window set below; what pmo read is
compared with tests/data/ics/golden/<name>.json. To accept a change on purpose, run
``PMO_REGEN_GOLDEN=1 pytest tests/sources/test_ical_golden.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from pmo.model import Person, Project
from pmo.model.resolve import resolve
from pmo.sources.base import ReadContext
from pmo.sources.ical.reader import IcalReader

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / "tests" / "data" / "ics"
GOLDEN = LOCAL / "golden"
SHARED = ROOT.parent / "shared" / "data" / "ics"
REGENERATE = os.environ.get("PMO_REGEN_GOLDEN") == "1"

# The window each file is read over: where its events are, kept small so goldens stay readable.
WINDOWS: dict[str, tuple[dt.date, dt.date]] = {
    "ical4j__Standup_outlook11.ics": (dt.date(2009, 3, 1), dt.date(2009, 4, 30)),
    "icalendar__issue_165_exchange_cdo_standup.ics": (dt.date(2015, 7, 1), dt.date(2015, 7, 31)),
    "icalevents__icloud.ics": (dt.date(2015, 12, 1), dt.date(2016, 12, 31)),
    "icalevents__multi_attendee_response.ics": (dt.date(2021, 6, 1), dt.date(2021, 6, 30)),
    "icalevents__recurring_override_exchange.ics": (dt.date(2020, 11, 1), dt.date(2021, 1, 31)),
    "icalevents__status_and_url.ics": (dt.date(2018, 10, 1), dt.date(2018, 12, 31)),
    "icaljs__recur_instances_zimbra.ics": (dt.date(2012, 10, 1), dt.date(2013, 3, 31)),
    "khal__event_rrule_recuid_cancelled.ics": (dt.date(2014, 6, 1), dt.date(2014, 8, 31)),
    "libical__incoming_itip.ics": (dt.date(1997, 6, 1), dt.date(1997, 7, 31)),
    "rie__Germany_holidays_outlook.ics": (dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    "rie__each_week_but_two_deleted.ics": (dt.date(2019, 3, 1), dt.date(2019, 4, 30)),
    "rie__issue_18_cancel_status.ics": (dt.date(2020, 1, 1), dt.date(2020, 2, 29)),
    "rie__issue_28_exchange_biweekly_allday_moved.ics": (dt.date(2020, 4, 1), dt.date(2020, 9, 30)),
    "rie__issue_48_dst_weekly_exdates.ics": (dt.date(2020, 9, 1), dt.date(2020, 12, 31)),
    "rie__issue_61_confluence_calendar.ics": (dt.date(2021, 12, 1), dt.date(2021, 12, 31)),
    "rie__issue_62_moved_event_2.ics": (dt.date(2023, 8, 1), dt.date(2023, 8, 31)),
    "rie__issue_75_range_thisandfuture.ics": (dt.date(2024, 9, 1), dt.date(2024, 10, 15)),
    "rie__machbar_16_feb_2019.ics": (dt.date(2019, 1, 1), dt.date(2019, 3, 31)),
    "rie__recurring_events_moved.ics": (dt.date(2019, 3, 1), dt.date(2019, 3, 31)),
    "pmo_governance.ics": (dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    "pmo_windows_zones.ics": (dt.date(2025, 3, 1), dt.date(2025, 4, 30)),
    "pmo_broken.ics": (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    "pmo_outlook_series.ics": (dt.date(2025, 3, 1), dt.date(2025, 4, 30)),
    "pmo_google_export.ics": (dt.date(2025, 3, 1), dt.date(2025, 6, 30)),
}
DEFAULT_WINDOW = (dt.date(2020, 1, 1), dt.date(2020, 12, 31))

# People pmo's own fixtures name, so goldens show attendees resolved to ids (as loaded).
PROJECT = Project(
    key="ERP",
    name="ERP",
    people=(
        Person("AM", "Alice Martin", "alice@example.com"),
        Person("BK", "Bob Keller", "bob@example.com"),
        Person("CD", "Carol Dupont", "carol@example.com"),
    ),
)


def snapshot(path: Path) -> dict[str, Any]:
    """What pmo read from `path`, as stable, sorted JSON-ready data (paths relative)."""
    window = WINDOWS.get(path.name, DEFAULT_WINDOW)
    read = IcalReader().read(path, ReadContext(project=PROJECT, window=window))
    result = dataclasses.replace(read, project=resolve(dataclasses.replace(read.project, people=PROJECT.people)))
    meetings = [
        {
            "id": m.id,
            "title": m.title,
            "kind": m.kind.value,
            "status": m.status.value,
            "start": m.start.isoformat(),
            "end": m.end.isoformat(),
            "attendees": [
                {"person": a.person, "required": a.required, "response": a.response.value}
                for a in m.attendees
            ],
            "line": m.source.line,
        }
        for m in result.project.meetings
    ]
    meetings.sort(key=lambda m: (str(m["start"]), str(m["id"])))
    absences = [
        {"person": a.person, "start": a.start.isoformat(), "end": a.end.isoformat(), "reason": a.reason}
        for a in result.project.absences
    ]
    findings = [
        {"line": f.source.line, "code": f.code, "severity": f.severity.value, "message": f.message}
        for f in result.findings
    ]
    return {
        "file": path.name,
        "window": [window[0].isoformat(), window[1].isoformat()],
        "meetings": meetings,
        "absences": absences,
        "findings": findings,
    }


def check_golden(path: Path) -> None:
    golden = GOLDEN / f"{path.stem}.json"
    actual = snapshot(path)
    text = json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if REGENERATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}: run with PMO_REGEN_GOLDEN=1 and review it")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected, f"{path.name} reads differently from {golden.name}"


def _shared_files() -> list[Path]:
    return sorted(SHARED.glob("*.ics")) if SHARED.is_dir() else []


@pytest.mark.parametrize("path", sorted(LOCAL.glob("*.ics")), ids=lambda p: p.name)
def test_local_file_reads_as_its_golden(path: Path) -> None:
    check_golden(path)


@pytest.mark.parametrize("name", [p.name for p in _shared_files()] or ["(none)"])
def test_shared_file_reads_as_its_golden(name: str) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (real-world samples live beside the repository)")
    check_golden(SHARED / name)


def test_every_shared_file_has_a_window_and_a_golden() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (real-world samples live beside the repository)")
    names = {p.name for p in _shared_files()}
    assert names <= set(WINDOWS), f"give these a window: {sorted(names - set(WINDOWS))}"
    missing = sorted(n for n in names if not (GOLDEN / f"{Path(n).stem}.json").exists())
    assert REGENERATE or not missing, f"no golden for {missing}"


def test_local_copies_are_the_shared_files_byte_for_byte() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (real-world samples live beside the repository)")
    for path in LOCAL.glob("*.ics"):
        twin = SHARED / path.name
        if twin.exists():
            assert path.read_bytes() == twin.read_bytes(), path.name
