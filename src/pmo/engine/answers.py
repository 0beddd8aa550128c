"""The questions a manager or sponsor asks of every amber or red item, answered from the data.

For each amber or red item (the project's verdict, each RAG dimension, each milestone or
commitment at risk, each subject of an error finding) four questions: why, when back on
track, what is needed, who decides. Each gets an `Answer` (text and the source it comes
from: a finding, a record, a figure) or, where the data cannot answer, an `Ask`: the
question addressed to the person who can (the item's owner, else the project manager),
due within `settings.pending_days` working days. The asks become `question` findings
(`pmo.engine.checks.questions.ask_about_items`) and "Investigation ongoing" rows of the
report (`pending_rows`). Nothing amber or red: no item, no question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from pmo.engine.forecast import ForecastSummary
from pmo.engine.names import person_label, some
from pmo.engine.rag import Colour, Rating
from pmo.engine.review.rows import MilestoneRow, PendingRow
from pmo.engine.workdays import add_workdays
from pmo.model import DecisionStatus, Finding, ItemStatus, MeetingKind, Project, Severity, Source, Subject
from pmo.model.values import Known

Topic = Literal["why", "when", "what", "who"]
TOPICS: tuple[Topic, ...] = ("why", "when", "what", "who")
HEADINGS: dict[Topic, str] = {
    "why": "Why?", "when": "When back on track?", "what": "What is needed?", "who": "Who decides?",
}
ASKED_NOTE = "pmo asked: the data cannot answer"


@dataclass(frozen=True)
class Answer:
    """A question the data answers: the answer and where it comes from."""

    text: str
    source: str


@dataclass(frozen=True)
class Ask:
    """A question the data cannot answer: whom to ask (`person` the reference, `who` the label),
    the question as a PMO puts it, by when, and why it matters."""

    person: str
    who: str
    question: str
    by: dt.date
    why: str


@dataclass(frozen=True)
class Question:
    topic: Topic
    answer: Answer | Ask

    @property
    def heading(self) -> str:
        return HEADINGS[self.topic]


@dataclass(frozen=True)
class Item:
    """An amber or red item and its four questions."""

    subject: Subject
    kind: Literal["project", "dimension", "milestone", "finding"]
    colour: Literal["amber", "red"]
    rule: str  # why it has that colour
    owner: str  # the label of whom its questions go to
    questions: tuple[Question, ...]
    source: Source

    @property
    def label(self) -> str:
        if self.kind == "dimension":
            return f"the {self.subject.id} rating"
        if self.kind == "project":
            return f"project {self.subject.id} ({self.subject.name})" if self.subject.name else self.subject.id
        name = f" ({self.subject.name})" if self.subject.name else ""
        return f"{'milestone' if self.kind == 'milestone' else self.subject.kind} {self.subject.id}{name}"

    @property
    def asks(self) -> tuple[tuple[Topic, Ask], ...]:
        return tuple((q.topic, q.answer) for q in self.questions if isinstance(q.answer, Ask))


def delay_reason(finding: Finding) -> str:
    """The one line that says why a milestone slips: its delay file's headline (the causes, each with
    its days), else the finding's message."""
    headline = finding.detail.get("headline")
    return headline if isinstance(headline, str) and headline else finding.message


@dataclass(frozen=True)
class _Facts:
    project: Project
    by: dt.date
    findings: tuple[Finding, ...]
    forecast: ForecastSummary | None

    def ask(self, owner: object, question: str, why: str) -> Ask:
        if isinstance(owner, str) and owner.strip():
            return Ask(owner, person_label(self.project, owner), question, self.by, why)
        manager = self.project.manager if isinstance(self.project.manager, str) else ""
        who = person_label(self.project, manager) if manager else "the project manager"
        return Ask(manager, who, question, self.by, why)


_WHY_ASK = "the data does not say why it is late"
_WHEN_ASK = "the report cannot say when it will be back on track"
_WHAT_ASK = "no action, decision or mitigation in the data says what it takes to recover"
_WHO_ASK = "no sponsor or steering committee is recorded to decide on the recovery"


