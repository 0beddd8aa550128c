"""MSPDI vocabulary shared by the reader and the writer: codes, custom fields, value parsing.

MS Project's XML (MSPDI, namespace ``http://schemas.microsoft.com/project``) stores
durations as ISO 8601 periods in working hours (``PT8H0M0S``), link lags in tenths of a
minute with a `LagFormat` saying how MS Project shows them, and numbered codes for link
and constraint types. This module holds those tables, the custom fields pmo recognises
by their alias, and the "MS Project fields" block pmo keeps in a task's notes for what
the model has no field for (baselines 1-10, other custom fields).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from pmo.model import ConstraintType, LinkType

NS = "http://schemas.microsoft.com/project"
Q = "{" + NS + "}"

DEFAULT_MINUTES_PER_DAY = 480
ELAPSED_MINUTES_PER_DAY = 1440
MAX_DAYS = 1_000_000.0  # larger durations or lags are refused as nonsense
MAX_EXCEPTION_DAYS = 20_000  # dates one calendar exception may expand to

LINK_TYPES: dict[int, LinkType] = {0: LinkType.FF, 1: LinkType.FS, 2: LinkType.SF, 3: LinkType.SS}
LINK_CODES: dict[LinkType, int] = {v: k for k, v in LINK_TYPES.items()}

CONSTRAINTS: dict[int, ConstraintType] = {
    0: ConstraintType.ASAP,
    1: ConstraintType.ALAP,
    2: ConstraintType.MSO,
    3: ConstraintType.MFO,
    4: ConstraintType.SNET,
    5: ConstraintType.SNLT,
    6: ConstraintType.FNET,
    7: ConstraintType.FNLT,
}
CONSTRAINT_CODES: dict[ConstraintType, int] = {v: k for k, v in CONSTRAINTS.items()}

# LagFormat / DurationFormat codes: m, em, h, eh, d, ed, w, ew, mo, emo, %, e% and their
# "estimated" (?) twins 35..52. Elapsed formats count calendar time; percent formats
# count a share of the predecessor's duration.
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52})
PERCENT_FORMATS = frozenset({19, 20, 51, 52})
LAG_DAYS, LAG_ELAPSED_DAYS = 7, 8

# Custom fields pmo writes (and recognises by alias when MS Project users define them).
PMO_ID_ALIAS = "pmo id"
TASK_FIELDS: dict[str, tuple[str, int]] = {  # alias -> (field name, FieldID)
    "Owner": ("Text29", 188744015),
    PMO_ID_ALIAS: ("Text30", 188744016),
    "Deliverable": ("Flag20", 188743981),
}
RESOURCE_FIELDS: dict[str, tuple[str, int]] = {PMO_ID_ALIAS: ("Text30", 205521140)}
OWNER_ALIASES = frozenset({"owner", "task owner", "responsible", "accountable", "responsable", "propriétaire"})
DELIVERABLE_ALIASES = frozenset({"deliverable", "is deliverable", "livrable"})
TRUE_WORDS = frozenset({"1", "yes", "true", "y", "x", "oui", "vrai"})

EXTRAS_MARK = "-- MS Project fields (kept by pmo) --"

_PERIOD = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


class BadValue(ValueError):
    """A value MSPDI cannot hold here: `line` locates it in the file."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_hours(text: str, line: int | None) -> float:
    """Hours in an MSPDI period (``PT8H30M0S``; ``D`` counts 24 hours)."""
    match = _PERIOD.match(text.strip())
    if not match or text.strip() in ("P", "-P", "PT", "-PT"):
        raise BadValue(line, f"{text.strip()[:40]!r} is not a duration (write PT8H0M0S)")
    sign, days, hours, minutes, seconds = match.groups()
    total = float(days or 0) * 24 + float(hours or 0) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    if not math.isfinite(total) or total > MAX_DAYS * 24:
        raise BadValue(line, f"duration {text.strip()[:40]!r} is out of range")
    return -total if sign else total


def format_hours(hours: float) -> str:
    """An MSPDI period for a number of hours, to the second."""
    seconds = round(abs(hours) * 3600)
    text = f"PT{seconds // 3600}H{seconds % 3600 // 60}M{seconds % 60}S"
    return "-" + text if hours < 0 and seconds else text


def parse_datetime(text: str, line: int | None) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadValue(line, f"{text.strip()[:40]!r} is not a date and time (write 2026-01-31T08:00:00)") from None
    return value.replace(tzinfo=None)


