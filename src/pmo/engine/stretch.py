"""The planning stretch: a ground-feel level per team and for the project, with the signals behind it.

Pure functions of an `AnalysisContext`. Each signal names what strains the plan, how much, which
tasks and people (by name and id) and the rule that raised it; the score (0-100) is the sum of
the signals' points, capped, and the level reads it: below `STRAINED_FROM` "calm", below
`OVERSTRETCHED_FROM` "strained", else "overstretched". A team's row keeps the signals that touch
its people (tasks they own or are assigned to, the people themselves). The trend compares the
score with the one the previous snapshot kept (figure `stretch`, or `stretch:<team>`).

Signals (code: rule, points):
- `float-consumed`: the critical path's float fell since the previous snapshot (figure
  `critical-float`); without it, critical tasks forecast later than their baseline finish.
- `re-estimated`: a task whose duration (or most likely estimate) exceeds its baseline duration
  (weekdays from baseline start to baseline finish).
- `overload`: a person booked above capacity (`AnalysisContext.overloads`).
- `dates-moved-again`: a milestone whose forecast moved later at 2 or more consecutive snapshots.
- `actions-overdue`: a person holding 2 or more overdue open actions.
- `pulse-low`: a person whose recent check-in shows a low pulse (`pmo.engine.liaison.pulse_of`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pmo.engine.checks.liaison import PILING_FROM, overdue_actions
from pmo.engine.context import AnalysisContext
from pmo.engine.liaison import checkins_by_person, pulse_of
from pmo.engine.names import label_of, person_label, some
from pmo.engine.workdays import workdays_between
from pmo.model import Project, Snapshot, Task

STRAINED_FROM = 25
OVERSTRETCHED_FROM = 50
MOVED_AGAIN_FROM = 2  # consecutive later moves of a milestone's forecast
FIGURE = "stretch"
FLOAT_FIGURE = "critical-float"
_CAPS = {"float-consumed": 30, "re-estimated": 30, "overload": 30, "dates-moved-again": 40,
         "actions-overdue": 30, "pulse-low": 30}
_EACH = {"re-estimated": 10, "overload": 15, "dates-moved-again": 20, "actions-overdue": 10, "pulse-low": 15}
_CHECKED = "float of the critical path, re-estimates, overloads, dates moved again, overdue actions, pulse"


@dataclass(frozen=True)
class Signal:
    """One strain on the plan: its code, what (a sentence with the amount and the names), the rule."""

    code: str
    what: str
    amount: float
    items: tuple[str, ...]  # tasks and people by name and id
    rule: str
    points: int


@dataclass(frozen=True)
class StretchRow:
    """The ground feel of the project (scope ``project``) or of one team: level, score, signals, trend."""

    scope: str
    level: str
    score: int
    signals: tuple[Signal, ...]
    why: str
    trend: str
    critical_float: float | None = None  # the critical path's float now (project row), kept in snapshots

    @property
    def label(self) -> str:
        """``strained (35/100)``."""
        return f"{self.level} ({self.score}/100)"

    @property
    def reasons(self) -> str:
        """Each signal with its points, what and rule; ``calm: no signal (...)`` without any."""
        if not self.signals:
            return self.why
        return "; ".join(f"{s.code} +{s.points}: {s.what} (rule: {s.rule})" for s in self.signals)


@dataclass(frozen=True)
class _Hit:
    """One task or person a signal counts, and the people it touches (for the teams)."""

    label: str
    amount: float
    people: frozenset[str]


def level_of(score: int) -> str:
    """``calm``, ``strained`` or ``overstretched`` for a score."""
    if score >= OVERSTRETCHED_FROM:
        return "overstretched"
    return "strained" if score >= STRAINED_FROM else "calm"


def _task_people(project: Project, task: Task) -> frozenset[str]:
    refs = [a.person for a in task.assignments]
    if isinstance(task.owner, str):
        refs.append(task.owner)
    found = (project.person(ref) for ref in refs)
    return frozenset(p.id for p in found if p is not None)


def critical_float(ctx: AnalysisContext) -> float | None:
    """The least total float (working days) of the critical path now, None without a schedule."""
    computed = ctx.schedule
    if computed is None or not computed.critical_path:
        return None
    return min(computed.tasks[t].total_float for t in computed.critical_path if t in computed.tasks)


def _previous(ctx: AnalysisContext) -> Snapshot | None:
    earlier = ctx.snapshots
    return max(earlier, key=lambda s: s.status_date) if earlier else None


def _float_consumed(ctx: AnalysisContext) -> tuple[list[_Hit], str, str] | None:
    project, computed = ctx.project, ctx.schedule
    if computed is None:
        return None
    now = critical_float(ctx)
    previous = _previous(ctx)
    before = previous.figures.get(FLOAT_FIGURE) if previous is not None else None
    if isinstance(before, (int, float)) and now is not None:
        if now >= before:
            return None
        used = round(before - now, 1)
        hits = [_Hit(label_of(project, t), used, _task_people(project, task))
                for t in computed.critical_path if (task := _find(project, t)) is not None]
        what = (f"the critical path lost {used:g} working days of float since {previous.status_date.isoformat()} "
                f"({before:g} -> {now:g})" if previous else "")
        return hits, what, "float of the critical path fell since the previous snapshot"
    hits = []
    for t in computed.critical_path:
        task = _find(project, t)
        variance = computed.tasks[t].variance if t in computed.tasks else None
        if task is not None and variance is not None and variance > 0:
            hits.append(_Hit(f"{label_of(project, t)} (+{variance:g} d)", variance, _task_people(project, task)))
    if not hits:
        return None
    what = "{n} critical task(s) forecast later than their baseline, up to {worst:g} working days"
    return hits, what, "critical tasks forecast later than baseline (no earlier float kept)"


def _find(project: Project, task_id: str) -> Task | None:
    return next((t for t in project.tasks if t.id == task_id), None)


def _re_estimated(project: Project) -> list[_Hit]:
    hits = []
    for task in project.tasks:
        if task.milestone or task.baseline_start is None or task.baseline_finish is None:
            continue
        baseline = workdays_between(task.baseline_start, task.baseline_finish) + (task.baseline_start.weekday() < 5)
        now = task.estimate.most_likely if task.estimate is not None else task.duration
        if now is None or baseline <= 0 or now <= baseline:
            continue
        grew = round(now - baseline, 1)
        hits.append(_Hit(f"{label_of(project, task.id)} ({baseline:g} -> {now:g} d)", grew,
                         _task_people(project, task)))
    return hits


def _moved_again(ctx: AnalysisContext) -> list[_Hit]:
    hits = []
    for row in ctx.trend:
        dates = [f for _, f in row.points if f is not None]
        run = 0
        for a, b in itertools.pairwise(reversed(dates)):
            if b >= a:
                break
            run += 1
        if run < MOVED_AGAIN_FROM:
            continue
        task = _find(ctx.project, row.id)
        moved = (dates[-1] - dates[-1 - run]).days
        hits.append(_Hit(f"{label_of(ctx.project, row.id)} (later {run} times, {moved} days)", moved,
                         _task_people(ctx.project, task) if task else frozenset()))
    return hits


def _people_hits(ctx: AnalysisContext) -> dict[str, list[_Hit]]:
    project, as_of = ctx.project, ctx.as_of
    found: dict[str, list[_Hit]] = {"overload": [], "actions-overdue": [], "pulse-low": []}
    for over in ctx.overloads:
        found["overload"].append(_Hit(
            f"{person_label(project, over.person)} at {over.peak:g}/{over.capacity:g} on "
            f"{some((label_of(project, t) for t in over.tasks), limit=3)}",
            over.peak - over.capacity, frozenset({over.person})))
    for person in project.people:
        late = overdue_actions(project, person, as_of)
        if len(late) >= PILING_FROM:
            found["actions-overdue"].append(_Hit(
                f"{person_label(project, person.id)}: {some(f'{a.id} {a.title}' for a, _ in late)}",
                len(late), frozenset({person.id})))
    settings = project.settings
    for ref, checkins in checkins_by_person(project, as_of).items():
        if (as_of - checkins[-1].date).days > settings.checkin_every_days:
            continue
        pulse = pulse_of(checkins, settings.stress_threshold, settings.confidence_threshold)
        if pulse is not None:
            known = project.person(ref)
            found["pulse-low"].append(_Hit(f"{person_label(project, ref)}: {'; '.join(pulse.reasons)}",
                                           len(pulse.reasons), frozenset({known.id if known else ref})))
    return found


_RULES = {
    "re-estimated": "duration or most likely estimate above the baseline duration",
    "overload": "booked above capacity on the schedule",
    "dates-moved-again": f"milestone forecast later at {MOVED_AGAIN_FROM}+ consecutive snapshots",
    "actions-overdue": f"{PILING_FROM}+ overdue open actions held by one person",
    "pulse-low": "latest check-in: high stress, low confidence or a falling trend",
}
_WHAT = {
    "re-estimated": "{n} task(s) grew beyond their baseline duration",
    "overload": "{n} person(s) booked above capacity",
    "dates-moved-again": "{n} milestone(s) moved later again and again",
    "actions-overdue": "{n} person(s) with overdue actions piling up",
    "pulse-low": "{n} person(s) with a low pulse",
}


def _signals(found: Mapping[str, tuple[list[_Hit], str, str]], team: frozenset[str] | None) -> tuple[Signal, ...]:
    signals = []
    for code, (hits, what, rule) in found.items():
        mine = [h for h in hits if team is None or h.people & team]
        if not mine:
            continue
        if code == "float-consumed":
            points = min(_CAPS[code], 10 + 5 * int(max(h.amount for h in mine)))
            amount = max(h.amount for h in mine)
            what = what.format(n=len(mine), worst=amount)
        else:
            points = min(_CAPS[code], _EACH[code] * len(mine))
            amount = float(len(mine))
            what = _WHAT[code].format(n=len(mine))
        signals.append(Signal(code, f"{what}: {some(h.label for h in mine)}", amount,
                              tuple(h.label for h in mine), rule, points))
    return tuple(signals)


def _trend(score: int, previous: Snapshot | None, key: str) -> str:
    before = previous.figures.get(key) if previous is not None else None
    if previous is None or not isinstance(before, (int, float)):
        return "NA (no earlier snapshot kept the ground feel)"
    when = previous.status_date.isoformat()
    if score > before:
        return f"rising (from {before:g} on {when})"
    if score < before:
        return f"falling (from {before:g} on {when})"
    return f"steady ({before:g} on {when})"


def _row(scope: str, signals: tuple[Signal, ...], previous: Snapshot | None, key: str,
         critical: float | None = None) -> StretchRow:
    score = min(100, sum(s.points for s in signals))
    level = level_of(score)
    why = "; ".join(f"{s.code} +{s.points}" for s in signals) if signals else f"calm: no signal ({_CHECKED} checked)"
    return StretchRow(scope, level, score, signals, why, _trend(score, previous, key), critical)


def team_key(team: str) -> str:
    """The snapshot figure id of a team's score: ``stretch:<team>``."""
    return f"{FIGURE}:{team}"


