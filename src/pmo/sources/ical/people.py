"""Who a calendar entry involves: attendees and organisers, kept as written.

An attendee or organiser is kept as ``CN <e-mail>`` (or either alone), whatever the
project's people: `pmo.model.resolve` matches it to a person (by e-mail, then name) when
the project is loaded, so a calendar reads the same whatever was imported before it.
Rooms, resources and non-participants are left out; METHOD:REPLY answers override the
invitation's.
"""

from __future__ import annotations

from typing import Any

import icalendar

from pmo.model import Attendee, Response
from pmo.model.resolve import address as reference

_RESPONSES = {
    "ACCEPTED": Response.ACCEPTED,
    "DECLINED": Response.DECLINED,
    "DELEGATED": Response.DECLINED,
    "TENTATIVE": Response.TENTATIVE,
    "NEEDS-ACTION": Response.NEEDS_ACTION,
}


def ref(value: Any) -> str:
    """The reference an ORGANIZER or ATTENDEE value keeps: ``CN <e-mail>``, or either alone."""
    return reference(str(getattr(value, "params", {}).get("CN", "")).strip(), address(value))


def address(value: Any) -> str:
    """The e-mail of a cal-address (``mailto:`` dropped, lower case), "" for ``invalid:``."""
    text = str(value).strip()
    at = text.lower().rfind("mailto:")
    if at >= 0:
        text = text[at + 7 :]
    text = text.strip().lower()
    return "" if text.startswith("invalid:") else text


def as_list(value: Any) -> list[Any]:
    """A property that may occur once or several times, as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def attendees(component: icalendar.Component, replies: dict[str, str]) -> tuple[Attendee, ...]:
    """The attendees of an occurrence: the organiser first, then the ATTENDEEs."""
    found: dict[str, Attendee] = {}
    for value in as_list(component.get("ATTENDEE")):
        params = getattr(value, "params", {})
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            continue
        role = str(params.get("ROLE", "REQ-PARTICIPANT")).upper()
        if role == "NON-PARTICIPANT":
            continue
        email = address(value)
        who = ref(value)
        if not who or (email or who) in found:
            continue
        answer = replies.get(email) or str(params.get("PARTSTAT", "NEEDS-ACTION")).upper()
        found[email or who] = Attendee(
            person=who,
            required=role != "OPT-PARTICIPANT",
            response=_RESPONSES.get(answer, Response.NEEDS_ACTION),
        )
    organizer = component.get("ORGANIZER")
    if organizer is not None:
        who = ref(organizer)
        if who and (address(organizer) or who) not in found:
            return (Attendee(person=who), *found.values())
    return tuple(found.values())


def owners(component: icalendar.Component) -> list[str]:
    """Whose out-of-office entry this is: the organiser when there is one, else the
    attendees (rooms and non-participants left out). Someone outside the project is
    dropped when the project is loaded (`pmo.model.resolve`)."""
    organizer = component.get("ORGANIZER")
    who = ref(organizer) if organizer is not None else ""
    if who:
        return [who]
    found: list[str] = []
    for value in as_list(component.get("ATTENDEE")):
        params = getattr(value, "params", {})
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            continue
        if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
            continue
        who = ref(value)
        if who and who not in found:
            found.append(who)
    return found
