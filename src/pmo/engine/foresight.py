"""The delay file: why a milestone, deliverable or commitment moved, how, who, and what it moves.

For each item forecast after its baseline (or, without one, its committed date),
`delay_files` walks the driving predecessors back (engine/schedule/driving.py) and
follows the variance forward along that chain, in project working days:

* at each task, the start variance beyond what its driving predecessor carried is
  *introduced* there (started late, blocked, owner absent, a constraint, a link to a
  task outside the baseline); less than carried is float the step *absorbed*;
* the finish variance beyond the start variance is introduced there too (longer than
  planned: re-estimated, running slow, or the owner absent inside the task); less is a
  recovery, absorbed like float.

Absorbed days come off the latest delay still carried (a task's own recovery nets its
own late start first), so the causes' days add up to the slip. A cause fully absorbed
before the milestone is not a cause of its slip and is left out.

Records are frozen dataclasses; `DelayFile.to_detail()` gives the finding's structured
`detail` (lists of objects) and `DelayFile.prose()` the text a manager reads aloud.
Pure: no I/O, no clock (the status date is given).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pmo.engine.blockers import blocker_actions
from pmo.engine.names import label_of, person_label, some, task_label
from pmo.engine.schedule.result import Schedule
from pmo.model import Action, ConstraintType, Dependency, Issue, ItemStatus, MeetingKind, Project, Task


class CauseKind(str, enum.Enum):
    """What happened at the task where a delay was introduced."""

    LATE_START = "late-start"
    LONGER = "longer-than-planned"
    LINK = "waiting-on-link"
    BLOCKED = "blocked"
    ABSENT = "owner-absent"
    CONSTRAINT = "constraint"
    PLAN = "plan"  # what the chain cannot explain: no baseline to compare with


@dataclass(frozen=True)
class Blocker:
    """An open action or issue that names the task (a check-in blocker is an action)."""

    kind: str  # "action" or "issue"
    id: str
    title: str
    owner: str  # person label, "" when none


@dataclass(frozen=True)
class Cause:
    """One place where the delay was introduced, with the days it adds to the item's slip."""

    task: str
    name: str
    kind: CauseKind
    days: float  # working days this cause adds to the slip (after float absorbed downstream)
    introduced: float  # working days introduced at the task
    what: str  # what happened, one clause ("started 8 working days late (2026-06-09, planned 2026-05-28)")
    owner: str = ""  # person label of the task's owner
    waited_for: tuple[str, ...] = ()  # what the task waited for, as labels
    blockers: tuple[Blocker, ...] = ()
    note: str = ""  # the task's own note, when it has one


@dataclass(frozen=True)
class Step:
    """One task of the chain the delay travelled along."""

    task: str
    name: str
    start: dt.date
    finish: dt.date
    late: float | None  # working days after its baseline finish (None: no baseline)
    added: float  # working days introduced here
    absorbed: float  # working days of float absorbed here (it started less late than it was carried)
    recovered: float  # working days it lasts less than planned (absorbed like float)
    total_float: float


@dataclass(frozen=True)
class Who:
    """A person with a part in the delay: the owner of a cause, or of what blocks it."""

    person: str  # person label
    role: str  # "owner" or "blocking"
    task: str
    why: str


@dataclass(frozen=True)
class Impact:
    """Something the delay moves: an item, a commitment, a meeting, a cost, or another path's float."""

    kind: str  # milestone | deliverable | commitment | meeting | cost | path
    id: str
    name: str
    days: float | None  # working days moved (a path: the float it keeps)
    date: dt.date | None  # forecast date (a meeting: its date)
    text: str
    amount: float | None = None  # a cost, in the project's currency


