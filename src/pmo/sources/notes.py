"""Meeting notes in Markdown, the copybook: one file per meeting, entries become registers.

A note's date and meeting come from its file name (``2026-06-08-weekly.md``) or its
first heading (``# Weekly project meeting — 2026-06-08``); attendees from an
``Attendees:`` line. List items starting ``ACTION:``, ``DECISION:``, ``RISK:`` or
``ISSUE:`` (any case; French ``DÉCISION``, ``RISQUE``, ``PROBLÈME`` too) become register
entries; ``INFO:`` items stay in the note's text. In an entry, ``@owner`` names a person
(first name, full name or e-mail), ``due 2026-06-15`` or ``by 2026-06-15`` a date, and
``[A-12]`` an explicit id; ``- [x] ACTION:`` is a done action. In a decision, the words
after ``because`` (French ``parce que``) are its rationale.

A mention is read without the project's people, so that a note reads the same whatever
was imported before it: it is the word after ``@`` and up to two capitalised words that
follow (``@Ann Martin book the room``: the mention ``@Ann Martin``, the title ``book the
room``); a comma or colon ends it (``@Ann: Book the room``). The owner is kept as the
mention; `pmo.model.resolve` matches it to a person when the project is loaded (its
longest leading words naming one person). Attendees are kept as written likewise.

Ids are stable under edits: an explicit ``[ID]`` wins, else the note's file stem, the
kind's letter and the entry's position among entries of its kind (``2026-06-08-weekly-A2``).
Editing an entry's text, owner or date keeps its id, so re-importing the note updates
it; inserting an entry *before* others of its kind renumbers those after it (write
explicit ids where that matters). The syntax is documented in docs/formats/notes.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmo.errors import FormatError
from pmo.model import Action, Decision, Finding, Issue, ItemStatus, Note, Project, Risk, Source
from pmo.sources import cells
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.dates import DateError, fold, parse_date

KINDS = {"action": "A", "decision": "D", "risk": "R", "issue": "I"}
_WORDS = {
    "action": "action",
    "decision": "decision",
    "risk": "risk",
    "risque": "risk",
    "issue": "issue",
    "probleme": "issue",
    "info": "info",
}
_ITEM = re.compile(
    r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+(?:\[(?P<check>[ xX])\]\s+)?(?:\*\*)?"
    r"(?P<kind>action|d[ée]cision|risk|risque|issue|probl[èe]me|info)(?:\*\*)?\s*:(?:\*\*)?\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_ATTENDEES = re.compile(
    r"^\s*(?:\*\*)?(?:attendees|participants|pr[ée]sents)(?:\*\*)?\s*:(?:\*\*)?\s*(.*)$", re.I
)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_ .]+(.*))?$")
_DATE_IN_TEXT = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\b")
_ID = re.compile(r"\[(?P<id>[A-Za-z][\w.]*-?\d+[\w.-]*)\]")
_DUE = re.compile(r"\b(?:due|by)\s*:?\s+(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\b", re.I)
_OWNER = re.compile(r"(?<![\w.])@(?P<ref>[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w.'-]+(?:\s+[A-Z][\w.'-]*){0,2})")
_BECAUSE = re.compile(r"\s+(?:because\s+|parce que\s+|parce qu')(?=\S)", re.I)
MAX_BYTES = 5_000_000


class NotesReader:
    """Reads Markdown meeting notes into a `Note` and register entries."""

    name = "notes"
    extensions = (".md", ".markdown")

    def identify(self, path: Path, head: bytes) -> bool:
        if path.suffix.lower() not in self.extensions:
            return False
        text = head.decode("utf-8", errors="replace")
        return bool(_FILE.match(path.stem)) or any(
            _ITEM.match(line) or _ATTENDEES.match(line) for line in text.splitlines()
        )

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        return read_notes(path, context)


@dataclass
class _Entry:
    kind: str
    line: int
    text: str
    done: bool
    indent: int = 0
    last: int = 0  # the last line the entry runs to (continuation lines)


def read_notes(path: Path, context: ReadContext | None = None, text: str | None = None) -> ReadResult:
    """The note and its entries; `FormatError` when the file has no date or is not text."""
    context = context or ReadContext()
    file = str(path)
    if text is None:
        data = path.read_bytes()
        if len(data) > MAX_BYTES:
            raise FormatError(file, None, f"meeting notes over {MAX_BYTES // 1_000_000} MB: not a note")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FormatError(file, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if "\x00" in text:
        raise FormatError(file, text.count("\n", 0, text.index("\x00")) + 1, "a NUL byte: not a text file")
    lines = text.splitlines()
    heading, heading_line = next(
        ((m[1], n) for n, line in enumerate(lines, 1) if (m := _HEADING.match(line))), (None, 0)
    )
    date, meeting = _date_and_meeting(file, path.stem, heading, heading_line)
    findings: list[Finding] = []
    attendees: list[str] = []
    entries: list[_Entry] = []
    kept: list[str] = []
    fenced = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _ITEM.match(line)
        if match:
            kind = _WORDS[fold(match["kind"])]
            if kind == "info":
                kept.append(line)
                continue
            done = (match["check"] or " ").lower() == "x"
            entries.append(_Entry(kind, number, match["text"], done, len(match["indent"]), number))
            continue
        last = entries[-1] if entries else None
        if last and line.strip() and _indent(line) > last.indent and number == last.last + 1:
            last.text += " " + line.strip()
            last.last = number
            continue
        attendees_match = None if fenced else _ATTENDEES.match(line)
        if attendees_match and not attendees:
            attendees = [
                _attendee(a) for a in re.split(r"[,;]", attendees_match[1]) if a.strip(" .*@")
            ]
        kept.append(line)
    stem = path.stem
    records: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    seen: set[str] = set()
    for entry in entries:
        ordinal = len(records[entry.kind]) + 1
        record = _record(file, stem, entry, ordinal, date, seen, findings)
        records[entry.kind].append(record)
    note = Note(
        id=stem,
        date=date,
        title=heading or stem,
        meeting=meeting,
        attendees=tuple(attendees),
        text="\n".join(kept).strip(),
        source=Source(file=file, line=heading_line or 1),
    )
    project = Project(
        key="",
        name="",
        notes=(note,),
        actions=tuple(records["action"]),
        decisions=tuple(records["decision"]),
        risks=tuple(records["risk"]),
        issues=tuple(records["issue"]),
    )
    return ReadResult(project=project, findings=tuple(findings))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _date_and_meeting(
    file: str, stem: str, heading: str | None, heading_line: int
) -> tuple[dt.date, str | None]:
    match = _FILE.match(stem)
    meeting = re.sub(r"[-_]+", " ", match[2] or "").strip() or None if match else None
    if match:
        try:
            return dt.date.fromisoformat(match[1]), meeting
        except ValueError:
            raise FormatError(file, None, f"file name {stem!r}: {match[1]!r} is not a date") from None
    found = _DATE_IN_TEXT.search(heading or "")
    if heading and found:
        try:
            date = parse_date(found[1])
        except DateError as exc:
            raise FormatError(file, heading_line, f"heading: {exc}") from None
        if date is not None:
            meeting = re.sub(r"[\s\-—–:,|]+$", "", heading[: found.start()]).strip() or None
            return date, meeting
    raise FormatError(
        file,
        heading_line or 1,
        "no date: name the file YYYY-MM-DD-meeting.md or date its first heading (# Weekly — 2026-06-08)",
    )


def _attendee(text: str) -> str:
    """An attendee as written (an ``@`` and emphasis dropped); resolved when loaded."""
    return " ".join(text.strip(" .*@").split())


def _record(
    file: str,
    stem: str,
    entry: _Entry,
    ordinal: int,
    date: dt.date,
    seen: set[str],
    findings: list[Finding],
) -> Any:
    source = Source(file=file, line=entry.line)
    rest = entry.text
    explicit = _ID.search(rest)
    ident = f"{stem}-{KINDS[entry.kind]}{ordinal}"
    if explicit:
        rest = rest[: explicit.start()] + rest[explicit.end() :]
        if explicit["id"] in seen:
            findings.append(
                cells.skipped(
                    source,
                    f"line {entry.line}",
                    f"id [{explicit['id']}] is used twice; this entry is {ident}",
                    entry.kind,
                    ident,
                )
            )
        else:
            ident = explicit["id"]
    seen.add(ident)
    due: dt.date | None = None
    due_match = _DUE.search(rest)
    if due_match:
        rest = rest[: due_match.start()] + rest[due_match.end() :]
        try:
            due = parse_date(due_match["date"])
        except DateError as exc:
            findings.append(
                cells.skipped(source, f"line {entry.line}", f"{exc}; due date left blank", entry.kind, ident)
            )
    owner: str | None = None
    owner_match = _OWNER.search(rest)
    if owner_match:
        owner = "@" + owner_match["ref"].rstrip(".'")
        rest = rest[: owner_match.start()] + rest[owner_match.end() :]
    title = re.sub(r"\s+", " ", rest).strip(" ,;:—–-") or entry.text.strip() or f"({entry.kind})"
    title = re.sub(r"\s+([,.;:])", r"\1", title)
    if entry.kind == "action":
        return Action(
            id=ident,
            title=title,
            owner=owner,
            due=due,
            status=ItemStatus.DONE if entry.done else ItemStatus.OPEN,
            opened=date,
            origin=stem,
            source=source,
        )
    if entry.kind == "decision":
        why = _BECAUSE.search(title)
        rationale = title[why.end() :].strip(" ,;:.") if why else ""
        if why and rationale:
            title = title[: why.start()].strip(" ,;:—–-")
        return Decision(id=ident, title=title, date=date, decided_by=owner, rationale=rationale, source=source)
    status = (
        (ItemStatus.CLOSED if entry.kind == "risk" else ItemStatus.DONE) if entry.done else ItemStatus.OPEN
    )
    if entry.kind == "risk":
        return Risk(id=ident, title=title, owner=owner, status=status, raised=date, source=source)
    return Issue(id=ident, title=title, owner=owner, status=status, raised=date, due=due, source=source)
