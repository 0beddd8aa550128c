"""Check-in blockers as actions: what a person says blocks them becomes an open action they own.

Pure: derived from the check-ins at each Review, never stored, so a blocker is not kept
twice and disappears once cleared. A blocker is open while the person's latest check-in
on or before the status date lists it (compared without case or spacing); it was raised
on the first check-in of the unbroken run of check-ins that list it. Its id is stable
across reviews, ``BLK-<person>-<date raised>-<n>`` (``n`` its position in that check-in),
its title names its source (``Blocker (check-in of 2026-06-15): …``), its source is the
check-in's file and row, and its due date is not applicable: a blocker is cleared when a
check-in no longer lists it.
"""

from __future__ import annotations

import datetime as dt

from pmo.engine.liaison import checkins_by_person
from pmo.model import Action, ItemStatus, NotApplicable, Project

NO_DUE = NotApplicable("a check-in blocker: cleared when a check-in no longer lists it")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _listed(blockers: tuple[str, ...]) -> list[str]:
    """The blockers of a check-in, blanks and repeats dropped, in order (as keys)."""
    keys: list[str] = []
    for text in blockers:
        key = _key(text)
        if key and key not in keys:
            keys.append(key)
    return keys


def blocker_actions(project: Project, as_of: dt.date) -> tuple[Action, ...]:
    """The open actions the latest check-in of each person lists as blockers, by person then position."""
    actions = []
    for person, checkins in sorted(checkins_by_person(project, as_of).items()):
        latest = checkins[-1]
        written = {_key(text): " ".join(text.split()) for text in reversed(latest.blockers)}
        for key in _listed(latest.blockers):
            raised = latest
            for earlier in reversed(checkins[:-1]):
                if key not in _listed(earlier.blockers):
                    break
                raised = earlier
            ordinal = _listed(raised.blockers).index(key) + 1
            day = raised.date.isoformat()
            actions.append(
                Action(
                    id=f"BLK-{person}-{day}-{ordinal}",
                    title=f"Blocker (check-in of {day}): {written[key]}",
                    owner=person,
                    due=NO_DUE,
                    status=ItemStatus.OPEN,
                    opened=raised.date,
                    origin=f"check-in of {day}",
                    source=latest.source,
                )
            )
    return tuple(actions)