@dataclass(frozen=True)
class DelayFile:
    """Why, how, who and impact of one item forecast after its baseline or committed date."""

    id: str
    name: str
    kind: str  # milestone | deliverable | commitment (a task carrying a commitment) | project
    forecast: dt.date
    baseline: dt.date | None
    slip: float  # working days after the baseline (else after the commitment)
    causes: tuple[Cause, ...]
    chain: tuple[Step, ...]
    who: tuple[Who, ...]
    impacts: tuple[Impact, ...]
    commitment: str = ""
    committed: dt.date | None = None
    currency: str = "EUR"
    headline: str = ""

    @property
    def label(self) -> str:
        return task_label(self.id, self.name)

    def to_detail(self) -> dict[str, Any]:
        """The finding's structured detail: why, how, who and impact as lists of objects."""

        return {
            "why": [_plain(c) for c in self.causes],
            "how": [_plain(s) for s in self.chain],
            "who": [_plain(w) for w in self.who],
            "impact": [_plain(i) for i in self.impacts],
            "slip": self.slip,
            "headline": self.headline,
            "prose": self.prose(),
        }

    def prose(self) -> str:
        """The delay file as sentences a manager can read aloud."""
        return delay_prose(self)


def _plain(value: object) -> Any:
    """JSON-ready data of a record of this module (field by field; `asdict` deep-copies, slowly)."""
    if isinstance(value, (Cause, Step, Who, Impact, Blocker)):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _days(value: float) -> str:
    return f"{value:g} working day" + ("" if abs(value) == 1 else "s")


# ---- what names a task, who works on it, when they are away


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def names_task(text: str, task: Task) -> bool:
    """True when `text` names the task: its id as a word, or its full name."""
    if not text:
        return False
    if task.id in text and re.search(rf"(?<![\w-]){re.escape(task.id)}(?![\w-])", text):
        return True
    name = _flat(task.name)
    return len(name) >= 8 and name in _flat(text)


OpenItem = tuple[Action | Issue, str]


def open_items(project: Project, as_of: dt.date) -> tuple[OpenItem, ...]:
    """Open actions (check-in blockers included) and issues, each with the text that may name a task."""
    items: Iterable[Action | Issue] = (*project.actions, *blocker_actions(project, as_of), *project.issues)
    return tuple((item, item.title + " " + (item.notes if isinstance(item, Action) else "")) for item in items
                 if item.status not in (ItemStatus.DONE, ItemStatus.CLOSED, ItemStatus.CANCELLED))


def open_blockers(project: Project, as_of: dt.date, task: Task,
                  items: tuple[OpenItem, ...] | None = None) -> tuple[Blocker, ...]:
    """Open actions (check-in blockers included) and issues whose title or notes name the task."""
    found: list[Blocker] = []
    for item, text in open_items(project, as_of) if items is None else items:
        if names_task(text, task):
            owner = person_label(project, item.owner) if isinstance(item.owner, str) else ""
            found.append(Blocker("action" if isinstance(item, Action) else "issue", item.id, item.title, owner))
    return tuple(found)


def _people(project: Project, task: Task) -> set[str]:
    refs = [a.person for a in task.assignments] + ([task.owner] if isinstance(task.owner, str) else [])
    ids = set(refs)
    for ref in refs:
        person = project.person(ref)
        if person is not None:
            ids.add(person.id)
    return ids


class _Days:
    """What every delay file of one schedule reads: working days of the project calendar as
    indexes (differences are working days, memoised), the links into each task, what each
    task drives, the open blockers naming a task, and the causes found at a task."""

    def __init__(self, project: Project, schedule: Schedule, as_of: dt.date) -> None:
        self.project, self.schedule, self.as_of = project, schedule, as_of
        self.axis = schedule.internals.axis
        self._index: dict[dt.date, int] = {}
        self.before: dict[str, list[Dependency]] = {}
        for link in project.dependencies:
            self.before.setdefault(link.successor, []).append(link)
        self._children: dict[str, list[str]] | None = None
        self._blockers: dict[str, tuple[Blocker, ...]] = {}
        self._items: tuple[OpenItem, ...] | None = None
        self.causes: dict[tuple[str, str, float, str | None], list[Cause]] = {}
        self.walked: dict[int, _State] = {}

    def index(self, day: dt.date) -> int:
        if day not in self._index:
            self._index[day] = int(self.axis.index_on_or_before(day))
        return self._index[day]

    def between(self, start: dt.date, end: dt.date) -> float:
        return float(self.index(end) - self.index(start))

    def working(self, day: dt.date) -> bool:
        return self.index(day) != self.index(day - dt.timedelta(days=1))

    def blockers(self, task: Task) -> tuple[Blocker, ...]:
        if task.id not in self._blockers:
            if self._items is None:
                self._items = open_items(self.project, self.as_of)
            self._blockers[task.id] = open_blockers(self.project, self.as_of, task, self._items)
        return self._blockers[task.id]

    @property
    def children(self) -> dict[str, list[str]]:
        """Task id -> the tasks it drives (it is one of their driving predecessors)."""
        if self._children is None:
            table = self.schedule.tasks
            arrays, count = table.arrays, table.count
            children: dict[str, list[str]] = {}
            for node in arrays.driving:
                if node < count:
                    for pred in dict.fromkeys(arrays.driving[node]):
                        if pred < count:
                            children.setdefault(arrays.ids[pred], []).append(arrays.ids[node])
            self._children = children
        return self._children


