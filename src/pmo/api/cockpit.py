"""What the web cockpit shows beside the findings, read from a Review already built: the
recovery options of each delay file, the governance meetings of the look-ahead with the
preparation checklist of each, their agenda (Markdown or Word), the input requests of the
next steering committee, and the question sheet.

Nothing here builds a Review (the web keeps one per project and revision, web/cache.py):
each function derives from the one it is given, with the engine's pure functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pmo.engine.review.build import Review

__all__ = [
    "PrepStepRow",
    "UpcomingMeeting",
    "agenda_docx",
    "agenda_markdown_of",
    "governance_lookahead",
    "input_requests_markdown",
    "preparations",
    "question_sheet_of",
    "recovery_options",
]


@dataclass(frozen=True)
class PrepStepRow:
    """One preparation step as the checklist writes it: every field filled."""

    step: str
    owner: str  # "Name (id)", says when the project manager stands in, or "no owner named"
    due: dt.date
    lead_days: int
    state: str  # upcoming | due | late | done
    state_text: str  # the checklist's words: never claims more than the data shows


@dataclass(frozen=True)
class UpcomingMeeting:
    """A governance meeting of the look-ahead, with its preparation when its rule has steps."""

    id: str
    title: str
    date: dt.date
    kind: str  # the rule's meeting kind: steering-committee, project-meeting, ...
    rule: str  # the governance rule's id (its agenda is asked by it)
    in_calendar: bool  # False: a date the rule fixes that the calendar lacks
    steps: tuple[PrepStepRow, ...]
    freeze: str  # when inputs are needed ("2026-06-10 (step ...)"), "" without steps


def preparations(review: Review) -> tuple[Any, ...]:
    """The typed preparations (engine/anticipate/prep.py `Preparation`) of the governance
    meetings of the look-ahead from the Review's status date, soonest first."""
    from pmo.engine.anticipate.prep import upcoming_preparations

    return upcoming_preparations(review.project, review.as_of)


def governance_lookahead(review: Review) -> tuple[UpcomingMeeting, ...]:
    """The governance meetings (but one-to-ones) of the look-ahead, soonest first, each with its
    checklist (step, owner, due, state) when its rule has preparation steps."""
    from pmo.engine.anticipate.prep import (
        freeze_text,
        owner_text,
        preparation_of,
        state_text,
        steps_of,
        upcoming_meetings,
    )
    from pmo.engine.workdays import project_days

    project, as_of = review.project, review.as_of
    days = project_days(project, as_of)
    out = []
    for occurrence in upcoming_meetings(project, as_of):
        rows: tuple[PrepStepRow, ...] = ()
        freeze = ""
        if steps_of(occurrence.rule):
            prep = preparation_of(project, occurrence, as_of, days)
            rows = tuple(PrepStepRow(s.name, owner_text(project, s), s.due, s.lead_days, s.state.value,
                                     state_text(s)) for s in prep.steps)
            freeze = freeze_text(prep)
        out.append(UpcomingMeeting(occurrence.id, occurrence.title, occurrence.date, occurrence.rule.kind.value,
                                   occurrence.rule.id, occurrence.in_calendar, rows, freeze))
    return tuple(out)


def _agenda(review: Review, rule: str | None, on: dt.date) -> Any:
    from pmo.engine.agenda import governance_agenda

    return governance_agenda(review.project, on, rule)


def agenda_markdown_of(review: Review, rule: str | None, on: dt.date) -> str:
    """The Markdown agenda of the occurrence of governance rule `rule` (id or name; None: the next
    governance meeting but one-to-ones) on or after `on`, as `pmo agenda` writes it, with its
    preparation checklist; an unknown rule, or one without an occurrence, is an InputError."""
    from pmo.engine.agenda import agenda_markdown

    return agenda_markdown(review.project, _agenda(review, rule, on))


def agenda_docx(review: Review, rule: str | None, on: dt.date) -> bytes:
    """The same agenda as a Word document (render/agenda_docx.py)."""
    from pmo.render.agenda_docx import render_agenda_docx

    return render_agenda_docx(review.project, _agenda(review, rule, on))


def input_requests_markdown(review: Review) -> str | None:
    """The input requests of the steering committee whose pack is under way (T-5 to its day),
    one section per person, as `pmo run` writes them to prep/requests/; None when none is."""
    from pmo.engine.anticipate.prep import input_requests, pack_due

    prep = pack_due(review.project, review.as_of)
    if prep is None:
        return None
    texts = input_requests(review.project, prep, review.as_of, review.forecasts)
    if not texts:
        return None
    return "\n".join(texts.values())


def question_sheet_of(review: Review) -> Any:
    """The question sheet of the Review (`pmo questions`): what is needed from whom, by when, why,
    and what the data already answers, with its source."""
    from pmo.engine.question_sheet import question_sheet

    return question_sheet(review)


def recovery_options(review: Review) -> dict[str, list[dict[str, Any]]]:
    """Subject id -> the measured recovery options of its `milestone-slip` finding
    (engine/recovery.py), recommended first."""
    out: dict[str, list[dict[str, Any]]] = {}
    for finding in review.findings:
        options = finding.detail.get("options") if finding.code == "milestone-slip" else None
        if isinstance(options, list):
            out[finding.subject.id] = sorted(options, key=lambda o: not o.get("recommended"))
    return out
