"""The three states of a value a report shows: known, pending, not applicable.

In the model a shown field holds a plain value (known), a `Pending` ("Investigation
ongoing": who finds out, by when) or a `NotApplicable` ("NA": why); `None` means the
source left it blank, which the `blank-field` check reports and the Review turns into a
generated `Pending`. In the Review every shown field is exactly one of `Known`,
`Pending` or `NotApplicable`: there is no fourth state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PENDING_TEXT = "Investigation ongoing"
NA_TEXT = "NA"


@dataclass(frozen=True)
class Pending:
    """Investigation ongoing: `who` finds out `by` a date."""

    who: str
    by: dt.date
    note: str = ""

    def __str__(self) -> str:
        return f"{PENDING_TEXT} ({self.who}, by {self.by.isoformat()})"


@dataclass(frozen=True)
class NotApplicable:
    """Not applicable, and why."""

    why: str

    def __str__(self) -> str:
        return f"{NA_TEXT} ({self.why})"


@dataclass(frozen=True)
class Known(Generic[T]):
    """A known value as the Review shows it (the model holds the bare value)."""

    value: T

    def __str__(self) -> str:
        return format_value(self.value)


Marker = Pending | NotApplicable
Shown = Known[T] | Pending | NotApplicable


def format_value(value: object) -> str:
    """Text of a known value: dates in ISO form, floats without noise."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def is_blank(value: object) -> bool:
    """True when a shown field has no value and no marker."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (tuple, list)):
        return len(value) == 0
    return False


def shown(value: object, *, who: str, by: dt.date, note: str) -> Known[object] | Pending | NotApplicable:
    """Resolve a model field to exactly one of the three states.

    A blank becomes a generated `Pending` owned by `who`, due `by`.
    """
    if isinstance(value, (Pending, NotApplicable)):
        return value
    if is_blank(value):
        return Pending(who=who, by=by, note=note)
    return Known(value)