def _absent_days(project: Project, task: Task, first: dt.date, last: dt.date, days: _Days) -> tuple[int, str]:
    """Project working days in [first, last] when one of the task's people is absent, and why."""
    people = _people(project, task)
    absences = [a for a in project.absences if a.person in people and a.overlaps(first, last)]
    if not absences:
        return 0, ""
    count, day = 0, first
    while day <= last:
        if days.working(day) and any(a.covers(day) for a in absences):
            count += 1
        day += dt.timedelta(days=1)
    reason = "; ".join(f"{person_label(project, a.person)} absent {a.start.isoformat()} to {a.end.isoformat()}"
                       + (f" ({a.reason})" if a.reason else "") for a in absences)
    return count, reason


# ---- the walk along the chain


@dataclass
class _Open:
    """A cause being carried along the chain (mutable while walking)."""

    cause: Cause
    days: float


@dataclass
class _Walk:
    """The delays carried along one chain while it is walked: a stack of causes, latest on top."""

    project: Project
    schedule: Schedule
    as_of: dt.date
    days: _Days
    stack: list[_Open] = field(default_factory=list)
    ahead: float = 0.0  # working days the chain runs ahead of its baseline

    @property
    def carried(self) -> float:
        return sum(o.days for o in self.stack) - self.ahead

    def push(self, cause: Cause) -> None:
        amount = cause.introduced
        used = min(self.ahead, amount)
        self.ahead -= used
        if amount - used > 0:
            self.stack.append(_Open(cause, amount - used))

    def absorb(self, amount: float) -> None:
        """Take `amount` off the latest delays still carried (the rest puts the chain ahead)."""
        while amount > 1e-9 and self.stack:
            top = self.stack[-1]
            used = min(top.days, amount)
            top.days -= used
            amount -= used
            if top.days <= 1e-9:
                self.stack.pop()
        self.ahead += max(amount, 0.0)


def _waited_for(project: Project, schedule: Schedule, days: _Days, task: Task, start: dt.date) -> tuple[str, ...]:
    """The predecessor(s) that finished last between the task's baseline start and its start."""
    if task.baseline_start is None:
        return ()
    ends: dict[str, dt.date] = {}
    for link in days.before.get(task.id, ()):
        if link.predecessor not in schedule.tasks:
            continue
        pred = project.task(link.predecessor)
        finish = pred.actual_finish if pred and pred.actual_finish else schedule.tasks[link.predecessor].finish
        late = pred is not None and pred.baseline_finish is not None and finish > pred.baseline_finish
        if late and task.baseline_start <= finish <= start:
            ends[link.predecessor] = finish
    if not ends:
        return ()
    last = max(ends.values())
    return tuple(f"{label_of(project, i)} (finished {day.isoformat()})" for i, day in ends.items() if day == last)


