"""Schedule generation kernels on plain arrays, compiled by numba when it is installed.

Every kernel takes the compiled arrays of a `Network` (see `instance`) and writes
start times into an output array: the serial scheme decodes an activity list, the
parallel scheme a priority vector, `sample_order` draws an activity list by regret-based
biased random sampling and `justify` is one pass of forward-backward improvement.

Without numba (``pip install numba``; or with ``NUMBA_DISABLE_JIT=1``) the very same
functions run as plain Python on numpy arrays: correct, about two orders of magnitude
slower. A resource profile is a (time, resource) array of free units.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from pmo.engine.jit import compiler

F = TypeVar("F", bound=Callable[..., Any])
IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

_compile = compiler()  # numba, cached on disk (see pmo.engine.jit); None without it
HAVE_NUMBA = _compile is not None


def jit(fn: F) -> F:
    """Compile `fn` with numba when it is installed; leave it as Python otherwise."""
    return fn if _compile is None else cast(F, _compile(fn))


@jit
def fits(free: IntArray, dem: IntArray, j: int, t: int, d: int) -> int:
    """The first period in [t, t + d) lacking a unit j needs, or -1 when j fits at t."""
    for u in range(t, t + d):
        for k in range(free.shape[1]):
            if dem[j, k] > free[u, k]:
                return u
    return -1


@jit
def book(free: IntArray, dem: IntArray, j: int, t: int, d: int) -> None:
    """Take j's units from the profile over [t, t + d)."""
    for u in range(t, t + d):
        for k in range(free.shape[1]):
            free[u, k] -= dem[j, k]


@jit
def new_profile(cap: IntArray, horizon: int) -> IntArray:
    """A profile with every resource fully free over the horizon."""
    free = np.empty((horizon, cap.shape[0]), dtype=np.int64)
    for u in range(horizon):
        for k in range(cap.shape[0]):
            free[u, k] = cap[k]
    return free


@jit
def serial_sgs(
    order: IntArray, dur: IntArray, dem: IntArray, cap: IntArray,
    pred_ptr: IntArray, pred_idx: IntArray, pred_delay: IntArray, horizon: int, start: IntArray,
) -> int:
    """Serial SGS: each activity of `order` (precedence-feasible) at its earliest feasible start.

    Writes `start` and returns the makespan.
    """
    free = new_profile(cap, horizon)
    makespan = 0
    for pos in range(order.shape[0]):
        j = order[pos]
        t = 0
        for i in range(pred_ptr[j], pred_ptr[j + 1]):
            bound = start[pred_idx[i]] + pred_delay[i]
            if bound > t:
                t = bound
        d = dur[j]
        if d > 0:
            clash = fits(free, dem, j, t, d)
            while clash >= 0:
                t = clash + 1
                clash = fits(free, dem, j, t, d)
            book(free, dem, j, t, d)
        start[j] = t
        if t + d > makespan:
            makespan = t + d
    return makespan


@jit
def parallel_sgs(
    prio: FloatArray, dur: IntArray, dem: IntArray, cap: IntArray,
    pred_ptr: IntArray, pred_idx: IntArray, pred_delay: IntArray,
    succ_ptr: IntArray, succ_idx: IntArray, horizon: int, start: IntArray,
) -> int:
    """Parallel SGS: at each decision time, start eligible activities by increasing `prio`.

    Writes `start` and returns the makespan.
    """
    n = dur.shape[0]
    free = new_profile(cap, horizon)
    left = np.empty(n, dtype=np.int64)
    bound = np.zeros(n, dtype=np.int64)
    done = np.zeros(n, dtype=np.bool_)
    for j in range(n):
        left[j] = pred_ptr[j + 1] - pred_ptr[j]
    cand = np.empty(n, dtype=np.int64)
    count, t, makespan = 0, 0, 0
    while count < n:
        progress = True
        while progress:
            progress = False
            size = 0
            for j in range(n):
                if not done[j] and left[j] == 0 and bound[j] <= t:
                    cand[size] = j
                    size += 1
            ranked = cand[:size][np.argsort(prio[cand[:size]], kind="mergesort")]
            for j in ranked:
                if dur[j] == 0 or fits(free, dem, j, t, dur[j]) < 0:
                    book(free, dem, j, t, dur[j])
                    start[j], done[j] = t, True
                    count += 1
                    progress = True
                    makespan = max(makespan, t + dur[j])
                    for i in range(succ_ptr[j], succ_ptr[j + 1]):
                        s = succ_idx[i]
                        left[s] -= 1
                        if left[s] == 0:
                            b = 0
                            for h in range(pred_ptr[s], pred_ptr[s + 1]):
                                b = max(b, start[pred_idx[h]] + pred_delay[h])
                            bound[s] = b
        nxt = horizon
        for j in range(n):
            if done[j] and t < start[j] + dur[j] < nxt:
                nxt = start[j] + dur[j]
            elif not done[j] and left[j] == 0 and t < bound[j] < nxt:
                nxt = bound[j]
        t = nxt if nxt < horizon else t + 1
    return makespan


