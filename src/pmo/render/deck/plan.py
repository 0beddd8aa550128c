"""The plan in the deck: milestones, their trend chart, the schedule and critical path, the delay files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pmo.model import Finding
from pmo.render.deck.charts import add_trend_chart, trend_rows
from pmo.render.deck.kit import MARGIN_IN, WIDTH_IN, Story, add_slide, add_table, clip, na_box, text_box
from pmo.render.environment import cell_text
from pmo.render.report_parts import Td, td

STATUS_TONES = {"done": "green", "on track": "green", "slipping": "amber", "late": "red"}
MILESTONE_ROWS = 12
CRITICAL_ROWS = 9
DELAY_FILES = 5


def milestones_slide(deck: Any, story: Story) -> None:
    """Every milestone: baseline, forecast at the last report, forecast now, P80, variance, status."""
    review = story.review
    late = [m for m in review.milestones if m.status in ("late", "slipping")]
    title = (f"{len(late)} of {len(review.milestones)} milestones late or slipping" if late
             else "Milestones on track" if review.milestones else "No milestone in the plan")
    before = review.previous.status_date.isoformat() if review.previous else "no earlier report"
    slide = add_slide(deck, story.theme, story.page, title, "Milestones", [
        f"Milestones: the tasks marked milestone in {story.source}; baseline from the baseline dates of the plan.",
        f"Forecast at {review.as_of.isoformat()}: the schedule engine (critical path method on the project calendar) "
        "at the status date.",
        f"Last report: the forecast kept in the snapshot of {before}.",
        "P80: the Monte Carlo forecast (three-point estimates, settings.forecast_iterations runs).",
        "Variance: forecast minus baseline in working days of the project calendar.",
    ])
    if not review.milestones:
        na_box(slide, "NA (the plan has no milestone)")
        return
    order = sorted(review.milestones, key=lambda m: (m.status == "done", cell_text(m.forecast)))
    rows = [(Td(clip(f"{m.id} {m.name}", 52)), td(m.owner), td(m.baseline), td(m.previous), td(m.forecast),
             td(m.p80), td(m.variance), Td(m.status, STATUS_TONES.get(m.status, "")))
            for m in order[:MILESTONE_ROWS]]
    add_table(slide, story.theme, ("Milestone", "Owner", "Baseline", "Last report", "Forecast", "P80", "Variance",
                                   "Status"), rows, MARGIN_IN, 1.45, (3.9, 1.65, 1.15, 1.15, 1.15, 1.15, 0.95, 1.23),
              size=10, badge=7)
    if len(order) > MILESTONE_ROWS:
        text_box(slide, MARGIN_IN, 6.65, 8, 0.3, [f"{len(order) - MILESTONE_ROWS} more in the status report"], 10)


def trend_slide(deck: Any, story: Story) -> None:
    """The milestone trend: each open milestone's forecast at each status date (a native line chart)."""
    review = story.review
    rows = trend_rows(review)
    dates = sorted({d for r in rows for d, _ in r.points})
    moved = []
    for row in rows:
        known = [(d, f) for d, f in row.points if f is not None]
        first, last = known[0], known[-1]
        shift = (last[1] - first[1]).days
        tone = "red" if shift > 0 else "green" if shift < 0 else ""
        moved.append(Td(f"{row.id} {clip(row.name, 34)}: {first[1].isoformat()} → {last[1].isoformat()} "
                        f"({shift:+d} d since {first[0].isoformat()})", tone))
    slipped = sum(1 for t in moved if t.tone == "red")
    title = (f"{slipped} milestone forecast{'s' if slipped != 1 else ''} moved later since {dates[0].isoformat()}"
             if rows and slipped else "Milestone forecasts held" if rows else "Milestone trend")
    slide = add_slide(deck, story.theme, story.page, title, "Milestone trend", [
        "Each line: one open milestone's forecast (y) at each status date (x).",
        f"Points before {review.as_of.isoformat()}: the forecasts kept in the snapshots of earlier reports "
        f"({', '.join(d.isoformat() for d in dates[:-1]) or 'none'}); the last point: the schedule engine now.",
        *(t.text for t in moved),
    ])
    if not rows:
        na_box(slide, "NA (the trend needs forecasts from two status dates or more; pmo keeps one per report)")
        return
    add_trend_chart(slide, story.theme, rows, (MARGIN_IN, 1.45, 8.6, 5.35))
    text_box(slide, 9.35, 1.6, WIDTH_IN - 9.35 - MARGIN_IN, 5.2, moved, 11)