def _start_causes(walk: _Walk, task: Task, extra: float, driver: str | None) -> list[Cause]:
    """Causes of `extra` working days of start delay introduced at `task`."""
    project, row = walk.project, walk.schedule.tasks[task.id]
    owner = person_label(project, task.owner) if isinstance(task.owner, str) else ""
    blockers = walk.days.blockers(task)
    note = " ".join(task.notes.split())
    planned = task.baseline_start
    assert planned is not None
    causes: list[Cause] = []
    away, reason = _absent_days(project, task, planned, row.start - dt.timedelta(days=1), walk.days)
    absent = min(float(away), extra)
    if absent > 0 and not (blockers and task.actual_start is None):
        causes.append(Cause(task.id, task.name, CauseKind.ABSENT, 0, absent,
                            f"could not start for {_days(absent)}: {reason}", owner, (), blockers, note))
        extra -= absent
    if extra <= 0:
        return causes
    dates = f"{row.start.isoformat()}, planned {planned.isoformat()}"
    constraint = task.constraint
    if blockers and task.actual_start is None:
        titles = some((f"{b.kind} {b.id} ({b.title})" for b in blockers), 3)
        causes.append(Cause(task.id, task.name, CauseKind.BLOCKED, 0, extra,
                            f"is blocked by {titles}: not started, {_days(extra)} late ({dates})",
                            owner, tuple(f"{b.kind} {b.id} {b.title}" for b in blockers), blockers, note))
    elif (constraint is not None and constraint.date is not None and constraint.date > planned
          and constraint.type in (ConstraintType.SNET, ConstraintType.MSO) and row.start <= constraint.date):
        causes.append(Cause(task.id, task.name, CauseKind.CONSTRAINT, 0, extra,
                            f"cannot start before its constraint {constraint.type.value.upper()} "
                            f"{constraint.date.isoformat()}: {_days(extra)} late ({dates})", owner, (), blockers,
                            note))
    elif driver is not None and (pred := project.task(driver)) is not None and pred.baseline_finish is None:
        causes.append(Cause(task.id, task.name, CauseKind.LINK, 0, extra,
                            f"waits on its link to {label_of(project, driver)}, which the baseline did not "
                            f"have: {_days(extra)} late ({dates})", owner, (label_of(project, driver),),
                            blockers, note))
    else:
        waited = _waited_for(project, walk.schedule, walk.days, task, row.start)
        if task.milestone:
            what = f"is not reached: {_days(extra)} late ({dates})"
        elif task.actual_start is not None:
            what = f"started {_days(extra)} late ({dates})"
        else:
            what = f"has not started: {_days(extra)} late ({dates})"
        if waited:
            what += f", waiting for {some(waited, 3)}"
        causes.append(Cause(task.id, task.name, CauseKind.LATE_START, 0, extra, what, owner, waited, blockers,
                            note))
    return causes


def _duration_causes(walk: _Walk, task: Task, extra: float) -> list[Cause]:
    """Causes of `extra` working days a task lasts longer than its baseline."""
    project, row = walk.project, walk.schedule.tasks[task.id]
    owner = person_label(project, task.owner) if isinstance(task.owner, str) else ""
    blockers = walk.days.blockers(task)
    note = " ".join(task.notes.split())
    causes: list[Cause] = []
    # Days away inside the forecast window explain the extension first (a baseline that planned
    # around an absence lasts as long as the forecast, so it shows no extension to explain).
    away, reason = _absent_days(project, task, row.start, row.finish, walk.days)
    absent = min(float(away), extra)
    if absent > 0:
        causes.append(Cause(task.id, task.name, CauseKind.ABSENT, 0, absent,
                            f"stops for {_days(absent)} inside the task: {reason}", owner, (), blockers, note))
        extra -= absent
    if extra <= 0:
        return causes
    if task.actual_finish is not None:
        what = f"took {_days(extra)} longer than planned (finished {task.actual_finish.isoformat()})"
    elif task.actual_start is not None:
        done = f"{task.percent_complete:g} % done" + (f", {task.remaining:g} days remaining"
                                                       if task.remaining is not None else "")
        what = f"is running slow: {_days(extra)} longer than planned ({done})"
    else:
        what = f"was re-estimated: {_days(extra)} longer than planned"
    causes.append(Cause(task.id, task.name, CauseKind.LONGER, 0, extra, what, owner, (), blockers, note))
    return causes


