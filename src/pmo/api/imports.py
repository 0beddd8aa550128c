"""Importing files, folders and remote systems: read everything first, store in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.errors import FormatError, InputError, PmoError
from pmo.model import COLLECTIONS, Finding, Project

# The readers (icalendar, lxml, ruamel...) and the store (SQLAlchemy) are imported by the
# functions that use them, so `pmo check` loads no reader and `import pmo.api` stays light.
if TYPE_CHECKING:  # for annotations only

    from pmo.sources import ReadContext, Reader, ReadResult
    from pmo.store import Store, Unit


@dataclass(frozen=True)
class Imported:
    """One file imported: its reader, what it brought, and the findings of the read."""

    path: str
    reader: str
    counts: dict[str, int]
    findings: tuple[Finding, ...]


def _files(paths: Sequence[Path]) -> Iterator[tuple[Path, bool]]:
    """Every file to import, with whether the user named it (True) or a folder held it."""
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        path = path.resolve()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child, False
        else:
            yield path, True


# Readers that define the project (its header, its status date) are read first; calendars,
# whose window of occurrences follows the status date, last. No reader matches names
# against people: `pmo.model.resolve` does when the project is loaded, so what a file
# brings does not depend on the other files or the order of imports.
_HEADER_READERS = ("native", "mspdi", "mpp")
_DATED_READERS = ("ical",)


def _rank(reader: Reader) -> int:
    return 0 if reader.name in _HEADER_READERS else 2 if reader.name in _DATED_READERS else 1


def read_files(
    paths: Sequence[Path], existing: Project | None = None, options: dict[str, str] | None = None
) -> tuple[list[Unit], list[Path]]:
    """Read every file first (nothing is stored if one fails); returns units and skipped files.

    Project files are read first, then records, then calendars, each reader seeing the
    stored project overlaid with what the files before it brought (for the status date).
    """
    from pmo.sources import ReadContext, detect
    from pmo.store import Unit, file_digest

    chosen = []
    skipped = []
    for path, named in _files(paths):
        try:
            chosen.append((path, detect(path)))
        except FormatError:
            if named:
                raise
            skipped.append(path)
    chosen.sort(key=lambda item: _rank(item[1]))  # stable: files keep their order within a rank
    units: list[Unit] = []
    context_project = existing
    for path, reader in chosen:
        context = ReadContext(project=context_project, window=_window(context_project), options=options or {})
        result = _read_safely(reader, path, context)
        units.append(Unit(result, str(path), reader.name, file_digest(path)))
        context_project = _merge(context_project, result)
    return units, skipped


def _read_safely(reader: Reader, path: Path, context: ReadContext) -> ReadResult:
    """Read a file; a reader's unexpected failure is a bad file (exit 2), never a traceback."""
    try:
        return reader.read(path, context)
    except PmoError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError) as exc:
        why = f"the {reader.name} reader could not read it ({type(exc).__name__}: {exc})"
        raise FormatError(str(path), None, why) from None


def _merge(base: Project | None, result: ReadResult) -> Project:
    """What the store will hold once `result` is stored: its header if it defines the
    project, and its records over the stored ones (the same key overrides)."""
    from pmo.store.keys import record_key

    incoming = result.project
    if base is None:
        return incoming
    header = incoming if result.header else base
    merged = {}
    for name, _kind in COLLECTIONS:
        new = getattr(incoming, name)
        keys = {record_key(record) for record in new}
        merged[name] = tuple(r for r in getattr(base, name) if record_key(r) not in keys) + new
    return dataclasses.replace(header, **merged)


# Readers whose check-ins must name a person of the project: an answer from someone the
# project does not know is a wrong address or a form sent to the wrong team.
_RESPONDENT_READERS = ("forms",)


def _refuse_unknown_respondents(existing: Project | None, units: Sequence[Unit]) -> None:
    """Raise `FormatError` (file, row, column) for a form answer whose respondent names no
    person of the project as this import leaves it (stored people and the people of every
    unit read with it), so that nothing of the import is stored."""
    from pmo.model.resolve import names_person

    project = existing
    for unit in units:
        project = _merge(project, unit.result)
    if project is None:
        return
    for unit in units:
        if unit.reader not in _RESPONDENT_READERS:
            continue
        for checkin in unit.result.project.checkins:
            if not names_person(project, checkin.person):
                source = checkin.source
                column = f", column {source.key!r}" if source.key else ""
                raise FormatError(
                    source.file or unit.origin,
                    source.line,
                    f"row {source.line}{column}: {checkin.person!r} is no person of the project"
                    " (add them to the team, or correct the answer); nothing was imported",
                )


def _window(project: Project | None) -> tuple[dt.date, dt.date] | None:
    if project is None or project.status_date is None:
        return None
    from pmo.sources.ical.reader import default_window

    return default_window(project)


@dataclass(frozen=True)
class Remote:
    """A system to read from: a calendar URL, a CalDAV collection, or a Jira query.

    `kind` is ``calendar``, ``caldav`` or ``jira``; for Jira, `query` is the JQL and the
    credentials come from `PMO_JIRA_USER` / `PMO_JIRA_TOKEN`.
    """

    kind: str
    url: str
    query: str = ""


def read_remote(remote: Remote, context: ReadContext) -> Unit:
    """Read one remote system into a unit to store (nothing is stored here)."""
    from pmo.store import Unit

    if remote.kind == "jira":
        import os

        from pmo.sources.jira.client import JiraClient

        user, token = os.environ.get("PMO_JIRA_USER"), os.environ.get("PMO_JIRA_TOKEN")
        with JiraClient(remote.url, user=user, token=token) as client:
            result = client.read(remote.query, context)
        return Unit(result, f"jira:{remote.url} {remote.query}", "jira")
    from pmo.sources.ical.remote import read_caldav, read_url

    read = read_caldav if remote.kind == "caldav" else read_url
    return Unit(read(remote.url, context), remote.url, "ical")


def import_paths(
    store: Store,
    paths: Sequence[Path],
    project_key: str | None = None,
    options: dict[str, str] | None = None,
    remotes: Sequence[Remote] = (),
) -> tuple[list[Imported], list[Path]]:
    """Import files, folders and remote systems in one transaction; returns what each brought."""
    existing = None
    keys = store.project_keys()
    if project_key in keys or (project_key is None and len(keys) == 1):
        existing = store.load(project_key)
    units, skipped = read_files(paths, existing, options)
    if remotes:
        context_project = existing
        for unit in units:
            context_project = _merge(context_project, unit.result)
        from pmo.sources import ReadContext

        context = ReadContext(project=context_project, window=_window(context_project), options=options or {})
        units += [read_remote(remote, context) for remote in remotes]
    _refuse_unknown_respondents(existing, units)
    counts = store.save_all(units, project_key=project_key)
    done = [
        Imported(unit.origin, unit.reader, count, unit.result.findings)
        for unit, count in zip(units, counts, strict=True)
    ]
    return done, skipped
