"""Schedule generation on a day axis where activities pause on the days their calendar closes.

The kernels of `kernels` for an instance with a `CalendarSpec`: activity j may start only
in a period its calendar row opens, works its duration on the first open periods from its
start (pausing on closed ones: weekends, holidays, its people's days off) and finishes at
the end of its last worked period. A calendar, for the kernels, is the tuple
``(rows, cum, opens, codes)`` of one direction (forward, or reversed for justification):
`rows[j]` the row of activity j, `cum[r, t]` the open periods of row r before t, `opens[r, i]`
the i-th open period of row r (padded with the horizon), `codes[i]` the link code of
predecessor arc i (`instance.FS`..`SF`, plus `ELAPSED`).

A link's lag counts open periods of row 0 (the project calendar) from the predecessor's
start or finish, or elapsed periods; a lag of zero or more also keeps the successor's start
or finish at or after that point. Periods past the horizon are never booked: a schedule
that would need them comes back with a makespan above the horizon.
"""

from __future__ import annotations

import numpy as np

from pmo.engine.leveling.kernels import FloatArray, IntArray, jit, new_profile, order_by

CalendarArrays = tuple[IntArray, IntArray, IntArray, IntArray]


@jit
def next_open(cum: IntArray, opens: IntArray, r: int, t: int) -> int:
    """The first period at or after `t` row `r` opens (the horizon when there is none)."""
    horizon: int = cum.shape[1] - 1
    if t >= horizon:
        return horizon
    if t < 0:
        t = 0
    return int(opens[r, cum[r, t]])


@jit
def finish_of(cum: IntArray, opens: IntArray, r: int, s: int, d: int) -> int:
    """The end of the last of `d` open periods of row `r` worked from `s` (`s` itself when d = 0)."""
    if d == 0:
        return s
    horizon: int = cum.shape[1] - 1
    if s >= horizon:
        return horizon + 1
    p = cum[r, s] + d - 1
    if p >= opens.shape[1]:
        return horizon + 1
    return int(opens[r, p]) + 1


@jit
def lag_point(cum: IntArray, opens: IntArray, x: int, lag: int, code: int) -> int:
    """The earliest point `lag` periods (open periods of row 0, or elapsed) after `x`."""
    if code >= 8:
        y = x + lag
    else:
        horizon: int = cum.shape[1] - 1
        k = cum[0, min(max(x, 0), horizon)] + lag
        if k <= 0:
            y = 0
        elif k - 1 >= opens.shape[1]:
            y = horizon + 1
        else:
            y = int(opens[0, k - 1]) + 1
    if lag >= 0 and y < x:
        y = x
    return y


@jit
def start_bound(
    j: int, start: IntArray, finish: IntArray, dur: IntArray,
    pred_ptr: IntArray, pred_idx: IntArray, pred_lag: IntArray, cal: CalendarArrays,
) -> int:
    """The earliest start the links of `j` allow, given the starts and finishes of its predecessors."""
    rows, cum, opens, codes = cal
    horizon: int = cum.shape[1] - 1
    r, d = rows[j], dur[j]
    t = 0
    for i in range(pred_ptr[j], pred_ptr[j + 1]):
        a = pred_idx[i]
        kind = codes[i] & 7
        x = finish[a] if kind == 1 or kind == 3 else start[a]
        y = lag_point(cum, opens, x, pred_lag[i], codes[i])
        if kind == 1 or kind == 2 or d == 0:
            b = y
        elif y <= 0:
            b = 0
        else:  # a finish at or after y: the last worked period at or after y - 1
            q = cum[r, min(y - 1, horizon)] - d + 1
            if q <= 0:
                b = 0
            elif q - 1 >= opens.shape[1]:
                b = horizon + 1
            else:
                b = int(opens[r, q - 1]) + 1
        if b > t:
            t = b
    return t


@jit
def fits_cal(free: IntArray, dem: IntArray, j: int, t: int, d: int, r: int, cum: IntArray,
             opens: IntArray) -> int:
    """The first of the `d` open periods from `t` lacking a unit j needs, or -1 when j fits at t."""
    horizon: int = cum.shape[1] - 1
    p = cum[r, t]
    for i in range(d):
        if p + i >= opens.shape[1]:
            return horizon
        u: int = opens[r, p + i]
        if u >= horizon:
            return horizon
        for k in range(free.shape[1]):
            if dem[j, k] > free[u, k]:
                return u
    return -1