def parse_number(text: str, line: int | None, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise BadValue(line, f"{what} {text.strip()[:40]!r} is not a number") from None
    if not math.isfinite(value) or abs(value) > 1e15:
        raise BadValue(line, f"{what} {text.strip()[:40]!r} is out of range")
    return value


def parse_int(text: str, line: int | None, what: str) -> int:
    text = text.strip()
    if not re.fullmatch(r"-?\d{1,12}", text):
        raise BadValue(line, f"{what} {text[:40]!r} is not a whole number")
    return int(text)


def clean(value: float, digits: int = 6) -> float:
    """A float rounded so that unit conversions do not leave noise (0.1 + 0.2 ...)."""
    rounded = round(value, digits)
    return 0.0 if rounded == 0 else rounded


# -- the "MS Project fields" block of a task's notes ---------------------------------


def split_notes(notes: str) -> tuple[str, dict[str, str]]:
    """The notes a person wrote, and the fields of pmo's block (name -> text)."""
    head, mark, tail = notes.partition(EXTRAS_MARK)
    if not mark:
        return notes, {}
    fields: dict[str, str] = {}
    for line in tail.splitlines():
        name, colon, text = line.partition(":")
        if colon and name.strip():
            fields[name.strip()] = text.strip()
    return head.rstrip("\n"), fields


def _natural(name: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", name))


def join_notes(text: str, fields: dict[str, str]) -> str:
    """Notes with pmo's block appended (fields in a stable, natural order)."""
    if not fields:
        return text
    lines = [f"{name}: {fields[name]}" for name in sorted(fields, key=_natural)]
    return (text + "\n\n" if text else "") + EXTRAS_MARK + "\n" + "\n".join(lines)


def format_baseline(start: dt.datetime | None, finish: dt.datetime | None, hours: dict[str, float]) -> str:
    """``start=2026-01-05 finish=2026-01-09 duration=40h work=80h cost=1000``."""
    parts = []
    if start is not None:
        parts.append(f"start={start.date().isoformat()}")
    if finish is not None:
        parts.append(f"finish={finish.date().isoformat()}")
    for key in ("duration", "work"):
        if key in hours:
            parts.append(f"{key}={hours[key]:g}h")
    if "cost" in hours:
        parts.append(f"cost={hours['cost']:g}")
    return " ".join(parts)


def parse_baseline(text: str) -> dict[str, str]:
    """The parts of a baseline line (the inverse of `format_baseline`, lenient)."""
    found: dict[str, str] = {}
    for part in text.split():
        key, eq, value = part.partition("=")
        if eq:
            found[key] = value.removesuffix("h")
    return found


# -- element access ------------------------------------------------------------------


class Fields:
    """An element with its children indexed by name (the first of each), for fast lookups.

    MS Project writes some hundred children per task: one pass here beats a linear
    `find` per field.
    """

    __slots__ = ("children", "element")

    def __init__(self, element: Any) -> None:
        self.element = element
        self.children: dict[str, Any] = {}
        for child in element:
            self.children.setdefault(child.tag, child)

    def find(self, tag: str) -> Any:
        return self.children.get(tag)

    def findall(self, tag: str) -> list[Any]:
        return list(self.element.iterchildren(tag))

    @property
    def sourceline(self) -> int | None:
        return self.element.sourceline  # type: ignore[no-any-return]


def text(element: Any, name: str) -> str | None:
    """The stripped text of `element`'s child `name`, or None when absent or empty."""
    found = element.find(Q + name)
    if found is None or found.text is None:
        return None
    value = str(found.text).strip()
    return value or None


def line_of(element: Any, name: str | None = None) -> int | None:
    """The line of `element` (or of its child `name` when present)."""
    if name is not None:
        found = element.find(Q + name)
        if found is not None:
            return int(found.sourceline) if found.sourceline else None
    return int(element.sourceline) if element.sourceline else None


def _located(element: Any, name: str, parse: Any, *args: Any) -> Any:
    """`parse(value, *args)` of the child `name`; a `BadValue` gets the child's line."""
    value = text(element, name)
    if value is None:
        return None
    try:
        return parse(value, None, *args)
    except BadValue as exc:
        exc.line = line_of(element, name)
        raise


def get_int(element: Any, name: str) -> int | None:
    return _located(element, name, parse_int, name)  # type: ignore[no-any-return]


def get_number(element: Any, name: str) -> float | None:
    return _located(element, name, parse_number, name)  # type: ignore[no-any-return]


def get_datetime(element: Any, name: str) -> dt.datetime | None:
    return _located(element, name, parse_datetime)  # type: ignore[no-any-return]


def get_date(element: Any, name: str) -> dt.date | None:
    value = get_datetime(element, name)
    return None if value is None else value.date()


def get_hours(element: Any, name: str) -> float | None:
    return _located(element, name, parse_hours)  # type: ignore[no-any-return]