def _step(walk: _Walk, task_id: str, previous: str | None) -> Step:
    """Follow the variance through one task of the chain (causes pushed on `walk.stack`)."""
    task = walk.project.task(task_id)
    row = walk.schedule.tasks[task_id]
    added = absorbed = recovered = 0.0
    late: float | None = None
    if task is not None and task.baseline_start is not None and task.baseline_finish is not None:
        start_var = walk.days.between(task.baseline_start, row.start)
        late = walk.days.between(task.baseline_finish, row.finish)
        extra = start_var - walk.carried
        if extra > 0:
            key = (task_id, "start", extra, previous)
            if key not in walk.days.causes:
                walk.days.causes[key] = _start_causes(walk, task, extra, previous)
            for cause in walk.days.causes[key]:
                walk.push(cause)
                added += cause.introduced
        elif extra < 0:
            walk.absorb(-extra)
            absorbed += -extra
        longer = late - start_var
        if longer > 0:
            key = (task_id, "longer", longer, None)
            if key not in walk.days.causes:
                walk.days.causes[key] = _duration_causes(walk, task, longer)
            for cause in walk.days.causes[key]:
                walk.push(cause)
                added += cause.introduced
        elif longer < 0:
            walk.absorb(-longer)
            recovered += -longer
    return Step(task_id, task.name if task else "", row.start, row.finish, late, added, absorbed, recovered,
                row.total_float)


@dataclass(frozen=True)
class _State:
    """Where the walk stands after a node of the driving chains (shared by every item it drives)."""

    stack: tuple[tuple[Cause, float], ...]
    ahead: float
    parent: int | None  # the node walked before it
    step: Step | None  # None for a summary or internal node
    last: str | None  # the last task walked, itself included


def _walk(walk: _Walk, node: int) -> list[Step]:
    """Walk the driving chain of `node` (driving.py's `driving_chain`, critical predecessors
    preferred) from its start, leaving the causes on `walk.stack`; the steps, first to last.
    What each node's walk reached is kept: the items one chain drives walk it once."""
    table = walk.schedule.tasks
    arrays, count, memo = table.arrays, table.count, walk.days.walked
    back, seen, current = [], {node}, node
    while current not in memo:
        back.append(current)
        options = sorted((p for p in arrays.driving.get(current, ()) if p not in seen),
                         key=lambda p: not bool(arrays.critical[p]))
        if not options:
            break
        current = options[0]
        seen.add(current)
    state = memo.get(current)
    parent = current if state is not None else None
    for here in reversed(back):
        walk.stack = [_Open(c, d) for c, d in state.stack] if state is not None else []
        walk.ahead = state.ahead if state is not None else 0.0
        last = state.last if state is not None else None
        step = None
        if here < count and not arrays.summary[here]:
            step = _step(walk, arrays.ids[here], last)
            last = step.task
        state = _State(tuple((o.cause, o.days) for o in walk.stack), walk.ahead, parent, step, last)
        memo[here] = state
        parent = here
    assert state is not None
    walk.stack = [_Open(c, d) for c, d in state.stack]
    walk.ahead = state.ahead
    steps: list[Step] = []
    at: int | None = node
    while at is not None:
        kept = memo[at]
        if kept.step is not None:
            steps.append(kept.step)
        at = kept.parent
    return steps[::-1]


# ---- impacts


def _downstream(schedule: Schedule, children: Mapping[str, list[str]], start: str) -> list[str]:
    seen, todo, order = {start}, [start], []
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
                order.append(child)
    return order


def _meetings(project: Project, as_of: dt.date, task: Task, baseline: dt.date | None,
              forecast: dt.date) -> list[Impact]:
    """Upcoming steering committees held between the item's baseline and its forecast, and any
    upcoming meeting whose title names the item: each now comes before the item."""
    found: dict[dt.date, Impact] = {}
    dated: list[tuple[str, str, dt.date, bool]] = [
        (m.id, m.title, m.start.date(), m.kind is MeetingKind.STEERING) for m in project.meetings]
    dated += [(f"{rule.id}-{day.isoformat()}", rule.name, day, rule.kind is MeetingKind.STEERING)
              for rule in project.governance for day in rule.dates]
    for meeting_id, title, day, steering in sorted(dated, key=lambda m: m[2]):
        if day < as_of or day >= forecast or day in found:
            continue
        named = names_task(title, task)
        if named or (steering and baseline is not None and baseline <= day):
            why = "names it" if named else f"was to see it done (baseline {baseline})"
            found[day] = Impact("meeting", meeting_id, title, None, day,
                                f"{title} on {day.isoformat()} {why}; {task.id} is now forecast "
                                f"{forecast.isoformat()}, after it")
    return list(found.values())