def schedule_slide(deck: Any, story: Story) -> None:
    """Commitments against forecast (and their odds), the project finish, and the critical path still to run."""
    review = story.review
    project = review.project
    figures = {f.id: f for f in review.figures}
    finish = figures.get("finish-variance")
    forecast = review.forecast
    commitments = []
    for c in project.commitments:
        planned = review.forecasts.get(c.task) if c.task else None
        points = forecast.milestones.get(c.task or "") if forecast is not None else None
        chance = forecast.commitments.get(c.name) if forecast is not None else None
        commitments.append((
            Td(c.name), Td(c.date.isoformat()),
            Td(planned.isoformat(), "red" if planned > c.date else "green") if planned
            else Td("NA (no milestone linked)", "na"),
            Td(points["P80"].isoformat()) if points else Td("NA (no Monte Carlo run)", "na"),
            Td(f"{chance:.0%}", "red" if chance < 0.5 else "") if chance is not None
            else Td("NA (no Monte Carlo run)", "na"),
        ))
    bars = {b.id: b for b in review.gantt}
    critical = [bars[i] for i in review.critical_path if i in bars and bars[i].percent_complete < 100
                and not bars[i].summary]
    rows = []
    for bar in critical[:CRITICAL_ROWS]:
        task = project.task(bar.id)
        owner = project.person_name(task.owner) if task is not None and isinstance(task.owner, str) else ""
        owner = owner or "NA (no owner)"
        rows.append((Td(clip(f"{bar.id} {bar.name}", 46)), Td(owner, "" if "NA" not in owner else "na"),
                     Td(bar.finish.isoformat()), Td(f"{bar.percent_complete:g} %")))
    headline = cell_text(finish.value) if finish is not None else "NA (no forecast finish)"
    title = f"Project finish {clip(headline, 60)}"
    slide = add_slide(deck, story.theme, story.page, title, "Schedule and critical path", [
        f"Commitments: the project header of {story.source}; forecast: the schedule engine at "
        f"{review.as_of.isoformat()}; P80 and chance: the Monte Carlo forecast of the Review.",
        f"Project finish: the figure 'Project finish variance' ({headline}): forecast finish minus baseline finish.",
        f"Critical path: the schedule engine's zero-float chain at {review.as_of.isoformat()} "
        f"({len(review.critical_path)} tasks; {len(critical)} not finished; "
        f"the first {min(len(critical), CRITICAL_ROWS)} shown).",
    ])
    top = 1.5
    text_box(slide, MARGIN_IN, top, 6.2, 0.35, ["Commitments to the sponsor"], 13, story.theme.primary, bold=True)
    if commitments:
        add_table(slide, story.theme, ("Commitment", "Committed", "Forecast", "P80", "Chance"), commitments,
                  MARGIN_IN, top + 0.4, (1.7, 1.15, 1.15, 1.15, 0.95), size=10)
    else:
        text_box(slide, MARGIN_IN, top + 0.4, 6.0, 0.4, [Td("NA (the project header lists no commitment)", "na")], 12)
    text_box(slide, 6.9, top, 6.0, 0.35, ["Critical path still to run"], 13, story.theme.primary, bold=True)
    if rows:
        add_table(slide, story.theme, ("Task", "Owner", "Finish", "Done"), rows, 6.9, top + 0.4,
                  (3.2, 1.45, 1.05, 0.73), size=10)
    else:
        text_box(slide, 6.9, top + 0.4, 5.9, 0.4, [Td("NA (no unfinished task on the critical path)", "na")], 12)


_KINDS = {"late-start": "late start", "longer-than-planned": "longer than planned",
          "waiting-on-link": "waiting on a link", "owner-absent": "owner absent",
          "plan": "not explained by a baseline"}
