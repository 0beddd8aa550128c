"""The team's voice and the copybook: `pmo checkin`, `pmo note`, `pmo agenda`, `pmo decisions`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.api.imports import import_paths
from pmo.api.workspace import load_workspace, workspace_store
from pmo.config import Settings
from pmo.errors import InputError
from pmo.model import Project

# The readers (icalendar, lxml, ruamel...) and the store (SQLAlchemy) are imported by the
# functions that use them, so `pmo check` loads no reader and `import pmo.api` stays light.
if TYPE_CHECKING:  # for annotations only

    pass


# --- pmo checkin: one check-in typed at the command line, stored as its own import unit ---

CHECKIN_ORIGIN = "pmo checkin"

if TYPE_CHECKING:
    from pmo.model import CheckIn


@dataclass(frozen=True)
class CheckInAnswer:
    """What `pmo checkin` was told: who (as written), when, and the answers (1-5 scales)."""

    person: str
    date: dt.date
    stress: int
    confidence: int
    workload: int | None = None
    blockers: tuple[str, ...] = ()
    constraints: tuple[str, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class StoredCheckIn:
    """The check-in stored, the person it belongs to, and whether it replaced one of that day."""

    checkin: CheckIn
    who: str
    replaced: bool


def record_checkin(settings: Settings, answer: CheckInAnswer) -> StoredCheckIn:
    """Store one check-in of a person of the project, replacing theirs of the same day.

    It is an import unit of its own, origin ``pmo checkin:PERSON:DATE``, so a second
    check-in the same day replaces the first and the project's revision moves. An
    unknown person or a value outside 1-5 is an `InputError` naming the option.
    """
    from pmo.model import CheckIn, Source
    from pmo.model.resolve import resolve_ref
    from pmo.sources import ReadResult
    from pmo.store import Unit

    for option, value in (("--stress", answer.stress), ("--confidence", answer.confidence),
                          ("--workload", answer.workload)):
        if value is not None and not 1 <= value <= 5:
            raise InputError(f"{option} {value}: answer on a scale from 1 to 5")
    with workspace_store(settings) as store:
        project = store.load(settings.project)
        ident = resolve_ref(project, answer.person.strip()) if answer.person.strip() else None
        person = next((p for p in project.people if p.id == ident), None)
        if person is None:
            known = ", ".join(p.id for p in project.people[:8]) or "none yet"
            raise InputError(
                f"--person {answer.person!r}: no person of project {project.key} by that id, name or e-mail"
                f" (people: {known}{'...' if len(project.people) > 8 else ''})"
            )
        origin = f"{CHECKIN_ORIGIN}:{person.id}:{answer.date.isoformat()}"
        checkin = CheckIn(
            person=person.id,
            date=answer.date,
            stress=answer.stress,
            confidence=answer.confidence,
            workload=answer.workload,
            blockers=tuple(b.strip() for b in answer.blockers if b.strip()),
            constraints=tuple(c.strip() for c in answer.constraints if c.strip()),
            comment=answer.comment.strip(),
            source=Source(system=CHECKIN_ORIGIN, key=f"{person.id}:{answer.date.isoformat()}"),
        )
        replaced = any(
            c.person == person.id and c.date == answer.date and c.source.system == CHECKIN_ORIGIN
            for c in project.checkins
        )
        part = Project(key=project.key, name=project.name, checkins=(checkin,))
        store.save_all([Unit(ReadResult(part), origin, "checkin")], project_key=project.key)
    return StoredCheckIn(checkin, f"{person.name} ({person.id})", replaced)


# The copybook (`pmo note`, `pmo agenda`, `pmo decisions`): a line written into the day's
# meeting note and imported at once; the next meeting's agenda and the decision log.

_KIND_WORD = re.compile(r"^\s*(?:[-*+]\s+)?(?:\[[ xX]\]\s+)?\**(?P<word>[A-Za-zÀ-ÿ]+)\**\s*:")
_NOTE_KINDS = ("action", "decision", "risk", "issue", "info", "risque", "probleme", "problème", "décision")


@dataclass(frozen=True)
class NoteRecorded:
    """`pmo note`: the file written, and the entry it holds (kind ``note`` for plain text)."""

    path: Path
    kind: str
    id: str
    title: str
    owner: str | None


def notes_folder(settings: Settings) -> Path:
    """The workspace's notes folder: ``data/notes`` when the workspace has a ``data`` folder, else ``notes``."""
    workspace = settings.workspace
    for folder in (workspace / "data" / "notes", workspace / "notes"):
        if folder.is_dir():
            return folder
    return workspace / "data" / "notes" if (workspace / "data").is_dir() else workspace / "notes"