@jit
def sample_order(
    prio: FloatArray, alpha: float, pred_ptr: IntArray, succ_ptr: IntArray, succ_idx: IntArray,
    order: IntArray,
) -> None:
    """Regret-based biased random sampling of a precedence-feasible activity list.

    Among the eligible activities, j is drawn with probability proportional to
    ``(max prio - prio[j] + 1) ** alpha`` (smaller `prio` is better); alpha = 0 is pure
    random sampling, a large alpha follows the rule deterministically.
    """
    n = prio.shape[0]
    left = np.empty(n, dtype=np.int64)
    eligible = np.empty(n, dtype=np.int64)
    size = 0
    for j in range(n):
        left[j] = pred_ptr[j + 1] - pred_ptr[j]
        if left[j] == 0:
            eligible[size] = j
            size += 1
    weight = np.empty(n, dtype=np.float64)
    for pos in range(n):
        worst = prio[eligible[0]]
        for e in range(size):
            worst = max(worst, prio[eligible[e]])
        total = 0.0
        for e in range(size):
            weight[e] = (worst - prio[eligible[e]] + 1.0) ** alpha
            total += weight[e]
        pick = np.random.random() * total
        e = 0
        while e < size - 1 and pick >= weight[e]:
            pick -= weight[e]
            e += 1
        j = eligible[e]
        size -= 1
        eligible[e] = eligible[size]
        order[pos] = j
        for i in range(succ_ptr[j], succ_ptr[j + 1]):
            s = succ_idx[i]
            left[s] -= 1
            if left[s] == 0:
                eligible[size] = s
                size += 1


@jit
def order_by(
    key: IntArray, rank: IntArray, nonnegative: bool, pred_ptr: IntArray, pred_idx: IntArray
) -> IntArray:
    """Activities by increasing `key` (ties by `rank`), kept precedence-feasible.

    With nonnegative delays and a key taken from a feasible schedule, sorting suffices;
    otherwise the order is built by repeatedly taking the best ready activity.
    """
    n = key.shape[0]
    if nonnegative:
        return np.argsort(key * n + rank)
    order = np.empty(n, dtype=np.int64)
    placed = np.zeros(n, dtype=np.bool_)
    for pos in range(n):
        best = -1
        for j in range(n):
            if placed[j]:
                continue
            ready = True
            for i in range(pred_ptr[j], pred_ptr[j + 1]):
                if not placed[pred_idx[i]]:
                    ready = False
                    break
            if ready and (best < 0 or key[j] < key[best] or (key[j] == key[best] and rank[j] < rank[best])):
                best = j
        order[pos] = best
        placed[best] = True
    return order


@jit
def justify(
    prev: IntArray, dur: IntArray, dem: IntArray, cap: IntArray, rank: IntArray, nonnegative: bool,
    pred_ptr: IntArray, pred_idx: IntArray, pred_delay: IntArray, horizon: int, start: IntArray,
) -> int:
    """One justification pass: schedule in the network given (forward or reversed) the
    activities by decreasing finish time of `prev`, a schedule in the opposite direction.

    Writes `start` (in the given network's own time direction) and returns the makespan.
    """
    order = order_by(-(prev + dur), rank, nonnegative, pred_ptr, pred_idx)
    return serial_sgs(order, dur, dem, cap, pred_ptr, pred_idx, pred_delay, horizon, start)
