"""The status report laid out once, for every format: sections of text cells in a fixed order.

HTML, PDF and DOCX render the same `Report`, so they show the same sections, columns and
cells. Laying out only orders, selects and words what the Review holds: it computes no
figure. Every cell goes through `cell_text`, so it reads as a value, "Investigation
ongoing (who, by when)" or "NA (why)", never blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pmo.engine.review.build import Review
from pmo.engine.review.rows import ActionRow, MilestoneRow, RiskRow
from pmo.model.values import Known
from pmo.render.charts import Chart, charts
from pmo.render.environment import cell_text
from pmo.render.report_parts import Report, Section, Table, Td, make_table, options_table, rag_tone, shown_delays, td

__all__ = ["Report", "Section", "Table", "Td", "layout", "td"]

TOP = 10
"""Rows of the "top" tables (risks, issues)."""
LIMIT = 100
"""Rows a long table shows before it says how many it left out."""
BAND_FIELDS = ("Project", "Status date")
"""Header fields the report's title band shows, so the field table leaves them out."""
STATUS_TONES = {"done": "green", "on track": "green", "slipping": "amber", "late": "red"}


def _date_key(value: object) -> dt.date:
    inner = value.value if isinstance(value, Known) else None
    return inner if isinstance(inner, dt.date) else dt.date.max


def _limited(
    key: str,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Td]],
    na: str,
    what: str,
    widths: Sequence[float] = (),
    limit: int = LIMIT,
    order: str = "",
) -> Section:
    if not rows:
        return Section(key, title, na=na)
    note = f"The first {limit:,} of {len(rows):,} {what}{order}." if len(rows) > limit else ""
    return Section(key, title, table=make_table(columns, rows[:limit], widths), note=note)


def _recovery(review: Review) -> Section:
    table = options_table(review.findings)
    note = ("Each option was applied to a copy of the plan and re-scheduled: the days are measured, and none "
            "breaks a link, a constraint, a calendar or a capacity." if table is not None else "")
    return Section("recovery", "Recovery options", table=table, na="NA (no milestone is slipping)", note=note)


def _milestone(m: MilestoneRow) -> tuple[Td, ...]:
    return (
        Td(f"{m.id} {m.name}"),
        td(m.owner),
        td(m.baseline),
        td(m.previous),
        td(m.forecast),
        td(m.p80),
        td(m.actual),
        td(m.variance),
        Td(m.status, STATUS_TONES.get(m.status, "")),
    )


def _action(a: ActionRow) -> tuple[Td, ...]:
    return (
        Td(f"{a.id} {a.title}"),
        td(a.owner),
        td(a.due, "red" if a.late else ""),
        Td(a.status + (" (overdue)" if a.late else ""), "red" if a.late else ""),
        td(a.age),
        td(a.carried),
    )


def _risk_key(risk: RiskRow) -> tuple[int, int]:
    score = risk.score.value if isinstance(risk.score, Known) else None
    return (0 if risk.status in ("open", "in-progress") else 1, -score if isinstance(score, int) else 1)


def _next_period(review: Review) -> Section:
    horizon = review.project.settings.horizon_days
    rows = [
        (
            Td(p.date.isoformat()),
            Td(p.kind),
            Td(p.subject),
            td(p.owner),
            Td(p.status, "red" if p.status in ("overdue", "late") else STATUS_TONES.get(p.status, "")),
        )
        for p in review.next_period
    ]
    if not rows:
        return Section("next", "Next period", na=f"NA (nothing falls due in the next {horizon} days)")
    note = f"What falls due in the next {horizon} days, and what is already overdue."
    table = make_table(("Date", "Kind", "Item", "Owner", "Status"), rows, (12, 14, 44, 16, 14))
    return Section("next", "Next period", table=table, note=note)


LEVEL_TONES = {"calm": "green", "strained": "amber", "overstretched": "red"}


def _ground_feel(review: Review) -> Section:
    rows = [
        (Td(g.scope), Td(g.label, LEVEL_TONES.get(g.level, "")), Td(g.trend), Td(g.reasons))
        for g in review.stretch
    ]
    if not rows:
        return Section("ground", "Ground feel", na="NA (no ground feel computed for this review)")
    note = "The strain on the plan, for the project and each team, with the signals behind it."
    table = make_table(("Scope", "Level", "Trend", "Signals"), rows, (14, 16, 18, 52))
    return Section("ground", "Ground feel", table=table, note=note)


def _delays(review: Review) -> Section:
    """Each late item's delay file read aloud (the measured options follow in their own section)."""
    if not review.delays:
        return Section("delays", "Delays", na="NA (no milestone, deliverable or commitment is forecast after its "
                                               "baseline or committed date)")
    files, note = shown_delays(review)
    return Section("delays", "Delays", lines=tuple(d.prose() for d in files), note=note)


