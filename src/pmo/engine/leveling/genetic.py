"""Hartmann's activity-list genetic algorithm with forward-backward improvement.

Each individual is a precedence-feasible activity list decoded by the serial SGS and then
justified once backward and once forward (Valls, Ballestín & Quintanilla's double
justification); the list is replaced by the order of the improved schedule (Lamarckian).
Children come from Hartmann's two-point crossover and adjacent-swap mutation; the next
population keeps the best distinct individuals of parents and children (ranking).

Every generated schedule counts against the budget: one individual costs three (the
decoding and the two justification passes). The search stops at the budget or as soon as
a schedule meets the lower bound. Compiled by numba when it is installed (see
`kernels`). On calendars (`use_cal`) the same search decodes with the kernels of
`calendar_kernels`, justifying on the reversed calendar axis.
"""

from __future__ import annotations

import numpy as np

from pmo.engine.leveling.calendar_kernels import CalendarArrays, justify_cal, serial_sgs_cal
from pmo.engine.leveling.kernels import (
    BoolArray,
    FloatArray,
    IntArray,
    jit,
    justify,
    order_by,
    sample_order,
    serial_sgs,
)

SCHEDULES_PER_INDIVIDUAL = 3


@jit
def evaluate(
    order: IntArray, dur: IntArray, dem: IntArray, cap: IntArray,
    pred_ptr: IntArray, pred_idx: IntArray, pred_delay: IntArray,
    rpred_ptr: IntArray, rpred_idx: IntArray, rpred_delay: IntArray,
    rank_f: IntArray, rank_r: IntArray, nonneg_f: bool, nonneg_r: bool, horizon: int,
    use_cal: bool, cal: CalendarArrays, rcal: CalendarArrays,
    start: IntArray, back: IntArray, improved: IntArray,
) -> int:
    """Decode `order`, justify it backward and forward; the best schedule ends in `start`.

    Rewrites `order` as the start-time order of that schedule and returns its makespan.
    """
    if use_cal:
        finish, back_finish, improved_finish = np.empty_like(start), np.empty_like(start), np.empty_like(start)
        first = serial_sgs_cal(order, dur, dem, cap, pred_ptr, pred_idx, pred_delay, cal, start, finish)
        if first > horizon:  # past the axis: no schedule to justify (nor an order to learn)
            return first
        second = first + 1
        if justify_cal(finish, dur, dem, cap, rank_r, nonneg_r, rpred_ptr, rpred_idx, rpred_delay, rcal, back,
                       back_finish) <= horizon:
            second = justify_cal(back_finish, dur, dem, cap, rank_f, nonneg_f, pred_ptr, pred_idx, pred_delay,
                                 cal, improved, improved_finish)
    else:
        first = serial_sgs(order, dur, dem, cap, pred_ptr, pred_idx, pred_delay, horizon, start)
        justify(start, dur, dem, cap, rank_r, nonneg_r, rpred_ptr, rpred_idx, rpred_delay, horizon, back)
        second = justify(back, dur, dem, cap, rank_f, nonneg_f, pred_ptr, pred_idx, pred_delay, horizon, improved)
    if second <= first:
        start[:] = improved
        first = second
    order[:] = order_by(start, rank_f, nonneg_f, pred_ptr, pred_idx)
    return first


@jit
def signature(start: IntArray, weights: FloatArray) -> float:
    """A fingerprint of a schedule, to tell distinct schedules apart."""
    total = 0.0
    for j in range(start.shape[0]):
        total += start[j] * weights[j]
    return total


@jit
def crossover(
    mother: IntArray, father: IntArray, q1: int, q2: int, taken: BoolArray, child: IntArray
) -> None:
    """Two-point crossover: mother's head, father's middle (in his order), mother's tail."""
    n = mother.shape[0]
    taken[:] = False
    pos = 0
    for i in range(q1):
        child[pos] = mother[i]
        taken[mother[i]] = True
        pos += 1
    for i in range(n):
        if pos >= q2:
            break
        if not taken[father[i]]:
            child[pos] = father[i]
            taken[father[i]] = True
            pos += 1
    for i in range(n):
        if not taken[mother[i]]:
            child[pos] = mother[i]
            taken[mother[i]] = True
            pos += 1


@jit
def mutate(order: IntArray, adjacent: BoolArray, rate: float) -> None:
    """Swap neighbours with probability `rate` where no link joins them."""
    for i in range(order.shape[0] - 1):
        if np.random.random() < rate and not adjacent[order[i], order[i + 1]]:
            order[i], order[i + 1] = order[i + 1], order[i]


