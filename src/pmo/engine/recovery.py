"""Recovery options for a slipping milestone, each measured on a re-scheduled copy of the plan.

`options_for(ctx, milestone_id)` builds candidate changes to the plan (the moves are in
`pmo.engine.recovery_moves`: fast-track, crash, reassign, descope), applies each to a copy
of the Project, schedules the copy with the same engine call the analysis makes, and keeps
the ones that bring the milestone's forecast earlier without breaking anything: no loop,
no constraint newly missed, nobody booked above capacity on a day they were not already,
no one booked on a task while away. Each option states the working days it recovers (its
measured forecast against the current one), its cost, risk and assumptions. Moving the
commitment (re-baselining) is always the last option, the fallback: it recovers nothing.
One option is recommended, with the reason in words. Re-sequencing is not proposed: a new
order of the work is only sound with knowledge of the work the plan does not hold.

Nothing here reads a clock or a file; the schedule runs are shared by every milestone of
one analysis (a change is scheduled once however many milestones it may help).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pmo.engine.bookings import Booking, bookings
from pmo.engine.names import label_of, person_label
from pmo.engine.schedule.driving import driving_chain
from pmo.model import Finding, NotApplicable, Project
from pmo.model.values import Known

if TYPE_CHECKING:
    from pmo.engine.context import AnalysisContext
    from pmo.engine.recovery_moves import Move
    from pmo.engine.schedule import Schedule

RISK_RANK = {"low": 0, "medium": 1, "high": 2}
_EPS = 1e-6


@dataclass(frozen=True)
class RecoveryOption:
    """One way to bring a slipping milestone back, measured on a re-scheduled copy of the plan.

    `days_recovered` counts working days of the project calendar between the current forecast
    and `forecast` (the milestone's forecast with the change); `cost` is known (in person-days:
    the plan holds no rates) or not applicable, with why; `risk` starts with low, medium or high;
    `change` says what the plan would say differently. `plan` is the changed copy of the plan.
    """

    kind: str
    title: str
    days_recovered: int
    forecast: dt.date
    cost: Known[str] | NotApplicable
    risk: str
    assumptions: str
    change: str
    recommended: bool = False
    reason: str = ""
    effort: float = field(default=0.0, compare=False, repr=False)  # person-days taken from other work
    plan: Project | None = field(default=None, compare=False, repr=False)

    @property
    def risk_level(self) -> str:
        return self.risk.split(":", 1)[0].strip()

    def as_json(self) -> dict[str, Any]:
        """The option as a finding's `detail["options"]` holds it (text values, days as a number)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "days_recovered": self.days_recovered,
            "forecast": self.forecast.isoformat(),
            "cost": str(self.cost),
            "risk": self.risk,
            "assumptions": self.assumptions,
            "change": self.change,
            "recommended": self.recommended,
            "reason": self.reason or "NA (not the recommended option)",
        }


@dataclass(frozen=True)
class Trial:
    """A changed plan, its schedule (None when it cannot be scheduled) and what it breaks."""

    plan: Project
    schedule: Schedule | None
    broken: tuple[str, ...]


@dataclass
class _Trials:
    """The trials of one analysis: each change scheduled once, the current plan's loads and
    absent bookings computed once, and how many re-schedulings are left in the budget."""

    left: int
    done: dict[str, Trial] = field(default_factory=dict)
    base: tuple[Loads, Away] | None = None


_TRIALS: weakref.WeakKeyDictionary[AnalysisContext, _Trials] = weakref.WeakKeyDictionary()

RUNS_FULL_UP_TO = 1000
"""Up to this many tasks a review may re-schedule the plan `settings.recovery_runs` times; on a
larger plan proportionally fewer (each run costs in proportion to the plan), never under `RUNS_MIN`."""
RUNS_MIN = 4


