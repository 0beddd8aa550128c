"""The candidate changes a recovery option is measured on: each a changed copy of the plan.

- **fast-track**: a finish-to-start link on the driving chain becomes start-to-start with a
  lag (the successor starts when all but `OVERLAP` of the predecessor's remaining work is
  done) plus finish-to-finish (it cannot finish before its input); never to or from a
  milestone, never on a lag in elapsed days or a negative lag.
- **crash**: an effort-driven task (one with assignments) on the chain gets a colleague of
  the same role or team who is free enough over its dates (their bookings on the schedule)
  and not away; its remaining work divides among more units, so its duration shrinks in
  proportion.
- **reassign**: a chain task's assignee who is away or booked above capacity over its dates
  hands it to a colleague of the same role or team who is free (owner too, when they own it).
- **descope**: a chain task marked `optional` is dropped (its duration and bookings go to zero;
  its links stay, so nothing after it loses an input).

`pmo.engine.recovery` schedules and validates each; `fallback` is the commitment move.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass
from itertools import pairwise, zip_longest
from typing import TYPE_CHECKING

from pmo.engine.names import label_of, person_label
from pmo.engine.recovery import RecoveryOption, daily_loads, target_finish
from pmo.engine.schedule.bounds import spans_its_dates
from pmo.engine.schedule.compile import task_duration
from pmo.model import Assignment, Dependency, Estimate, LagUnit, LinkType, NotApplicable, Person, Project, Task
from pmo.model.values import Known

if TYPE_CHECKING:
    from pmo.engine.schedule import Schedule

OVERLAP = 0.25
"""Share of the predecessor's remaining work a fast-tracked successor may overlap (conservative)."""
MIN_UNITS = 0.2
"""The least share of a day a helper must be free to be added to a task."""


@dataclass(frozen=True)
class Move:
    """A candidate change: the changed plan, what it changes in words, what it costs and assumes."""

    kind: str
    title: str
    plan: Project
    change: str
    cost: Known[str] | NotApplicable
    risk: str
    assumptions: str
    effort: float = 0.0
    gain: float = 0.0  # the working days it could save at most (orders candidates of a kind)


def _whole_up(days: float) -> float:
    """Whole working days, rounded up (at least one): a shortened task is planned in whole days."""
    return float(max(math.ceil(days - 1e-9), 1))


def _with_task(project: Project, task: Task) -> Project:
    return dataclasses.replace(project, tasks=tuple(task if t.id == task.id else t for t in project.tasks))


def remaining_work(task: Task, computed: Schedule) -> float:
    """The working days still to do on `task` (its duration when it has not started)."""
    planned = task_duration(task)
    if planned == 0 and spans_its_dates(task):
        planned = computed.tasks[task.id].duration
    if not task.started:
        return planned
    return task.remaining if task.remaining is not None else planned * (1 - task.percent_complete / 100)


def _scaled(task: Task, computed: Schedule, ratio: float) -> Task:
    """`task` with its remaining work multiplied by `ratio` (whole days, rounded up)."""
    work = remaining_work(task, computed)
    if task.started:
        return dataclasses.replace(task, remaining=_whole_up(work * ratio))
    estimate = task.estimate
    if estimate is not None:
        estimate = Estimate(*(round(value * ratio, 2) for value in
                              (estimate.optimistic, estimate.most_likely, estimate.pessimistic)))
    return dataclasses.replace(task, duration=_whole_up(work * ratio), estimate=estimate)


class _Frame:
    """What every move reads: the plan, the schedule, its bookings, the status date."""

    def __init__(self, project: Project, computed: Schedule, as_of: dt.date) -> None:
        self.project, self.computed, self.as_of = project, computed, as_of
        self.axis = computed.internals.axis
        self.loads = daily_loads(project, computed, as_of)

    def window(self, task_id: str) -> tuple[int, int]:
        row = self.computed.tasks[task_id]
        return self.axis.index_on_or_after(max(row.start, self.as_of)), self.axis.index_on_or_before(row.finish)

    def dates(self, window: tuple[int, int]) -> str:
        return f"{self.axis.date(window[0]).isoformat()} to {self.axis.date(window[1]).isoformat()}"

    def spare(self, person: Person, window: tuple[int, int]) -> float:
        days = self.loads.get(person.id, {})
        peak = max((days.get(d, 0.0) for d in range(window[0], window[1] + 1)), default=0.0)
        return person.capacity - peak

    def away(self, person: Person, window: tuple[int, int]) -> bool:
        first, last = self.axis.date(window[0]), self.axis.date(window[1])
        return any(a.overlaps(first, last) and (a.person == person.id or person.matches(a.person))
                   for a in self.project.absences)

    def mates(self, people: list[Person], taken: set[str]) -> list[Person]:
        """Colleagues of `people` (same role or same team), not in `taken`."""
        roles = {p.role.strip().lower() for p in people if p.role.strip()}
        teams = {p.team.strip().lower() for p in people if p.team.strip()}
        return [p for p in self.project.people if p.id not in taken
                and (p.role.strip().lower() in roles or p.team.strip().lower() in teams)]

    def helpers(self, people: list[Person], taken: set[str], window: tuple[int, int]) -> list[tuple[Person, float]]:
        """Colleagues free over `window` (not away), with the share of a day they can give, most first."""
        free = []
        for mate in self.mates(people, taken):
            units = math.floor(self.spare(mate, window) * 10 + 1e-9) / 10
            if units >= MIN_UNITS and not self.away(mate, window):
                free.append((mate, units))
        return sorted(free, key=lambda pair: (-pair[1], pair[0].id))


