"""History: snapshots of a Review, the milestone trend, and what changed since last time.

A snapshot keeps, at each status date, the forecast of every milestone, the headline
figures and the state of every register entry. Comparing the latest earlier snapshot with
the current one gives "what changed since the last report"; the forecasts across all of
them give the milestone trend and the `trend-slip` finding.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from pmo.engine.names import person_label
from pmo.engine.review.rows import ChangeEntry, FieldRow, TrendRow
from pmo.model import Finding, Project, Severity, Snapshot, Source, Subject

ItemState = dict[str, str | int | None]
_OPEN = ("open", "in-progress")
_REGISTERS = (("actions", "action"), ("risks", "risk"), ("issues", "issue"), ("decisions", "decision"),
              ("changes", "change"), ("assumptions", "assumption"))


def register_states(project: Project) -> dict[str, ItemState]:
    """The state of every register entry: title, status, due, owner, score."""
    states: dict[str, ItemState] = {}
    for name, kind in _REGISTERS:
        for record in getattr(project, name):
            status = getattr(record, "status", None)
            if status is None:  # assumptions: validated or still to validate
                status = "validated" if getattr(record, "validated", False) else "open"
            state: ItemState = {"title": record.title, "status": str(getattr(status, "value", status))}
            due = getattr(record, "due", None)
            if isinstance(due, dt.date):
                state["due"] = due.isoformat()
            owner = getattr(record, "owner", None)
            if isinstance(owner, str):
                state["owner"] = owner
            score = getattr(record, "score", None)
            if isinstance(score, int):
                state["score"] = score
            states[f"{kind}:{record.id}"] = state
    return states


def snapshot_of(
    project: Project,
    as_of: dt.date,
    forecasts: Mapping[str, dt.date | None],
    figures: Mapping[str, float | str | None],
    taken_at: dt.datetime,
) -> Snapshot:
    """The snapshot of a project's review at `as_of`."""
    milestones = {task.id: forecasts.get(task.id) for task in project.tasks if task.milestone}
    return Snapshot(project.key, as_of, taken_at, milestones, dict(figures), register_states(project))


def milestone_trend(
    project: Project, snapshots: Sequence[Snapshot], as_of: dt.date, forecasts: Mapping[str, dt.date | None]
) -> tuple[TrendRow, ...]:
    """Every milestone's forecast at each earlier status date, then now."""
    earlier = sorted((s for s in snapshots if s.status_date < as_of), key=lambda s: s.status_date)
    rows = []
    for task in project.tasks:
        if not task.milestone:
            continue
        points = [(s.status_date, s.milestones[task.id]) for s in earlier if task.id in s.milestones]
        points.append((as_of, task.actual_finish or forecasts.get(task.id)))
        rows.append(TrendRow(task.id, task.name, task.baseline_finish, tuple(points)))
    return tuple(rows)


def trend_findings(project: Project, trend: Sequence[TrendRow]) -> Iterator[Finding]:
    """`trend-slip`: a milestone's forecast moved later at each of the last two status dates."""
    for row in trend:
        dates = [(day, forecast) for day, forecast in row.points if forecast is not None]
        if len(dates) < 3:
            continue
        (d0, f0), (d1, f1), (_, f2) = dates[-3:]
        if not (f0 < f1 < f2):
            continue
        task = project.task(row.id)
        owner = person_label(project, task.owner) if task and isinstance(task.owner, str) else "its owner"
        total = (f2 - f0).days
        moves = (f"{f0.isoformat()} on {d0.isoformat()}, {f1.isoformat()} on {d1.isoformat()}, "
                 f"{f2.isoformat()} now ({total} days in all)")
        yield Finding(
            code="trend-slip",
            severity=Severity.WARNING,
            subject=Subject("task", row.id, row.name),
            message=f"Milestone {row.id} ({row.name}) slipped at each of the last two reports: {moves}.",
            detail={"who": owner, "trend": " → ".join(f.isoformat() for _, f in dates), "moves": moves},
            suggestion=f"Ask {owner} what keeps moving it; a forecast that slips every week is not a forecast.",
            source=task.source if task else Source(system="pmo", key=row.id),
        )