def items_at_risk(
    project: Project,
    as_of: dt.date,
    ratings: Sequence[Rating],
    rating: Rating,
    milestones: Sequence[MilestoneRow],
    findings: Sequence[Finding],
    forecast: ForecastSummary | None = None,
) -> tuple[Item, ...]:
    """Every amber or red item with its four questions: answered, or asked of someone."""
    facts = _Facts(project, add_workdays(as_of, project.settings.pending_days), tuple(findings), forecast)
    items: list[Item] = []
    if isinstance(rating.colour, Colour) and rating.colour is not Colour.GREEN:
        items.append(_project_item(facts, rating, ratings))
    for dimension in ratings:
        if isinstance(dimension.colour, Colour) and dimension.colour is not Colour.GREEN:
            items.append(_dimension_item(facts, dimension))
    milestone_ids = set()
    for row in milestones:
        item = _milestone_item(facts, row, as_of)
        if item is not None:
            items.append(item)
            milestone_ids.add(row.id)
    seen = {(i.subject.kind, i.subject.id) for i in items} | {("task", m) for m in milestone_ids}
    for finding in findings:
        key = (finding.subject.kind, finding.subject.id)
        if finding.severity is Severity.ERROR and key not in seen and finding.subject.kind != "check":
            seen.add(key)
            items.append(_finding_item(facts, finding))
    return tuple(items)


def pending_rows(project: Project, items: Sequence[Item]) -> list[PendingRow]:
    """One "Investigation ongoing" row per item and person asked: what, who, by when."""
    rows = []
    for _item, topic, ask in every_ask(items):
        if topic == "who":  # asked once, of the project (see `_decider`)
            rows.append(PendingRow(f"project {project.key}", "who decides", project.person_name(ask.person)
                                   if ask.person else ask.who, ask.by.isoformat(), ASKED_NOTE, False, True))
            break
    for item in items:
        by_person: dict[str, list[tuple[Topic, Ask]]] = {}
        for topic, ask in item.asks:
            if topic != "who":
                by_person.setdefault(ask.person, []).append((topic, ask))
        for person, asks in by_person.items():
            fields = ", ".join(HEADINGS[t].rstrip("?").lower() for t, _ in asks)
            who = project.person_name(person) if person else asks[0][1].who
            kind = "milestone" if item.kind == "milestone" else item.subject.kind
            rows.append(PendingRow(f"{kind} {item.subject.id}", fields, who, asks[0][1].by.isoformat(), ASKED_NOTE,
                                   False, True))
    return rows


# -- the items --------------------------------------------------------------------------------


def _decider(facts: _Facts, label: str) -> Answer | Ask:
    """Who decides: the sponsor, else the steering committee, else a question to the manager."""
    project = facts.project
    if isinstance(project.sponsor, str) and project.sponsor.strip():
        return Answer(f"{person_label(project, project.sponsor)}, the sponsor", "project header: sponsor")
    for rule in project.governance:
        if rule.kind is MeetingKind.STEERING:
            return Answer(f"the steering committee ({rule.name})", f"governance rule {rule.id}")
    for meeting in project.meetings:
        if meeting.kind is MeetingKind.STEERING:
            return Answer(f"the steering committee ({meeting.title})", f"meeting {meeting.id} (calendar)")
    del label  # one question for the project, whatever the item: who takes its decisions
    name = f"{project.name} ({project.key})" if project.name and project.name != project.key else project.key
    return facts.ask(None, f"who decides on the recovery of {name}: is there a sponsor or a steering committee "
                     "to take it to?", _WHO_ASK)


def _where(source: Source) -> str:
    """A record's origin in a few words: its file's name, or its system."""
    if source.file:
        return source.file.replace("\\", "/").rsplit("/", 1)[-1]
    return source.system or "register"


def _mentions(text: str, ids: set[str]) -> bool:
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]", text))
    return bool(words & ids)


def _needed(facts: _Facts, ids: set[str]) -> list[Answer]:
    """Open actions, proposed decisions and open risks that name one of `ids` (or are linked to them)."""
    project, found = facts.project, []
    for action in project.actions:
        if action.status in (ItemStatus.OPEN, ItemStatus.IN_PROGRESS) and _mentions(f"{action.title} {action.notes}",
                                                                                      ids):
            owner = f", {person_label(project, action.owner)}" if isinstance(action.owner, str) else ""
            due = f", due {action.due.isoformat()}" if isinstance(action.due, dt.date) else ""
            found.append(Answer(f"action {action.id} {action.title}{owner}{due}",
                                f"action {action.id} ({_where(action.source)})"))
    for decision in project.decisions:
        if decision.status is DecisionStatus.PROPOSED and _mentions(f"{decision.title} {decision.rationale}", ids):
            found.append(Answer(f"decision {decision.id} {decision.title}",
                                f"decision {decision.id} ({_where(decision.source)})"))
    for risk in project.risks:
        if risk.status.is_open and isinstance(risk.mitigation, str) and (set(risk.tasks) & ids):
            found.append(Answer(f"the mitigation of risk {risk.id}: {risk.mitigation}",
                                f"risk {risk.id} ({_where(risk.source)})"))
    return found


