"""Resource-constrained scheduling of an `RcpspInstance`: rules, sampling, FBI and the GA.

The entry points, from the cheapest to the strongest:

- `schedule_by_rule(instance, rule, scheme)`: one pass of the serial or parallel schedule
  generation scheme with a priority rule (`Rule`: LFT, LST, EST, MTS, GRPW, MSLK, SPT);
- `sample(instance, schedules, rule, alpha, seed)`: regret-based biased random sampling
  with the serial scheme, each list justified (forward-backward improvement);
- `solve(instance, schedules=5000, seed=0)`: the priority rules of both schemes seed
  Hartmann's activity-list GA with double justification (`genetic`).

Each returns an `RcpspSchedule` with the start times, the makespan, the number of
schedules generated (never more than asked) and the instance's lower bound.
`violations(instance, starts)` lists the broken links and capacities of any schedule;
`finishes(instance, starts)` and `worked(instance, starts, j)` say when activities end and
which periods they work (on calendars, an activity pauses on its closed periods).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from pmo.engine.leveling.calendar_kernels import finish_of, parallel_sgs_cal, serial_sgs_cal, start_bound
from pmo.engine.leveling.genetic import SCHEDULES_PER_INDIVIDUAL, evaluate, genetic_search
from pmo.engine.leveling.instance import IntArray, Network, RcpspInstance
from pmo.engine.leveling.kernels import order_by, parallel_sgs, sample_order, serial_sgs


class Rule(enum.StrEnum):
    """Priority rules (Kolisch 1996): which eligible activity to schedule first."""

    LFT = "lft"  # latest finish time
    LST = "lst"  # latest start time
    EST = "est"  # earliest start time
    MTS = "mts"  # most total successors
    GRPW = "grpw"  # greatest rank positional weight (own and direct successors' durations)
    MSLK = "mslk"  # minimum slack
    SPT = "spt"  # shortest processing time


class Scheme(enum.StrEnum):
    """Schedule generation schemes."""

    SERIAL = "serial"
    PARALLEL = "parallel"


@dataclass(frozen=True, eq=False)
class RcpspSchedule:
    """Start times found for an instance, with how they were found."""

    starts: IntArray
    makespan: int
    schedules: int
    lower_bound: int
    method: str


def priorities(net: Network, rule: Rule) -> IntArray:
    """The priority value of each activity under `rule` (smaller is scheduled first)."""
    dur, lst = net.durations, net.lft - net.durations
    if rule is Rule.LFT:
        return net.lft.copy()
    if rule is Rule.LST:
        return lst.copy()
    if rule is Rule.EST:
        return net.est.copy()
    if rule is Rule.MTS:
        return -net.total_successors
    if rule is Rule.GRPW:
        succ_dur = np.array([dur[net.rpred_idx[net.rpred_ptr[j]:net.rpred_ptr[j + 1]]].sum()
                             for j in range(len(dur))], dtype=np.int64)
        return -(dur + succ_dur)
    if rule is Rule.MSLK:
        return lst - net.est
    return dur.copy()


def _ranks(net: Network) -> tuple[IntArray, IntArray]:
    n = len(net.topo)
    rank = np.empty(n, dtype=np.int64)
    rank[net.topo] = np.arange(n)
    return rank, n - 1 - rank


def rule_order(net: Network, rule: Rule) -> IntArray:
    """The precedence-feasible activity list that follows `rule` (ties by index)."""
    rank = np.arange(len(net.durations), dtype=np.int64)
    return order_by(priorities(net, rule), rank, False, net.pred_ptr, net.pred_idx)


def schedule_by_rule(
    instance: RcpspInstance, rule: Rule = Rule.LFT, scheme: Scheme = Scheme.SERIAL
) -> RcpspSchedule:
    """One pass of a schedule generation scheme with a priority rule."""
    net = instance.network
    starts = np.zeros(instance.size, dtype=np.int64)
    if net.calendar:
        ends = np.zeros(instance.size, dtype=np.int64)
        if scheme is Scheme.SERIAL:
            makespan = serial_sgs_cal(rule_order(net, rule), net.durations, net.demands, net.capacities,
                                      net.pred_ptr, net.pred_idx, net.pred_delay, net.cal, starts, ends)
        else:
            makespan = parallel_sgs_cal(priorities(net, rule).astype(np.float64), net.durations, net.demands,
                                        net.capacities, net.pred_ptr, net.pred_idx, net.pred_delay,
                                        net.rpred_ptr, net.rpred_idx, net.cal, starts, ends)
    elif scheme is Scheme.SERIAL:
        makespan = serial_sgs(rule_order(net, rule), net.durations, net.demands, net.capacities,
                              net.pred_ptr, net.pred_idx, net.pred_delay, net.horizon, starts)
    else:
        makespan = parallel_sgs(priorities(net, rule).astype(np.float64), net.durations, net.demands,
                                net.capacities, net.pred_ptr, net.pred_idx, net.pred_delay,
                                net.rpred_ptr, net.rpred_idx, net.horizon, starts)
    return RcpspSchedule(starts, int(makespan), 1, net.lower_bound, f"{scheme.value}-{rule.value}")


def _evaluate(net: Network, order: IntArray, starts: IntArray) -> int:
    rank_f, rank_r = _ranks(net)
    back, improved = np.empty_like(starts), np.empty_like(starts)
    return int(evaluate(order, net.durations, net.demands, net.capacities, net.pred_ptr, net.pred_idx,
                        net.pred_delay, net.rpred_ptr, net.rpred_idx, net.rpred_delay, rank_f, rank_r,
                        net.nonnegative, net.nonnegative, net.horizon, net.calendar, net.cal, net.rcal,
                        starts, back, improved))


def improve(instance: RcpspInstance, starts: IntArray) -> RcpspSchedule:
    """Forward-backward improvement of a feasible schedule (its start order, decoded anew)."""
    net = instance.network
    order = order_by(np.asarray(starts, dtype=np.int64), _ranks(net)[0], net.nonnegative,
                     net.pred_ptr, net.pred_idx)
    out = np.zeros(instance.size, dtype=np.int64)
    makespan = _evaluate(net, order, out)
    return RcpspSchedule(out, makespan, SCHEDULES_PER_INDIVIDUAL, net.lower_bound, "fbi")


def sample(
    instance: RcpspInstance, schedules: int = 5000, rule: Rule = Rule.LFT, alpha: float = 1.0, seed: int = 0
) -> RcpspSchedule:
    """Regret-based biased random sampling (serial SGS), each sample justified."""
    net = instance.network
    np.random.seed(seed)
    prio = priorities(net, rule).astype(np.float64)
    order = np.empty(instance.size, dtype=np.int64)
    starts = np.zeros(instance.size, dtype=np.int64)
    best, used = RcpspSchedule(starts.copy(), net.horizon + 1, 0, net.lower_bound, "sampling"), 0
    while used + SCHEDULES_PER_INDIVIDUAL <= max(schedules, SCHEDULES_PER_INDIVIDUAL):
        sample_order(prio, alpha, net.pred_ptr, net.rpred_ptr, net.rpred_idx, order)
        makespan = _evaluate(net, order, starts)
        used += SCHEDULES_PER_INDIVIDUAL
        if makespan < best.makespan:
            best = RcpspSchedule(starts.copy(), makespan, used, net.lower_bound, f"sampling-{rule.value}")
        if makespan <= net.lower_bound:
            break
    return RcpspSchedule(best.starts, best.makespan, used, net.lower_bound, best.method)


SEED_RULES = (Rule.LFT, Rule.LST, Rule.MTS, Rule.GRPW, Rule.MSLK)


def solve(
    instance: RcpspInstance, schedules: int = 5000, seed: int = 0, population: int = 40,
    mutation: float = 0.05, alpha: float = 1.0,
) -> RcpspSchedule:
    """The best schedule found within `schedules` generated schedules (at least one).

    The parallel SGS with each rule of `SEED_RULES` and the serial lists of the same rules
    seed the GA's population; sampling biased by LFT fills the rest.
    """
    net = instance.network
    n = instance.size
    budget = max(schedules, 1)
    seeds: list[IntArray] = []
    best = schedule_by_rule(instance, SEED_RULES[0], Scheme.PARALLEL)
    used = 0
    for rule in SEED_RULES:
        if used >= budget:
            break
        one = best if used == 0 else schedule_by_rule(instance, rule, Scheme.PARALLEL)
        used += 1
        best = one if one.makespan < best.makespan else best
        seeds.append(order_by(one.starts, _ranks(net)[0], net.nonnegative, net.pred_ptr, net.pred_idx))
        seeds.append(rule_order(net, rule))
    if best.makespan <= net.lower_bound:
        return RcpspSchedule(best.starts, best.makespan, used, net.lower_bound, best.method)
    rank_f, rank_r = _ranks(net)
    out = np.zeros(n, dtype=np.int64)
    makespan, ga_used = genetic_search(
        net.durations, net.demands, net.capacities, net.pred_ptr, net.pred_idx, net.pred_delay,
        net.rpred_ptr, net.rpred_idx, net.rpred_delay, net.adjacent, rank_f, rank_r, net.nonnegative,
        net.nonnegative, net.horizon, net.calendar, net.cal, net.rcal,
        np.array(seeds, dtype=np.int64).reshape(len(seeds), n),
        priorities(net, Rule.LFT).astype(np.float64), alpha, max(population, 2), budget - used, mutation,
        net.lower_bound, seed, out,
    )
    if makespan < best.makespan:
        best = RcpspSchedule(out, int(makespan), 0, net.lower_bound, "ga-fbi")
    return RcpspSchedule(best.starts, best.makespan, used + int(ga_used), net.lower_bound, best.method)


def finishes(instance: RcpspInstance, starts: IntArray) -> IntArray:
    """When each activity of a schedule ends (on calendars, after the closed periods it spans)."""
    net = instance.network
    starts = np.asarray(starts, dtype=np.int64)
    if not net.calendar:
        result: IntArray = starts + net.durations
        return result
    rows, cum, opens, _ = net.cal
    return np.array([finish_of(cum, opens, int(rows[j]), int(starts[j]), int(net.durations[j]))
                     for j in range(instance.size)], dtype=np.int64)


def worked(instance: RcpspInstance, starts: IntArray, j: int) -> IntArray:
    """The periods activity `j` works when it starts at `starts[j]`."""
    net = instance.network
    s, d = int(starts[j]), int(net.durations[j])
    if not net.calendar:
        return np.arange(s, s + d, dtype=np.int64)
    rows, cum, opens, _ = net.cal
    first = int(cum[rows[j], min(s, net.horizon)])
    result: IntArray = opens[rows[j], first:first + d]
    return result


def violations(instance: RcpspInstance, starts: IntArray) -> list[str]:
    """Every broken link and exceeded capacity of a schedule (empty when feasible)."""
    net = instance.network
    if net.calendar:
        return _calendar_violations(instance, np.asarray(starts, dtype=np.int64))
    problems = []
    for b in range(instance.size):
        for i in range(net.pred_ptr[b], net.pred_ptr[b + 1]):
            a = int(net.pred_idx[i])
            earliest = starts[a] + net.pred_delay[i]
            if starts[b] < earliest:
                problems.append(f"activity {b} starts at {starts[b]}, before {a} allows ({earliest})")
    if (np.asarray(starts) < 0).any():
        problems.append("an activity starts before time 0")
    end = int((starts + net.durations).max()) if instance.size else 0
    usage = np.zeros((max(end, 0), len(net.capacities)), dtype=np.int64)
    for j in range(instance.size):
        usage[starts[j]:starts[j] + net.durations[j]] += net.demands[j]
    for t, k in np.argwhere(usage > net.capacities[None, :]):
        problems.append(f"resource {k} is used {usage[t, k]} > {net.capacities[k]} at time {t}")
    return problems


def _calendar_violations(instance: RcpspInstance, starts: IntArray) -> list[str]:
    net = instance.network
    rows, cum, opens, _ = net.cal
    ends = finishes(instance, starts)
    problems = []
    for b in range(instance.size):
        earliest = start_bound(b, starts, ends, net.durations, net.pred_ptr, net.pred_idx, net.pred_delay, net.cal)
        if starts[b] < earliest:
            problems.append(f"activity {b} starts at {starts[b]}, before its links allow ({earliest})")
        if net.durations[b] and (starts[b] >= net.horizon or opens[rows[b], cum[rows[b], starts[b]]] != starts[b]):
            problems.append(f"activity {b} starts at {starts[b]}, a period its calendar closes")
    if (starts < 0).any():
        problems.append("an activity starts before time 0")
    if (ends > net.horizon).any():
        problems.append("an activity ends past the horizon")
        return problems
    usage = np.zeros((net.horizon, len(net.capacities)), dtype=np.int64)
    for j in range(instance.size):
        usage[worked(instance, starts, j)] += net.demands[j]
    for t, k in np.argwhere(usage > net.capacities[None, :]):
        problems.append(f"resource {k} is used {usage[t, k]} > {net.capacities[k]} at time {t}")
    return problems
