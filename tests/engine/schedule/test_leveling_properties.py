"""Properties: no leveled schedule breaks a link or a capacity, whatever the instance or plan."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.engine.leveling.instance import RcpspInstance
from pmo.engine.leveling.kernels import serial_sgs
from pmo.engine.leveling.level import level
from pmo.engine.leveling.solve import Rule, Scheme, sample, schedule_by_rule, solve, violations
from pmo.model import Assignment, Dependency, LinkType, Person, Project, Task

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw: st.DrawFn, general: bool = False, most: int = 9) -> RcpspInstance:
    """Random instances: a dummy source and sink, links forward in index order."""
    m = draw(st.integers(1, most))
    k = draw(st.integers(1, 3))
    n = m + 2
    caps = draw(st.lists(st.integers(1, 5), min_size=k, max_size=k))
    durations = [0, *draw(st.lists(st.integers(0, 6), min_size=m, max_size=m)), 0]
    demands = [[0] * k] + [[draw(st.integers(0, c)) for c in caps] for _ in range(m)] + [[0] * k]
    succ: list[list[int]] = [[] for _ in range(n)]
    delays: list[list[int]] = [[] for _ in range(n)]
    for a, b in itertools.combinations(range(1, m + 1), 2):
        if draw(st.integers(0, 3)) == 0:
            succ[a].append(b)
            delays[a].append(draw(st.integers(-3, 4)) if general else durations[a])
    for j in range(1, m + 1):
        succ[0].append(j)
        delays[0].append(0)
        succ[j].append(n - 1)
        delays[j].append(durations[j])
    return RcpspInstance(
        durations=np.array(durations, dtype=np.int64),
        successors=tuple(tuple(s) for s in succ),
        demands=np.array(demands, dtype=np.int64),
        capacities=np.array(caps, dtype=np.int64),
        delays=tuple(tuple(d) for d in delays) if general else None,
    )


@SETTINGS
@given(instances() | instances(general=True), st.integers(0, 2**31 - 1), st.sampled_from(list(Rule)))
def test_every_method_returns_a_feasible_schedule(inst: RcpspInstance, seed: int, rule: Rule) -> None:
    for result in (
        solve(inst, 40, seed=seed),
        sample(inst, 12, rule=rule, seed=seed),
        schedule_by_rule(inst, rule, Scheme.SERIAL),
        schedule_by_rule(inst, rule, Scheme.PARALLEL),
    ):
        assert violations(inst, result.starts) == []
        assert result.makespan == int((result.starts + inst.durations).max())
        assert result.makespan >= result.lower_bound
        assert result.schedules <= 40


@settings(max_examples=25, deadline=None)
@given(instances(most=5), st.integers(0, 2**31 - 1))
def test_no_better_than_the_enumerated_optimum(inst: RcpspInstance, seed: int) -> None:
    # every active schedule is the serial decoding of some activity list: the best of all
    # lists is the optimum, and the search can match it but never beat it
    net = inst.network
    start = np.zeros(inst.size, dtype=np.int64)
    pred = [set(net.pred_idx[net.pred_ptr[j]:net.pred_ptr[j + 1]].tolist()) for j in range(inst.size)]
    best = min(
        serial_sgs(np.array(order), net.durations, net.demands, net.capacities, net.pred_ptr, net.pred_idx,
                   net.pred_delay, net.horizon, start)
        for order in itertools.permutations(range(inst.size))
        if all(pred[j] <= set(order[:i]) for i, j in enumerate(order))
    )
    assert solve(inst, 60, seed=seed).makespan >= best


LINKS = st.sampled_from(list(LinkType))


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """Random plans: people with full or half capacity, bookings of 25 % to 150 %."""
    capacities = [draw(st.sampled_from([0.5, 1.0])) for _ in range(3)]
    people = tuple(Person(f"p{i}", f"Person {i}", capacity=c) for i, c in enumerate(capacities))
    m = draw(st.integers(1, 8))
    tasks = []
    for i in range(m):
        booked = draw(st.lists(st.tuples(st.sampled_from(people), st.sampled_from([0.25, 0.5, 1.0, 1.5])),
                               max_size=2, unique_by=lambda b: b[0].id))
        tasks.append(Task(f"T{i}", f"Task {i}", duration=draw(st.integers(0, 5)),
                          assignments=tuple(Assignment(p.id, u) for p, u in booked)))
    links = tuple(
        Dependency(f"T{a}", f"T{b}", draw(LINKS), float(draw(st.integers(-2, 3))))
        for a, b in itertools.combinations(range(m), 2)
        if draw(st.integers(0, 3)) == 0
    )
    return Project(key="P", name="p", start=dt.date(2026, 1, 5), people=people, tasks=tuple(tasks),
                   dependencies=links)


@SETTINGS
@given(projects(), st.integers(0, 1000))
def test_level_never_breaks_a_link_or_a_capacity(project: Project, seed: int) -> None:
    plan = level(project, schedules=30, seed=seed)
    start, finish = plan.starts, plan.finishes
    assert all(s >= 0 for s in start.values())
    for dep in project.dependencies:
        p, s, lag = dep.predecessor, dep.successor, dep.lag
        held = {
            LinkType.FS: start[s] >= finish[p] + lag,
            LinkType.SS: start[s] >= start[p] + lag,
            LinkType.FF: finish[s] >= finish[p] + lag,
            LinkType.SF: finish[s] >= start[p] + lag,
        }[dep.type]
        assert held, f"{dep} broken: {start}, {finish}"
    for person in project.people:
        for day in range(int(plan.finish) + 1):
            booked = sum(
                min(sum(a.units for a in t.assignments if a.person == person.id), person.capacity)
                for t in project.tasks
                if start[t.id] <= day < finish[t.id]
            )
            assert booked <= person.capacity + 1e-9, f"{person.id} at {booked} on day {day}"
    for overload in plan.overloads:
        assert overload.peak > overload.capacity