def _impacts(project: Project, schedule: Schedule, as_of: dt.date, task: Task, causes: tuple[Cause, ...],
             days: _Days) -> list[Impact]:
    table = schedule.tasks
    row = table[task.id]
    commitments = {c.task: c for c in project.commitments if c.task}
    impacts: list[Impact] = []
    own = commitments.get(task.id)
    if own is not None and row.finish > own.date:
        late = days.between(own.date, row.finish)
        impacts.append(Impact("commitment", task.id, own.name, late, row.finish,
                              f"the commitment '{own.name}' ({own.date.isoformat()}) is missed by {_days(late)}"))
    for other_id in _downstream(schedule, days.children, task.id):
        other = project.task(other_id)
        other_row = table[other_id]
        if other is None or other_row.summary or other_row.done:
            continue
        promise = commitments.get(other_id)
        if other.baseline_finish is not None and (other.milestone or other.deliverable):
            moved = days.between(other.baseline_finish, other_row.finish)
            if moved > 0:
                kind = "milestone" if other.milestone else "deliverable"
                impacts.append(Impact(kind, other_id, other.name, moved, other_row.finish,
                                      f"{label_of(project, other_id)} is forecast {other_row.finish.isoformat()}, "
                                      f"{_days(moved)} after its baseline"))
        if promise is not None and other_row.finish > promise.date:
            late = days.between(promise.date, other_row.finish)
            impacts.append(Impact("commitment", other_id, promise.name, late, other_row.finish,
                                  f"the commitment '{promise.name}' ({promise.date.isoformat()}) on "
                                  f"{label_of(project, other_id)} is missed by {_days(late)}"))
    if task.id in schedule.critical_path:
        for promise in project.commitments:
            if promise.task is None and schedule.finish > promise.date:
                late = days.between(promise.date, schedule.finish)
                impacts.append(Impact("commitment", project.key, promise.name, late, schedule.finish,
                                      f"the project finish ({schedule.finish.isoformat()}) misses the commitment "
                                      f"'{promise.name}' ({promise.date.isoformat()}) by {_days(late)}"))
    impacts += _meetings(project, as_of, task, task.baseline_finish, row.finish)
    for cause in causes:
        source = project.task(cause.task)
        if (cause.kind in (CauseKind.LONGER, CauseKind.ABSENT) and source is not None and source.budget
                and source.baseline_start is not None and source.baseline_finish is not None):
            length = days.between(source.baseline_start, source.baseline_finish) + 1
            amount = round(source.budget / length * cause.introduced, 2)
            impacts.append(Impact("cost", cause.task, cause.name, cause.introduced, None,
                                  f"{label_of(project, cause.task)} runs {_days(cause.introduced)} longer at its "
                                  f"budgeted daily cost: about {amount:,.0f} {project.currency}", amount))
    return impacts + _other_paths(project, schedule, task, days)


def _other_paths(project: Project, schedule: Schedule, task: Task, days: _Days) -> list[Impact]:
    """The float left on each other link into the item: how far its predecessor can slip before it drives."""
    table = schedule.tasks
    row = table[task.id]
    driver = row.driving[0] if row.driving else None
    paths: list[Impact] = []
    if driver is not None:
        end = table[driver].finish
        for link in days.before.get(task.id, ()):
            if link.predecessor == driver or link.predecessor not in table:
                continue
            pred = table[link.predecessor]
            if pred.summary:
                continue
            keep = max(days.between(pred.finish, end), 0.0)
            other = project.task(link.predecessor)
            paths.append(Impact("path", link.predecessor, other.name if other else "", keep, pred.finish,
                                f"the path through {label_of(project, link.predecessor)} keeps "
                                f"{_days(keep)} of float"))
    return sorted(paths, key=lambda p: (p.days or 0.0, p.id))


