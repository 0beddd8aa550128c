"""The rest of the story: top risks and issues, finance, what changed, the committee's actions, what comes next."""

from __future__ import annotations

from typing import Any

from pmo.model.values import Known
from pmo.render.deck.charts import add_finance_chart, finance_values
from pmo.render.deck.kit import MARGIN_IN, WIDTH_IN, Story, add_slide, add_table, clip, na_box, text_box
from pmo.render.environment import cell_text
from pmo.render.report_parts import Td, td

OPEN = ("open", "in-progress")
TOP_RISKS, TOP_ISSUES, CHANGES, NEXT_ROWS = 5, 4, 10, 10
FINANCE_TABLE = ("budget-burn", "burn-against-time", "cpi", "spi", "eac", "vac", "etc")


def risks_slide(deck: Any, story: Story) -> None:
    """The open risks by score and the open issues, each with its owner and what is done about it."""
    review = story.review
    risks = [r for r in review.risks if r.status in OPEN][:TOP_RISKS]
    issues = [i for i in review.issues if i.status in OPEN][:TOP_ISSUES]
    open_risks = sum(1 for r in review.risks if r.status in OPEN)
    open_issues = sum(1 for i in review.issues if i.status in OPEN)
    slide = add_slide(deck, story.theme, story.page, f"{open_risks} open risks, {open_issues} open issues",
                      "Top risks and issues", [
        f"Risks and issues: the registers of {story.source} at {review.as_of.isoformat()}.",
        "Risks: open first, highest score (probability × impact, 1-5 each) first; the first "
        f"{TOP_RISKS} shown. Issues: open ones in register order, the first {TOP_ISSUES} shown.",
        "A blank owner or mitigation shows as Investigation ongoing (who, by when): pmo opened it "
        "(see Investigation ongoing in the status report).",
    ])
    top = 1.45
    if risks:
        rows = [(Td(clip(f"{r.id} {r.title}", 70)), td(r.owner), td(r.score, "red" if _score(r.score) >= 15 else ""),
                 Td(clip(cell_text(r.mitigation), 85), td(r.mitigation).tone)) for r in risks]
        add_table(slide, story.theme, ("Risk", "Owner", "Score", "Mitigation"), rows, MARGIN_IN, top,
                  (5.2, 1.9, 0.8, 4.43), size=10)
        top += 0.4 + 0.42 * (len(rows) + 1)
    else:
        text_box(slide, MARGIN_IN, top, 8, 0.4, [Td("NA (no open risk)", "na")], 12)
        top += 0.6
    if issues:
        issue_rows = [(Td(clip(f"{i.id} {i.title}", 70)), td(i.owner), Td(cell_text(i.priority)), td(i.due),
                 Td(clip(cell_text(i.resolution), 60), td(i.resolution).tone)) for i in issues]
        add_table(slide, story.theme, ("Issue", "Owner", "Priority", "Due", "Resolution"), issue_rows, MARGIN_IN, top,
                  (5.2, 1.9, 1.0, 1.4, 2.83), size=10)
    else:
        text_box(slide, MARGIN_IN, top, 8, 0.4, [Td("NA (no open issue)", "na")], 12)


def _score(cell: object) -> int:
    return cell.value if isinstance(cell, Known) and isinstance(cell.value, int) else 0


def finance_slide(deck: Any, story: Story) -> None:
    """Budget, planned and earned value, actual cost and the forecast at completion; the indices beside."""
    review = story.review
    currency = review.project.currency
    figures = {f.id: f for f in review.figures}
    values = finance_values(review)
    cpi = figures.get("cpi")
    title = f"CPI {cell_text(cpi.value)}, SPI {cell_text(figures['spi'].value)}" if cpi and "spi" in figures \
        else "Finance"
    shown = [figures[i] for i in FINANCE_TABLE if i in figures]
    slide = add_slide(deck, story.theme, story.page, title if "NA" not in title else "Finance", "Finance", [
        f"Finance: the earned value figures of the Review at {review.as_of.isoformat()} (docs/figures.md), "
        f"from the task budgets and actual costs of {story.source}, in {currency}.",
        *(f"{label}: {amount:,.0f} {currency}" for label, amount in values),
        *(f"{f.label}: {cell_text(f.value)} ({f.help})" for f in shown),
    ])
    if not values:
        na_box(slide, "NA (no task carries a budget: the earned value needs budgets and actual costs)")
        return
    add_finance_chart(slide, story.theme, values, currency, (MARGIN_IN, 1.45, 7.2, 5.3))
    rows = [(Td(f.label), td(f.value)) for f in shown]
    add_table(slide, story.theme, ("Figure", "Value"), rows, 8.0, 1.6, (2.6, 2.23), size=11)


