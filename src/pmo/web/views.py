"""The pages' data: one pydantic model per page, built from a Review. The HTML page renders it,
its JSON twin returns it, and the OpenAPI document describes it — so they cannot disagree.

Nothing is computed here but selection and text: figures, colours and findings come from the
Review (pmo.api).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

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
    governance: list[FindingOut]
    pulse: list[FindingOut] = Field(description="empty unless the reader's role may see check-ins")
    contacts: list[FindingOut]
    questions: list[FindingOut]
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
        questions=of(QUESTION_CODES, "questions"), can_see_checkins=checkins, counts=counts,
    )


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
