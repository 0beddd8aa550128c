"""The copybook, computed: actions carried from meeting to meeting, the decision log, the next agenda.

Pure functions of a project (no clock, no files). An action *raised at a meeting* is one
whose origin is a note of the project (the notes reader sets it); it is *carried* to a
meeting when it is still open and was raised at an earlier one, and the number of times
it has been carried is the number of meeting notes dated after the one that raised it and
before the meeting prepared. The agenda (`agenda_of`, rendered by `agenda_markdown`) lists
the carried actions oldest first, the decisions needed (proposed), the open risks by score
and the items of the last note. The decision log (`decision_log`) lists the decisions
taken, with their date, who decided (name and id) and why: ``pending`` where the record is
blank, the pending or not-applicable value as written where it holds one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pmo.engine.names import person_label
from pmo.model import Action, Decision, Note, Project, Risk
from pmo.model.registers import DecisionStatus
from pmo.model.values import NotApplicable, Pending

PENDING = "pending"


@dataclass(frozen=True)
class Carried:
    """An open action carried to a meeting: when and where it was raised, how many meetings since."""

    action: Action
    raised: dt.date
    note: str
    meetings: int


def _notes_before(project: Project, meeting_date: dt.date) -> list[Note]:
    return sorted((n for n in project.notes if n.date < meeting_date), key=lambda n: (n.date, n.id))


def _series(note_id: str) -> str:
    """The meeting series a note belongs to: its file name without the date
    (``2026-06-08-weekly`` -> ``weekly``; a bare date -> the day's copybook, ``""``)."""
    return re.sub(r"^\d{4}-\d{2}-\d{2}-?", "", note_id)


def carried_actions(project: Project, meeting_date: dt.date) -> tuple[Carried, ...]:
    """The open actions raised at meetings before `meeting_date`, oldest first; each carried
    once per later meeting of the same series (a 1:1's action is not carried by the weekly)."""
    earlier = _notes_before(project, meeting_date)
    notes = {note.id: note for note in earlier}
    carried = []
    for action in project.actions:
        note = notes.get(action.origin or "")
        if note is None or not action.status.is_open:
            continue
        meetings = sum(1 for other in earlier if other.date > note.date and _series(other.id) == _series(note.id))
        carried.append(Carried(action, note.date, note.id, meetings))
    return tuple(sorted(carried, key=lambda c: (c.raised, c.note, c.action.id)))


@dataclass(frozen=True)
class LoggedDecision:
    """A decision of the log, every field written: a date, who decided, why."""

    id: str
    title: str
    date: str
    decided_by: str
    rationale: str


def _text(value: object, project: Project | None = None) -> str:
    if value is None or value == "":
        return PENDING
    if isinstance(value, (NotApplicable, Pending)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if project is not None and isinstance(value, str):
        return person_label(project, value.lstrip("@"))
    return str(value)


def decision_log(project: Project) -> tuple[LoggedDecision, ...]:
    """The decisions taken, oldest first (undated last), with ``pending``/``NA`` where blank."""
    taken = [d for d in project.decisions if d.status is DecisionStatus.TAKEN]

    def key(decision: Decision) -> tuple[int, str, str]:
        date = decision.date
        return (0, date.isoformat(), decision.id) if isinstance(date, dt.date) else (1, "", decision.id)

    return tuple(
        LoggedDecision(
            d.id, d.title, _text(d.date), _text(d.decided_by, project), d.rationale.strip() or PENDING
        )
        for d in sorted(taken, key=key)
    )


@dataclass(frozen=True)
class Agenda:
    """A draft agenda for the meeting of `date`."""

    project: str
    date: dt.date
    carried: tuple[Carried, ...]
    decisions_needed: tuple[Decision, ...]
    risks: tuple[Risk, ...]
    last_note: Note | None


def _score(risk: Risk) -> int:
    return (risk.probability or 0) * (risk.impact or 0)


def agenda_of(project: Project, meeting_date: dt.date, risks: int = 5) -> Agenda:
    """The agenda of the next meeting: carried actions, decisions needed, the top open risks, the last note."""
    earlier = _notes_before(project, meeting_date)
    open_risks = sorted((r for r in project.risks if r.status.is_open), key=lambda r: (-_score(r), r.id))
    return Agenda(
        project=project.name or project.key,
        date=meeting_date,
        carried=carried_actions(project, meeting_date),
        decisions_needed=tuple(d for d in project.decisions if d.status is DecisionStatus.PROPOSED),
        risks=tuple(open_risks[:risks]),
        last_note=earlier[-1] if earlier else None,
    )


def _items(note: Note) -> list[str]:
    """The list items the note kept (INFO items and plain points), without their markers."""
    items = []
    for line in note.text.splitlines():
        stripped = line.strip()
        if stripped[:2] in ("- ", "* ", "+ "):
            item = stripped[2:].strip()
            if item.lower().startswith("info:"):
                item = item[5:].strip()
            if item:
                items.append(item)
    return items


def agenda_markdown(project: Project, agenda: Agenda) -> str:
    """The agenda as a Markdown draft; each section says so when it has nothing."""
    out = [f"# {agenda.project} — project meeting {agenda.date.isoformat()}", "", "## Actions carried over", ""]
    for c in agenda.carried:
        a = c.action
        owner = _text(a.owner, project)
        due = _text(a.due)
        times = "first review" if c.meetings == 0 else f"carried {c.meetings} time{'s' * (c.meetings > 1)}"
        out.append(f"- {a.id} {a.title} — owner {owner}, due {due}; raised {c.raised.isoformat()} ({times})")
    if not agenda.carried:
        out.append("- No open action from earlier meetings.")
    out += ["", "## Decisions needed", ""]
    for d in agenda.decisions_needed:
        out.append(f"- {d.id} {d.title}")
    if not agenda.decisions_needed:
        out.append("- No decision is awaited.")
    out += ["", "## Risks", ""]
    for r in agenda.risks:
        score = f"score {_score(r)}" if _score(r) else "not scored"
        out.append(f"- {r.id} {r.title} — {score}, owner {_text(r.owner, project)}")
    if not agenda.risks:
        out.append("- No open risk.")
    out += ["", "## From the last meeting", ""]
    note = agenda.last_note
    if note is None:
        out.append("- No earlier meeting note.")
    else:
        items = _items(note)
        out.append(f"{note.title} ({note.date.isoformat()}):")
        out.append("")
        out += [f"- {item}" for item in items] or ["- Nothing beyond its actions, decisions and risks."]
    return "\n".join(out) + "\n"


def decision_log_markdown(log: tuple[LoggedDecision, ...]) -> str:
    """The decision log as a Markdown table (a line saying so when no decision was taken)."""
    if not log:
        return "No decision taken yet.\n"
    rows = ["| Date | Decision | Decided by | Why |", "|---|---|---|---|"]
    for d in log:
        cells = (d.date, f"{d.id} {d.title}", d.decided_by, d.rationale)
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"
