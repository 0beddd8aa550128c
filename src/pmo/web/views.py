"""The pages' data: one pydantic model per page, built from a Review. The HTML page renders it,
its JSON twin returns it, and the OpenAPI document describes it — so they cannot disagree.

Nothing is computed here but selection and text: figures, colours and findings come from the
Review (pmo.api).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, Field

from pmo import api
from pmo.model import Finding

GANTT_LIMIT = 120  # bars a page shows: the milestones and critical tasks first
COCKPIT_LIMIT = 40  # rows of each cockpit table or list: the findings page and the report hold the rest
DETAIL_LIMIT = 600  # characters of a detail the cockpit shows (the findings page shows all)
LIST_LIMIT = 200  # rows of a list page before "n more: filter to see them"
DELAY_CODES = ("milestone-slip", "forecast-risk", "trend-slip")
GOVERNANCE_CODES = ("meeting-missing", "meeting-attendee-missing", "prep-due", "deliverable-due-soon",
                    "absence-on-critical")
CONTACT_CODES = ("contact-overdue",)
QUESTION_CODES = ("question",)


class RatingOut(BaseModel):
    dimension: str
    colour: str = Field(description="green, amber, red, or na")
    label: str
    rule: str


class MilestoneOut(BaseModel):
    id: str
    name: str
    owner: str
    baseline: str
    forecast: str
    p80: str
    variance_days: int | None
    status: str


class CommitmentOut(BaseModel):
    name: str
    date: dt.date
    task: str | None
    forecast: str
    chance: float | None = Field(description="chance of meeting it (Monte Carlo), 0-1")
    at_risk: bool


class FindingOut(BaseModel):
    code: str
    severity: str
    duty: int
    subject_kind: str
    subject_id: str
    subject_name: str
    message: str
    detail: dict[str, Any]
    suggestion: str
    where: str


class ProjectCard(BaseModel):
    key: str
    name: str
    as_of: dt.date
    rating: RatingOut
    next_milestones: list[MilestoneOut]
    commitments_at_risk: list[CommitmentOut]
    findings_by_duty: dict[str, int]
    errors: int
    warnings: int


class Portfolio(BaseModel):
    projects: list[ProjectCard]


class FieldOut(BaseModel):
    id: str
    label: str
    value: str


class BarOut(BaseModel):
    id: str
    name: str
    level: int
    start: dt.date
    finish: dt.date
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    milestone: bool
    critical: bool
    percent_complete: float


class TrendOut(BaseModel):
    id: str
    name: str
    baseline: dt.date | None
    points: list[tuple[dt.date, dt.date | None]]


class CauseOut(BaseModel):
    task: str
    name: str
    kind: str = Field(description="late-start, longer-than-planned, owner-absent, ...")
    days: float = Field(description="working days this cause adds to the slip")
    what: str
    owner: str
    waited_for: list[str]
    blockers: list[str]


class ChainStepOut(BaseModel):
    task: str
    name: str
    start: dt.date
    finish: dt.date
    late: float | None = Field(description="working days after its baseline finish (None: no baseline)")
    added: float
    absorbed: float = Field(description="working days of float absorbed here")
    total_float: float


class WhoOut(BaseModel):
    person: str
    role: str
    task: str
    why: str


class ImpactOut(BaseModel):
    kind: str
    id: str
    name: str
    days: float | None
    date: dt.date | None
    text: str


class OptionOut(BaseModel):
    kind: str
    title: str
    days_recovered: int
    forecast: str
    cost: str
    risk: str
    assumptions: str
    change: str
    recommended: bool
    reason: str


class DelayFileOut(BaseModel):
    """A delay file (engine/foresight.py) with the measured recovery options of its milestone."""

    id: str
    name: str
    kind: str = Field(description="milestone, deliverable, commitment or project")
    forecast: dt.date
    baseline: dt.date | None
    slip: float = Field(description="working days after the baseline (else after the commitment)")
    headline: str
    prose: str
    causes: list[CauseOut]
    chain: list[ChainStepOut]
    who: list[WhoOut]
    impacts: list[ImpactOut]
    options: list[OptionOut] = Field(description="recovery options, the recommended one first")
    options_note: str = Field(description="why there are no options, when there are none")


class PrepStepOut(BaseModel):
    step: str
    owner: str
    due: dt.date
    lead_days: int
    state: str = Field(description="upcoming, due, late or done")
    state_text: str


class MeetingOut(BaseModel):
    """A governance meeting of the look-ahead, its checklist when its rule has preparation steps."""

    id: str
    title: str
    date: dt.date
    kind: str
    rule: str
    in_calendar: bool
    checklist: list[PrepStepOut]
    freeze: str
    agenda: str = Field(description="the agenda page (Markdown rendered); add the API path for .md/.docx")


class AskOut(BaseModel):
    question: str
    why: str
    records: list[str]


class AnsweredOut(BaseModel):
    item: str
    colour: str
    question: str
    answer: str
    source: str


class PersonQuestionsOut(BaseModel):
    who: str
    by: dt.date
    requests: list[AskOut]
    answered: list[AnsweredOut]


class Cockpit(BaseModel):
    """The cockpit: each list holds its first COCKPIT_LIMIT rows; `counts` says how many there are."""

    key: str
    name: str
    as_of: dt.date
    revision: int
    rating: RatingOut
    ratings: list[RatingOut]
    summary: list[str]
    header: list[FieldOut]
    figures: list[FieldOut]
    milestones: list[MilestoneOut]
    commitments: list[CommitmentOut]
    gantt: list[BarOut]
    gantt_total: int
    critical_path: list[str]
    finish: dt.date | None
    trend: list[TrendOut]
    delays: list[FindingOut]
    delay_files: list[DelayFileOut] = Field(description="one per item forecast late, with its recovery options")
    governance: list[FindingOut]
    meetings: list[MeetingOut] = Field(description="the governance meetings of the look-ahead")
    pulse: list[FindingOut] = Field(description="empty unless the reader's role may see check-ins")
    contacts: list[FindingOut]
    questions: list[FindingOut]
    question_sheet: list[PersonQuestionsOut] = Field(description="the questions by person (pmo questions)")
    input_requests: bool = Field(description="the steering committee's input requests can be downloaded")
    can_see_checkins: bool
    counts: dict[str, int] = Field(description="how many rows each list has in all (the lists are cut)")


class RowOut(BaseModel):
    id: str
    cells: dict[str, str]
    open: bool
    late: bool


class FieldSpecOut(BaseModel):
    name: str
    label: str
    type: str
    choices: list[str]
    required: bool


class Register(BaseModel):
    key: str
    collection: str
    kind: str
    fields: list[FieldSpecOut]
    columns: list[str]
    rows: list[RowOut]
    total: int


class RecordOut(BaseModel):
    key: str
    collection: str
    id: str
    version: str = Field(description="send it back with an edit: a save over a newer version is refused (409)")
    values: dict[str, str]


class Findings(BaseModel):
    key: str
    total: int
    shown: int
    findings: list[FindingOut]
    codes: list[str]
    people: list[str]


class NoteOut(BaseModel):
    id: str
    date: dt.date
    title: str
    meeting: str | None
    html: str = Field(description="the note's Markdown as sanitised HTML")
    entries: list[str]


class Notes(BaseModel):
    key: str
    notes: list[NoteOut]


def text(value: object) -> str:
    """A cell or a plain value as the report writes it (never blank)."""
    if value is None:
        return "—"
    return str(value) if str(value).strip() else "—"


def rating_out(rating: Any) -> RatingOut:
    colour = rating.colour.value if hasattr(rating.colour, "rank") else "na"
    return RatingOut(dimension=rating.dimension, colour=colour, label=rating.label, rule=rating.rule)


def milestone_out(row: Any) -> MilestoneOut:
    return MilestoneOut(id=row.id, name=row.name, owner=text(row.owner), baseline=text(row.baseline),
                        forecast=text(row.forecast), p80=text(row.p80), variance_days=row.variance_days,
                        status=row.status)


def finding_out(finding: Finding, where: str | None = None) -> FindingOut:
    return FindingOut(
        code=finding.code, severity=finding.severity.value, duty=api.duty_of(finding.code),
        subject_kind=finding.subject.kind, subject_id=finding.subject.id, subject_name=finding.subject.name,
        message=finding.message, detail={k: v for k, v in finding.detail.items()}, suggestion=finding.suggestion,
        where=where if where is not None else str(finding.source),
    )


def commitments_out(review: Any) -> list[CommitmentOut]:
    out = []
    odds = review.forecast.commitments if review.forecast is not None else {}
    for commitment in review.project.commitments:
        day = review.forecasts.get(commitment.task) if commitment.task else review.finish
        chance = odds.get(commitment.name)
        late = day is not None and day > commitment.date
        out.append(CommitmentOut(
            name=commitment.name, date=commitment.date, task=commitment.task,
            forecast=day.isoformat() if day else "NA (no forecast)",
            chance=chance, at_risk=late or (chance is not None and chance < 0.8),
        ))
    return out


def visible(findings: Any, checkins: bool) -> list[Finding]:
    """The findings a reader may see: those quoting check-ins only for roles that read them."""
    return [f for f in findings if checkins or f.code not in api.CHECKIN_CODES]


def portfolio_card(review: Any, checkins: bool) -> ProjectCard:
    shown = visible(review.findings, checkins)
    by_duty: dict[str, int] = {}
    for finding in shown:
        name = f"{api.duty_of(finding.code)} {api.DUTY_NAMES[api.duty_of(finding.code)]}"
        by_duty[name] = by_duty.get(name, 0) + 1
    upcoming = [m for m in review.milestones if m.status not in ("done",)][:3]
    return ProjectCard(
        key=review.project.key, name=review.project.name, as_of=review.as_of, rating=rating_out(review.rating),
        next_milestones=[milestone_out(m) for m in upcoming],
        commitments_at_risk=[c for c in commitments_out(review) if c.at_risk],
        findings_by_duty=dict(sorted(by_duty.items())),
        errors=sum(1 for f in shown if f.severity.value == "error"),
        warnings=sum(1 for f in shown if f.severity.value == "warning"),
    )


def cockpit(review: Any, revision: int, checkins: bool) -> Cockpit:
    where = {id(q.finding): q.where for q in review.quality}
    shown = visible(review.findings, checkins)

    counts: dict[str, int] = {}

    def of(codes: tuple[str, ...], name: str) -> list[FindingOut]:
        found = [f for f in shown if f.code in codes]
        counts[name] = len(found)
        return [_short(finding_out(f, where.get(id(f)))) for f in found[:COCKPIT_LIMIT]]

    def cut(name: str, rows: Any) -> list[Any]:
        counts[name] = len(rows)
        return list(rows[:COCKPIT_LIMIT])

    bars = sorted(review.gantt, key=lambda b: (not (b.milestone or b.critical), b.start))[:GANTT_LIMIT]
    bars.sort(key=lambda b: (b.start, b.finish))
    names = {t.id: t.name for t in review.project.tasks} if review.critical_path else {}
    return Cockpit(
        key=review.project.key, name=review.project.name, as_of=review.as_of, revision=revision,
        rating=rating_out(review.rating), ratings=[rating_out(r) for r in review.ratings],
        summary=list(review.summary),
        header=[FieldOut(id=r.id, label=r.label, value=text(r.value)) for r in review.header],
        figures=[FieldOut(id=r.id, label=r.label, value=text(r.value)) for r in cut("figures", review.figures)],
        milestones=[milestone_out(m) for m in cut("milestones", _late_first(review.milestones))],
        commitments=commitments_out(review),
        gantt=[BarOut(id=b.id, name=b.name, level=b.level, start=b.start, finish=b.finish,
                      baseline_start=b.baseline_start, baseline_finish=b.baseline_finish, milestone=b.milestone,
                      critical=b.critical, percent_complete=b.percent_complete) for b in bars],
        gantt_total=len(review.gantt),
        critical_path=[f"{t} {names.get(t, '')}".strip() for t in review.critical_path[:40]],
        finish=review.finish,
        trend=[TrendOut(id=t.id, name=t.name, baseline=t.baseline, points=list(t.points))
               for t in cut("trend", review.trend)],
        delays=of(DELAY_CODES, "delays"), governance=of(GOVERNANCE_CODES, "governance"),
        pulse=of(tuple(api.CHECKIN_CODES), "pulse") if checkins else [], contacts=of(CONTACT_CODES, "contacts"),
        questions=of(QUESTION_CODES, "questions"),
        delay_files=cut("delay_files", delay_files(review)), meetings=cut("meetings", meetings(review)),
        question_sheet=cut("question_sheet", question_sheet(review, checkins)),
        input_requests=api.input_requests_markdown(review) is not None,
        can_see_checkins=checkins, counts=counts,
    )


_KIND_ORDER = {"project": 0, "milestone": 1, "commitment": 2, "deliverable": 3}


def delay_files(review: Any) -> list[DelayFileOut]:
    """The delay files, milestones and commitments first (they carry options), the longest slip first."""
    options = api.recovery_options(review)
    files = sorted(review.delays, key=lambda d: (_KIND_ORDER.get(d.kind, 4), -d.slip, d.forecast))
    out = []
    for d in files:
        found = [OptionOut.model_validate({k: o.get(k) for k in OptionOut.model_fields}) for o in options.get(d.id, [])]
        note = "" if found else (
            "NA (recovery options are measured for a slipping milestone; this one has none that recovers days)"
            if d.id in options else "NA (recovery options are measured for milestones only: see the milestone "
            "this item leads to)")
        out.append(DelayFileOut(
            id=d.id, name=d.name, kind=d.kind, forecast=d.forecast, baseline=d.baseline, slip=d.slip,
            headline=d.headline or d.prose(), prose=_cut(d.prose()),
            causes=[CauseOut(task=c.task, name=c.name, kind=c.kind.value, days=c.days, what=c.what,
                             owner=text(c.owner), waited_for=list(c.waited_for),
                             blockers=[f"{b.kind} {b.id} {b.title}" + (f" ({b.owner})" if b.owner else "")
                                       for b in c.blockers]) for c in d.causes],
            chain=[ChainStepOut(task=s.task, name=s.name, start=s.start, finish=s.finish, late=s.late,
                                added=s.added, absorbed=s.absorbed, total_float=s.total_float)
                   for s in d.chain[:COCKPIT_LIMIT]],
            who=[WhoOut(person=w.person, role=w.role, task=w.task, why=w.why) for w in d.who],
            impacts=[ImpactOut(kind=i.kind, id=i.id, name=i.name, days=i.days, date=i.date, text=i.text)
                     for i in d.impacts[:COCKPIT_LIMIT]],
            options=found, options_note=note,
        ))
    return out


def meetings(review: Any) -> list[MeetingOut]:
    """The governance meetings of the look-ahead, each with its checklist and its agenda's page."""
    key = review.project.key
    return [MeetingOut(
        id=m.id, title=m.title, date=m.date, kind=m.kind, rule=m.rule, in_calendar=m.in_calendar,
        checklist=[PrepStepOut(step=s.step, owner=s.owner, due=s.due, lead_days=s.lead_days, state=s.state,
                               state_text=s.state_text) for s in m.steps],
        freeze=m.freeze or "NA (no preparation steps for this meeting)",
        agenda=f"/p/{key}/agenda?rule={quote(m.rule)}&on={m.date.isoformat()}",
    ) for m in api.governance_lookahead(review)]


