"""Who a calendar entry involves: attendees and organisers as the project's people.

An attendee whose e-mail is a person's e-mail, or whose CN names one person of the
project, is recorded by that person's id; anyone else by their e-mail. Rooms, resources
and non-participants are left out; METHOD:REPLY answers override the invitation's.
"""

from __future__ import annotations

from typing import Any

import icalendar

from pmo.model import Attendee, Project, Response

_RESPONSES = {
    "ACCEPTED": Response.ACCEPTED,
    "DECLINED": Response.DECLINED,
    "DELEGATED": Response.DECLINED,
    "TENTATIVE": Response.TENTATIVE,
    "NEEDS-ACTION": Response.NEEDS_ACTION,
}


class People:
    """Attendee addresses and names to the project's people."""

    def __init__(self, project: Project | None) -> None:
        self.project = project
        self.by_email = {p.email.lower(): p.id for p in (project.people if project else ()) if p.email}

    def match(self, address: str, name: str) -> str | None:
        """The id of the person `address` or `name` names, if one does."""
        if address in self.by_email:
            return self.by_email[address]
        if self.project is not None:
            for text in (name, address):
                person = self.project.person(text) if text else None
                if person is not None:
                    return person.id
        return None

    def ref(self, address: str, name: str) -> str:
        """The person's id, else the e-mail, else the name."""
        return self.match(address, name) or address or name

    def of(self, value: Any) -> str | None:
        """The person an ORGANIZER or ATTENDEE value names, if one of the project's."""
        return self.match(address(value), str(getattr(value, "params", {}).get("CN", "")).strip())


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


def attendees(
    component: icalendar.Component, people: People, replies: dict[str, str]
) -> tuple[Attendee, ...]:
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
        ref = people.ref(email, str(params.get("CN", "")).strip())
        if not ref or ref in found:
            continue
        answer = replies.get(email) or str(params.get("PARTSTAT", "NEEDS-ACTION")).upper()
        found[ref] = Attendee(
            person=ref,
            required=role != "OPT-PARTICIPANT",
            response=_RESPONSES.get(answer, Response.NEEDS_ACTION),
        )
    organizer = component.get("ORGANIZER")
    if organizer is not None:
        params = getattr(organizer, "params", {})
        ref = people.ref(address(organizer), str(params.get("CN", "")).strip())
        if ref and ref not in found:
            return (Attendee(person=ref), *found.values())
    return tuple(found.values())


def owners(component: icalendar.Component, people: People) -> list[str]:
    """Whose out-of-office entry this is: the organiser when one of the project's people,
    else the attendees who are."""
    organizer = component.get("ORGANIZER")
    match = people.of(organizer) if organizer is not None else None
    if match:
        return [match]
    found: list[str] = []
    for value in as_list(component.get("ATTENDEE")):
        match = people.of(value)
        if match and match not in found:
            found.append(match)
    return found