_IMPACT_ORDER = {"commitment": 0, "milestone": 1, "deliverable": 2, "meeting": 3, "cost": 4, "path": 5}


def _objects(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, (list, tuple)) else []


def _wd(days: object) -> str:
    return f"{days:g} wd" if isinstance(days, (int, float)) else str(days)


def delay_lines(finding: Finding) -> Mapping[str, str]:
    """A milestone-slip finding as the delay file's columns: what, impact, why, who, options.

    Reads the structured delay file in the finding's detail (`why`, `who`, `impact` as lists
    of objects, see `pmo.engine.foresight.DelayFile.to_detail`) and the measured `options`
    (`pmo.engine.recovery`): each cause with its days, the people by name and id, what else
    moves, the recommended option first. A missing part is "NA (why)".
    """
    detail = finding.detail or {}
    causes = _objects(detail.get("why"))
    why = "; ".join(f"{_wd(c.get('days'))} {_KINDS.get(str(c.get('kind')), str(c.get('kind', '')))} at "
                    f"{c.get('task', '')} {c.get('name', '')}".strip() for c in causes)
    people = list(dict.fromkeys(str(w.get("person", "")) for w in _objects(detail.get("who")) if w.get("person")))
    impacts = sorted(_objects(detail.get("impact")), key=lambda i: _IMPACT_ORDER.get(str(i.get("kind")), 9))
    moved = [str(i.get("text", "")) for i in impacts if i.get("text")]
    slip = detail.get("slip")
    impact = (f"moves {_wd(slip)}" if isinstance(slip, (int, float)) else finding.message)
    if moved:
        impact += "; " + "; ".join(moved[:3]) + (f"; {len(moved) - 3} more" if len(moved) > 3 else "")
    options = sorted(_objects(detail.get("options")), key=lambda o: not o.get("recommended"))
    recovery = "; ".join(
        f"{'Recommended: ' if o.get('recommended') else ''}{o.get('title', '')} ({_wd(o.get('days_recovered'))})"
        for o in options[:2])
    return {
        "what": f"{finding.subject.id} {finding.subject.name}".strip() or finding.message,
        "impact": impact,
        "why": why or "NA (no cause recorded)",
        "who": ", ".join(people) or "NA (no one named)",
        "options": recovery or "NA (no recovery option measured)",
    }


def delay_slide(deck: Any, story: Story) -> None:
    """The delay files: for each slipping milestone, the impact, why, who and the options."""
    review = story.review
    order = {m.id: cell_text(m.forecast) for m in review.milestones}
    files = sorted((f for f in review.findings if f.code == "milestone-slip"),
                   key=lambda f: order.get(f.subject.id, "9999"))
    count = len(files)
    slide = add_slide(deck, story.theme, story.page,
                      f"{count} delay file{'s' if count != 1 else ''}: why the milestones slip" if count
                      else "No delay file", "Delay files", [
        "Delay files: the milestone-slip findings of the checks (docs/findings.md), soonest milestone first; "
        "impact against the baseline and the commitments, why (driving tasks late on the schedule engine's path), "
        "who (the owners of those tasks), options (recovery options where recorded).",
        *(f"{f.subject.id}: {f.message}" for f in files),
    ])
    if not files:
        na_box(slide, "NA (no milestone slips against its baseline)")
        return
    rows = []
    for finding in files[:DELAY_FILES]:
        lines = delay_lines(finding)
        rows.append((Td(clip(lines["what"], 40)), Td(clip(lines["impact"], 90)), Td(clip(lines["why"], 120)),
                     Td(clip(lines["who"], 60)), Td(clip(lines["options"], 70),
                                                     "na" if lines["options"].startswith("NA") else "")))
    add_table(slide, story.theme, ("Milestone", "Impact", "Why", "Who", "Options"), rows, MARGIN_IN, 1.45,
              (2.2, 2.8, 3.6, 1.85, 1.88), size=9)
    if count > DELAY_FILES:
        text_box(slide, MARGIN_IN, 6.65, 8, 0.3, [f"{count - DELAY_FILES} more in pmo check and the report"], 10)