def what_changed(
    previous: Snapshot | None,
    current: Snapshot,
    project: Project,
    reasons: Mapping[str, str] | None = None,
) -> tuple[ChangeEntry, ...]:
    """What changed between the previous snapshot and now, entry by entry.

    Milestone dates that moved carry a reason from `reasons` (by milestone id) when one
    is known, e.g. the task that drives the milestone.
    """
    if previous is None:
        return ()
    entries: list[ChangeEntry] = []
    for key, forecast in current.milestones.items():
        before = previous.milestones.get(key)
        if before is None or forecast is None or before == forecast:
            continue
        task = project.task(key)
        moved = (forecast - before).days
        why = (reasons or {}).get(key) or "NA (no reason recorded)"
        label = f"milestone {key}" + (f" ({task.name})" if task else "")
        direction = "later" if moved > 0 else "earlier"
        entries.append(ChangeEntry("date moved", label, f"{before.isoformat()} → {forecast.isoformat()} "
                                   f"({abs(moved)} days {direction})", why))
    entries.extend(_register_changes(previous.items, current.items, previous.status_date, current.status_date))
    return tuple(entries)


def _register_changes(
    before: Mapping[str, ItemState], after: Mapping[str, ItemState], since: dt.date, as_of: dt.date
) -> Iterator[ChangeEntry]:
    closing = {"done", "closed", "cancelled"}
    for key, state in after.items():
        kind, _, ident = key.partition(":")
        label = f"{kind} {ident} ({state.get('title', '')})"
        old = before.get(key)
        status = str(state.get("status"))
        if old is None:
            verb = {"risk": "raised", "decision": "taken" if status == "taken" else "proposed"}.get(kind, "opened")
            yield ChangeEntry(f"{kind} {verb}", label, f"new, {status}", "NA (new entry)")
            continue
        old_status = str(old.get("status"))
        if old_status != status:
            if status in closing:
                yield ChangeEntry(f"{kind} closed", label, f"{old_status} → {status}", "NA (status change)")
            elif kind == "decision" and status == "taken":
                yield ChangeEntry("decision taken", label, f"{old_status} → taken", "NA (status change)")
            else:
                yield ChangeEntry(f"{kind} status", label, f"{old_status} → {status}", "NA (status change)")
        if old.get("score") != state.get("score") and state.get("score") is not None:
            yield ChangeEntry("risk re-rated", label, f"score {old.get('score', 'NA')} → {state['score']}",
                              "NA (re-rated)")
        if old.get("due") != state.get("due") and state.get("due"):
            yield ChangeEntry(f"{kind} due date moved", label, f"{old.get('due', 'none')} → {state['due']}",
                              "NA (no reason recorded)")
        if _overdue(state, as_of) and not _overdue(old, since):
            yield ChangeEntry(f"{kind} overdue", label, f"due {state['due']}, still {status}", "NA (not closed)")
    for key, old in before.items():
        if key not in after:
            kind, _, ident = key.partition(":")
            yield ChangeEntry(f"{kind} removed", f"{kind} {ident} ({old.get('title', '')})", "no longer listed",
                              "NA (removed from the source)")


def _overdue(state: Mapping[str, str | int | None], when: dt.date) -> bool:
    due = state.get("due")
    return state.get("status") in _OPEN and isinstance(due, str) and due < when.isoformat()


def figures_of(
    rows: Sequence[FieldRow], extra: Mapping[str, float] | None = None
) -> dict[str, float | str | None]:
    """Headline figures by stable id for a snapshot: the number where there is one, else the text;
    then `extra` figures by id (the ground feel: `stretch`, `stretch:<team>`, `critical-float`)."""
    figures: dict[str, float | str | None] = {
        row.id: row.number if row.number is not None else str(row.value) for row in rows
    }
    figures.update(extra or {})
    return figures


def with_figure_ids(snapshot: Snapshot, ids: Mapping[str, str]) -> Snapshot:
    """A snapshot whose figures are keyed by id (older snapshots keyed them by label: `ids` maps them)."""
    if not any(key in ids and ids[key] != key for key in snapshot.figures):
        return snapshot
    figures = {ids.get(key, key): value for key, value in snapshot.figures.items()}
    return dataclasses.replace(snapshot, figures=figures)