@jit
def genetic_search(
    dur: IntArray, dem: IntArray, cap: IntArray,
    pred_ptr: IntArray, pred_idx: IntArray, pred_delay: IntArray,
    rpred_ptr: IntArray, rpred_idx: IntArray, rpred_delay: IntArray,
    adjacent: BoolArray, rank_f: IntArray, rank_r: IntArray, nonneg_f: bool, nonneg_r: bool,
    horizon: int, use_cal: bool, cal: CalendarArrays, rcal: CalendarArrays,
    seeds: IntArray, prio: FloatArray, alpha: float, pop_size: int, budget: int,
    mutation: float, lower_bound: int, seed: int, best_start: IntArray,
) -> tuple[int, int]:
    """Run the GA; write the best schedule into `best_start`; return (makespan, schedules)."""
    np.random.seed(seed)
    n = dur.shape[0]
    pop = np.empty((2 * pop_size, n), dtype=np.int64)
    fit = np.empty(2 * pop_size, dtype=np.int64)
    sig = np.empty(2 * pop_size, dtype=np.float64)
    weights = np.random.random((n,))
    start = np.empty(n, dtype=np.int64)
    back = np.empty(n, dtype=np.int64)
    improved = np.empty(n, dtype=np.int64)
    taken = np.empty(n, dtype=np.bool_)
    best, used, size = horizon + 1, 0, 0
    while size < pop_size and used + SCHEDULES_PER_INDIVIDUAL <= budget:
        if size < seeds.shape[0]:
            pop[size] = seeds[size]
        else:
            sample_order(prio, alpha, pred_ptr, rpred_ptr, rpred_idx, pop[size])
        fit[size] = evaluate(pop[size], dur, dem, cap, pred_ptr, pred_idx, pred_delay, rpred_ptr, rpred_idx,
                             rpred_delay, rank_f, rank_r, nonneg_f, nonneg_r, horizon, use_cal, cal, rcal,
                             start, back, improved)
        sig[size] = signature(start, weights)
        used += SCHEDULES_PER_INDIVIDUAL
        if fit[size] < best:
            best = fit[size]
            best_start[:] = start
        size += 1
        if best <= lower_bound:
            return best, used
    while used + SCHEDULES_PER_INDIVIDUAL <= budget:
        parents = np.random.permutation(size)
        total = size
        for p in range(0, size - 1, 2):
            for child in range(2):
                if used + SCHEDULES_PER_INDIVIDUAL > budget:
                    break
                mother = pop[parents[p + child]]
                father = pop[parents[p + 1 - child]]
                q1 = np.random.randint(0, n + 1)
                q2 = np.random.randint(0, n + 1)
                crossover(mother, father, min(q1, q2), max(q1, q2), taken, pop[total])
                mutate(pop[total], adjacent, mutation)
                fit[total] = evaluate(pop[total], dur, dem, cap, pred_ptr, pred_idx, pred_delay, rpred_ptr,
                                      rpred_idx, rpred_delay, rank_f, rank_r, nonneg_f, nonneg_r, horizon,
                                      use_cal, cal, rcal, start, back, improved)
                sig[total] = signature(start, weights)
                used += SCHEDULES_PER_INDIVIDUAL
                if fit[total] < best:
                    best = fit[total]
                    best_start[:] = start
                    if best <= lower_bound:
                        return best, used
                total += 1
        size = select(pop, fit, sig, total, pop_size)
    return best, used


@jit
def select(pop: IntArray, fit: IntArray, sig: FloatArray, total: int, pop_size: int) -> int:
    """Move the best distinct individuals of the first `total` to the front; return how many."""
    ranked = np.argsort(fit[:total] + np.random.random(total) * 0.5)
    keep = np.empty(pop_size, dtype=np.int64)
    kept = 0
    for r in ranked:  # distinct schedules first
        if kept == pop_size:
            break
        twin = False
        for q in range(kept):
            if fit[keep[q]] == fit[r] and sig[keep[q]] == sig[r]:
                twin = True
                break
        if not twin:
            keep[kept] = r
            kept += 1
    for r in ranked:  # then twins, if too few distinct ones
        if kept == pop_size:
            break
        if not np.any(keep[:kept] == r):
            keep[kept] = r
            kept += 1
    pop[:kept] = pop[keep[:kept]].copy()
    fit[:kept] = fit[keep[:kept]].copy()
    sig[:kept] = sig[keep[:kept]].copy()
    return kept
