"""iCalendar from a server: a published calendar URL, or a CalDAV collection.

All network I/O goes through a `Transport` (one method, ``request``), so tests replay
recorded answers and never touch the network; the default one uses the standard
library. Credentials, when a server needs them, are passed as headers by the caller
and never stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from pmo.errors import FormatError, InputError
from pmo.model import Finding, Project, Severity, Source, Subject
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.ical.reader import SKIPPED, default_window, read_ical

TIMEOUT = 30.0
_DAV = "{DAV:}"
_CALDAV = "{urn:ietf:params:xml:ns:caldav}"


@dataclass(frozen=True)
class HttpResponse:
    """What a server answered: status, body and headers."""

    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class Transport(Protocol):
    """Sends one HTTP request; tests pass their own."""

    def request(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes | None
    ) -> HttpResponse: ...


class UrllibTransport:
    """The default transport: `urllib.request`, with a timeout."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout

    def request(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> HttpResponse:
        request = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return HttpResponse(answer.status, answer.read(), dict(answer.headers))
        except urllib.error.HTTPError as exc:
            return HttpResponse(exc.code, exc.read() or b"", dict(exc.headers or {}))
        except (urllib.error.URLError, OSError) as exc:
            raise InputError(f"{url}: cannot reach the server ({exc})") from None


def _http_url(url: str) -> str:
    """`url` as http(s); ``webcal://`` is https; anything else is refused."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in ("webcal", "webcals"):
        return urllib.parse.urlunsplit(("https", *parts[1:]))
    if scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url}: not an http(s) URL")
    return url.strip()


def _redact(url: str) -> str:
    """`url` without user:password, as it appears in sources and messages."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def read_url(
    url: str,
    context: ReadContext,
    client: Transport | None = None,
    headers: Mapping[str, str] | None = None,
) -> ReadResult:
    """Read a published calendar (``https://.../calendar.ics``, ``webcal://...``)."""
    target = _http_url(url)
    transport = client or UrllibTransport()
    answer = transport.request("GET", target, {"Accept": "text/calendar", **(headers or {})}, None)
    if answer.status != 200:
        raise InputError(f"{_redact(target)}: the server answered HTTP {answer.status}")
    return read_ical(answer.content, _redact(target), context)


_QUERY = """<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
    <c:time-range start="{start}" end="{end}"/>
  </c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>
"""


def caldav_query(window: tuple[dt.date, dt.date]) -> bytes:
    """The REPORT body asking a CalDAV collection for the events overlapping `window`."""
    start = window[0].strftime("%Y%m%dT000000Z")
    end = (window[1] + dt.timedelta(days=1)).strftime("%Y%m%dT000000Z")
    return _QUERY.format(start=start, end=end).encode("utf-8")


def read_caldav(
    url: str,
    context: ReadContext,
    client: Transport | None = None,
    headers: Mapping[str, str] | None = None,
) -> ReadResult:
    """Read the events of a CalDAV calendar collection overlapping the window (RFC 4791).

    The server does the time-range filtering; pmo expands the recurrences itself, as for
    a file. Each resource is read on its own, so one bad resource costs only itself.
    """
    target = _http_url(url)
    window = context.window or default_window(context.project)
    context = dataclasses.replace(context, window=window)
    transport = client or UrllibTransport()
    request_headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8", **(headers or {})}
    answer = transport.request("REPORT", target, request_headers, caldav_query(window))
    if answer.status != 207:
        raise InputError(f"{_redact(target)}: the CalDAV server answered HTTP {answer.status}, not 207")
    try:
        root = ET.fromstring(answer.content)
    except ET.ParseError as exc:
        raise FormatError(_redact(target), exc.position[0], f"not a CalDAV answer: {exc}") from None
    results: list[ReadResult] = []
    for response in root.iter(f"{_DAV}response"):
        href = (response.findtext(f"{_DAV}href") or "").strip()
        data = response.findtext(f".//{_CALDAV}calendar-data")
        if not data or not data.strip():
            continue
        source = urllib.parse.urljoin(_redact(target), href) if href else _redact(target)
        try:
            results.append(read_ical(data.encode("utf-8"), source, context))
        except FormatError as exc:
            results.append(_unreadable(source, exc))
    return _merge(results, context)


def _unreadable(source: str, exc: FormatError) -> ReadResult:
    """A resource that is not iCalendar, as a finding instead of a stop."""

    finding = Finding(
        code=SKIPPED,
        severity=Severity.WARNING,
        subject=Subject("calendar", source),
        message=f"resource skipped: {exc.reason}",
        source=Source(file=source, line=exc.line),
    )
    return ReadResult(project=Project(key="", name=""), findings=(finding,))


def _merge(results: list[ReadResult], context: ReadContext) -> ReadResult:
    """Several reads as one: series, meetings, absences and findings side by side."""
    named = next((r.project for r in results if r.project.key), None)
    series = sorted((s for r in results for s in r.project.series), key=lambda s: s.id)
    meetings = sorted((m for r in results for m in r.project.meetings), key=lambda m: (m.start, m.id))
    absences = sorted((a for r in results for a in r.project.absences), key=lambda a: (a.start, a.person))
    partial = Project(
        key=named.key if named else "",
        name=named.name if named else "",
        series=tuple(series),
        meetings=tuple(meetings),
        absences=tuple(absences),
    )
    return ReadResult(project=partial, findings=tuple(f for r in results for f in r.findings))


__all__ = ["HttpResponse", "Transport", "UrllibTransport", "caldav_query", "read_caldav", "read_url"]