def _sections(review: Review) -> list[Section]:
    ratings = make_table(
        ("Dimension", "Status", "Rule that produced it"),
        (
            (Td(r.dimension.capitalize()), Td(r.label, rag_tone(r.colour)), Td(cell_text(r.rule)))
            for r in review.ratings
        ),
        (16, 24, 60),
    )
    changed = [
        (Td(c.kind), Td(cell_text(c.subject)), Td(cell_text(c.change)), Td(cell_text(c.reason))) for c in review.changed
    ]
    risks = sorted(review.risks, key=_risk_key)
    issues = sorted(review.issues, key=lambda i: 0 if i.status in ("open", "in-progress") else 1)
    quality = [
        (
            Td(q.finding.severity.value, {"error": "red", "warning": "amber"}.get(q.finding.severity.value, "")),
            Td(q.finding.code, "code"),
            Td(cell_text(q.finding.message)),
            Td(q.finding.suggestion or "NA (no suggestion)", "" if q.finding.suggestion else "na"),
            Td(cell_text(q.where), "source"),
        )
        for q in review.quality
    ]
    return [
        Section("summary", "Executive summary", lines=review.summary, na="NA (no summary line)"),
        Section("rag", "Status by dimension", table=ratings),
        _limited(
            "this",
            "This period",
            ("Kind", "Subject", "Change", "Reason"),
            changed,
            "NA (no earlier report to compare with: this is the first snapshot)",
            "changes",
            (12, 26, 36, 26),
        ),
        _next_period(review),
        _ground_feel(review),
        _limited(
            "milestones",
            "Milestones",
            ("Milestone", "Owner", "Baseline", "Previous forecast", "Forecast", "P80", "Actual", "Variance",
             "Status"),
            [_milestone(m) for m in review.milestones],
            "NA (the plan has no milestone)",
            "milestones",
            (21, 12, 10, 10, 10, 10, 10, 7, 10),
        ),
        _delays(review),
        _recovery(review),
        Section(
            "figures",
            "Figures",
            table=make_table(
                ("Figure", "Value", "How it is computed"),
                ((Td(f.label), td(f.value), Td(f.help or "NA (self-explanatory)", "" if f.help else "na"))
                 for f in review.figures),
                (28, 32, 40),
            ),
        ),
        _limited(
            "risks",
            "Top risks",
            ("Risk", "Owner", "P", "I", "Score", "Mitigation", "Status"),
            [
                (
                    Td(f"{k.id} {k.title}"),
                    td(k.owner),
                    td(k.probability),
                    td(k.impact),
                    td(k.score),
                    td(k.mitigation),
                    Td(k.status),
                )
                for k in risks
            ],
            "NA (no risk recorded)",
            "risks",
            (30, 13, 5, 5, 7, 28, 12),
            TOP,
            ", open first, highest score first",
        ),
        _limited(
            "issues",
            "Top issues",
            ("Issue", "Owner", "Priority", "Status", "Due", "Resolution"),
            [
                (
                    Td(f"{i.id} {i.title}"),
                    td(i.owner),
                    Td(cell_text(i.priority)),
                    Td(i.status),
                    td(i.due),
                    td(i.resolution),
                )
                for i in issues
            ],
            "NA (no issue recorded)",
            "issues",
            (30, 14, 10, 11, 13, 22),
            TOP,
            ", open first",
        ),
        _limited(
            "decisions",
            "Decisions",
            ("Decision", "Status", "Date", "Decided by"),
            [(Td(f"{d.id} {d.title}"), Td(d.status), td(d.date), td(d.decided_by)) for d in review.decisions],
            "NA (no decision recorded)",
            "decisions",
            (46, 14, 20, 20),
        ),
        _limited(
            "assumptions",
            "Assumptions",
            ("Assumption", "Owner", "Validate by", "Validated"),
            [(Td(f"{a.id} {a.title}"), td(a.owner), td(a.validate_by), Td(a.validated)) for a in review.assumptions],
            "NA (no assumption recorded)",
            "assumptions",
            (46, 20, 20, 14),
        ),
        _limited(
            "actions",
            "Action plan",
            ("Action", "Owner", "Due", "Status", "Age", "Carried over"),
            [_action(a) for a in review.actions],
            "NA (no action recorded)",
            "actions",
            (38, 16, 12, 12, 8, 14),
        ),
        _limited(
            "changes",
            "Change requests",
            ("Change", "Status", "Raised", "Impact"),
            [(Td(f"{c.id} {c.title}"), Td(c.status), td(c.raised), td(c.impact)) for c in review.changes],
            "NA (no change request recorded)",
            "change requests",
            (36, 14, 14, 36),
        ),
        _limited(
            "pending",
            "Investigation ongoing",
            ("Subject", "Field", "Who", "By", "Note"),
            [
                (
                    Td(p.subject),
                    Td(p.field),
                    Td(cell_text(p.who)),
                    Td(p.by + (" (overdue)" if p.overdue else ""), "red" if p.overdue else ""),
                    Td(cell_text(p.note)),
                )
                for p in review.pending
            ],
            "NA (nothing is under investigation)",
            "open investigations",
            (20, 16, 16, 14, 34),
            order=", soonest first",
        ),
        _limited(
            "quality",
            "Quality of the data",
            ("Severity", "Code", "Finding", "Suggestion", "Source"),
            quality,
            "NA (no finding: the data passed every check)",
            "findings",
            (9, 15, 32, 27, 17),
            order=", errors first (pmo check lists them all)",
        ),
    ]


def layout(review: Review, drawn: Sequence[Chart] | None = None) -> Report:
    """The report of a Review, laid out for every format (`drawn`: its charts, if already drawn)."""
    chart_sections = [
        Section(c.key, c.title, na=c.na, note=c.caption if c.png else "", chart=c if c.png else None, new_page=i == 0)
        for i, c in enumerate(charts(review) if drawn is None else drawn)
    ]
    author = next((cell_text(f.value) for f in review.header if f.label.lower() == "report author"), "")
    return Report(
        title="Status report",
        project=review.project.name,
        key=review.project.key,
        as_of=review.as_of.isoformat(),
        author=author,
        rating=Td(review.rating.label, rag_tone(review.rating.colour)),
        header=make_table(
            ("Field", "Value"),
            ((Td(f.label), td(f.value)) for f in review.header if f.label not in BAND_FIELDS),
            (25, 75),
        ),
        sections=(*_sections(review), *chart_sections),
    )
