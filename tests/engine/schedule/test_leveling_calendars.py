"""Leveling on calendars: a hand-checked plan (Mon-Thu week, a public holiday, an absence)
and properties over generated plans (no task works on a closed day, nobody over capacity)."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.engine.leveling.instance import ELAPSED, FF, FS, SF, SS, CalendarSpec, RcpspInstance
from pmo.engine.leveling.level import level
from pmo.engine.leveling.solve import Rule, Scheme, sample, schedule_by_rule, solve, violations
from pmo.errors import InputError
from pmo.model import Absence, Assignment, Calendar, Dependency, LinkType, Person, Project, Task

MON_THU = Calendar("mon-thu", "Mon-Thu", working_weekdays=(0, 1, 2, 3), country="FR")  # Easter Monday 2026-04-06
D = dt.date


def fixture() -> Project:
    people = (Person("alice", "Alice Martin"), Person("bob", "Bob Stone"))
    tasks = (
        Task("A", "Design", duration=3, assignments=(Assignment("alice", 1.0),)),
        Task("B", "Build", duration=4, assignments=(Assignment("alice", 1.0),)),
        Task("C", "Survey", duration=3, assignments=(Assignment("bob", 1.0),)),
        Task("D", "Review", duration=2, assignments=(Assignment("bob", 1.0),)),
    )
    return Project(key="CAL", name="Calendars", start=D(2026, 3, 30), calendar="mon-thu", calendars=(MON_THU,),
                   people=people, tasks=tasks, dependencies=(Dependency("A", "D"),),
                   absences=(Absence("bob", D(2026, 4, 1), D(2026, 4, 3), "leave"),))


def test_the_hand_checked_plan() -> None:
    # Working days (Mon-Thu, Easter Monday 6 April off): 30/3 31/3 1/4 2/4 | 7/4 8/4 9/4 | 13/4 ...
    # as offsets 0 1 2 3 | 4 5 6 | 7. Bob is away 1-3 April: his days are 30/3 31/3 7/4 8/4 9/4.
    # Alice has 7 days of work (A 3 + B 4): her 7th working day is 9/4; Bob has 5 (C 3 + D 2):
    # his 5th is 9/4 too. D follows A, so it cannot take Bob's first two days: C works
    # 30/3 31/3 and, after the absence and the holiday, 7/4; D 8/4 9/4. A must come first
    # (B first would push A, and D after it, past 9/4): A 30/3-1/4, B 2/4 7/4 8/4 9/4.
    plan = level(fixture(), schedules=300)
    assert plan.worked == {
        "A": (D(2026, 3, 30), D(2026, 3, 31), D(2026, 4, 1)),
        "B": (D(2026, 4, 2), D(2026, 4, 7), D(2026, 4, 8), D(2026, 4, 9)),
        "C": (D(2026, 3, 30), D(2026, 3, 31), D(2026, 4, 7)),
        "D": (D(2026, 4, 8), D(2026, 4, 9)),
    }
    assert plan.starts == {"A": 0.0, "B": 3.0, "C": 0.0, "D": 5.0}
    assert plan.finishes == {"A": 3.0, "B": 7.0, "C": 5.0, "D": 7.0}
    # unleveled: everything at once; D after A (ends 1/4) waits for Bob's return on 7/4
    assert plan.early_starts == {"A": 0.0, "B": 0.0, "C": 0.0, "D": 4.0}
    assert (plan.unleveled_finish, plan.finish) == (6.0, 7.0)
    messages = [f.message for f in plan.findings]
    assert messages == [
        "Alice Martin is booked at 200 % from 2026-03-30 to 2026-04-01.",  # A and B (30/3 to 2/4) overlap
        "Bob Stone is booked at 200 % from 2026-04-07 to 2026-04-07.",
    ]
    assert "start B on 2026-04-02 instead of 2026-03-30" in plan.findings[0].suggestion
    assert "start D on 2026-04-08 instead of 2026-04-07" in plan.findings[1].suggestion
    assert plan.date(4) == D(2026, 4, 7)


def test_a_task_whose_days_are_all_closed_is_refused_by_name() -> None:
    project = fixture()
    never = Calendar("fri", "Fridays", working_weekdays=(4,))
    project = Project(key="CAL", name="c", start=D(2026, 3, 30), calendar="mon-thu", calendars=(MON_THU, never),
                      tasks=(Task("X", "Paint", duration=1, calendar="fri"),))
    with pytest.raises(InputError, match=r"cannot level CAL: task X \(Paint\) has no working day"):
        level(project, schedules=10)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
START = D(2026, 1, 5)


@st.composite
def plans(draw: st.DrawFn) -> Project:
    """Plans on random calendars, with holidays, absences, bookings and links."""
    def calendar(ident: str) -> Calendar:
        days = draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))
        off = draw(st.lists(st.integers(0, 60), max_size=4))
        return Calendar(ident, ident, working_weekdays=tuple(sorted(days)),
                        holidays=tuple(START + dt.timedelta(days=d) for d in off))

    calendars = tuple(calendar(f"c{i}") for i in range(draw(st.integers(1, 3))))
    people = tuple(Person(f"p{i}", f"Person {i}", capacity=draw(st.sampled_from([0.5, 1.0])),
                          calendar=draw(st.sampled_from([None, *(c.id for c in calendars)])))
                   for i in range(3))
    absences = tuple(
        Absence(draw(st.sampled_from(people)).id, START + dt.timedelta(days=first),
                START + dt.timedelta(days=first + draw(st.integers(0, 6))))
        for first in draw(st.lists(st.integers(-3, 40), max_size=3))
    )
    m = draw(st.integers(1, 7))
    tasks = []
    for i in range(m):
        booked = draw(st.lists(st.tuples(st.sampled_from(people), st.sampled_from([0.25, 0.5, 1.0, 1.5])),
                               max_size=2, unique_by=lambda b: b[0].id))
        tasks.append(Task(f"T{i}", f"Task {i}", duration=draw(st.integers(0, 5)),
                          calendar=draw(st.sampled_from([None, *(c.id for c in calendars)])),
                          assignments=tuple(Assignment(p.id, u) for p, u in booked)))
    links = tuple(
        Dependency(f"T{a}", f"T{b}", draw(st.sampled_from(list(LinkType))), float(draw(st.integers(-2, 3))))
        for a, b in itertools.combinations(range(m), 2)
        if draw(st.integers(0, 3)) == 0
    )
    return Project(key="P", name="p", start=START, calendar=calendars[0].id, calendars=calendars,
                   people=people, tasks=tuple(tasks), dependencies=links, absences=absences)


def _open(project: Project, task: Task, day: dt.date) -> bool:
    """Whether `task` may work on `day`, computed from the model alone."""
    by_id = {c.id: c for c in project.calendars}
    people = [p for p in project.people if any(a.person == p.id for a in task.assignments)]
    calendars = [by_id[project.calendar or ""], *(by_id[c] for c in (task.calendar, *(p.calendar for p in people))
                                                   if c)]
    if any(day.weekday() not in c.working_weekdays or day in c.holidays for c in calendars):
        return False
    return not any(a.covers(day) for a in project.absences if a.person in {p.id for p in people})


@SETTINGS
@given(plans(), st.integers(0, 1000))
def test_no_task_works_on_a_closed_day_and_nobody_is_over_capacity(project: Project, seed: int) -> None:
    try:
        plan = level(project, schedules=30, seed=seed)
    except InputError as exc:  # a task whose calendars share no day at all
        assert "has no working day" in str(exc)
        return
    load: dict[tuple[str, dt.date], float] = {}
    for task in project.tasks:
        days = plan.worked[task.id]
        assert len(days) == task.duration
        for day in days:
            assert _open(project, task, day), f"{task.id} works on {day}, a closed day"
            for person in project.people:
                units = sum(a.units for a in task.assignments if a.person == person.id)
                if units:
                    load[(person.id, day)] = load.get((person.id, day), 0.0) + min(units, person.capacity)
        if days:
            assert plan.date(plan.starts[task.id]) == days[0]
            assert plan.date(plan.finishes[task.id] - 1) == days[-1]
    capacity = {p.id: p.capacity for p in project.people}
    for (person, day), booked in load.items():
        assert booked <= capacity[person] + 1e-9, f"{person} booked {booked} on {day}"
    start, finish = plan.starts, plan.finishes
    for dep in project.dependencies:  # lags count working days of the project calendar, as the offsets do
        p, s, lag = dep.predecessor, dep.successor, dep.lag
        held = {
            LinkType.FS: start[s] >= finish[p] + lag,
            LinkType.SS: start[s] >= start[p] + lag,
            LinkType.FF: finish[s] >= finish[p] + lag,
            LinkType.SF: finish[s] >= start[p] + lag,
        }[dep.type]
        assert held, f"{dep} broken: {start}, {finish}"


@st.composite
def calendar_instances(draw: st.DrawFn) -> RcpspInstance:
    """Random instances on random calendars (row 0 opens every period another row opens)."""
    m, k, width = draw(st.integers(1, 7)), draw(st.integers(1, 3)), 400
    n = m + 2
    caps = draw(st.lists(st.integers(1, 5), min_size=k, max_size=k))
    durations = [0, *draw(st.lists(st.integers(0, 5), min_size=m, max_size=m)), 0]
    demands = [[0] * k] + [[draw(st.integers(0, c)) for c in caps] for _ in range(m)] + [[0] * k]
    week = np.array(draw(st.lists(st.booleans(), min_size=7, max_size=7)) or [True]) | np.eye(7, dtype=bool)[0]
    base = np.resize(week, width)
    rows = [base] + [base & np.resize(np.array(draw(st.lists(st.booleans(), min_size=5, max_size=5))) | [1, 0, 0, 0, 0],
                                      width).astype(bool) for _ in range(draw(st.integers(0, 2)))]
    succ: list[list[int]] = [[] for _ in range(n)]
    delays: list[list[int]] = [[] for _ in range(n)]
    codes: list[list[int]] = [[] for _ in range(n)]
    for a, b in itertools.combinations(range(1, m + 1), 2):
        if draw(st.integers(0, 3)) == 0:
            succ[a].append(b)
            delays[a].append(draw(st.integers(-2, 3)))
            codes[a].append(draw(st.sampled_from([FS, SS, FF, SF])) | draw(st.sampled_from([0, ELAPSED])))
    for j in range(1, m + 1):
        succ[0].append(j), delays[0].append(0), codes[0].append(FS)
        succ[j].append(n - 1), delays[j].append(0), codes[j].append(FS)
    spec = CalendarSpec(open=np.array(rows), links=tuple(tuple(c) for c in codes),
                        rows=np.array([0, *(draw(st.integers(0, len(rows) - 1)) for _ in range(m)), 0]))
    return RcpspInstance(
        durations=np.array(durations, dtype=np.int64), successors=tuple(tuple(s) for s in succ),
        demands=np.array(demands, dtype=np.int64), capacities=np.array(caps, dtype=np.int64),
        delays=tuple(tuple(d) for d in delays), calendar=spec,
    )


@SETTINGS
@given(calendar_instances(), st.integers(0, 2**31 - 1), st.sampled_from(list(Rule)))
def test_every_method_is_feasible_on_calendars(inst: RcpspInstance, seed: int, rule: Rule) -> None:
    for result in (
        solve(inst, 40, seed=seed),
        sample(inst, 12, rule=rule, seed=seed),
        schedule_by_rule(inst, rule, Scheme.SERIAL),
        schedule_by_rule(inst, rule, Scheme.PARALLEL),
    ):
        if result.makespan <= inst.network.horizon:
            assert violations(inst, result.starts) == []
            assert result.makespan >= inst.network.cp_bound
        else:  # a schedule that needs more days than the axis has comes back marked so
            assert "an activity ends past the horizon" in violations(inst, result.starts)


def test_a_long_absence_stretches_the_axis() -> None:
    # A (Alice) works 2-13 March; B follows it, but Bob is away from 16 March to 30 June:
    # B waits for his return and works Wednesday 1 and Thursday 2 July
    people = (Person("alice", "Alice"), Person("bob", "Bob"))
    tasks = (Task("A", "Plan", duration=10, assignments=(Assignment("alice", 1.0),)),
             Task("B", "Sign", duration=2, assignments=(Assignment("bob", 1.0),)))
    project = Project(key="LONG", name="l", start=D(2026, 3, 2), people=people, tasks=tasks,
                      dependencies=(Dependency("A", "B"),), absences=(Absence("bob", D(2026, 3, 16), D(2026, 6, 30)),))
    plan = level(project, schedules=20)
    assert plan.worked["A"][-1] == D(2026, 3, 13)
    assert plan.worked["B"] == (D(2026, 7, 1), D(2026, 7, 2))
    assert plan.date(plan.starts["B"]) == D(2026, 7, 1)
