"""The copybook, computed: actions carried from meeting to meeting, the decision log, the next agenda.

Pure functions of a project (no clock, no files). An action *raised at a meeting* is one
whose origin is a note of the project (the notes reader sets it); it is *carried* to a
meeting when it is still open and was raised at an earlier one, and the number of times
it has been carried is the number of meeting notes dated after the one that raised it and
before the meeting prepared. The agenda (`agenda_of`, rendered by `agenda_markdown`) lists
the carried actions oldest first, the decisions needed (proposed), the open risks by score
and the items of the last note; `governance_agenda` finds the next occurrence of a governance
meeting (written, or inferred from a calendar series: `pmo.engine.anticipate.rules`) and adds
its preparation checklist (`pmo.engine.anticipate.prep`).
The decision log (`decision_log`) lists the decisions taken, with their date, who decided
(name and id) and why: ``pending`` where the record is blank, the pending or not-applicable
value as written where it holds one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmo.engine.anticipate.prep import (
    Preparation,
    checklist_table,
    find_rule,
    freeze_text,
    next_occurrence,
    preparation_of,
    steps_of,
)
from pmo.engine.anticipate.rules import governance_rules
from pmo.engine.names import person_label
from pmo.engine.workdays import project_days
from pmo.errors import InputError
from pmo.model import Action, Decision, Note, Project, Risk, Snapshot
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
    """A draft agenda for the meeting of `date`: `title` and `meeting_id` name the occurrence (a
    governance meeting's, or a plain project meeting's); `preparation` is its checklist, if it has steps."""

    project: str
    date: dt.date
    carried: tuple[Carried, ...]
    decisions_needed: tuple[Decision, ...]
    risks: tuple[Risk, ...]
    last_note: Note | None
    title: str = "project meeting"
    meeting_id: str = ""
    preparation: Preparation | None = None
    rising: tuple[tuple[str, str], ...] = ()  # (risk id, how it rose) for risks new or scored higher


def _score(risk: Risk) -> int:
    return (risk.probability or 0) * (risk.impact or 0)


def rising_risks(project: Project, snapshots: Sequence[Snapshot], before: dt.date) -> dict[str, str]:
    """The open risks that rose since the last report before `before`: scored higher than in
    its snapshot, or not in it at all (new), each with how it rose. Empty without a snapshot."""
    earlier = [s for s in snapshots if s.status_date < before]
    if not earlier:
        return {}
    last = max(earlier, key=lambda s: s.status_date)
    since = last.status_date.isoformat()
    rose = {}
    for risk in project.risks:
        if not risk.status.is_open:
            continue
        kept = last.items.get(f"risk:{risk.id}")
        was = kept.get("score") if kept else None
        if kept is None:
            rose[risk.id] = f"new since the report of {since}"
        elif isinstance(was, int) and _score(risk) > was:
            rose[risk.id] = f"rising: score {was} -> {_score(risk)} since the report of {since}"
    return rose


def agenda_of(project: Project, meeting_date: dt.date, risks: int = 5,
              snapshots: Sequence[Snapshot] = ()) -> Agenda:
    """The agenda of the next meeting: carried actions, decisions needed, the risks rising since
    the last report (`snapshots`) then the top open risks, the last note."""
    earlier = _notes_before(project, meeting_date)
    # against the report before the current one (a report of the status date itself is the present)
    rose = rising_risks(project, snapshots, min(project.status_date or meeting_date, meeting_date))
    open_risks = sorted((r for r in project.risks if r.status.is_open),
                        key=lambda r: (r.id not in rose, -_score(r), r.id))
    shown = [r for r in open_risks if r.id in rose] + [r for r in open_risks if r.id not in rose][:risks]
    return Agenda(
        project=project.name or project.key,
        date=meeting_date,
        carried=carried_actions(project, meeting_date),
        decisions_needed=tuple(d for d in project.decisions if d.status is DecisionStatus.PROPOSED),
        risks=tuple(shown),
        last_note=earlier[-1] if earlier else None,
        rising=tuple((r.id, rose[r.id]) for r in shown if r.id in rose),
    )


def governance_agenda(project: Project, on_or_after: dt.date, meeting: str | None = None,
                      snapshots: Sequence[Snapshot] = ()) -> Agenda:
    """The agenda of the next occurrence, on or after a date, of the governance meeting `meeting`
    names (a rule's id or name; default: the next of any rule), with its preparation checklist
    (step states at `on_or_after`). With no `meeting` named, a project without governance rules, or
    whose rules have no occurrence in the calendar or their dates, gets the project meeting of that
    very date; a named meeting without an occurrence is an `InputError`."""
    rule = None
    rules = governance_rules(project)
    if meeting is not None:
        rule = find_rule(project, meeting)
        if rule is None:
            known = ", ".join(f"{r.id} ({r.name})" for r in rules) or "none"
            raise InputError(f"no governance meeting {meeting!r} in the project (its rules: {known})")
    elif not rules:
        return agenda_of(project, on_or_after, snapshots=snapshots)
    occurrence = next_occurrence(project, on_or_after, rule)
    if occurrence is None:
        if rule is None:  # rules, but no occurrence known: the day's project meeting
            return agenda_of(project, on_or_after, snapshots=snapshots)
        raise InputError(f"no occurrence of {rule.name} ({rule.id}) on or after {on_or_after.isoformat()} "
                         "in the calendar or the rule's dates")
    preparation = None
    if steps_of(occurrence.rule):
        preparation = preparation_of(project, occurrence, on_or_after, project_days(project))
    return dataclasses.replace(agenda_of(project, occurrence.date, snapshots=snapshots), title=occurrence.title,
                               meeting_id=occurrence.id, preparation=preparation)


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


def agenda_heading(agenda: Agenda) -> str:
    """``Project — meeting title DATE``."""
    return f"{agenda.project} — {agenda.title} {agenda.date.isoformat()}"


def agenda_sections(project: Project, agenda: Agenda) -> list[tuple[str, list[str]]]:
    """(heading, items) of each section but the preparation; a section with nothing says so."""
    carried = []
    for c in agenda.carried:
        a = c.action
        owner = _text(a.owner, project)
        due = _text(a.due)
        times = "first review" if c.meetings == 0 else f"carried {c.meetings} time{'s' * (c.meetings > 1)}"
        carried.append(f"{a.id} {a.title} — owner {owner}, due {due}; raised {c.raised.isoformat()} ({times})")
    decisions = [f"{d.id} {d.title}" for d in agenda.decisions_needed]
    risks = []
    rising = dict(agenda.rising)
    for r in agenda.risks:
        score = f"score {_score(r)}" if _score(r) else "not scored"
        how = f" ({rising[r.id]})" if r.id in rising else ""
        risks.append(f"{r.id} {r.title} — {score}{how}, owner {_text(r.owner, project)}")
    note = agenda.last_note
    if note is None:
        last = ["No earlier meeting note."]
    else:
        last = [f"{note.title} ({note.date.isoformat()}): {item}" for item in _items(note)] or [
            f"{note.title} ({note.date.isoformat()}): nothing beyond its actions, decisions and risks."]
    return [
        ("Actions carried over", carried or ["No open action from earlier meetings."]),
        ("Decisions needed", decisions or ["No decision is awaited."]),
        ("Risks rising, then the top open risks" if rising else "Risks", risks or ["No open risk."]),
        ("From the last meeting", last),
    ]


def agenda_markdown(project: Project, agenda: Agenda) -> str:
    """The agenda as a Markdown draft; each section says so when it has nothing."""
    out = [f"# {agenda_heading(agenda)}", ""]
    if agenda.meeting_id:
        out += [f"Meeting {agenda.meeting_id}.", ""]
    for heading, items in agenda_sections(project, agenda):
        out += [f"## {heading}", ""]
        if heading == "From the last meeting" and agenda.last_note is not None:
            note = agenda.last_note
            out += [f"{note.title} ({note.date.isoformat()}):", ""]
            points = _items(note)
            out += [f"- {item}" for item in points] or ["- Nothing beyond its actions, decisions and risks."]
        else:
            out += [f"- {item}" for item in items]
        out.append("")
    if agenda.preparation is not None:
        prep = agenda.preparation
        out += ["## Preparation", "", f"Inputs needed by {freeze_text(prep)}.", ""]
        out += checklist_table(project, prep)
        out.append("")
    return "\n".join(out[:-1]) + "\n"


def decision_log_markdown(log: tuple[LoggedDecision, ...]) -> str:
    """The decision log as a Markdown table (a line saying so when no decision was taken)."""
    if not log:
        return "No decision taken yet.\n"
    rows = ["| Date | Decision | Decided by | Why |", "|---|---|---|---|"]
    for d in log:
        cells = (d.date, f"{d.id} {d.title}", d.decided_by, d.rationale)
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"
