"""Times of the iCalendar reader: IANA zones for Windows and Outlook names, one zone rule.

Every `Meeting` the reader makes has time-zone-aware `start` and `end`:

- a time with a TZID keeps its wall-clock time in that zone, as an IANA zone when one
  is known for the name: the Windows names Exchange writes (``W. Europe Standard
  Time`` -> ``Europe/Berlin``, from CLDR's table shipped with `icalendar`), the Outlook
  2003 display names (``Canberra, Melbourne, Sydney`` -> ``Australia/Canberra``, found
  by city and checked against the file's own VTIMEZONE offset); otherwise the zone the
  file's VTIMEZONE defines;
- a UTC time (``...Z``) is shown in the reader's zone;
- a floating time (no zone) and an all-day date (at midnight) are taken in the
  reader's zone.

The reader's zone is the ``tz`` option, else the calendar's ``X-WR-TIMEZONE``, else UTC.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

UTC = zoneinfo.ZoneInfo("UTC")


@functools.cache
def _iana_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _cities() -> dict[str, str]:
    """Last path element of every IANA zone (``sydney`` -> ``Australia/Sydney``)."""
    found: dict[str, str] = {}
    for name in sorted(_iana_names()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            found.setdefault(name.rsplit("/", 1)[1].lower().replace("_", " "), name)
    return found


@functools.cache
def zone(name: str) -> dt.tzinfo | None:
    """The IANA zone `name` (an IANA or Windows name), None when unknown."""
    clean = name.strip().strip('"').strip("/")
    for candidate in (clean, WINDOWS_TO_OLSON.get(clean, "")):
        if candidate and candidate in _iana_names():
            try:
                return zoneinfo.ZoneInfo(candidate)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
    return None


def _city_zone(name: str, sample: dt.datetime) -> dt.tzinfo | None:
    """An IANA zone named after a city in an Outlook display name, if its offset agrees."""
    words = re.split(r"[,/;()&]| - ", re.sub(r"\(?(GMT|UTC)\s*[+-][\d.:]+\)?", "", name))
    for word in words:
        city = _cities().get(" ".join(word.split()).lower().replace("\\", ""))
        if city is None:
            continue
        candidate = zoneinfo.ZoneInfo(city)
        if sample.replace(tzinfo=candidate).utcoffset() == sample.utcoffset():
            return candidate
    return None


def _tzid(value: dt.datetime) -> str:
    tzinfo = value.tzinfo
    if tzinfo is None:
        return ""
    for attribute in ("key", "zone", "_tzid"):
        found = getattr(tzinfo, attribute, None)
        if isinstance(found, str):
            return found
    return str(tzinfo.tzname(value) or "")


def is_utc(value: dt.datetime) -> bool:
    return (
        value.tzinfo is not None
        and value.utcoffset() == dt.timedelta(0)
        and _tzid(value)
        in (
            "UTC",
            "Etc/UTC",
            "Z",
            "GMT",
        )
    )


def localise(value: dt.date, default: dt.tzinfo) -> dt.datetime:
    """`value` as an aware datetime by the rule of this module."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(0), tzinfo=default)
    if value.tzinfo is None:
        return value.replace(tzinfo=default)
    if is_utc(value) or isinstance(value.tzinfo, dt.timezone):
        return value.astimezone(default) if is_utc(value) else value
    if isinstance(value.tzinfo, zoneinfo.ZoneInfo):
        return value
    name = _tzid(value).replace("\\,", ",")
    iana = zone(name) or _city_zone(name, value)
    return value.replace(tzinfo=iana) if iana is not None else value


def slot_key(value: dt.date) -> str:
    """An occurrence's start as a stable key: ``20240913T120000Z`` (UTC), ``20240913``."""
    if not isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d")
    if value.tzinfo is None:
        return value.strftime("%Y%m%dT%H%M%S")
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def window_bounds(window: tuple[dt.date, dt.date], tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The window's first and last day as a half-open span of aware datetimes."""
    start = dt.datetime.combine(window[0], dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(window[1] + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return start, end