def changes_slide(deck: Any, story: Story) -> None:
    """What changed since the last steering committee: dates moved, entries opened, closed or re-rated."""
    steering, review = story.steering, story.review
    entries = steering.changed
    since = cell_text(steering.changed_since)
    last = steering.previous.date.isoformat() if steering.previous else "none"
    slide = add_slide(deck, story.theme, story.page,
                      f"{len(entries)} change{'s' if len(entries) != 1 else ''} since the last steering committee"
                      if entries else "Nothing changed since the last steering committee",
                      "What changed since the last steering committee", [
        f"Last steering committee: {last} ({steering.previous.origin if steering.previous else 'none known'}).",
        f"Compared with: {since} (the snapshot pmo kept then) and the Review at {review.as_of.isoformat()}.",
        "Milestone dates: the schedule engine's forecasts; registers: the entries of the project file; "
        "reasons: the task driving each milestone.",
    ])
    if not entries:
        na_box(slide, f"NA ({since})" if not isinstance(steering.changed_since, Known)
               else "NA (no date moved and no register entry changed)")
        return
    text_box(slide, MARGIN_IN, 1.4, 12, 0.35, [f"Compared with {since}"], 11, "52606D")
    rows = [(Td(c.kind), Td(clip(cell_text(c.subject), 70)), Td(clip(cell_text(c.change), 45)),
             Td(clip(cell_text(c.reason), 70), "na" if cell_text(c.reason).startswith("NA") else ""))
            for c in entries[:CHANGES]]
    add_table(slide, story.theme, ("Kind", "Subject", "Change", "Reason"), rows, MARGIN_IN, 1.8,
              (1.8, 4.4, 2.8, 3.33), size=9)
    if len(entries) > CHANGES:
        text_box(slide, MARGIN_IN, 6.65, 8, 0.3, [f"{len(entries) - CHANGES} more in the status report"], 10)


def actions_slide(deck: Any, story: Story) -> None:
    """The actions earlier steering committees decided, and where each stands now."""
    actions = story.steering.actions
    done = sum(1 for a in actions if a.status not in OPEN)
    late = sum(1 for a in actions if a.late)
    title = (f"{done} of {len(actions)} committee actions done" + (f", {late} overdue" if late else "")
             if actions else "No action from earlier committees")
    slide = add_slide(deck, story.theme, story.page, title, "Actions decided by the steering committee", [
        f"Actions: the action plan of {story.source}, those raised in the notes of steering committees "
        "(their origin is a steering committee note), latest meeting first.",
        f"Status, owner and due date at {story.review.as_of.isoformat()}; overdue: still open after its due date.",
        "Other overdue actions: the open entries of the whole action plan past their due date, oldest due first.",
    ])
    if actions:
        rows = [(Td(clip(f"{a.id} {a.title}", 80)), Td(a.decided.isoformat()), td(a.owner),
                 td(a.due, "red" if a.late else ""),
                 Td(a.status + (" (overdue)" if a.late else ""),
                    "red" if a.late else "green" if a.status == "done" else ""))
                for a in actions[:6]]
        add_table(slide, story.theme, ("Action", "Decided", "Owner", "Due", "Status"), rows, MARGIN_IN, 1.5,
                  (6.0, 1.3, 1.9, 1.3, 1.83), size=11)
    else:
        na_box(slide, "NA (no action was raised at a steering committee: no steering committee note holds one)")
    late_rows = sorted((a for a in story.review.actions if a.late and a.id not in {s.id for s in actions}),
                       key=lambda a: cell_text(a.due))
    top = 1.5 + 0.4 * (min(len(actions), 6) + 1) + (0.45 if actions else 0.9)
    if late_rows:
        text_box(slide, MARGIN_IN, top, 8, 0.35, ["Other overdue actions"], 13, story.theme.primary, bold=True)
        add_table(slide, story.theme, ("Action", "Owner", "Due", "Age"),
                  [(Td(clip(f"{a.id} {a.title}", 90)), td(a.owner), td(a.due, "red"), td(a.age))
                   for a in late_rows[:5]], MARGIN_IN, top + 0.4, (7.3, 2.0, 1.5, 1.53), size=10)

def next_slide(deck: Any, story: Story) -> None:
    """What falls due next and the date of the next steering committee."""
    review, steering = story.review, story.steering
    following = steering.following
    when = following.date.isoformat() if following else "not planned"
    horizon = review.project.settings.horizon_days
    slide = add_slide(deck, story.theme, story.page, f"Next steering committee: {when}", "Next steps and next date", [
        f"Next steps: the Review's next period, what falls due within {horizon} days of {review.as_of.isoformat()} "
        "(milestones forecast by the schedule engine, deliverables, critical starts, actions, decisions, meetings).",
        "Next steering committee: "
        + (following.origin if following else "none after this one in the governance rules or the calendar") + ".",
    ])
    text_box(slide, 9.6, 1.55, WIDTH_IN - 9.6 - MARGIN_IN, 0.4, ["NEXT STEERING COMMITTEE"], 11,
             story.theme.accent, bold=True)
    text_box(slide, 9.6, 1.95, WIDTH_IN - 9.6 - MARGIN_IN, 0.8, [when], 30, story.theme.primary, bold=True)
    text_box(slide, 9.6, 2.8, WIDTH_IN - 9.6 - MARGIN_IN, 0.9,
             [following.name if following else "NA (no later steering committee in the governance rules)"], 12)
    rows = [(Td(p.date.isoformat()), Td(p.kind), Td(clip(p.subject, 60)), td(p.owner),
             Td(p.status, "red" if p.status in ("overdue", "late") else ""))
            for p in review.next_period[:NEXT_ROWS]]
    if not rows:
        na_box(slide, f"NA (nothing falls due in the next {horizon} days)")
        return
    add_table(slide, story.theme, ("Date", "Kind", "Item", "Owner", "Status"), rows, MARGIN_IN, 1.5,
              (1.15, 1.45, 3.95, 1.45, 0.95), size=9)