def question_sheet(review: Any, checkins: bool) -> list[PersonQuestionsOut]:
    """The question sheet by person: what we need, by when, why; what the data already answers
    (an answer quoting a check-in only for the roles that read them)."""
    out = []
    for p in api.question_sheet_of(review).people:
        answered = [AnsweredOut(item=a.item, colour=a.colour, question=a.question, answer=_cut(a.answer),
                                source=a.source) for a in p.answered
                    if checkins or not any(code in a.source for code in api.CHECKIN_CODES)]
        if p.requests or answered:
            out.append(PersonQuestionsOut(
                who=p.who, by=p.by, answered=answered,
                requests=[AskOut(question=r.question, why=r.why, records=list(r.records)) for r in p.requests]))
    return out


def _cut(value: str) -> str:
    return value if len(value) <= DETAIL_LIMIT else value[:DETAIL_LIMIT] + " …"


def _late_first(rows: Any) -> list[Any]:
    """Milestones not done first, the latest against baseline first; then the done ones."""
    return sorted(rows, key=lambda m: (m.status == "done", -(m.variance_days or 0)))


def _short(finding: FindingOut) -> FindingOut:
    """A finding with each detail cut to DETAIL_LIMIT characters (the findings page shows it whole)."""
    detail = {k: (v if not isinstance(v, str) or len(v) <= DETAIL_LIMIT else v[:DETAIL_LIMIT] + " …")
              for k, v in finding.detail.items()}
    return finding.model_copy(update={"detail": detail})


