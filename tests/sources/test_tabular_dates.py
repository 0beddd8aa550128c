"""Dates as sheets write them: ISO, day-first numeric, Excel serials, English and French words."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo.sources.dates import DateError, parse_date, parse_datetime_date

JUNE_15 = dt.date(2026, 6, 15)


@pytest.mark.parametrize(
    "text",
    [
        "2026-06-15",
        "15/06/2026",
        "15.06.2026",
        "15-06-2026",
        "15/06/26",
        "15 June 2026",
        "15 juin 2026",
        "June 15, 2026",
        "Monday 15 June 2026",
        "lundi 15 juin 2026",
        "15-Jun-2026",
        "15/Jun/26 10:15 AM",
        "2026/06/15",
        "20260615",
        "46188",
        "2026-06-15T09:30:00",
        "15 JUIN 2026",
        "15 juin 26",
    ],
)
def test_the_usual_forms(text: str) -> None:
    assert parse_date(text) == JUNE_15


def test_excel_serials_and_objects() -> None:
    assert parse_date(46188) == JUNE_15
    assert parse_date(46188.75) == JUNE_15
    assert parse_date(dt.datetime(2026, 6, 15, 10, 0)) == JUNE_15
    assert parse_date("1er juillet 2026") == dt.date(2026, 7, 1)
    assert parse_date("15 févr. 2026") == dt.date(2026, 2, 15)


@pytest.mark.parametrize("blank", [None, "", "  ", "TBD", "tbc", "N/A", "-", "à définir"])
def test_blank_words(blank: object) -> None:
    assert parse_date(blank) is None


def test_day_first_by_default_month_first_on_request() -> None:
    assert parse_date("03/04/2026") == dt.date(2026, 4, 3)
    assert parse_date("03/04/2026", dayfirst=False) == dt.date(2026, 3, 4)


@pytest.mark.parametrize("bad", ["31/02/2026", "2026-13-01", "someday", "1e400", True, 10**12, -5, [1]])
def test_not_dates(bad: object) -> None:
    with pytest.raises(DateError, match="is not a date"):
        parse_date(bad)


def test_month_first_only_date_says_so() -> None:
    with pytest.raises(DateError, match="dayfirst=no"):
        parse_date("06/15/2026")


def test_timestamps_keep_their_local_date() -> None:
    assert parse_datetime_date("2015-12-02T23:39:15.000-0800") == dt.date(2015, 12, 2)
