"""Earned value and earned schedule at a status date, from task budgets and the time-phased plan.

* **BAC** of a task is its `budget`, else `effort` × `day_rate` when a day rate is given.
  A budget counts once: a summary's budget only when none of its descendants has one.
* **PV(t)** spreads each task's BAC evenly over the working days of its baseline window
  (its scheduled dates when it has no baseline, the plan's dates when there is no
  schedule either); a milestone's BAC falls due on its date. PV at the status date
  counts the status date as worked (status taken at the close of that day).
* **EV** = Σ BAC × percent complete (a done task counts 100 %); **AC** = Σ actual cost of
  the same tasks.
* **Earned schedule** (Lipke, "Schedule is Different", The Measurable News, 2003): ES is
  the time at which PV(t) equals the current EV, linearly interpolated; AT the time
  elapsed at the status date; both in working days from the planned start. SV(t) = ES −
  AT, SPI(t) = ES / AT, IEAC(t) = PD / SPI(t), PD the planned duration.
* The headline **EAC** is BAC / CPI (current cost efficiency holds); the others are shown
  beside it. See docs/figures.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from pmo.engine.review.rows import Cell, FieldRow
from pmo.engine.schedule import Schedule
from pmo.engine.timephase import Window, WorkingDays, origins_text, planned_span, window, working_days
from pmo.model import Project, Task
from pmo.model.values import Known, NotApplicable

_Put = Callable[[str, "float | None", str], None]

FIGURES = (
    "bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac", "eac_atypical", "eac_composite", "etc",
    "vac", "tcpi_bac", "tcpi_eac", "es", "at", "pd", "sv_t", "spi_t", "ieac_t",
)


@dataclass(frozen=True)
class EarnedValue:
    """Earned value and earned schedule figures at `as_of`.

    Money in the project's currency, times in working days from the planned start. A figure
    is None when it cannot be computed, and `missing[name]` says why.
    """

    as_of: dt.date
    basis: str
    bac: float | None = None
    pv: float | None = None
    ev: float | None = None
    ac: float | None = None
    sv: float | None = None
    cv: float | None = None
    spi: float | None = None
    cpi: float | None = None
    eac: float | None = None  # headline: BAC / CPI
    eac_atypical: float | None = None  # AC + (BAC − EV)
    eac_composite: float | None = None  # AC + (BAC − EV) / (CPI × SPI)
    etc: float | None = None
    vac: float | None = None
    tcpi_bac: float | None = None
    tcpi_eac: float | None = None
    es: float | None = None
    at: float | None = None
    pd: float | None = None
    sv_t: float | None = None
    spi_t: float | None = None
    ieac_t: float | None = None
    ieac_t_date: dt.date | None = None
    planned_start: dt.date | None = None
    missing: dict[str, NotApplicable] = field(default_factory=dict, compare=False)

    def why(self, name: str) -> NotApplicable:
        """Why figure `name` has no value."""
        return self.missing.get(name, NotApplicable("not computed"))


def task_bac(task: Task, day_rate: float | None = None) -> float | None:
    """The budget at completion of one task: its budget, else effort × day rate."""
    if task.budget is not None:
        return float(task.budget)
    if day_rate is not None and task.effort is not None:
        return float(task.effort) * day_rate
    return None


def rolled_progress(project: Project) -> dict[str, float]:
    """Percent complete of every task; a summary's is its leaves' duration-weighted average.

    A budget may sit on a summary task (a work package) while progress is recorded on
    its children: the summary's own percent complete is then usually left at 0.
    """
    children: dict[str, list[Task]] = {}
    for task in project.tasks:
        if task.parent:
            children.setdefault(task.parent, []).append(task)
    own = {t.id: 100.0 if t.done else min(max(t.percent_complete, 0.0), 100.0) for t in project.tasks}

    def leaves(task: Task, seen: set[str]) -> list[Task]:
        kids = [k for k in children.get(task.id, []) if k.id not in seen]
        if not kids:
            return [task]
        seen.update(k.id for k in kids)
        return [leaf for kid in kids for leaf in leaves(kid, seen)]

    progress = dict(own)
    for task in project.tasks:
        if task.id in children and not task.done:
            found = [leaf for leaf in leaves(task, {task.id}) if not leaf.milestone]
            weights = [leaf.duration or 0.0 for leaf in found]
            total = sum(weights)
            if total > 0:
                progress[task.id] = sum(w * own[leaf.id] for w, leaf in zip(weights, found, strict=True)) / total
    return progress


def budgeted_tasks(project: Project, day_rate: float | None = None) -> list[tuple[Task, float]]:
    """Tasks whose BAC counts, each once (no budget of a summary and of its children both)."""
    children: dict[str, list[str]] = {}
    for task in project.tasks:
        if task.parent:
            children.setdefault(task.parent, []).append(task.id)
    by_id = {t.id: t for t in project.tasks}

    def below_has_budget(task_id: str, seen: set[str]) -> bool:
        for kid in children.get(task_id, ()):
            if kid in seen:
                continue
            seen.add(kid)
            if task_bac(by_id[kid], day_rate) is not None or below_has_budget(kid, seen):
                return True
        return False

    found = []
    for task in project.tasks:
        bac = task_bac(task, day_rate)
        if bac is not None and not below_has_budget(task.id, {task.id}):
            found.append((task, bac))
    return found


def planned_value(windows: list[tuple[Window, float]], t: float) -> float:
    """Cumulative PV at axis point `t`."""
    return sum(bac * w.planned(t) for w, bac in windows)


def _pv_before(windows: list[tuple[Window, float]], t: float) -> float:
    """PV just before `t` (a milestone falling due exactly at `t` not yet counted)."""
    return sum(bac * (0.0 if w.start == w.end == t else w.planned(t)) for w, bac in windows)


def earned_schedule(windows: list[tuple[Window, float]], ev: float) -> float:
    """ES: the time from the planned start at which PV first reaches `ev`.

    PV is linear between the windows' ends, so the crossing is interpolated linearly
    inside the segment where it happens (Lipke's ES = C + I, on a working-day grid).
    """
    points = sorted({*(w.start for w, _ in windows), *(w.end for w, _ in windows)})
    t0 = previous_t = points[0]
    previous_pv = planned_value(windows, t0)
    if ev <= previous_pv + 1e-9:
        return 0.0
    for t in points[1:]:
        before = _pv_before(windows, t)
        if ev <= before + 1e-9:
            share = (ev - previous_pv) / (before - previous_pv) if before > previous_pv else 1.0
            return previous_t + share * (t - previous_t) - t0
        previous_t, previous_pv = t, planned_value(windows, t)
        if ev <= previous_pv + 1e-9:  # reached by a milestone falling due at t
            return t - t0
    return points[-1] - t0


def _ratio(top: float | None, bottom: float | None) -> float | None:
    if top is None or bottom is None or abs(bottom) < 1e-12:
        return None
    return top / bottom


def earned_value(
    project: Project, as_of: dt.date, schedule: Schedule | None = None, day_rate: float | None = None
) -> EarnedValue:
    """Earned value and earned schedule of `project` at `as_of` (see the module docstring)."""
    budgeted = budgeted_tasks(project, day_rate)
    if not budgeted:
        why = "no task carries a budget" + ("" if day_rate is None else " or an effort to price")
        return EarnedValue(as_of, why, missing={name: NotApplicable(why) for name in FIGURES})
    span = planned_span((t for t, _ in budgeted), schedule)
    origin = span[0] if span else as_of
    axis = working_days(project, origin, span[1] if span else as_of)
    placed = ((window(task, axis, schedule), bac) for task, bac in budgeted)
    windows = [(w, bac) for w, bac in placed if w is not None]
    undated = len(budgeted) - len(windows)
    values: dict[str, float | None] = {}
    missing: dict[str, NotApplicable] = {}

    def put(name: str, value: float | None, why: str) -> None:
        values[name] = value
        if value is None:
            missing[name] = NotApplicable(why)

    bac = sum(b for _, b in budgeted)
    progress = rolled_progress(project)
    ev = sum(b * progress.get(t.id, 0.0) / 100 for t, b in budgeted)
    costs = [t.actual_cost for t, _ in budgeted if t.actual_cost is not None]
    ac = float(sum(costs)) if costs else None
    now = float(axis.count(as_of))
    pv = planned_value(windows, now) if windows else None
    put("bac", bac, "")
    put("ev", ev, "")
    put("pv", pv, "no budgeted task has dates to spread its budget over")
    put("ac", ac, "no budgeted task records an actual cost")
    no_ac = "no actual cost recorded"
    put("sv", None if pv is None else ev - pv, "needs PV")
    put("cv", None if ac is None else ev - ac, no_ac)
    put("spi", _ratio(ev, pv), "nothing was planned by the status date" if pv == 0 else "needs PV")
    cpi = _ratio(ev, ac)
    put("cpi", cpi, "no actual cost recorded" if not ac else "needs AC")
    no_cpi = (
        "CPI is 0: no value earned yet against the cost spent"
        if cpi == 0
        else "needs a CPI (earned value and actual cost)"
    )
    eac = _ratio(bac, cpi)
    put("eac", eac, no_cpi)
    put("eac_atypical", None if ac is None else ac + bac - ev, no_ac)
    spi = values["spi"]
    efficiency = None if cpi is None or spi is None else cpi * spi
    composite = None if ac is None or not efficiency else ac + (bac - ev) / efficiency
    put("eac_composite", composite, "needs CPI and SPI")
    put("etc", None if eac is None or ac is None else eac - ac, no_cpi)
    put("vac", None if eac is None else bac - eac, no_cpi)
    spent = "the budget is already spent (AC ≥ BAC)" if ac is not None else no_ac
    put("tcpi_bac", _ratio(bac - ev, bac - ac) if ac is not None and ac < bac else None, spent)
    put("tcpi_eac", _ratio(bac - ev, None if eac is None or ac is None else eac - ac), no_cpi)
    ieac_date = _earned_schedule(windows, ev, now, axis, put)
    basis = _basis(project, budgeted, windows, undated, bac, day_rate, len(costs))
    v = values.get
    return EarnedValue(
        as_of, basis, bac=v("bac"), pv=v("pv"), ev=v("ev"), ac=v("ac"), sv=v("sv"), cv=v("cv"),
        spi=v("spi"), cpi=v("cpi"), eac=v("eac"), eac_atypical=v("eac_atypical"),
        eac_composite=v("eac_composite"), etc=v("etc"), vac=v("vac"), tcpi_bac=v("tcpi_bac"),
        tcpi_eac=v("tcpi_eac"), es=v("es"), at=v("at"), pd=v("pd"), sv_t=v("sv_t"), spi_t=v("spi_t"),
        ieac_t=v("ieac_t"), ieac_t_date=ieac_date, planned_start=origin if windows else None,
        missing=missing,
    )


def _earned_schedule(windows: list[tuple[Window, float]], ev: float, now: float, axis: WorkingDays,
                     put: _Put) -> dt.date | None:
    if not windows:
        for name in ("es", "at", "pd", "sv_t", "spi_t", "ieac_t"):
            put(name, None, "no budgeted task has planned dates")
        return None
    t0 = min(w.start for w, _ in windows)
    pd = max(w.end for w, _ in windows) - t0
    at = max(now - t0, 0.0)
    es = earned_schedule(windows, ev)
    put("es", es, "")
    put("pd", pd, "")
    put("at", at if at > 0 else None, "the project had not started by the status date")
    put("sv_t", es - at if at > 0 else None, "the project had not started by the status date")
    spi_t = es / at if at > 0 else None
    put("spi_t", spi_t, "the project had not started by the status date")
    ieac = pd / spi_t if spi_t else None
    put("ieac_t", ieac, "nothing earned yet" if spi_t == 0 else "needs SPI(t)")
    return axis.date_at(t0 + ieac) if ieac is not None else None


def _basis(project: Project, budgeted: list[tuple[Task, float]], windows: list[tuple[Window, float]],
           undated: int, bac: float, day_rate: float | None, costed: int) -> str:
    priced = sum(1 for t, _ in budgeted if t.budget is None)
    text = f"{len(budgeted)} task(s) with a budget, BAC {bac:,.0f} {project.currency}"
    if priced and day_rate is not None:
        text += f" ({priced} priced as effort × {day_rate:,.0f} {project.currency}/day)"
    text += f"; PV spread over working days ({origins_text([w for w, _ in windows])})"
    if undated:
        text += f"; {undated} budgeted task(s) without dates left out of PV"
    text += f"; actual cost recorded on {costed} of them"
    if isinstance(project.budget, (int, float)) and abs(float(project.budget) - bac) > 0.5:
        text += f"; the project budget ({float(project.budget):,.0f}) differs from the tasks' total"
    return text



# Rows of the Review: (field, label, kind, help). Kinds: money, ratio, days, signed days.
ROWS = (
    ("bac", "Budget at completion (BAC)", "money", "Σ task budgets (each budget counted once)"),
    ("pv", "Planned value (PV)", "money", "budget of the work the baseline planned by the status date"),
    ("ev", "Earned value (EV)", "money", "Σ budget × percent complete"),
    ("ac", "Actual cost (AC)", "money", "Σ actual cost of the budgeted tasks"),
    ("sv", "Schedule variance (SV)", "money", "EV − PV"),
    ("cv", "Cost variance (CV)", "money", "EV − AC"),
    ("spi", "SPI", "ratio", "EV / PV (below 1: behind schedule)"),
    ("cpi", "CPI", "ratio", "EV / AC (below 1: over budget)"),
    ("eac", "EAC (BAC/CPI)", "money", "BAC / CPI: the forecast cost if cost efficiency holds (headline)"),
    ("eac_atypical", "EAC (AC + BAC − EV)", "money", "the rest of the work at budget rates"),
    ("eac_composite", "EAC (AC + (BAC − EV)/(CPI × SPI))", "money", "the rest at cost and schedule efficiency"),
    ("etc", "ETC", "money", "EAC − AC: the cost to finish"),
    ("vac", "VAC", "money", "BAC − EAC (negative: overrun)"),
    ("tcpi_bac", "TCPI (to BAC)", "ratio", "(BAC − EV) / (BAC − AC): efficiency needed to finish on budget"),
    ("tcpi_eac", "TCPI (to EAC)", "ratio", "(BAC − EV) / (EAC − AC): efficiency needed to finish at the EAC"),
    ("es", "Earned schedule (ES)", "days", "time at which PV equals the current EV, from the planned start"),
    ("at", "Actual time (AT)", "days", "working days from the planned start to the status date"),
    ("sv_t", "SV(t)", "signed", "ES − AT (negative: behind schedule)"),
    ("spi_t", "SPI(t)", "ratio", "ES / AT"),
    ("ieac_t", "IEAC(t)", "days", "planned duration / SPI(t): the forecast duration and finish date"),
)


def _text(value: float, kind: str, currency: str) -> str:
    if kind == "money":
        return f"{value:,.0f} {currency}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "signed":
        return f"{value:+.1f} wd"
    return f"{value:.1f} wd"


def earned_value_rows(ev: EarnedValue, currency: str) -> list[FieldRow]:
    """The earned value figures as Review rows, each a value or NA with why."""
    rows = []
    for name, label, kind, help_text in ROWS:
        value = getattr(ev, name)
        cell: Cell = Known(_text(value, kind, currency)) if value is not None else ev.why(name)
        if name == "ieac_t" and value is not None and ev.ieac_t_date is not None:
            cell = Known(f"{_text(value, kind, currency)}, finishing {ev.ieac_t_date.isoformat()}")
        rows.append(FieldRow(label, cell, help_text, name.replace("_", "-"), value))
    rows.append(FieldRow("Earned value basis", Known(ev.basis), "the data the earned value figures come from",
                         "earned-value-basis"))
    return rows