def _joined(answers: Sequence[Answer], limit: int = 4) -> Answer:
    """Several answers as one (the first `limit`, and how many more)."""
    shown = list(answers[:limit])
    more = f"; and {len(answers) - limit} more" if len(answers) > limit else ""
    return Answer("; ".join(a.text for a in shown) + more, "; ".join(dict.fromkeys(a.source for a in shown)))


def _project_item(facts: _Facts, rating: Rating, ratings: Sequence[Rating]) -> Item:
    project = facts.project
    subject = Subject("project", project.key, project.name)
    label = f"{project.name} ({project.key})" if project.name != project.key else project.key
    off = [f"{r.dimension} {r.label}" for r in ratings if isinstance(r.colour, Colour) and r.colour is not Colour.GREEN]
    why = Answer(f"{rating.rule}" + (f" (not green: {some(off, 6)})" if off else ""), "RAG rules: overall")
    proposed = [d for d in project.decisions if d.status is DecisionStatus.PROPOSED]
    waiting = [c for c in project.changes if c.status in ("submitted", "under-review", "open")]
    needed = [Answer(f"decision {d.id} {d.title}", f"decision {d.id} ({_where(d.source)})") for d in proposed]
    needed += [Answer(f"a decision on change {c.id} {c.title}", f"change {c.id} ({_where(c.source)})") for c in waiting]
    what: Answer | Ask = _joined(needed) if needed else facts.ask(
        None, f"what do you need to bring {label} back to green (people, budget, a decision), and from whom?",
        _WHAT_ASK)
    when = facts.ask(None, f"by when do you expect {label} back to green, and on what recovery plan?", _WHEN_ASK)
    return _item(subject, "project", rating, facts, None, why, when, what, _decider(facts, label), project.source)


def _dimension_item(facts: _Facts, rating: Rating) -> Item:
    project, dimension = facts.project, rating.dimension
    subject = Subject("rating", dimension)
    why = Answer(rating.rule, f"RAG rule: {dimension}")
    needed: list[Answer] = []
    if dimension == "scope":
        needed = [Answer(f"a decision on change {c.id} {c.title}", f"change {c.id} ({_where(c.source)})")
                  for c in project.changes if c.status in ("submitted", "under-review", "open")]
    elif dimension == "risk":
        limit = project.settings.rag.risk_red_score
        needed = [Answer(f"a mitigation for risk {r.id} {r.title} (score {r.score})",
                         f"risk {r.id} ({_where(r.source)})")
                  for r in project.risks
                  if r.status.is_open and (r.score or 0) >= limit and not isinstance(r.mitigation, str)]
    elif dimension == "resources":
        needed = [Answer(f"relief for {f.subject.name or f.subject.id}: {f.detail.get('impact', f.message)}",
                         "finding resource-overload") for f in facts.findings if f.code == "resource-overload"]
    elif dimension == "actions":
        needed = [Answer(f"closing action {f.subject.id} {f.subject.name} ({f.detail.get('who', 'no owner')})",
                         f"action {f.subject.id} (finding action-overdue)")
                  for f in facts.findings if f.code == "action-overdue"]
    what: Answer | Ask = _joined(needed) if needed else facts.ask(
        None, f"what do you need to bring the {dimension} rating back to green, and from whom?", _WHAT_ASK)
    when = facts.ask(None, f"by when do you expect the {dimension} rating back to green?", _WHEN_ASK)
    return _item(subject, "dimension", rating, facts, None, why, when, what,
                 _decider(facts, f"the {dimension} rating"), project.source)


def _milestone_colour(facts: _Facts, row: MilestoneRow, slip: Finding | None, late: bool,
                      at_risk: bool) -> Colour | None:
    bands = facts.project.settings.rag
    days = row.variance_days
    if row.status == "late" or late or (slip is not None and slip.severity is Severity.ERROR):
        return Colour.RED
    if days is not None and days > bands.slip_red_days:
        return Colour.RED
    if (days is not None and days > bands.slip_amber_days) or at_risk:
        return Colour.AMBER
    return None


