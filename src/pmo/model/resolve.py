"""One resolution of the people a project names, when the project is loaded.

Readers keep names as written: an owner ``Ann Martin``, a note's mention ``@Ann Martin``,
a calendar address ``Ann Martin <ann@example.com>``. The stored records therefore do not
depend on the order files were imported in; `resolve` turns every such reference into
the id of the one person of the project it names, once, when the project is loaded:

- a plain reference (an id, a full name, a first name, an e-mail) names the person
  `Project.person` finds, and is kept as written when none or several match;
- a mention (``@Ann Martin``, as a note writes it) names the person of its longest
  leading words that match one person (``@Ann Martin`` before ``@Ann``); unmatched, it is
  kept without its ``@``;
- an address (``Name <e-mail>``, as a calendar or Jira writes it) names the person with
  that e-mail, else with that name; unmatched, a meeting attendee is kept as the e-mail
  and any other field as the name;
- an absence whose person is an address that names no one is dropped: it is the
  out-of-office entry of someone outside the project.

Unmatched references are reported once per name and record by the `owner-unresolved`
check of the Review. `resolve` is idempotent.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from pmo.model.calendar import Absence
from pmo.model.governance import Attendee
from pmo.model.people import Person
from pmo.model.project import COLLECTIONS, Project
from pmo.model.tasks import Assignment

_ADDRESS = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>@\s]+@[^<>\s]+)>\s*$")
_PERSON_FIELDS = ("owner", "decided_by", "person")
_HEADER_FIELDS = ("sponsor", "manager", "author")


def address(name: str, email: str) -> str:
    """The reference a calendar or Jira keeps for someone: ``Name <e-mail>``, or either alone."""
    name, email = " ".join(name.split()), email.strip()
    if name and email and name.lower() != email.lower():
        return f"{name} <{email}>"
    return email or name


def resolve_ref(project: Project, ref: str) -> str | None:
    """The person id `ref` names, else the text to keep; None for an address naming no one."""
    text = ref.strip()
    found = _ADDRESS.match(text)
    if found:
        for candidate in (found["email"], found["name"]):
            person = project.person(candidate) if candidate else None
            if person is not None:
                return person.id
        return None
    if text.startswith("@"):
        person, _ = _mention(project, text)
        return person.id if person is not None else " ".join(text[1:].split()) or text
    person = project.person(text)
    return person.id if person is not None else ref


def names_person(project: Project, ref: str) -> bool:
    """True when `ref` names one person of `project` (as `resolve_ref` matches it)."""
    found = resolve_ref(project, ref)
    return found is not None and any(person.id == found for person in project.people)


def _kept(project: Project, ref: str, *, prefer_email: bool = False) -> str:
    """The resolved reference; an unmatched address is kept as its e-mail (`prefer_email`,
    for a meeting attendee) or its name."""
    resolved = resolve_ref(project, ref)
    if resolved is not None:
        return resolved
    found = _ADDRESS.match(ref)
    assert found is not None
    return found["email"] if prefer_email or not found["name"] else found["name"]


def _mention(project: Project, ref: str) -> tuple[Person | None, str]:
    """The person a note's mention names by its longest leading words, and the words it took
    beyond that name: ``@Thomas Update`` (the reader takes up to three capitalised words)
    naming Thomas leaves ``Update``, which belongs to the title (``Update the plan``)."""
    words = ref.strip()[1:].split()
    for count in range(len(words), 0, -1):
        person = project.person(" ".join(words[:count]).replace("_", " ").rstrip(".'"))
        if person is not None:
            return person, " ".join(words[count:])
    return None, ""


def _record(project: Project, record: Any) -> Any:
    changes: dict[str, Any] = {}
    for name in _PERSON_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str):
            changes[name] = _kept(project, value)
            rest = _mention(project, value)[1] if value.strip().startswith("@") else ""
            title = getattr(record, "title", None)
            if rest and isinstance(title, str) and "title" not in changes:
                changes["title"] = f"{rest} {title}".strip()
    assignments = getattr(record, "assignments", None)
    if assignments:
        changes["assignments"] = tuple(
            dataclasses.replace(a, person=_kept(project, a.person)) if isinstance(a, Assignment) else a
            for a in assignments
        )
    attendees = getattr(record, "attendees", None)
    if attendees:
        changes["attendees"] = _attendees(project, attendees)
    organizer = getattr(record, "organizer", None)
    if isinstance(organizer, str) and organizer:
        changes["organizer"] = _kept(project, organizer, prefer_email=True)
    overrides = getattr(record, "overrides", None)
    if overrides:
        changes["overrides"] = tuple(
            dataclasses.replace(o, attendees=_attendees(project, o.attendees)) if o.attendees else o
            for o in overrides
        )
    required = getattr(record, "required", None)
    if isinstance(required, tuple) and required:
        changes["required"] = tuple(_kept(project, ref) for ref in required)
    changed = {k: v for k, v in changes.items() if getattr(record, k) != v}
    return dataclasses.replace(record, **changed) if changed else record


def _attendees(project: Project, attendees: tuple[Any, ...]) -> tuple[Any, ...]:
    """Attendees resolved, the first of two naming the same person kept."""
    kept: list[Any] = []
    seen: set[str] = set()
    for attendee in attendees:
        if isinstance(attendee, Attendee):
            ref = _kept(project, attendee.person, prefer_email=True)
            item: Any = dataclasses.replace(attendee, person=ref) if ref != attendee.person else attendee
        elif isinstance(attendee, str):
            ref = item = _kept(project, attendee)
        else:
            kept.append(attendee)
            continue
        if ref not in seen:
            seen.add(ref)
            kept.append(item)
    return tuple(kept)


def _absences(project: Project) -> tuple[Absence, ...]:
    """Absences by person id; an outsider's out-of-office dropped; one per person and day."""
    kept: dict[tuple[str, object], Absence] = {}
    for absence in project.absences:
        person = resolve_ref(project, absence.person)
        if person is None:
            continue
        key = (person, absence.start)
        if key not in kept:
            kept[key] = absence if person == absence.person else dataclasses.replace(absence, person=person)
    return tuple(kept.values())


def resolve(project: Project) -> Project:
    """The project with every person it names as that person's id (see the module doc)."""
    changes: dict[str, Any] = {}
    for name in _HEADER_FIELDS:
        value = getattr(project, name)
        if isinstance(value, str):
            changes[name] = _kept(project, value)
    changes["distribution"] = tuple(_kept(project, ref) for ref in project.distribution)
    for name, _kind in COLLECTIONS:
        if name == "people":
            continue
        if name == "absences":
            changes[name] = _absences(project)
            continue
        changes[name] = tuple(_record(project, record) for record in getattr(project, name))
    return dataclasses.replace(project, **changes)
