"""The helicopter view (`pmo overview`): every project of a workspace on one screen.

Per project, read from its Review: the verdict, the commitments at risk with their P80 and
the chance of meeting them, where the critical path runs, the delay files in one line
each; across projects, the people on more than one critical path. Pure: the Reviews are
given (with the Monte Carlo forecast kept for their data, or none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pmo.engine.answers import delay_reason
from pmo.engine.review.build import Review
from pmo.engine.workdays import workdays_between

JsonDict = dict[str, object]
P80_MISSING = "P80 not computed yet: run `pmo report` or `pmo run`"
P80_NO_ESTIMATES = "no P80: no task has a three-point estimate"


@dataclass(frozen=True)
class CommitmentAtRisk:
    name: str
    date: dt.date
    forecast: dt.date | None  # the schedule's date
    p80: dt.date | None
    chance: float | None  # of meeting it, from the Monte Carlo forecast


@dataclass(frozen=True)
class CriticalPath:
    first: str
    last: str
    tasks: int
    start: dt.date | None
    finish: dt.date | None
    working_days: int | None


@dataclass(frozen=True)
class ProjectGlance:
    key: str
    name: str
    as_of: dt.date
    verdict: str  # RED, AMBER, GREEN or NA (why)
    rule: str
    commitments: tuple[CommitmentAtRisk, ...]
    forecast_note: str  # why no P80 is shown, "" when the forecast is there
    critical_path: CriticalPath | None
    delays: tuple[str, ...]
    critical_people: tuple[tuple[str, str], ...]  # (id, name) of the owners and assignees of critical tasks


@dataclass(frozen=True)
class SharedPerson:
    id: str
    name: str
    projects: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    projects: tuple[ProjectGlance, ...]
    shared: tuple[SharedPerson, ...]


def _commitments(review: Review) -> tuple[CommitmentAtRisk, ...]:
    forecast, found = review.forecast, []
    for commitment in review.project.commitments:
        if commitment.task:
            planned = review.forecasts.get(commitment.task)
            points = forecast.milestones.get(commitment.task, {}) if forecast is not None else {}
        else:
            planned = review.finish
            points = forecast.finish if forecast is not None else {}
        p80 = points.get("P80")
        chance = forecast.commitments.get(commitment.name) if forecast is not None else None
        if (planned is not None and planned > commitment.date) or (p80 is not None and p80 > commitment.date):
            found.append(CommitmentAtRisk(commitment.name, commitment.date, planned, p80, chance))
    return tuple(found)


def _critical_path(review: Review) -> CriticalPath | None:
    path = review.critical_path
    if not path:
        return None
    project = review.project
    bars = {bar.id: bar for bar in review.gantt}
    first, last = project.task(path[0]), project.task(path[-1])
    start = bars[path[0]].start if path[0] in bars else None
    finish = bars[path[-1]].finish if path[-1] in bars else None
    days = workdays_between(start - dt.timedelta(days=1), finish) if start and finish else None  # both included
    return CriticalPath(first.name if first else path[0], last.name if last else path[-1], len(path), start, finish,
                        days)


def _critical_people(review: Review) -> tuple[tuple[str, str], ...]:
    project, found = review.project, dict[str, str]()
    for task_id in review.critical_path:
        task = project.task(task_id)
        if task is None:
            continue
        refs = [task.owner] if isinstance(task.owner, str) and task.owner.strip() else []
        refs += [a.person for a in task.assignments]
        for ref in refs:
            person = project.person(ref)
            found.setdefault(person.id if person else ref, person.name if person else ref)
    return tuple(sorted(found.items()))


def glance(review: Review) -> ProjectGlance:
    """One project of the overview, from its Review."""
    project, rating = review.project, review.rating
    note = ""
    if review.forecast is None and project.commitments:
        note = P80_MISSING if any(task.estimate for task in project.tasks) else P80_NO_ESTIMATES
    delays = tuple(file.headline for file in review.delays) or tuple(
        delay_reason(f) for f in review.findings if f.code == "milestone-slip")
    return ProjectGlance(project.key, project.name, review.as_of, rating.label, rating.rule, _commitments(review),
                         note, _critical_path(review), delays, _critical_people(review))


def overview(reviews: Sequence[Review]) -> Overview:
    """Every project at a glance, and the people on the critical paths of several of them."""
    glances = tuple(glance(r) for r in reviews)
    names: dict[str, str] = {}
    projects: dict[str, list[str]] = {}
    for one in glances:
        for person_id, name in one.critical_people:
            names.setdefault(person_id, name)
            projects.setdefault(person_id, []).append(one.key)
    shared = tuple(SharedPerson(p, names[p], tuple(keys)) for p, keys in sorted(projects.items()) if len(keys) > 1)
    return Overview(glances, shared)


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def overview_to_json(view: Overview) -> JsonDict:
    """The overview as plain data (`pmo overview --json`)."""
    return {
        "projects": [
            {
                "key": g.key, "name": g.name, "as_of": g.as_of.isoformat(), "verdict": g.verdict, "rule": g.rule,
                "commitments_at_risk": [
                    {"name": c.name, "date": c.date.isoformat(), "forecast": _day(c.forecast), "p80": _day(c.p80),
                     "chance": c.chance}
                    for c in g.commitments
                ],
                "forecast_note": g.forecast_note,
                "critical_path": None if g.critical_path is None else {
                    "first": g.critical_path.first, "last": g.critical_path.last, "tasks": g.critical_path.tasks,
                    "start": _day(g.critical_path.start), "finish": _day(g.critical_path.finish),
                    "working_days": g.critical_path.working_days,
                },
                "delays": list(g.delays),
                "critical_people": [{"id": i, "name": n} for i, n in g.critical_people],
            }
            for g in view.projects
        ],
        "shared_people": [{"id": p.id, "name": p.name, "projects": list(p.projects)} for p in view.shared],
    }
