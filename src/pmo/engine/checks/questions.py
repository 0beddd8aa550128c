"""The questions a PMO asks before the manager does: information the data lacks, and who knows it.

Each becomes a `question` finding naming the person to ask (the owner, else the project
manager) and what to ask: how long a task will take, how likely and how bad a risk is,
when a proposed decision is needed; and, for each amber or red item, the questions the data
cannot answer (why, when back on track, what is needed, who decides: `ask_about_items`).
One question per person and topic: a person asked about several records gets one question
listing them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pmo.engine.answers import Item, every_ask
from pmo.engine.names import person_label, some
from pmo.engine.schedule.bounds import spans_its_dates
from pmo.model import DecisionStatus, Finding, Project, Severity, Source, Subject


def _who(project: Project, owner: object) -> str:
    if isinstance(owner, str) and owner.strip():
        return person_label(project, owner)
    manager = project.manager if isinstance(project.manager, str) else None
    return person_label(project, manager) if manager else "the project manager"


@dataclass(frozen=True)
class _Ask:
    """One thing the data lacks: what to ask of one record, and how to ask it of many."""

    topic: str  # "duration", "risk rating", "decision date"
    subject: Subject
    owner: object
    one: str  # the question for this record alone
    many: str  # the question for several records, with {n} and {list}
    why: str
    source: Source


def _asks(project: Project) -> Iterator[_Ask]:
    parents = {task.parent for task in project.tasks if task.parent}
    for task in project.tasks:
        if task.id in parents or task.milestone or task.done:
            continue
        if task.duration is None and task.estimate is None and task.remaining is None and not spans_its_dates(task):
            yield _Ask(
                "duration", Subject("task", task.id, task.name), task.owner,
                f"how long will {task.id} ({task.name}) take?",
                "how long will these {n} tasks take? {list}",
                "without a duration or an estimate the task counts as zero days in the schedule", task.source,
            )
    for risk in project.risks:
        if risk.status.is_open and (risk.probability is None or risk.impact is None):
            yield _Ask(
                "risk rating", Subject("risk", risk.id, risk.title), risk.owner,
                f"how likely is risk {risk.id} ({risk.title}) and how bad would it be (1-5 each)?",
                "how likely are these {n} risks and how bad would each be (1-5 each)? {list}",
                "an unrated risk cannot be ranked among the top risks", risk.source,
            )
    for decision in project.decisions:
        if decision.status is DecisionStatus.PROPOSED and decision.date is None:
            yield _Ask(
                "decision date", Subject("decision", decision.id, decision.title), decision.decided_by,
                f"by when is decision {decision.id} ({decision.title}) needed?",
                "by when are these {n} decisions needed? {list}",
                "a decision without a date is never late, so nobody chases it", decision.source,
            )


def ask_what_is_missing(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """Information the figures need and the data does not hold: one question per person and topic.

    A person asked about one record gets that record's question; asked about several (every
    task of a tracker export without estimates), one question lists them.
    """
    return _grouped(project, _asks(project))


def _grouped(project: Project, asks: Iterable[_Ask]) -> Iterator[Finding]:
    groups: dict[tuple[str, str], list[_Ask]] = {}
    for ask in asks:
        groups.setdefault((_who(project, ask.owner), ask.topic), []).append(ask)
    for (who, _topic), asks in groups.items():
        first = asks[0]
        if len(asks) == 1:
            subject, question = first.subject, first.one
        else:
            owner = first.owner if isinstance(first.owner, str) and first.owner.strip() else project.manager
            subject = Subject("person", owner if isinstance(owner, str) and owner else "manager", who)
            labels = [f"{a.subject.id} ({a.subject.name})" if a.subject.name else a.subject.id for a in asks]
            question = first.many.format(n=len(asks), list=some(labels) + ".")
        yield Finding(
            code="question",
            severity=Severity.INFO,
            subject=subject,
            message=f"Ask {who}: {question}",
            detail={"who": who, "why": first.why, "records": ", ".join(a.subject.id for a in asks),
                    **({"topic": first.topic} if first.topic.startswith(AT_RISK) else {})},
            suggestion=f"Put the question to {who} and record the answer in the plan.",
            source=first.source,
        )


AT_RISK = "at risk: "  # the topic of the questions of amber and red items: "at risk: when", ...
_FIX = "by when will these {n} be put right? {list}"  # the data errors among the items
_MANY: dict[str, str] = {
    "why": "why are these {n} late? {list}",
    "when": "by when do you expect these {n} back on track? {list}",
    "what": "what do you need to bring these {n} back on track (people, budget, a decision), and from whom? {list}",
    "who": "who decides on the recovery of these {n}: is there a sponsor or a steering committee? {list}",
}


def ask_about_items(project: Project, items: Sequence[Item], asked: Sequence[Finding] = ()) -> list[Finding]:
    """The questions of the amber and red items the data cannot answer (`pmo.engine.answers`).

    One per person and topic (why, when back on track, what is needed, who decides), as for
    missing information; a record already in a question to the same person is not asked again.
    """
    already = {
        (str(f.detail.get("who", "")), record)
        for f in asked if f.code == "question" for record in str(f.detail.get("records", "")).split(", ")
    }
    asks: dict[tuple[str, str, str], _Ask] = {}
    for item, topic, ask in every_ask(items):
        # who decides is one question of the project, whichever item raised it
        subject = Subject("project", project.key, project.name) if topic == "who" else item.subject
        if (ask.who, subject.id) not in already:
            many = _FIX if item.kind == "finding" and topic == "when" else _MANY[topic]
            asks.setdefault((ask.who, topic, subject.id), _Ask(
                AT_RISK + topic, subject, ask.person, ask.question, many, ask.why,
                project.source if topic == "who" else item.source))
    return list(_grouped(project, asks.values()))
