"""A contact cadence as people write it ("weekly", "every 2 weeks", "mensuel") to days.

`cadence_days` is a pure function the spreadsheet reader uses for the "Cadence",
"Meet every" or "Frequency" column of a people sheet; it knows English, French and
German words, "every N days/weeks/months" and a bare number of days.
"""

from __future__ import annotations

import re

from pmo.sources.dates import fold

# fmt: off
_WORDS: dict[str, int] = {
    **dict.fromkeys(("daily", "every day", "each day", "quotidien", "quotidienne", "chaque jour", "tous les jours",
                     "taglich", "jeden tag"), 1),
    **dict.fromkeys(("weekly", "every week", "each week", "once a week", "hebdomadaire", "hebdo",
                     "chaque semaine", "toutes les semaines", "une fois par semaine", "wochentlich", "jede woche"), 7),
    **dict.fromkeys(("fortnightly", "biweekly", "bi-weekly", "bi weekly", "every other week", "every second week",
                     "toutes les deux semaines", "tous les quinze jours", "tous les 15 jours", "une semaine sur deux",
                     "alle zwei wochen", "zweiwochentlich", "vierzehntagig"), 14),
    **dict.fromkeys(("monthly", "every month", "each month", "once a month", "mensuel", "mensuelle",
                     "chaque mois", "tous les mois", "une fois par mois", "monatlich", "jeden monat"), 30),
    **dict.fromkeys(("quarterly", "every quarter", "trimestriel", "trimestrielle", "chaque trimestre",
                     "vierteljahrlich", "quartalsweise"), 91),
}
# fmt: on
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "un": 1, "une": 1, "deux": 2, "trois": 3,
            "quatre": 4, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "sechs": 6, "other": 2, "second": 2}
_UNITS = {"day": 1, "days": 1, "jour": 1, "jours": 1, "j": 1, "d": 1, "tag": 1, "tage": 1, "tagen": 1,
          "week": 7, "weeks": 7, "wk": 7, "wks": 7, "semaine": 7, "semaines": 7, "woche": 7, "wochen": 7,
          "month": 30, "months": 30, "mois": 30, "monat": 30, "monate": 30, "monaten": 30}
_EVERY = r"(?:every|each|toutes les|tous les|alle|jede|jeden|once every)"
_PATTERN = re.compile(rf"(?:{_EVERY}\s+)?(\d+(?:[.,]\d+)?|[a-z]+)?\s*([a-z]+)")


def cadence_days(value: object) -> int | None:
    """Days between two contacts `value` says; None when it says none the reader knows.

    A number (cell or text) is days; 0 or less is no cadence (None).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return round(value) if value == value and 1 <= value <= 3660 else None
    text = re.sub(r"\s+", " ", fold(str(value)).replace("\u00a0", " ")).strip().rstrip(".")
    if text in _WORDS:
        return _WORDS[text]
    bare = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(?:d|days?|j|jours?|tage?)?", text)
    if bare:
        return cadence_days(float(bare[1].replace(",", ".")))
    match = _PATTERN.fullmatch(text)
    if not match or match[2] not in _UNITS:
        return None
    count_text = match[1] or "1"
    if count_text.replace(",", ".").replace(".", "", 1).isdigit():
        count = float(count_text.replace(",", "."))
    elif count_text in _NUMBERS:
        count = _NUMBERS[count_text]
    else:
        return None
    days = round(count * _UNITS[match[2]])
    return days if 1 <= days <= 3660 else None
