"""People: the team, the sponsor, the points of contact."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pmo.model.source import Source


@dataclass(frozen=True)
class Person:
    """Someone on or around the project.

    `capacity` is the share of a full working day they give the project (1.0 = full
    time); `contact_every` the number of days between two contacts the PMO wants with
    them (their cadence as a point of contact), None when they are not one; `contact_for`
    what they are the point of contact for ("" when not said).
    """

    id: str
    name: str
    email: str | None = None
    role: str = ""
    team: str = ""
    calendar: str | None = None
    capacity: float = 1.0
    contact_every: int | None = None
    contact_for: str = ""
    source: Source = field(default_factory=Source, compare=False)

    def __post_init__(self) -> None:
        if not math.isfinite(self.capacity) or not 0 <= self.capacity <= 10:
            raise ValueError(f"{self.id}'s capacity must be a share of a day between 0 and 10, not {self.capacity:g}")

    def matches(self, text: str) -> bool:
        """True when `text` names this person: id, full name, first name or e-mail."""
        needle = text.strip().lower().lstrip("@")
        names = {self.id.lower(), self.name.lower(), self.name.split()[0].lower() if self.name else ""}
        if self.email:
            names.add(self.email.lower())
        return needle in names