def _open_chain(frame: _Frame, chain: list[str], target: str | None) -> list[Task]:
    """Chain tasks that can still change: not the target, not done, not milestones, with work left."""
    tasks = []
    for task_id in chain:
        task = frame.project.task(task_id)
        row = frame.computed.tasks[task_id]
        if task is None or task_id == target or row.done or task.milestone or row.milestone or row.duration <= 0:
            continue
        tasks.append(task)
    return tasks


def fast_tracks(frame: _Frame, chain: list[str]) -> list[Move]:
    project, table = frame.project, frame.computed.tasks
    links = {(d.predecessor, d.successor): d for d in project.dependencies}
    moves = []
    for first, then in pairwise(chain):
        link = links.get((first, then))
        before, after = project.task(first), project.task(then)
        if link is None or before is None or after is None or link.type is not LinkType.FS:
            continue
        if link.lag_unit is not LagUnit.WORKING or link.lag < 0 or before.milestone or after.milestone:
            continue
        row, next_row = table[first], table[then]
        if row.done or row.milestone or next_row.milestone or after.started or row.summary or next_row.summary:
            continue
        window = frame.window(first)
        left = max(window[1] - window[0] + 1, 0)
        overlap = math.floor(left * OVERLAP)
        if overlap < 1:
            continue
        lag = float(math.ceil(row.duration - 1e-9) + link.lag - overlap)
        changed = [d for d in project.dependencies if d is not link]
        changed.append(Dependency(first, then, LinkType.SS, lag, source=link.source))
        if (first, then, LinkType.FF) not in {(d.predecessor, d.successor, d.type) for d in changed}:
            changed.append(Dependency(first, then, LinkType.FF, 0.0, source=link.source))
        a, b = label_of(project, first), label_of(project, then)
        moves.append(Move(
            "fast-track", f"Fast-track {b} to start before {a} ends",
            dataclasses.replace(project, dependencies=tuple(changed)),
            f"link {first} -> {then} FS{link.lag:+g} becomes SS{lag:+g} and FF",
            NotApplicable("no added effort; rework if the overlapped work changes"),
            f"medium: {b} starts on the partial output of {a}; what changes in the last {overlap} working days "
            f"of {a} is rework for {b}",
            f"{b} can start when all but {overlap} working days of {a}'s remaining {left} are done "
            f"({OVERLAP:.0%} overlap) and finish no earlier than it; the same people can work both",
            gain=float(overlap)))
    return moves


def crashes(frame: _Frame, chain: list[str], target: str | None) -> list[Move]:
    project = frame.project
    moves = []
    for task in _open_chain(frame, chain, target):
        units = sum(a.units for a in task.assignments)
        people = [p for p in (project.person(a.person) for a in task.assignments) if p is not None]
        window = frame.window(task.id)
        if units <= 0 or not people or window[1] < window[0]:
            continue
        free = frame.helpers(people, {p.id for p in people} | {a.person for a in task.assignments}, window)
        if not free:
            continue
        helper, extra = free[0]
        extra = min(extra, units)
        changed = _scaled(task, frame.computed, units / (units + extra))
        before, after = remaining_work(task, frame.computed), remaining_work(changed, frame.computed)
        if after >= before:
            continue
        changed = dataclasses.replace(changed, assignments=(*task.assignments, Assignment(helper.id, extra)))
        who, name = person_label(project, helper.id), label_of(project, task.id)
        effort = round(extra * after, 2)
        moves.append(Move(
            "crash", f"Crash {name}: add {who} at {extra:.0%}",
            _with_task(project, changed),
            f"{task.id}: {who} assigned at {extra:g}; remaining {before:g} -> {after:g} working days",
            Known(f"{effort:g} person-days of {who} taken from other work (the plan holds no cost rates)"),
            f"medium: {who} needs a handover and the work must split; more people on one task do not always "
            "make it shorter",
            f"{name} is effort-driven: its remaining work divides among {units:g} + {extra:g} units "
            f"(same role or team: {', '.join(person_label(project, p.id) for p in people)}); {who} has "
            f"{extra:.0%} of a day free from {frame.dates(window)} and is not away",
            effort=effort, gain=before - after))
    return moves


