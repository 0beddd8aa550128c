"""What a calendar entry is, from its title: project meeting, steering committee, 1:1...

Titles are matched in English, French and German, case- and accent-insensitively
(``Comité``, ``comite`` and ``COMITE`` are one word). The built-in `RULES` are tried in
order, the first match wins; a project adds its own rules in front of them with the
``kinds`` option: ``"regex=kind;regex=kind"`` (see docs/formats/ical.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmo.errors import InputError
from pmo.model import MeetingKind


@dataclass(frozen=True)
class KindRule:
    """Titles matching `pattern` (searched in the normalised title) are of `kind`."""

    pattern: re.Pattern[str]
    kind: MeetingKind


def _rule(pattern: str, kind: MeetingKind) -> KindRule:
    return KindRule(re.compile(pattern, re.IGNORECASE), kind)


_ABSENCE = (
    r"\bout of (the )?office\b|\bo{2}[of]\b|\babsen(t|te|ce)\b|\bvacations?\b|\bon holiday\b"
    r"|\b(annual|sick|parental|maternity|paternity) leave\b|\bon leave\b|\bpto\b|\bday off\b"
    r"|\bconges?\b|\bvacances\b|\brtt\b|\barret maladie\b|\bhors du bureau\b"
    r"|\burlaub\b|\babwesen(d|heit)?\b|\bkrank\b|\bnicht im buro\b|\bausser haus\b|\bferien\b"
)
_STEERING = (
    r"\bsteer(ing)?[ -]?(co|com|comm|committee|board|group|meeting)\b|\bsteerco\b|\bsteering\b"
    r"|\bproject board\b|\bcomite de pilotage\b|\bcopil\b|\bcomite strategique\b"
    r"|\blenkungs(ausschuss|kreis|gremium|ausschusssitzung)\b|\bsteuerungs(kreis|ausschuss|gremium)\b"
)
_ONE_TO_ONE = (
    r"(?<![\d:])1\s?[:/]\s?1(?![\d:])|\b1-1\b|\b1on1\b|\bone[ -](on|to)[ -]one\b"
    r"|\bentretien individuel\b|\btete[ -]a[ -]tete\b"
    r"|\bmitarbeitergesprach\b|\beinzelgesprach\b|\bvier[ -]?augen[ -]?gesprach\b"
)
_WORKSHOP = r"\bworkshops?\b|\bateliers?\b|\bhackathon\b|\bbrainstorm(ing)?\b|\bseminaire\b"
_PROJECT = (
    r"\bproject (meeting|status|sync|review|update|call|team|committee)\b"
    r"|\b(weekly|daily|monthly|bi-?weekly) (project|status|team)\b|\bstatus (meeting|call|update)\b"
    r"|\bstand[ -]?up\b|\bdaily scrum\b|\bsprint (review|planning|retro\w*)\b|\bkick[ -]?off\b"
    r"|\bpoint (hebdo\w*|projet|d'avancement|mensuel|d'equipe|de suivi)\b|\breunion (de )?projet\b"
    r"|\bcomite (de )?projet\b|\bcomite de suivi\b|\bsuivi (de )?projet\b|\brevue de projet\b"
    r"|\bprojekt(besprechung|meeting|runde|sitzung|status|team|jour fixe)\b|\bjour fixe\b"
    r"|\bstatus(besprechung|meeting|runde)\b|\bprojektstatus\b"
)

RULES: tuple[KindRule, ...] = (
    _rule(_ABSENCE, MeetingKind.ABSENCE),
    _rule(_STEERING, MeetingKind.STEERING),
    _rule(_ONE_TO_ONE, MeetingKind.ONE_TO_ONE),
    _rule(_WORKSHOP, MeetingKind.WORKSHOP),
    _rule(_PROJECT, MeetingKind.PROJECT),
)

# Words a user may write for a kind in the `kinds` option, besides the enum values.
KIND_NAMES: dict[str, MeetingKind] = {
    **{kind.value: kind for kind in MeetingKind},
    **{kind.name.lower(): kind for kind in MeetingKind},
    "project": MeetingKind.PROJECT,
    "steering": MeetingKind.STEERING,
    "steerco": MeetingKind.STEERING,
    "1:1": MeetingKind.ONE_TO_ONE,
    "one-on-one": MeetingKind.ONE_TO_ONE,
    "out-of-office": MeetingKind.ABSENCE,
}


def _fold(text: str) -> str:
    """`text` without accents, ``ß`` as ``ss``, typographic apostrophes as ``'``."""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


def normalise(title: str) -> str:
    """Lower case, no accents, runs of spaces (and underscores) as one: what rules match."""
    return " ".join(_fold(title).replace("_", " ").lower().split())


def classify(title: str, rules: Sequence[KindRule] = RULES, extra: Iterable[str] = ()) -> MeetingKind:
    """The kind of a meeting called `title` (then tried on `extra` texts, e.g. categories)."""
    for text in (title, *extra):
        normal = normalise(text)
        for rule in rules:
            if rule.pattern.search(normal):
                return rule.kind
    return MeetingKind.OTHER


def parse_rules(option: str) -> tuple[KindRule, ...]:
    """User rules from ``"regex=kind;regex=kind"``; raise `InputError` on a bad one.

    A ``;`` inside a regex is written ``\\;``; the kind is after the last ``=``.
    """
    rules: list[KindRule] = []
    for part in re.split(r"(?<!\\);", option):
        part = part.replace("\\;", ";").strip()
        if not part:
            continue
        pattern, sep, name = part.rpartition("=")
        if not sep or not pattern.strip():
            raise InputError(f"kinds option: {part!r}: write 'regex=kind'")
        kind = KIND_NAMES.get(name.strip().lower())
        if kind is None:
            known = ", ".join(k.value for k in MeetingKind)
            raise InputError(f"kinds option: {name.strip()!r} is not a meeting kind (known: {known})")
        try:
            rules.append(KindRule(re.compile(_fold(pattern.strip()), re.IGNORECASE), kind))
        except re.error as exc:
            raise InputError(f"kinds option: {pattern.strip()!r} is not a valid regex: {exc}") from None
    return tuple(rules)


def rules_for(options: dict[str, str]) -> tuple[KindRule, ...]:
    """The rules a read uses: the user's ``kinds`` option first, then the built-ins."""
    option = options.get("kinds", "")
    return (*parse_rules(option), *RULES) if option else RULES