_COLUMNS = {
    "actions": ("title", "owner", "due", "status", "age"),
    "risks": ("title", "owner", "probability", "impact", "score", "mitigation", "status"),
    "issues": ("title", "owner", "priority", "status", "due", "resolution"),
    "decisions": ("title", "status", "date", "decided_by"),
    "assumptions": ("title", "owner", "validate_by", "validated"),
}
_OPEN = ("open", "in-progress", "proposed", "no")


def register(review: Any, name: str, status: str = "", owner: str = "", q: str = "") -> Register:
    kind, specs = api.REGISTERS[name]
    columns = _COLUMNS[name]
    rows = []
    for row in getattr(review, name):
        cells = {c: text(getattr(row, c, None)) for c in columns}
        state = cells.get("status", cells.get("validated", ""))
        is_open = state in _OPEN
        if (status == "open" and not is_open) or (status == "closed" and is_open):
            continue
        if status not in ("", "open", "closed") and state != status:
            continue
        if owner and owner.lower() not in cells.get("owner", cells.get("decided_by", "")).lower():
            continue
        if q and q.lower() not in f"{row.id} {cells['title']}".lower():
            continue
        rows.append(RowOut(id=row.id, cells=cells, open=is_open, late=bool(getattr(row, "late", False))))
    return Register(
        key=review.project.key, collection=name, kind=kind,
        fields=[FieldSpecOut(name=s.name, label=s.label, type=s.type, choices=list(s.choices), required=s.required)
                for s in specs],
        columns=list(columns), rows=rows[:LIST_LIMIT], total=len(rows),
    )


