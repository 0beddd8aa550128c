"""Never a traceback: whatever the bytes, the reader returns a result or raises FormatError."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.errors import FormatError
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.ical.reader import read_ical

ICS = Path(__file__).resolve().parents[2] / "tests" / "data" / "ics"
SAMPLES = sorted(p.read_bytes() for p in ICS.glob("*.ics"))
CONTEXT = ReadContext(window=(dt.date(2014, 1, 1), dt.date(2025, 12, 31)))
EXAMPLES = int(os.environ.get("PMO_FUZZ_EXAMPLES", "50"))  # raise it for a long local run
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_format_error(data: bytes) -> ReadResult | None:
    try:
        result = read_ical(data, "fuzz.ics", CONTEXT)
    except FormatError as exc:
        assert exc.file == "fuzz.ics"
        return None
    for finding in result.findings:
        assert finding.source.file == "fuzz.ics"
        assert finding.code in ("import-skipped", "import-outside-window")
    for meeting in result.project.meetings:
        assert meeting.start.tzinfo is not None and meeting.end >= meeting.start
    return result


@pytest.mark.parametrize("data", [b"", b"\x00\xff" * 50, b"PK\x03\x04" + bytes(range(256))])
def test_garbage_is_a_format_error(data: bytes) -> None:
    assert read_or_format_error(data) is None  # mutations of valid files: test_mutation_fuzz.py


@FUZZ
@given(st.sampled_from(SAMPLES), st.floats(0, 1))
def test_truncated_files(sample: bytes, cut: float) -> None:
    read_or_format_error(sample[: int(len(sample) * cut)])


@FUZZ
@given(st.sampled_from(SAMPLES), st.integers(0, 10_000), st.binary(min_size=1, max_size=12))
def test_corrupted_bytes(sample: bytes, where: int, noise: bytes) -> None:
    at = where % max(1, len(sample))
    read_or_format_error(sample[:at] + noise + sample[at + len(noise) :])


VALUES = st.one_of(
    st.sampled_from(
        [
            "20250230T090000Z",
            "20251301",
            "99999999T999999Z",
            "00000101T000000",
            "99991231T235959Z",
            "20250303T090000+0100",
            "2025-03-03",
            "",
            "T",
            "20250303T25",
        ]
    ),
    st.text(alphabet="0123456789TZ+-:", max_size=20),
)
RULES = st.one_of(
    st.sampled_from(
        [
            "FREQ=DAILY;COUNT=999999999",
            "FREQ=YEARLY;INTERVAL=0",
            "FREQ=WEEKLY;BYDAY=XX",
            "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=5",
            "FREQ=DAILY;UNTIL=00010101",
            "FREQ=SECONDLY",
            "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=0,30",
            "FREQ=WEEKLY;INTERVAL=99999999999999999999",
            "FREQ=",
        ]
    ),
    st.text(alphabet="FREQ=DAILYWEKMONTH;BYDAYCOUNT0123456789,", max_size=40),
)


PARAMS = st.sampled_from(["", "TZID=Europe/Paris:", "VALUE=DATE:", "TZID=Nowhere:"])


@FUZZ
@given(VALUES, VALUES, RULES, VALUES, PARAMS)
def test_invalid_dates_and_huge_values(start: str, end: str, rule: str, exdate: str, param: str) -> None:
    prefix = ";" + param if param else ":"
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:fuzz\r\nSUMMARY:Weekly project meeting\r\n"
        f"DTSTART{prefix}{start}\r\nDTEND{prefix}{end}\r\nRRULE:{rule}\r\nEXDATE{prefix}{exdate}\r\n"
        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:ok\r\nSUMMARY:Steering committee\r\n"
        "DTSTART:20250303T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = read_or_format_error(text.encode("utf-8"))
    assert result is not None
    assert "ok" in {m.series for m in result.project.meetings}  # the good event always survives


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "BEGIN:VEVENT",
                "END:VEVENT",
                "BEGIN:VALARM",
                "END:VCALENDAR",
                "BEGIN:VTIMEZONE",
                "DTSTART:20250303T090000Z",
                " folded",
                "X:1",
            ]
        ),
        max_size=30,
    )
)
def test_random_structure(lines: list[str]) -> None:
    read_or_format_error(("BEGIN:VCALENDAR\n" + "\n".join(lines)).encode("utf-8"))


def test_deep_nesting_and_long_lines() -> None:
    deep = "BEGIN:VCALENDAR\n" + "BEGIN:VEVENT\n" * 3000 + "END:VCALENDAR\n"
    assert read_or_format_error(deep.encode()) is not None
    long = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20250303T090000Z\nSUMMARY:" + "a" * 1_000_000
    assert read_or_format_error((long + "\nEND:VEVENT\nEND:VCALENDAR\n").encode()) is not None