def run_budget(project: Project) -> int:
    """How many changed plans one review may re-schedule to measure recovery options."""
    runs = project.settings.recovery_runs
    tasks = len(project.tasks)
    return runs if tasks <= RUNS_FULL_UP_TO else max(RUNS_MIN, runs * RUNS_FULL_UP_TO // tasks)


def _trials(ctx: AnalysisContext) -> _Trials:
    found = _TRIALS.get(ctx)
    if found is None:
        found = _TRIALS[ctx] = _Trials(run_budget(ctx.project))
    return found


def budget_left(ctx: AnalysisContext) -> int:
    """The re-schedulings this analysis may still run for recovery options."""
    return _trials(ctx).left


def _trial(ctx: AnalysisContext, move: Move) -> Trial | None:
    """The move applied and scheduled, once per analysis (keyed by what it changes); None when the
    budget of re-schedulings is spent."""
    trials = _trials(ctx)
    if move.change not in trials.done:
        if trials.left <= 0:
            return None
        trials.left -= 1
        from pmo.engine.schedule import schedule
        from pmo.errors import InputError

        base = ctx.schedule
        assert base is not None
        if trials.base is None:
            trials.base = loads_and_away(ctx.project, base, ctx.as_of)
        try:
            computed: Schedule | None = schedule(move.plan, ctx.as_of, conflicts_only=True)
        except InputError:
            computed = None
        broken = ("the changed plan cannot be scheduled",) if computed is None else \
            violations(ctx.project, base, move.plan, computed, ctx.as_of, trials.base)
        trials.done[move.change] = Trial(move.plan, computed, broken)
    return trials.done[move.change]


def target_finish(computed: Schedule, target: str | None) -> dt.date:
    """The forecast of the milestone `target` (the project's finish for None)."""
    return computed.finish if target is None else computed.tasks[target].finish


def working_days_between(computed: Schedule, later: dt.date, earlier: dt.date) -> int:
    """Working days of the project calendar from `earlier` to `later` (negative when later is earlier)."""
    axis = computed.internals.axis
    return int(axis.index_on_or_before(later) - axis.index_on_or_before(earlier))


def chain_into(project: Project, computed: Schedule, target: str | None) -> list[str]:
    """The driving chain into `target` (the critical path for the project), real tasks only, first to last."""
    if target is None:
        ids = list(computed.critical_path)
    else:
        table = computed.tasks
        arrays = table.arrays
        nodes = driving_chain(table.node(target), arrays.driving, prefer=arrays.critical)
        ids = [arrays.ids[n] for n in nodes if n < table.count]
    chain = []
    for task_id in dict.fromkeys(ids):
        task = project.task(task_id)
        if task is not None and task_id in computed.tasks and not computed.tasks[task_id].summary:
            chain.append(task_id)
    return chain


Loads = dict[str, dict[int, float]]
Away = set[tuple[str, str]]


def daily_loads(project: Project, computed: Schedule, as_of: dt.date,
                booked: Sequence[Booking] | None = None) -> Loads:
    """Each person's load per working-day index of the project calendar (bookings summed)."""
    loads: Loads = {}
    for booking in bookings(project, computed, as_of) if booked is None else booked:
        days = loads.setdefault(booking.person, {})
        for day in range(booking.first, booking.last + 1):
            days[day] = days.get(day, 0.0) + booking.units
    return loads


def _capacity(project: Project, person_id: str) -> float:
    person = project.person(person_id)
    return person.capacity if person is not None else 1.0


def loads_and_away(plan: Project, computed: Schedule, as_of: dt.date) -> tuple[Loads, Away]:
    """A plan's daily loads and its bookings over absences, from one pass over its bookings."""
    booked = bookings(plan, computed, as_of)
    return daily_loads(plan, computed, as_of, booked), _away(plan, computed, as_of, booked)


def violations(project: Project, base: Schedule, plan: Project, computed: Schedule, as_of: dt.date,
               current: tuple[Loads, Away] | None = None) -> tuple[str, ...]:
    """What the changed plan breaks that the current one did not: a loop, a constraint or deadline,
    a person above capacity (on a day they were not, or more than they were), an absent person booked.
    `current` is the current plan's loads and absent bookings, when already computed."""
    broken: list[str] = []
    if len(computed.cycles) > len(base.cycles):
        broken.append("the change closes a loop in the links")
    before = {f.subject.id for f in base.findings if f.code == "constraint-conflict"}
    for finding in computed.findings:
        if finding.code == "constraint-conflict" and finding.subject.id not in before:
            broken.append(f"{finding.subject.id} misses its constraint or deadline")
    old, was_away = current if current is not None else loads_and_away(project, base, as_of)
    new, now_away = loads_and_away(plan, computed, as_of)
    for person_id, days in new.items():
        capacity = _capacity(plan, person_id)
        was = old.get(person_id, {})
        over = [d for d, load in days.items() if load > max(capacity, was.get(d, 0.0)) + _EPS]
        if over:
            broken.append(f"{person_label(plan, person_id)} would be booked above capacity "
                          f"on {computed.internals.axis.date(min(over)).isoformat()}")
    broken += [f"{person_label(plan, who)} would work on {label_of(plan, task)} while away"
               for who, task in sorted(now_away - was_away)]
    return tuple(broken)


def _away(plan: Project, computed: Schedule, as_of: dt.date, booked: Sequence[Booking]) -> Away:
    """(person, task) for each booking of a person over days they are away."""
    axis = computed.internals.axis
    found = set()
    for booking in booked:
        first, last = axis.date(booking.first), axis.date(booking.last)
        person = plan.person(booking.person)
        ids = {booking.person, person.id if person else booking.person}
        if any(a.person in ids and a.overlaps(first, last) for a in plan.absences):
            found.add((booking.person, booking.task))
    return found


def options_for(ctx: AnalysisContext, milestone_id: str | None, limit: int | None = None) -> tuple[RecoveryOption, ...]:
    """The measured recovery options of a slipping milestone (`None`: the project's finish), the
    recommended one marked, the commitment move last. At most `limit` candidates are scheduled
    (default: the project's `settings.recovery_candidates`)."""
    from pmo.engine.recovery_moves import candidate_moves, fallback

    base = ctx.schedule
    project = ctx.project
    if base is None or (milestone_id is not None and milestone_id not in base.tasks):
        return ()
    limit = project.settings.recovery_candidates if limit is None else limit
    now = target_finish(base, milestone_id)
    chain = chain_into(project, base, milestone_id)
    found = []
    measured = budget_left(ctx) > 0
    moves = candidate_moves(project, base, ctx.as_of, chain, milestone_id) if measured else []
    for move in moves[: max(limit, 0)]:
        trial = _trial(ctx, move)
        if trial is None:
            break  # the review's budget of re-schedulings is spent
        if trial.schedule is None or trial.broken:
            continue
        if milestone_id is not None and milestone_id not in trial.schedule.tasks:
            continue
        forecast = target_finish(trial.schedule, milestone_id)
        days = working_days_between(base, now, forecast)
        if days > 0:
            found.append(RecoveryOption(move.kind, move.title, days, forecast, move.cost, move.risk,
                                        move.assumptions, move.change, effort=move.effort, plan=move.plan))
    late = lateness(project, base, milestone_id)
    ranked = recommend(found, late)
    last = fallback(project, base, milestone_id, with_plan=measured)
    if last is not None:
        if not any(o.recommended for o in ranked):
            last = dataclasses.replace(last, recommended=True, reason=(
                "No change to the plan measured here brings the date earlier without breaking a link, "
                "a constraint, a calendar or someone's capacity: agree the new date with the sponsor."))
        ranked.append(last)
    return tuple(ranked)


def lateness(project: Project, computed: Schedule, target: str | None) -> int:
    """Working days the forecast is after the date it is held to (the commitment, else the baseline)."""
    now = target_finish(computed, target)
    due = [c.date for c in project.commitments if c.task == target]
    task = project.task(target) if target is not None else None
    if not due and task is not None and task.baseline_finish is not None:
        due = [task.baseline_finish]
    return max((working_days_between(computed, now, day) for day in due), default=0)


def _order(option: RecoveryOption) -> tuple[int, int, float]:
    return (-option.days_recovered, RISK_RANK.get(option.risk_level, 3), option.effort)


def _days(count: int) -> str:
    return f"{count} working day" + ("" if count == 1 else "s")


def recommend(options: list[RecoveryOption], late: int) -> list[RecoveryOption]:
    """The options best first (most days, then least risk, then least cost), the first recommended with why."""
    ranked = sorted(options, key=_order)
    if not ranked:
        return []
    best = ranked[0]
    enough = (f"enough to absorb the {_days(late)} of slip" if best.days_recovered >= late > 0
              else f"of the {_days(late)} of slip" if late > 0 else "")
    others = len(ranked) - 1
    reason = f"It recovers {_days(best.days_recovered)}" + (f", {enough}" if enough else "")
    if others:
        tie = [o for o in ranked[1:] if o.days_recovered == best.days_recovered]
        reason += (f"; {len(tie)} other option{'s' if len(tie) != 1 else ''} recover{'s' if len(tie) == 1 else ''} "
                   f"as much at no lower risk or cost" if tie else
                   f", more than the {others} other option{'s' if others != 1 else ''} measured")
    reason += f", at {best.risk_level} risk" + (
        f" and a cost of {best.cost.value}" if isinstance(best.cost, Known) else " and no added effort") + "."
    ranked[0] = dataclasses.replace(best, recommended=True, reason=reason)
    return ranked


def with_options(ctx: AnalysisContext, finding: Finding) -> Finding:
    """A `milestone-slip` finding with `detail["options"]`: its measured recovery options. When the
    review's budget of re-schedulings is spent (`run_budget`), only the commitment move is given,
    and `detail["options_note"]` says why."""
    target = finding.subject.id if finding.subject.kind == "task" else None
    spent = budget_left(ctx) <= 0
    options = options_for(ctx, target)
    detail = {**finding.detail, "options": [o.as_json() for o in options]}
    if spent:
        detail["options_note"] = (
            f"Not measured: the {run_budget(ctx.project)} re-schedulings a review runs on a plan of "
            f"{len(ctx.project.tasks):,} tasks went to more serious slips (settings.recovery_runs); "
            "only the move of the date is shown.")
    return dataclasses.replace(finding, detail=detail)


def by_seriousness(findings: list[Finding]) -> list[Finding]:
    """Slips in the order their options are measured: missed commitments (errors) first, then the
    largest slips, then the plan's order."""
    def key(pair: tuple[int, Finding]) -> tuple[int, float, int]:
        index, finding = pair
        slip = finding.detail.get("slip")
        return (0 if finding.severity.value == "error" else 1, -(slip if isinstance(slip, (int, float)) else 0), index)

    return [f for _, f in sorted(enumerate(findings), key=key)]