def _note_line(text: str) -> str:
    """The Markdown list item for `text`; `InputError` when it is not one line the notes syntax reads."""
    line = " ".join(text.split())
    if not line:
        raise InputError("an empty note: write the text to record, e.g. 'ACTION: @Ann book the room due 2026-06-20'")
    if "\n" in text.strip():
        raise InputError("a note is one line: run `pmo note` once per entry")
    word = _KIND_WORD.match(line)
    if word and word["word"].isupper() and word["word"].lower() not in _NOTE_KINDS:
        raise InputError(
            f"{word['word']!r} is not an entry of the notes syntax: write ACTION:, DECISION:, RISK:, ISSUE: or INFO: "
            "(docs/formats/notes.md)"
        )
    return line if line[:2] in ("- ", "* ", "+ ") else f"- {line}"


def record_note(
    settings: Settings, text: str, date: dt.date | None = None, meeting: str | None = None
) -> NoteRecorded:
    """Append `text` to the note of `date` (and `meeting`) and import that file in one transaction.

    The line is read with the note before anything is written: a line that leaves a finding
    (a bad due date, an id used twice) or an entry without a title is refused.
    """
    from pmo.model import Action, Decision, Issue, Risk
    from pmo.sources.notes import read_notes

    date = date or dt.date.today()
    slug = re.sub(r"[^\w]+", "-", (meeting or "").strip().lower()).strip("-")
    folder = notes_folder(settings)
    path = folder / (f"{date.isoformat()}-{slug}.md" if slug else f"{date.isoformat()}.md")
    line = _note_line(text)
    if path.is_file():
        before = path.read_text(encoding="utf-8-sig")
    else:
        name = (meeting or "").strip() or "Notes"
        before = f"# {name} — {date.isoformat()}\n"
    before = before if before.endswith("\n") else before + "\n"
    if not before.endswith("\n\n") and not re.search(r"^\s*[-*+] ", before.rstrip("\n").rsplit("\n", 1)[-1]):
        before += "\n"
    after = before + line + "\n"
    number = after.count("\n")
    result = read_notes(path, text=after)
    problems = [f.message.split("; ")[0] for f in result.findings if f.source.line == number]  # not "left blank"
    if problems:
        raise InputError(f"{path.name}: the note cannot be recorded: {'; '.join(problems)}")
    project = result.project
    entries: list[Action | Decision | Risk | Issue] = [
        *project.actions, *project.decisions, *project.risks, *project.issues
    ]
    entry = next((e for e in entries if e.source.line == number), None)
    kind = "note"
    if entry is not None:
        kind = type(entry).__name__.lower()
        if entry.title.startswith("(") and entry.title.endswith(")"):
            raise InputError(f"{path.name}: the {kind} has no text: say what it is after '{kind.upper()}:'")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(after, encoding="utf-8")
    with workspace_store(settings) as store:
        import_paths(store, [path], settings.project)
        stored = store.load(settings.project)  # people resolved: the owner as the project knows them
    if entry is None:
        return NoteRecorded(path, kind, path.stem, line[2:], None)
    found = [e for e in (*stored.actions, *stored.decisions, *stored.risks, *stored.issues)
             if type(e) is type(entry) and e.id == entry.id]
    shown = found[0] if found else entry
    owner = getattr(shown, "owner", None) or getattr(shown, "decided_by", None)
    if isinstance(owner, str) and (person := stored.person(owner)) is not None:
        owner = f"{person.name} ({person.id})"
    return NoteRecorded(path, kind, shown.id, shown.title, owner if isinstance(owner, str) else None)


def agenda_workspace(
    settings: Settings, meeting_date: dt.date | None = None, meeting: str | None = None, docx: Path | None = None
) -> str:
    """The Markdown draft agenda of the next occurrence, on or after `meeting_date` (default: today),
    of the governance meeting `meeting` names (a rule id or name; default: the next governance
    meeting; a project without governance rules: the project meeting of that date), with the
    preparation checklist of a steering committee. With `docx`, the Word version is written there too."""
    from pmo.engine.agenda import agenda_markdown, governance_agenda

    with workspace_store(settings) as store:
        project = store.load(settings.project)
        snapshots = store.snapshots(project.key)
    agenda = governance_agenda(project, meeting_date or dt.date.today(), meeting, snapshots)
    if docx is not None:
        from pmo.render.agenda_docx import render_agenda_docx

        if docx.suffix.lower() != ".docx":
            raise InputError(f"--docx {docx}: the file name must end in .docx")
        docx.parent.mkdir(parents=True, exist_ok=True)
        docx.write_bytes(render_agenda_docx(project, agenda))
    return agenda_markdown(project, agenda)


def decisions_workspace(settings: Settings) -> str:
    """The decision log of the workspace's project, as a Markdown table."""
    from pmo.engine.agenda import decision_log, decision_log_markdown

    return decision_log_markdown(decision_log(load_workspace(settings)))