def _who(causes: tuple[Cause, ...]) -> tuple[Who, ...]:
    found: dict[tuple[str, str, str], Who] = {}
    for cause in causes:
        if cause.owner:
            found.setdefault((cause.owner, "owner", cause.task),
                             Who(cause.owner, "owner", cause.task, f"owns {task_label(cause.task, cause.name)}"))
        for blocker in cause.blockers:
            if blocker.owner:
                found.setdefault((blocker.owner, "blocking", cause.task), Who(
                    blocker.owner, "blocking", cause.task,
                    f"owns {blocker.kind} {blocker.id} ({blocker.title}), which blocks {cause.task}"))
    return tuple(found.values())


# ---- the delay files


def _kind(task: Task, committed: bool) -> str:
    if task.milestone:
        return "milestone"
    if task.deliverable:
        return "deliverable"
    return "commitment" if committed else "task"


def delay_file(project: Project, schedule: Schedule, as_of: dt.date, task: Task,
               shared: _Days | None = None) -> DelayFile | None:
    """The delay file of one task, None when it is not forecast after its baseline or commitment
    (`shared`: what the files of one schedule share, built once by `delay_files`)."""
    table = schedule.tasks
    if task.id not in table:
        return None
    row = table[task.id]
    if row.done or row.summary:
        return None
    days = shared if shared is not None else _Days(project, schedule, as_of)
    promise = next((c for c in project.commitments if c.task == task.id), None)
    target = task.baseline_finish if task.baseline_finish is not None else (promise.date if promise else None)
    if target is None or row.finish <= target or days.between(target, row.finish) <= 0:
        return None
    slip = days.between(target, row.finish)
    walk = _Walk(project, schedule, as_of, days)
    steps = _walk(walk, table.node(task.id))
    causes = [_settled(o) for o in walk.stack if o.days > 1e-9]
    rest = slip - sum(c.days for c in causes)
    if abs(rest) > 1e-9:
        causes.append(_unexplained(project, task, rest, target, promise is not None and task.baseline_finish is None))
    first = next((i for i, s in enumerate(steps) if any(c.task == s.task for c in causes)), len(steps) - 1)
    file = DelayFile(
        id=task.id, name=task.name, kind=_kind(task, promise is not None), forecast=row.finish,
        baseline=task.baseline_finish, slip=slip, causes=tuple(causes), chain=tuple(steps[first:]),
        who=_who(tuple(causes)),
        impacts=tuple(_impacts(project, schedule, as_of, task, tuple(causes), days)),
        commitment=promise.name if promise else "", committed=promise.date if promise else None,
        currency=project.currency)
    return _with_headline(file)


def _settled(carried: _Open) -> Cause:
    cause = carried.cause
    return Cause(cause.task, cause.name, cause.kind, round(carried.days, 6), cause.introduced, cause.what,
                 cause.owner, cause.waited_for, cause.blockers, cause.note)


def _unexplained(project: Project, task: Task, rest: float, target: dt.date, committed: bool) -> Cause:
    what = (f"the plan sets it {_days(rest)} after the commitment ({target.isoformat()}) with no baseline to "
            f"compare its tasks with" if committed else
            f"{_days(rest)} the chain's baselines do not explain (tasks without a baseline, or a changed link)")
    owner = person_label(project, task.owner) if isinstance(task.owner, str) else ""
    return Cause(task.id, task.name, CauseKind.PLAN, rest, rest, what, owner)


def delay_files(project: Project, schedule: Schedule, as_of: dt.date) -> tuple[DelayFile, ...]:
    """The delay file of every milestone, deliverable and commitment forecast late, in plan order."""
    shared = _Days(project, schedule, as_of)
    committed = {c.task for c in project.commitments if c.task}
    found = []
    for task in project.tasks:
        if task.milestone or task.deliverable or task.id in committed:
            file = delay_file(project, schedule, as_of, task, shared)
            if file is not None:
                found.append(file)
    return tuple(found)


# ---- prose