def record(review: Any, name: str, record_id: str, version: str) -> RecordOut | None:
    """The editable values of one record, as the project shows it (people by id)."""
    found = next((r for r in getattr(review.project, name) if r.id == record_id), None)
    if found is None:
        return None
    values = {}
    for spec in api.REGISTERS[name][1]:
        value = getattr(found, spec.name, None)
        if isinstance(value, enum.Enum):
            value = value.value
        if isinstance(value, bool):
            values[spec.name] = "true" if value else "false"
        elif value is None or not isinstance(value, (str, int, dt.date)):
            values[spec.name] = ""  # blank, pending or NA: the form shows it empty
        else:
            values[spec.name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return RecordOut(key=review.project.key, collection=name, id=record_id, version=version, values=values)


def findings(review: Any, checkins: bool, code: str = "", duty: int | None = None, severity: str = "",
             person: str = "") -> Findings:
    where = {id(q.finding): q.where for q in review.quality}
    shown = visible(review.findings, checkins)
    people = {p.id: p.name for p in review.project.people}
    selected = []
    for f in shown:
        if (code and f.code != code) or (severity and f.severity.value != severity):
            continue
        if duty is not None and api.duty_of(f.code) != duty:
            continue
        if person and not _about(f, person, people.get(person, "")):
            continue
        selected.append(f)
    return Findings(
        key=review.project.key, total=len(selected), shown=min(len(selected), LIST_LIMIT),
        findings=[finding_out(f, where.get(id(f))) for f in selected[:LIST_LIMIT]],
        codes=sorted({f.code for f in shown}), people=sorted(people),
    )


def _about(finding: Finding, person: str, name: str) -> bool:
    """A finding is about a person when it names them (subject, message, detail)."""
    if finding.subject.id == person:
        return True
    words = f"{finding.message} {' '.join(str(v) for v in finding.detail.values())}"
    return person in words or bool(name and name in words)


def notes(review: Any, render: Any) -> Notes:
    out = []
    project = review.project
    for note in sorted(project.notes, key=lambda n: n.date, reverse=True)[:LIST_LIMIT]:
        origin = note.source.file
        entries = [f"{type(e).__name__.lower()} {e.id}: {e.title}"
                   for e in (*project.actions, *project.decisions, *project.risks, *project.issues)
                   if origin and e.source.file == origin]
        out.append(NoteOut(id=note.id, date=note.date, title=note.title, meeting=note.meeting,
                           html=render(note.text), entries=entries))
    return Notes(key=project.key, notes=out)
