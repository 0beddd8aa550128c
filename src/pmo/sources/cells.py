"""Values shared by the file and tracker sources: statuses, scales, owners, markers, findings.

Spreadsheets, Jira and meeting notes say the same things in different words; this
module turns those words (English and French) into the model's values, and builds the
`import-skipped` findings every source reports the same way (owners are kept as written:
`pmo.model.resolve` matches them when the project is loaded).
"""

from __future__ import annotations

import re

from pmo.model import (
    DecisionStatus,
    Finding,
    ItemStatus,
    NotApplicable,
    Pending,
    Severity,
    Source,
    Subject,
)
from pmo.sources.dates import DateError, fold, parse_date

SKIPPED = "import-skipped"
IGNORED = "import-column-ignored"

# fmt: off
_STATUS_WORDS: dict[ItemStatus, tuple[str, ...]] = {
    ItemStatus.OPEN: (
        "open", "opened", "new", "to do", "todo", "backlog", "not started", "planned", "ouvert", "ouverte",
        "nouveau", "a faire", "non demarre", "non commence", "prevu", "reopened", "selected for development",
    ),
    ItemStatus.IN_PROGRESS: (
        "in progress", "ongoing", "started", "wip", "active", "en cours", "in review", "review", "doing",
        "blocked", "bloque", "on hold", "en attente", "pending", "in development", "ready for review",
    ),
    ItemStatus.DONE: (
        "done", "complete", "completed", "finished", "resolved", "fixed", "termine", "terminee", "fait",
        "faite", "resolu", "resolue", "acheve", "achevee", "realise", "realisee", "released", "accepted",
    ),
    ItemStatus.CLOSED: ("closed", "clos", "close", "ferme", "fermee", "cloture", "cloturee", "archived"),
    ItemStatus.CANCELLED: (
        "cancelled", "canceled", "abandoned", "annule", "annulee", "abandonne", "abandonnee", "rejected",
        "won't do", "wont do", "won't fix", "obsolete", "duplicate",
    ),
}
# fmt: on
STATUS_WORDS: dict[str, ItemStatus] = {
    word: status for status, words in _STATUS_WORDS.items() for word in words
}

# fmt: off
DECISION_WORDS: dict[str, DecisionStatus] = {
    **dict.fromkeys(
        ("proposed", "open", "pending", "to decide", "a decider", "en attente", "propose", "proposee",
         "draft", "new", "in progress", "en cours"),
        DecisionStatus.PROPOSED,
    ),
    **dict.fromkeys(
        ("taken", "decided", "approved", "agreed", "accepted", "done", "closed", "prise", "validee",
         "valide", "approuve", "approuvee", "decide", "decidee", "complete", "completed"),
        DecisionStatus.TAKEN,
    ),
    **dict.fromkeys(("rejected", "refused", "rejete", "rejetee", "refuse", "refusee", "cancelled"),
                    DecisionStatus.REJECTED),
}
# fmt: on

# Words on a 1-5 scale (probability, impact), English and French.
# fmt: off
SCALE_WORDS: dict[str, int] = {
    "very low": 1, "tres faible": 1, "negligible": 1, "rare": 1, "vl": 1,
    "low": 2, "faible": 2, "minor": 2, "unlikely": 2, "l": 2, "bas": 2, "basse": 2,
    "medium": 3, "moderate": 3, "moyen": 3, "moyenne": 3, "possible": 3, "m": 3, "modere": 3,
    "high": 4, "eleve": 4, "elevee": 4, "fort": 4, "forte": 4, "major": 4, "likely": 4, "h": 4, "haut": 4,
    "very high": 5, "tres eleve": 5, "tres elevee": 5, "tres fort": 5, "critical": 5, "critique": 5,
    "almost certain": 5, "certain": 5, "vh": 5, "severe": 5,
}
# fmt: on

_PENDING = re.compile(
    r"^investigation ongoing \((?P<who>[^,()]+), by (?P<by>[^)]+)\)(?::\s*(?P<note>.*))?$", re.I
)
_NA = re.compile(r"^na \((?P<why>.+)\)$", re.I)


def item_status(text: object) -> ItemStatus | None:
    """The register status a word means, None when the word is unknown (blank is OPEN)."""
    if text is None or not str(text).strip():
        return ItemStatus.OPEN
    return STATUS_WORDS.get(_words(str(text)))


def decision_status(text: object) -> DecisionStatus | None:
    if text is None or not str(text).strip():
        return DecisionStatus.TAKEN
    return DECISION_WORDS.get(_words(str(text)))


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[_\-]+", " ", fold(text))).strip().strip(".")


def scale(value: object) -> int:
    """A 1-5 score from a number, a percentage or a word; raises ValueError otherwise.

    A probability written as a share (0.3, ``30%``) falls into five bands:
    up to 10 % is 1, 30 % is 2, 50 % is 3, 70 % is 4, above is 5.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a score from 1 to 5")
    if isinstance(value, str):
        text = _words(value)
        if text in SCALE_WORDS:
            return SCALE_WORDS[text]
        number = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(%)?", text)
        if not number:
            raise ValueError(f"{value!r} is not a score from 1 to 5")
        value = float(number[1].replace(",", ".")) / (100 if number[2] else 1)
    if isinstance(value, (int, float)):
        if 0 < value < 1:
            return next(
                score for score, top in ((1, 0.1), (2, 0.3), (3, 0.5), (4, 0.7), (5, 1.0)) if value <= top
            )
        if value == int(value) and 1 <= value <= 5:
            return int(value)
    raise ValueError(f"{value!r} is not a score from 1 to 5")


def marker(text: str) -> str | Pending | NotApplicable:
    """`text`, or the Pending / NotApplicable it spells as pmo writes them.

    ``Investigation ongoing (Ann, by 2026-06-10): note`` and ``NA (why)`` round-trip.
    """
    stripped = text.strip()
    match = _PENDING.match(stripped)
    if match:
        try:
            by = parse_date(match["by"])
        except DateError:
            by = None
        if by is not None:
            return Pending(who=match["who"].strip(), by=by, note=(match["note"] or "").strip())
    match = _NA.match(stripped)
    if match:
        return NotApplicable(why=match["why"].strip())
    return stripped


def show(value: object) -> str:
    """A model value as a cell writes it: markers as `marker` reads them back."""
    if isinstance(value, Pending):
        text = f"Investigation ongoing ({value.who}, by {value.by.isoformat()})"
        return f"{text}: {value.note}" if value.note else text
    if isinstance(value, NotApplicable):
        return f"NA ({value.why})"
    return "" if value is None else str(value)


def skipped(source: Source, where: str, message: str, kind: str = "file", ident: str = "") -> Finding:
    """An `import-skipped` warning: a value, row, sheet or item pmo could not take."""
    return Finding(
        code=SKIPPED,
        severity=Severity.WARNING,
        subject=Subject(kind, ident or str(source)),
        message=f"{where}: {message}" if where else message,
        source=source,
    )