def _because(cause: Cause) -> str:
    who = f" (owner {cause.owner})" if cause.owner else ""
    return f"{_days(cause.days)} because {task_label(cause.task, cause.name)}{who} {cause.what}"


def _with_headline(file: DelayFile) -> DelayFile:
    """The file with its one line: the largest causes by name, the others summed."""
    biggest = {id(c) for c in sorted(file.causes, key=lambda c: -c.days)[:HEADLINE_CAUSES]}
    named = [f"{c.days:g} wd {_SHORT[c.kind]} at {c.task}" for c in file.causes if id(c) in biggest]
    others = [c for c in file.causes if id(c) not in biggest]
    if others:
        named.append(f"{sum(c.days for c in others):g} wd from {len(others)} more")
    headline = f"{file.label} moves {_days(file.slip)} to {file.forecast.isoformat()}: {'; '.join(named)}."
    return dataclasses.replace(file, headline=headline)


HEADLINE_CAUSES = 3  # the headline names the largest causes; the others are summed

_SHORT = {
    CauseKind.LATE_START: "late start",
    CauseKind.LONGER: "longer than planned",
    CauseKind.LINK: "waiting on a link",
    CauseKind.BLOCKED: "blocked",
    CauseKind.ABSENT: "owner absent",
    CauseKind.CONSTRAINT: "constraint",
    CauseKind.PLAN: "not explained by a baseline",
}


def causes_text(file: DelayFile) -> str:
    """``6 working days from DM-08 Mock migration 1 (late start) and 2 from DM-11 … (owner absent)``;
    two causes at one task are named once (``13 from BLD-14 … (8 late start, 5 longer than planned)``)."""
    by_task: dict[str, list[Cause]] = {}
    for cause in file.causes:
        by_task.setdefault(cause.task, []).append(cause)
    parts = []
    for i, causes in enumerate(by_task.values()):
        days = sum(c.days for c in causes)
        kinds = ", ".join(f"{c.days:g} {_SHORT[c.kind]}" for c in causes) if len(causes) > 1 else _SHORT[causes[0].kind]
        parts.append(f"{_days(days) if i == 0 else f'{days:g}'} from {task_label(causes[0].task, causes[0].name)} "
                     f"({kinds})")
    return some(parts, 4)


def delay_prose(file: DelayFile) -> str:
    """``Go-live moves 8 working days: 6 because …; 2 because ….`` then how, who and impact."""
    against = (f" (baseline {file.baseline.isoformat()})" if file.baseline is not None
               else f" (committed {file.committed.isoformat()})" if file.committed is not None else "")
    parts = [f"{file.label} moves {_days(file.slip)}, to {file.forecast.isoformat()}{against}: "
             + "; ".join(_because(c) for c in file.causes) + "."]
    if len(file.chain) > 1:
        absorbed = [f"{s.absorbed:g} at {s.task}" for s in file.chain if s.absorbed > 0]
        recovered = [f"{s.recovered:g} at {s.task}" for s in file.chain if s.recovered > 0]
        parts.append("The delay travels along " + " -> ".join(s.task for s in file.chain)
                     + (f"; float absorbed {', '.join(absorbed)}" if absorbed else "")
                     + (f"; recovered (a task faster than planned) {', '.join(recovered)}" if recovered else "")
                     + ".")
    blocking = [w for w in file.who if w.role == "blocking"]
    if blocking:
        parts.append("Blocking: " + "; ".join(f"{w.person}, who {w.why}" for w in blocking) + ".")
    moved = [i.text for i in file.impacts if i.kind in ("milestone", "deliverable", "commitment", "meeting")]
    if moved:
        parts.append("It moves: " + "; ".join(moved) + ".")
    costs = [i.text for i in file.impacts if i.kind == "cost"]
    if costs:
        parts.append("Cost: " + "; ".join(costs) + ".")
    paths = [i for i in file.impacts if i.kind == "path"]
    if paths:
        parts.append("Other paths into it: " + "; ".join(
            f"{task_label(p.id, p.name)} keeps {_days(p.days or 0)} of float" for p in paths) + ".")
    return " ".join(parts)