def stretch_of(ctx: AnalysisContext) -> tuple[StretchRow, ...]:
    """The project's ground feel, then each team's (teams in name order)."""
    project = ctx.project
    found: dict[str, tuple[list[_Hit], str, str]] = {}
    consumed = _float_consumed(ctx)
    if consumed is not None:
        found["float-consumed"] = consumed
    found["re-estimated"] = (_re_estimated(project), "", _RULES["re-estimated"])
    people = _people_hits(ctx)
    found["overload"] = (people["overload"], "", _RULES["overload"])
    found["dates-moved-again"] = (_moved_again(ctx), "", _RULES["dates-moved-again"])
    found["actions-overdue"] = (people["actions-overdue"], "", _RULES["actions-overdue"])
    found["pulse-low"] = (people["pulse-low"], "", _RULES["pulse-low"])
    previous = _previous(ctx)
    rows = [_row("project", _signals(found, None), previous, FIGURE, critical_float(ctx))]
    for team in sorted({p.team for p in project.people if p.team}):
        members = frozenset(p.id for p in project.people if p.team == team)
        rows.append(_row(team, _signals(found, members), previous, team_key(team)))
    return tuple(rows)


def stretch_figures(rows: Iterable[StretchRow]) -> dict[str, float]:
    """The figures a snapshot keeps of the ground feel: `stretch`, `stretch:<team>`, `critical-float`."""
    figures: dict[str, float] = {}
    for row in rows:
        if row.scope == "project":
            figures[FIGURE] = float(row.score)
            if row.critical_float is not None:
                figures[FLOAT_FIGURE] = row.critical_float
        else:
            figures[team_key(row.scope)] = float(row.score)
    return figures


def project_line(rows: Iterable[StretchRow]) -> str | None:
    """``Ground feel: strained (35/100), rising (...): overload +30; ...`` for the project, or None."""
    row = next((r for r in rows if r.scope == "project"), None)
    if row is None:
        return None
    return f"Ground feel: {row.level} ({row.score}/100), {row.trend}: {row.why}."