def reassignments(frame: _Frame, chain: list[str], target: str | None) -> list[Move]:
    project = frame.project
    moves = []
    for task in _open_chain(frame, chain, target):
        window = frame.window(task.id)
        if window[1] < window[0]:
            continue
        total = sum(a.units for a in task.assignments)
        for assignment in task.assignments:
            person = project.person(assignment.person)
            if person is None or assignment.units <= 0:
                continue
            away = frame.away(person, window)
            if not away and frame.spare(person, window) >= -1e-9:
                continue
            taken = {a.person for a in task.assignments} | {p.id for p in project.people
                                                            if any(p.matches(a.person) for a in task.assignments)}
            free = frame.helpers([person], taken, window)
            if not free:
                continue
            mate, units = free[0]
            units = min(units, assignment.units)
            ratio = total / (total - assignment.units + units)
            changed = _scaled(task, frame.computed, ratio) if abs(ratio - 1) > 1e-9 else task
            kept = tuple(a for a in task.assignments if a is not assignment)
            owner = mate.id if isinstance(task.owner, str) and person.matches(task.owner) else task.owner
            changed = dataclasses.replace(changed, assignments=(*kept, Assignment(mate.id, units)), owner=owner)
            who, new, name = person_label(project, person.id), person_label(project, mate.id), \
                label_of(project, task.id)
            why = "is away" if away else "is booked above capacity"
            moves.append(Move(
                "reassign", f"Reassign {name} from {who} to {new}",
                _with_task(project, changed),
                f"{task.id}: {person.id} at {assignment.units:g} -> {mate.id} at {units:g}"
                + (" (owner too)" if owner != task.owner else ""),
                NotApplicable("the same work, done by someone else"),
                f"medium: {new} takes over work {who} knows; a handover is needed",
                f"{who} {why} from {frame.dates(window)}; {new} (same role or team) can do the work, "
                f"is free at {units:.0%} of a day then and is not away",
                gain=remaining_work(task, frame.computed)))
            break
    return moves


def descopes(frame: _Frame, chain: list[str], target: str | None) -> list[Move]:
    project = frame.project
    moves = []
    for task in _open_chain(frame, chain, target):
        if not task.optional or task.started:
            continue
        work = remaining_work(task, frame.computed)
        dropped = dataclasses.replace(task, duration=0.0, estimate=None, assignments=(), effort=None)
        name = label_of(project, task.id)
        moves.append(Move(
            "descope", f"Descope {name} (optional)",
            _with_task(project, dropped),
            f"{task.id}: dropped (duration {work:g} -> 0 working days, bookings removed)",
            NotApplicable(f"it saves {work:g} working days of work"),
            f"low for the schedule: the scope of {name} is lost; the sponsor must agree",
            f"{name} is marked optional in the plan: nothing after it needs its output",
            gain=work))
    return moves


def candidate_moves(project: Project, computed: Schedule, as_of: dt.date, chain: list[str],
                    target: str | None) -> list[Move]:
    """Every candidate for the chain into `target`, the kinds taken in turn, each kind's most promising first."""
    frame = _Frame(project, computed, as_of)
    kinds = [fast_tracks(frame, chain), crashes(frame, chain, target), reassignments(frame, chain, target),
             descopes(frame, chain, target)]
    ordered = [sorted(moves, key=lambda m: -m.gain) for moves in kinds]
    return [move for turn in zip_longest(*ordered) for move in turn if move is not None]


def fallback(project: Project, computed: Schedule, target: str | None, with_plan: bool = True) -> RecoveryOption | None:
    """Move the commitment (or re-baseline the milestone) to the forecast: no day recovered. Without
    `with_plan` the changed plan is not built (a slip whose options the review does not measure)."""
    now = target_finish(computed, target)
    commitment = next((c for c in project.commitments if c.task == target and now > c.date), None)
    task = project.task(target) if target is not None else None
    plan: Project | None
    if commitment is not None:
        title = f"Move the commitment '{commitment.name}' from {commitment.date.isoformat()} to {now.isoformat()}"
        moved = tuple(dataclasses.replace(c, date=now) if c is commitment else c for c in project.commitments)
        plan = dataclasses.replace(project, commitments=moved)
        change = f"commitment '{commitment.name}': {commitment.date.isoformat()} -> {now.isoformat()}"
    elif task is not None and task.baseline_finish is not None and now > task.baseline_finish:
        name = label_of(project, task.id)
        title = f"Re-baseline {name} from {task.baseline_finish.isoformat()} to {now.isoformat()}"
        plan = _with_task(project, dataclasses.replace(task, baseline_finish=now)) if with_plan else None
        change = f"{task.id}: baseline finish {task.baseline_finish.isoformat()} -> {now.isoformat()}"
    else:
        return None
    return RecoveryOption(
        "move-commitment", title, 0, now, NotApplicable("no change to the work"),
        "medium: the sponsor must agree; what was promised on the old date moves too",
        "the fallback: the plan stays as it is and the date it is held to moves to the forecast",
        change, plan=plan)