@jit
def book_cal(free: IntArray, dem: IntArray, j: int, t: int, d: int, r: int, cum: IntArray,
             opens: IntArray) -> None:
    """Take j's units from the profile over its `d` open periods from `t`."""
    p = cum[r, t]
    for i in range(d):
        u: int = opens[r, p + i]
        for k in range(free.shape[1]):
            free[u, k] -= dem[j, k]


@jit
def serial_sgs_cal(
    order: IntArray, dur: IntArray, dem: IntArray, cap: IntArray,
    pred_ptr: IntArray, pred_idx: IntArray, pred_lag: IntArray, cal: CalendarArrays,
    start: IntArray, finish: IntArray,
) -> int:
    """Serial SGS on calendars: each activity of `order` at its earliest feasible open start.

    Writes `start` and `finish` and returns the makespan (above the horizon when it overflows).
    """
    rows, cum, opens, _ = cal
    horizon: int = cum.shape[1] - 1
    free = new_profile(cap, horizon)
    makespan = 0
    for pos in range(order.shape[0]):
        j = order[pos]
        t = start_bound(j, start, finish, dur, pred_ptr, pred_idx, pred_lag, cal)
        d, r = dur[j], rows[j]
        f = t
        if d > 0:
            t = next_open(cum, opens, r, t)
            while t < horizon:
                clash = fits_cal(free, dem, j, t, d, r, cum, opens)
                if clash < 0:
                    break
                t = next_open(cum, opens, r, clash + 1)
            if t >= horizon:
                f = horizon + 1
            else:
                book_cal(free, dem, j, t, d, r, cum, opens)
                f = finish_of(cum, opens, r, t, d)
        start[j] = t
        finish[j] = f
        if f > makespan:
            makespan = f
    return makespan


@jit
def parallel_sgs_cal(
    prio: FloatArray, dur: IntArray, dem: IntArray, cap: IntArray,
    pred_ptr: IntArray, pred_idx: IntArray, pred_lag: IntArray,
    succ_ptr: IntArray, succ_idx: IntArray, cal: CalendarArrays, start: IntArray, finish: IntArray,
) -> int:
    """Parallel SGS on calendars: at each decision time, start the eligible activities whose
    calendar opens it, by increasing `prio`. Writes `start` and `finish`; returns the makespan."""
    rows, cum, opens, _ = cal
    horizon: int = cum.shape[1] - 1
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
        if t >= horizon:
            return horizon + 1
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
                d, r = dur[j], rows[j]
                if d == 0 or (next_open(cum, opens, r, t) == t and fits_cal(free, dem, j, t, d, r, cum, opens) < 0):
                    f = t
                    if d > 0:
                        book_cal(free, dem, j, t, d, r, cum, opens)
                        f = finish_of(cum, opens, r, t, d)
                    start[j], finish[j], done[j] = t, f, True
                    count += 1
                    progress = True
                    makespan = max(makespan, f)
                    for i in range(succ_ptr[j], succ_ptr[j + 1]):
                        s = succ_idx[i]
                        left[s] -= 1
                        if left[s] == 0:
                            bound[s] = start_bound(s, start, finish, dur, pred_ptr, pred_idx, pred_lag, cal)
        nxt = horizon
        for j in range(n):
            if done[j]:
                if t < finish[j] < nxt:
                    nxt = finish[j]
            elif left[j] == 0:
                if bound[j] > t:
                    nxt = min(nxt, bound[j])
                elif dur[j] > 0:
                    nxt = min(nxt, next_open(cum, opens, rows[j], t + 1))
        t = nxt if nxt < horizon else t + 1
    return makespan


@jit
def justify_cal(
    prev_finish: IntArray, dur: IntArray, dem: IntArray, cap: IntArray, rank: IntArray, nonnegative: bool,
    pred_ptr: IntArray, pred_idx: IntArray, pred_lag: IntArray, cal: CalendarArrays,
    start: IntArray, finish: IntArray,
) -> int:
    """One justification pass: schedule in the given direction the activities by decreasing
    finish of `prev_finish` (a schedule in the opposite direction). Returns the makespan."""
    order = order_by(-prev_finish, rank, nonnegative, pred_ptr, pred_idx)
    return serial_sgs_cal(order, dur, dem, cap, pred_ptr, pred_idx, pred_lag, cal, start, finish)
