"""The lexical layer of the iCalendar reader: lines, folds and the component tree.

`icalendar` parses a whole calendar or nothing; pmo wants every good event of a file
even when one is broken. This module cuts a file into its components *before* any
value is parsed, keeping the physical line of each ``BEGIN:``, so that each component
can be parsed on its own and a fault reported with its file and line.

It repairs what real exports get wrong in a way that cannot change the meaning: a fold
without its leading space (a continuation line that is not a content line), spaces in
an RRULE's lists (``BYDAY=MO, TU``), blank lines. It raises `FormatError` only when the
text is not iCalendar at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmo.errors import FormatError

_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(?:;[^:]*)?:", re.DOTALL)
_NAME = re.compile(r"^[A-Za-z0-9-]+")
MAX_DEPTH = 20


@dataclass
class Line:
    """One logical (unfolded) content line and the physical line it starts on."""

    number: int
    text: str

    @property
    def name(self) -> str:
        match = _NAME.match(self.text)
        return match.group(0).upper() if match else ""

    @property
    def value(self) -> str:
        """The value after the first colon outside quotes."""
        quoted = False
        for index, char in enumerate(self.text):
            if char == '"':
                quoted = not quoted
            elif char == ":" and not quoted:
                return self.text[index + 1 :]
        return ""


@dataclass
class Block:
    """A component: its name, the line of its ``BEGIN:``, its properties and children."""

    name: str
    line: int
    properties: list[Line] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    closed: bool = False
    broken: str = ""

    def text(self) -> str:
        """The component as iCalendar text (unfolded lines, CRLF)."""
        out: list[str] = []
        self._write(out)
        return "\r\n".join(out) + "\r\n"

    def _write(self, out: list[str]) -> None:
        out.append(f"BEGIN:{self.name}")
        out.extend(line.text for line in self.properties)
        for child in self.children:
            child._write(out)
        out.append(f"END:{self.name}")

    def get(self, name: str) -> Line | None:
        """The first property called `name`, if any."""
        for line in self.properties:
            if line.name == name:
                return line
        return None


@dataclass
class Problem:
    """Something the lexer skipped: where and why."""

    line: int
    message: str


@dataclass
class Lexed:
    """A file cut into calendars, with what had to be skipped on the way."""

    calendars: list[Block]
    problems: list[Problem]


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252 as Outlook writes it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def logical_lines(text: str) -> list[Line]:
    """Unfold `text` into content lines, each with the physical line it starts on.

    A line starting with a space or tab continues the previous one (RFC 5545 §3.1); so
    does a line that cannot start a content line (a fold that lost its space).
    """
    unfolded: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        if raw[0] in " \t" and unfolded:
            unfolded[-1].text += raw[1:]
        else:
            unfolded.append(Line(number, raw))
    lines: list[Line] = []
    for line in unfolded:
        if lines and not _CONTENT_LINE.match(line.text) and lines[-1].name not in ("BEGIN", "END"):
            lines[-1].text += line.text
        else:
            lines.append(line)
    return lines


def _begin_end(line: Line) -> tuple[str, str] | None:
    name = line.name
    if name in ("BEGIN", "END") and line.text[len(name) : len(name) + 1] == ":":
        return name, line.value.strip().upper()
    return None


def lex(text: str, file: str) -> Lexed:
    """Cut `text` into VCALENDAR blocks; raise `FormatError` if it is not iCalendar."""
    lines = logical_lines(text)
    if not lines:
        raise FormatError(file, None, "empty file: an iCalendar file starts with BEGIN:VCALENDAR")
    first = lines[0]
    if _begin_end(first) != ("BEGIN", "VCALENDAR"):
        shown = first.text[:40].encode("unicode_escape").decode("ascii")
        raise FormatError(
            file, first.number, f"not an iCalendar file: it starts with {shown!r}, not BEGIN:VCALENDAR"
        )
    calendars: list[Block] = []
    problems: list[Problem] = []
    stack: list[Block] = []
    for line in lines:
        marker = _begin_end(line)
        if marker is not None and marker[0] == "BEGIN":
            block = Block(marker[1] or "X-UNNAMED", line.number)
            if not stack:
                if block.name != "VCALENDAR":
                    problems.append(Problem(line.number, f"BEGIN:{block.name} outside any VCALENDAR"))
                calendars.append(block)
            elif len(stack) >= MAX_DEPTH:
                top = stack[1]  # the component inside the VCALENDAR; the deeper block is dropped
                top.broken = top.broken or f"components nested more than {MAX_DEPTH} deep"
            else:
                stack[-1].children.append(block)
            stack.append(block)
        elif marker is not None:
            _close(stack, marker[1], line, problems)
        elif stack:
            stack[-1].properties.append(line)
        else:
            problems.append(Problem(line.number, f"text outside any VCALENDAR ignored: {line.text[:40]!r}"))
    for block in stack:
        block.broken = block.broken or f"the file ends before END:{block.name} (truncated?)"
    for calendar in calendars:
        _mark_unclosed(calendar)
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    return Lexed(calendars, problems)


def _close(stack: list[Block], name: str, line: Line, problems: list[Problem]) -> None:
    """Handle ``END:name``: close the matching open block, the blocks inside it broken."""
    names = [block.name for block in stack]
    if name not in names:
        problems.append(Problem(line.number, f"END:{name} without a matching BEGIN ignored"))
        return
    while stack:
        block = stack.pop()
        if block.name == name:
            block.closed = True
            return
        block.broken = block.broken or f"BEGIN:{block.name} is closed by END:{name} at line {line.number}"


def _mark_unclosed(block: Block) -> None:
    """Propagate a broken child to the top-level component that holds it."""
    for child in block.children:
        _mark_unclosed(child)
        if child.broken and block.name != "VCALENDAR":
            block.broken = block.broken or child.broken


_RRULE_SPACES = re.compile(r"\s*([;,=])\s*")


def repair_rrule(line: Line) -> None:
    """Remove the spaces some servers put inside an RRULE (``BYDAY=MO, TU``)."""
    head, sep, value = line.text.partition(":")
    if sep and any(c.isspace() for c in value):
        line.text = head + ":" + _RRULE_SPACES.sub(r"\1", value.strip())
