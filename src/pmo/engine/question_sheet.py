"""Every question of a Review, grouped by the person it goes to, ready to send (`pmo questions`).

For each person: what we need from them (the `question` findings addressed to them: the
information the data lacks and the questions of amber and red items it cannot answer), by
when, and why; then what the data already answers about the items they own, each answer
with its source. Pure: read from a Review, nothing recomputed but the items at risk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo.engine.answers import Answer, Item, items_at_risk
from pmo.engine.review.build import Review
from pmo.engine.workdays import add_workdays

JsonDict = dict[str, object]


@dataclass(frozen=True)
class Request:
    """One question to put to a person: the question, why we ask, the records it is about."""

    question: str
    why: str
    records: tuple[str, ...]


@dataclass(frozen=True)
class Answered:
    """A question about an amber or red item the data answers, and where the answer comes from."""

    item: str
    colour: str
    question: str
    answer: str
    source: str


@dataclass(frozen=True)
class PersonQuestions:
    who: str  # "Name (id)", or "the project manager" when the project names none
    by: dt.date
    requests: tuple[Request, ...]
    answered: tuple[Answered, ...]


@dataclass(frozen=True)
class QuestionSheet:
    project: str
    name: str
    as_of: dt.date
    people: tuple[PersonQuestions, ...]
    items: tuple[Item, ...]

    def only(self, who: str) -> QuestionSheet:
        """The sheet of one person (by their label)."""
        return QuestionSheet(self.project, self.name, self.as_of, tuple(p for p in self.people if p.who == who),
                             tuple(i for i in self.items if i.owner == who))


def _question_text(message: str, who: str) -> str:
    text = message.removeprefix(f"Ask {who}: ")
    return text[:1].upper() + text[1:]


def question_sheet(review: Review) -> QuestionSheet:
    """The questions of the Review, one block per person: theirs to answer first, then answered ones."""
    project = review.project
    items = items_at_risk(project, review.as_of, review.ratings, review.rating, review.milestones, review.findings,
                          review.forecast)
    by = add_workdays(review.as_of, project.settings.pending_days)
    requests: dict[str, list[Request]] = {}
    for finding in review.findings:
        if finding.code == "question":
            who = str(finding.detail.get("who", "the project manager"))
            records = tuple(r for r in str(finding.detail.get("records", "")).split(", ") if r)
            requests.setdefault(who, []).append(
                Request(_question_text(finding.message, who), str(finding.detail.get("why", "")), records))
    answered: dict[str, list[Answered]] = {}
    for item in items:
        for question in item.questions:
            if isinstance(question.answer, Answer):
                answered.setdefault(item.owner, []).append(
                    Answered(item.label, item.colour, question.heading, question.answer.text, question.answer.source))
    people = sorted({*requests, *answered}, key=lambda who: (who not in requests, who.lower()))
    return QuestionSheet(
        project.key, project.name, review.as_of,
        tuple(PersonQuestions(who, by, tuple(requests.get(who, ())), tuple(answered.get(who, ()))) for who in people),
        items,
    )


def sheet_to_json(sheet: QuestionSheet) -> JsonDict:
    """The sheet as plain data (`pmo questions --json`)."""
    return {
        "project": sheet.project,
        "name": sheet.name,
        "as_of": sheet.as_of.isoformat(),
        "people": [
            {
                "who": person.who,
                "by": person.by.isoformat(),
                "ask": [{"question": r.question, "why": r.why, "records": list(r.records)} for r in person.requests],
                "answered": [
                    {"item": a.item, "colour": a.colour, "question": a.question, "answer": a.answer,
                     "source": a.source}
                    for a in person.answered
                ],
            }
            for person in sheet.people
        ],
    }


def sheet_markdown(sheet: QuestionSheet) -> str:
    """The sheet in Markdown: one block per person, what we need from them, by when, why."""
    lines = [f"# Questions: {sheet.name} ({sheet.project}), status date {sheet.as_of.isoformat()}", ""]
    if not sheet.people:
        lines += ["No question: nothing is amber or red, and the data lacks nothing the report needs.", ""]
    for person in sheet.people:
        lines += [f"## {person.who}", ""]
        if person.requests:
            lines += [f"What we need from you, by {person.by.isoformat()}:", ""]
            for number, request in enumerate(person.requests, start=1):
                lines.append(f"{number}. {request.question}")
                if request.why:
                    lines.append(f"   Why we ask: {request.why}.")
            lines.append("")
        if person.answered:
            lines += ["What the data already answers about what you own:", ""]
            item = ""
            for answered in person.answered:
                if answered.item != item:
                    item = answered.item
                    lines.append(f"- {item[:1].upper()}{item[1:]} ({answered.colour.upper()})")
                lines.append(f"  - {answered.question} {answered.answer} (source: {answered.source})")
            lines.append("")
    return "\n".join(lines)