def _milestone_item(facts: _Facts, row: MilestoneRow, as_of: dt.date) -> Item | None:
    if row.status == "done":
        return None
    by_code = {f.code: f for f in facts.findings if f.subject.kind == "task" and f.subject.id == row.id
               and f.code in ("milestone-slip", "milestone-past-open", "forecast-risk")}
    slip, past, risk = by_code.get("milestone-slip"), by_code.get("milestone-past-open"), by_code.get("forecast-risk")
    colour = _milestone_colour(facts, row, slip, past is not None, risk is not None)
    if colour is None:
        return None
    project = facts.project
    task = project.task(row.id)
    owner = task.owner if task is not None else None
    label = f"milestone {row.id} ({row.name})"
    reason = slip or past or risk
    why: Answer | Ask = (Answer(delay_reason(reason), f"finding {reason.code} on {row.id}") if reason is not None
                         else facts.ask(owner, f"why is {label} late?", _WHY_ASK))
    when: Answer | Ask
    if isinstance(row.forecast, Known) and row.status != "late":
        text = f"forecast {row.forecast}" + (f" ({row.variance} against the baseline {row.baseline})"
                                             if isinstance(row.baseline, Known) else "")
        source = f"schedule: forecast {row.forecast}"
        if isinstance(row.p80, Known):
            text += f"; P80 {row.p80}"
            source += "; forecast P80"
        when = Answer(text, source)
    else:
        when = facts.ask(owner, f"when do you now expect {label} to be reached?", _WHEN_ASK)
    how = slip.detail.get("how", []) if slip else []
    steps = how if isinstance(how, list) else []
    chain = {str(step["task"]) for step in steps if isinstance(step, dict) and "task" in step}
    needed = _needed(facts, {row.id, *chain})
    what: Answer | Ask = _joined(needed) if needed else facts.ask(
        owner, f"what do you need to bring {label} back to its date (people, budget, a decision), and from whom?",
        _WHAT_ASK)
    rule = reason.message if reason is not None else f"{row.status}, {row.variance} against the baseline"
    return Item(Subject("task", row.id, row.name), "milestone", "red" if colour is Colour.RED else "amber", rule,
                facts.ask(owner, "", "").who,
                (Question("why", why), Question("when", when), Question("what", what),
                 Question("who", _decider(facts, label))),
                task.source if task is not None else project.source)


def _record_owner(project: Project, subject: Subject) -> object:
    """The owner of a finding's subject (a task's, a risk's...), else None."""
    if subject.kind == "person":
        return subject.id
    if subject.kind == "task":
        task = project.task(subject.id)
        return task.owner if task is not None else None
    collection: tuple[object, ...] = {"action": project.actions, "risk": project.risks, "issue": project.issues,
                                      "assumption": project.assumptions}.get(subject.kind, ())
    record = next((r for r in collection if getattr(r, "id", None) == subject.id), None)
    return getattr(record, "owner", None)


def _finding_item(facts: _Facts, finding: Finding) -> Item:
    project, subject = facts.project, finding.subject
    owner = _record_owner(project, subject)
    label = str(subject)
    why = Answer(finding.message, f"finding {finding.code}")
    when = facts.ask(owner, f"by when will {label} be put right?", _WHEN_ASK)
    what: Answer | Ask = (Answer(finding.suggestion, f"pmo check: {finding.code}") if finding.suggestion
                          else facts.ask(owner, f"what does it take to put {label} right?", _WHAT_ASK))
    decides = facts.ask(owner, "", "")
    who = Answer(decides.who, "plan: owner" if isinstance(owner, str) and owner.strip() else "project header: manager")
    return Item(subject, "finding", "red", finding.message, decides.who,
                (Question("why", why), Question("when", when), Question("what", what), Question("who", who)),
                finding.source)


def _item(subject: Subject, kind: Literal["project", "dimension"], rating: Rating, facts: _Facts, owner: object,
          why: Answer | Ask, when: Answer | Ask, what: Answer | Ask, who: Answer | Ask, source: Source) -> Item:
    return Item(subject, kind, "red" if rating.colour is Colour.RED else "amber", rating.rule,
                facts.ask(owner, "", "").who,
                (Question("why", why), Question("when", when), Question("what", what), Question("who", who)), source)


def every_ask(items: Sequence[Item]) -> Iterator[tuple[Item, Topic, Ask]]:
    """Each unanswered question with its item, in the items' order."""
    for item in items:
        for topic, ask in item.asks:
            yield item, topic, ask
