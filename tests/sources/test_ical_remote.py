"""Calendars from a server: a published URL and a CalDAV collection, through a fake transport."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest

from pmo.errors import FormatError, InputError
from pmo.sources.base import ReadContext
from pmo.sources.ical.remote import HttpResponse, caldav_query, read_caldav, read_url

ICS = Path(__file__).resolve().parents[2] / "tests" / "data" / "ics"
WINDOW = ReadContext(window=(dt.date(2025, 1, 1), dt.date(2025, 3, 31)))


class Recorded:
    """Replays one recorded answer and keeps the requests it was sent."""

    def __init__(self, answer: HttpResponse) -> None:
        self.answer = answer
        self.requests: list[tuple[str, str, dict[str, str], bytes | None]] = []

    def request(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> HttpResponse:
        self.requests.append((method, url, dict(headers), body))
        return self.answer


def test_read_url_gets_the_calendar_and_reads_it() -> None:
    client = Recorded(HttpResponse(200, (ICS / "pmo_governance.ics").read_bytes()))
    result = read_url("webcal://calendar.example.com/erp.ics", WINDOW, client=client)
    (method, url, headers, _) = client.requests[0]
    assert (method, url) == ("GET", "https://calendar.example.com/erp.ics")
    assert headers["Accept"] == "text/calendar"
    assert len(result.project.meetings) == 10
    assert result.project.meetings[0].source.file == "https://calendar.example.com/erp.ics"


def test_read_url_hides_credentials_and_reports_http_errors() -> None:
    client = Recorded(HttpResponse(200, (ICS / "pmo_governance.ics").read_bytes()))
    result = read_url("https://me:secret@calendar.example.com/erp.ics", WINDOW, client=client)
    assert all("secret" not in (m.source.file or "") for m in result.project.meetings)
    with pytest.raises(InputError, match="HTTP 404"):
        read_url("https://calendar.example.com/none.ics", WINDOW, client=Recorded(HttpResponse(404, b"")))
    with pytest.raises(InputError, match="not an http"):
        read_url("file:///etc/passwd", WINDOW, client=client)
    with pytest.raises(FormatError):
        read_url("https://calendar.example.com/page", WINDOW, client=Recorded(HttpResponse(200, b"<html>")))


MULTISTATUS = """<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:response><d:href>/cal/erp/copil.ics</d:href><d:propstat><d:prop>
    <c:calendar-data>BEGIN:VCALENDAR
BEGIN:VEVENT
UID:copil@pmo.test
SUMMARY:COPIL ERP
DTSTART:20250205T130000Z
DTEND:20250205T150000Z
END:VEVENT
END:VCALENDAR
</c:calendar-data></d:prop></d:propstat></d:response>
  <d:response><d:href>/cal/erp/broken.ics</d:href><d:propstat><d:prop>
    <c:calendar-data>not a calendar</c:calendar-data></d:prop></d:propstat></d:response>
  <d:response><d:href>/cal/erp/</d:href><d:propstat><d:prop/></d:propstat></d:response>
</d:multistatus>
"""


def test_read_caldav_asks_for_the_window_and_reads_each_resource() -> None:
    client = Recorded(HttpResponse(207, MULTISTATUS.encode()))
    url = "https://dav.example.com/cal/erp/"
    result = read_caldav(url, WINDOW, client=client, headers={"Authorization": "x"})
    (method, sent_to, headers, body) = client.requests[0]
    assert (method, sent_to, headers["Depth"], headers["Authorization"]) == ("REPORT", url, "1", "x")
    assert body == caldav_query((dt.date(2025, 1, 1), dt.date(2025, 3, 31)))
    assert b'start="20250101T000000Z" end="20250401T000000Z"' in body
    (meeting,) = result.project.meetings
    assert meeting.title == "COPIL ERP"
    assert meeting.source.file == "https://dav.example.com/cal/erp/copil.ics"
    (finding,) = result.findings
    assert finding.code == "import-skipped" and finding.source.file.endswith("broken.ics")


def test_read_caldav_errors() -> None:
    with pytest.raises(InputError, match="207"):
        read_caldav("https://dav.example.com/cal/", WINDOW, client=Recorded(HttpResponse(401, b"")))
    with pytest.raises(FormatError):
        read_caldav("https://dav.example.com/cal/", WINDOW, client=Recorded(HttpResponse(207, b"<oops")))
