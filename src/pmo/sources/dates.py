"""Dates as spreadsheets, trackers and people write them.

`parse_date` reads ISO dates (``2026-06-15``, with or without a time and an offset),
``15/06/2026``, ``15.06.2026``, ``15-06-2026``, two-digit years, Excel serial numbers
(days since 1899-12-30), spelled-out dates in English and French (``15 June 2026``,
``June 15, 2026``, ``15 juin 2026``, ``1er juillet 2026``) and Jira's CSV form
(``08/Jun/26 10:15 AM``).

Ambiguous numeric dates (``03/04/2026``) are read **day first** by default, as French
and most European sheets write them; pass ``dayfirst=False`` for US sheets (the readers
take the option ``dayfirst=no``). A date that exists in neither reading raises
`DateError`; so does one only valid the other way round, rather than silently guessing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Words that mean "no date yet": read as blank, not as a fault.
BLANK_WORDS = frozenset({"", "-", "--", "tbd", "tbc", "n/a", "na", "none", "null", "?", "a definir", "nc"})

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january", "janvier", "janv"),
        ("feb", "february", "fevrier", "fev", "fevr"),
        ("mar", "march", "mars"),
        ("apr", "april", "avril", "avr"),
        ("may", "mai"),
        ("jun", "june", "juin"),
        ("jul", "july", "juillet", "juil"),
        ("aug", "august", "aout"),
        ("sep", "sept", "september", "septembre"),
        ("oct", "october", "octobre"),
        ("nov", "november", "novembre"),
        ("dec", "december", "decembre"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][0-9:.,]+(?:z|[+-]\d{2}:?\d{2})?)?$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})(?:er|st|nd|rd|th)?[\s/\-]+([a-z]+)\.?[\s/\-,]+(\d{2}|\d{4})(?:\s.*)?$"
)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WEEKDAY = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim)[a-z]*\.?,?\s+", re.IGNORECASE
)

EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_MAX = 2958465  # 9999-12-31


class DateError(ValueError):
    """A value that is not a date; the message quotes it."""


def fold(text: str) -> str:
    """Lower case without accents, for matching words in English and French."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def is_blank_date(value: object) -> bool:
    """True for an empty cell or a word that means "no date yet" (TBD, N/A...)."""
    return value is None or (isinstance(value, str) and fold(value.strip()) in BLANK_WORDS)


def parse_date(value: object, *, dayfirst: bool = True) -> dt.date | None:
    """The date `value` holds, None when blank; raises `DateError` when it is no date."""
    if is_blank_date(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a date")
    if isinstance(value, (int, float)):
        return from_excel(value)
    if not isinstance(value, str):
        raise DateError(f"{value!r} is not a date")
    return _parse_text(value.strip(), dayfirst)


def from_excel(serial: float) -> dt.date:
    """The date of an Excel serial number (1900 date system, as openpyxl leaves it)."""
    if serial != serial or not 1 <= serial <= EXCEL_MAX:  # NaN or out of Excel's range
        raise DateError(f"{serial!r} is not a date (Excel serials run from 1 to {EXCEL_MAX})")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _parse_text(text: str, dayfirst: bool) -> dt.date:
    folded = _WEEKDAY.sub("", fold(text)).strip()
    if len(folded) > 40:
        raise DateError(f"{_quote(text)} is not a date")
    if re.fullmatch(r"\d{5}(?:\.\d+)?", folded):  # an Excel serial written as text
        return from_excel(float(folded))
    if re.fullmatch(r"\d{8}", folded):  # yyyymmdd
        return _build(text, int(folded[:4]), int(folded[4:6]), int(folded[6:]))
    for pattern in (_ISO, _YMD_SLASH):
        match = pattern.match(folded)
        if match:
            return _build(text, int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC.match(folded)
    if match:
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        day, month = (first, second) if dayfirst else (second, first)
        return _build(text, year, month, day, other=(year, day, month) if day <= 12 else None)
    match = _DAY_MONTH_YEAR.match(folded)
    if match and match[2] in MONTHS:
        return _build(text, _year(match[3]), MONTHS[match[2]], int(match[1]))
    match = _MONTH_DAY_YEAR.match(folded)
    if match and match[1] in MONTHS:
        return _build(text, int(match[3]), MONTHS[match[1]], int(match[2]))
    raise DateError(f"{_quote(text)} is not a date")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 and year < 70 else year + 1900 if len(text) == 2 else year


def _build(text: str, year: int, month: int, day: int, other: tuple[int, int, int] | None = None) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        hint = ""
        if other is not None:
            try:
                dt.date(*other)
                hint = " (it would be one month-first: set dayfirst=no for US sheets)"
            except ValueError:
                pass
        raise DateError(f"{_quote(text)} is not a date{hint}") from None


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_datetime_date(value: object) -> dt.date | None:
    """The calendar date of a timestamp as trackers send it (``2015-12-02T07:39:15.000-0800``).

    The date is taken as written (local to the offset), not converted to UTC.
    """
    if isinstance(value, str) and len(value) >= 10 and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return _build(value, int(value[:4]), int(value[5:7]), int(value[8:10]))
    if not isinstance(value, (str, dt.date)) and value is not None:
        raise DateError(f"{_quote(str(value))} is not a date (a timestamp is text: 2026-06-15T09:00:00)")
    return parse_date(value)
