"""Which column of a form export holds what: timestamp, respondent, and the questions.

A Google Forms download starts with ``Timestamp`` (``Horodateur``, ``Zeitstempel``,
``Marca temporal``), then ``Email Address`` when the form collects addresses; a
Microsoft Forms download starts ``ID``, ``Start time``, ``Completion time``, ``Email``,
``Name`` (French and German labels too). Question columns are recognised by words in
their text, English, French and German: stress; confidence (confiance, Zuversicht);
workload (charge, Arbeitslast); blockers (blocages, Blocker); constraints (contraintes,
Einschränkungen); comments (commentaire, Kommentar, anything else). A column map
(``--map "Ressenti=stress"``) names any other column; ``ignore`` silences one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmo.sources.columns import FORM_FIELDS, normalise

# The fields a form column can hold; `SCORES` are answered on a 1-5 scale.
FIELDS = ("email", *sorted(FORM_FIELDS))
SCORES = ("stress", "confidence", "workload")
QUESTIONS = ("stress", "confidence", "workload", "blockers", "constraints", "comment")

# fmt: off
_GOOGLE_TIMESTAMP = ("timestamp", "horodateur", "zeitstempel", "marca temporal", "horodatage")
_MS_START = ("start time", "heure de debut", "startzeit", "hora de inicio")
_MS_END = ("completion time", "heure de fin", "fertigstellungszeit", "abschlusszeit", "hora de finalizacion")
_EXACT: dict[str, str] = {
    **dict.fromkeys(("email address", "adresse e-mail", "e-mail-adresse", "email", "e-mail", "courriel",
                     "adresse mail", "e-mail address", "direccion de correo electronico"), "email"),
    **dict.fromkeys(("name", "nom", "your name", "votre nom", "full name", "nom complet", "ihr name",
                     "prenom et nom", "nom et prenom", "respondent", "person", "personne"), "person"),
}
# Words that make a question column, checked in this order (a question about the stress of
# one's workload is the workload question when it names it; "blocked by constraints" too).
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("confidence", ("confidence", "confident", "confiance", "zuversicht", "zuversichtlich")),
    ("workload", ("workload", "work load", "charge", "arbeitslast", "arbeitsbelastung", "auslastung")),
    ("stress", ("stress", "stresse", "gestresst", "belastung")),
    ("blockers", ("blocker", "blocked", "blocking", "blocage", "bloque", "blockiert", "hindernis", "impediment")),
    ("constraints", ("constraint", "contrainte", "einschrankung", "availability", "disponibilit",
                     "abwesenheit", "absence", "holiday", "conge")),
    ("comment", ("comment", "anything else", "remarque", "kommentar", "anmerkung", "other", "autre",
                 "free text", "texte libre", "note")),
)
# fmt: on
_MS_META = ("id", "last modified time", "derniere modification", "zuletzt geandert")


@dataclass(frozen=True)
class Layout:
    """The columns of one export: `tool` (``google`` or ``microsoft``), the field of each
    recognised column by index, and the headers of the columns left out."""

    tool: str
    fields: dict[int, str]
    headers: tuple[str, ...]
    ignored: tuple[int, ...] = field(default=())

    def column(self, name: str) -> int | None:
        """The index of the column holding `name` (the first one), if any."""
        return next((index for index, field_ in self.fields.items() if field_ == name), None)


def tool_of(header: list[str]) -> str | None:
    """``google`` or ``microsoft`` when `header` starts as that tool's download does."""
    keys = [normalise(h) for h in header]
    if keys and keys[0] in _GOOGLE_TIMESTAMP:
        return "google"
    if any(k in _MS_START for k in keys[:4]) and any(k in _MS_END for k in keys[:4]):
        return "microsoft"
    return None


def question_field(header: str) -> str | None:
    """The check-in field a question's text speaks of, if any."""
    words = " " + re.sub(r"[^a-z0-9]+", " ", normalise(header)) + " "
    for name, stems in _WORDS:
        if any(f" {stem}" in words for stem in stems):
            return name
    return None


def recognise(header: list[str], column_map: dict[str, str]) -> Layout | None:
    """The layout of a form export whose first row is `header`; None when it is no
    Google or Microsoft form, or asks none of the check-in questions."""
    tool = tool_of(header)
    if tool is None:
        return None
    fields: dict[int, str] = {}
    ignored: list[int] = []
    for index, text in enumerate(header):
        key = normalise(text)
        mapped = column_map.get(key)
        if mapped == "ignore":
            continue
        name = mapped or _meta(tool, key, index) or _EXACT.get(key) or question_field(key)
        if name is None:
            if key and key not in _MS_META:
                ignored.append(index)
            continue
        if name == "-":
            continue
        if name in fields.values() and name not in ("blockers", "constraints", "comment"):
            ignored.append(index)  # a second stress question: the first one counts
            continue
        fields[index] = name
    if not any(name in QUESTIONS for name in fields.values()):
        return None
    return Layout(tool, fields, tuple(str(h) for h in header), tuple(ignored))


def _meta(tool: str, key: str, index: int) -> str | None:
    """``timestamp`` for the time column of `tool`; ``-`` for its other bookkeeping columns."""
    if tool == "google":
        return "timestamp" if index == 0 else None
    if key in _MS_END:
        return "timestamp"
    if key in _MS_START or key in _MS_META:
        return "-"
    return None
