"""The resource-constrained project scheduling problem (RCPSP) as plain arrays.

An `RcpspInstance` holds what a resource-constrained scheduler needs and nothing else:
integer durations, successor lists, per-period demands of renewable resources and their
constant capacities. Links are start-to-start minimum delays: by default the delay of an
arc is the predecessor's duration, i.e. finish-to-start with zero lag as in PSPLIB; the
bridge from a `Project` passes its own delays to express SS/FF/SF links and lags.

`Network` compiles an instance into the compressed (CSR) index arrays the kernels in
`kernels` run on, in both directions (forward and reversed, for justification),
with a topological order, earliest starts, latest finishes and lower bounds.

With a `CalendarSpec` the instance runs on a day axis where activities pause: period t
of activity j is open when its calendar row opens t, and j works its duration on the first
open periods from its start (see `calendar_kernels`). Links are then typed (FS, SS, FF,
SF) with a lag counted in open periods of row 0 (the reference calendar) or in elapsed
periods. Without it (PSPLIB) every period is open and links are plain start-to-start delays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

# Link codes of a calendar instance: the type, plus ELAPSED when the lag counts elapsed periods.
FS, SS, FF, SF, ELAPSED = 1, 2, 3, 4, 8
_REVERSED = {FS: FS, SS: FF, FF: SS, SF: SF}


@dataclass(frozen=True, eq=False)
class CalendarSpec:
    """When each activity may work, and what each link means, on a day axis of `width` periods.

    `open[r, t]` is True when calendar row r works period t (row 0 is the reference calendar
    lags count on, and every other row must be a subset of it); `rows[j]` the row of activity
    j; `links[j][i]` the code (`FS`..`SF`, plus `ELAPSED`) of the arc to `successors[j][i]`,
    whose lag is `delays[j][i]`.
    """

    open: BoolArray
    rows: IntArray
    links: tuple[tuple[int, ...], ...]

    @property
    def width(self) -> int:
        return int(self.open.shape[1])


def _calendar_arrays(open_: BoolArray) -> tuple[IntArray, IntArray]:
    """`cum[r, t]`: open periods of row r before t (width + 1 columns); `opens[r, i]`: the
    i-th open period of row r (padded with the width)."""
    rows, width = open_.shape
    cum = np.zeros((rows, width + 1), dtype=np.int64)
    cum[:, 1:] = np.cumsum(open_, axis=1)
    opens = np.full((rows, width + 1), width, dtype=np.int64)
    for r in range(rows):
        found = np.flatnonzero(open_[r])
        opens[r, : len(found)] = found
    return cum, opens


@dataclass(frozen=True, eq=False)
class RcpspInstance:
    """A single-mode RCPSP instance (activities count from 0).

    `durations[j]` is the duration of activity j; `successors[j]` the activities that
    follow it; `demands[j, k]` the units of resource k it uses in each period it runs;
    `capacities[k]` the units of k available in every period. `delays[j][i]`, when given,
    is the minimum distance from the start of j to the start of `successors[j][i]` (it may
    be negative); without it every link is finish-to-start with zero lag.
    """

    durations: IntArray
    successors: tuple[tuple[int, ...], ...]
    demands: IntArray
    capacities: IntArray
    delays: tuple[tuple[int, ...], ...] | None = None
    name: str = ""
    calendar: CalendarSpec | None = None

    def __post_init__(self) -> None:
        n = len(self.durations)
        if len(self.successors) != n or self.demands.shape != (n, len(self.capacities)):
            raise ValueError(
                f"{n} durations, {len(self.successors)} successor lists, demands of shape "
                f"{self.demands.shape} and {len(self.capacities)} capacities do not agree"
            )
        if n and int(self.durations.min()) < 0:
            raise ValueError(f"activity {int(self.durations.argmin())} has a negative duration")
        if len(self.capacities) and int(self.capacities.min()) < 0:
            raise ValueError("a capacity is negative")
        over = np.argwhere(self.demands > self.capacities[None, :])
        if len(over):
            j, k = (int(x) for x in over[0])
            raise ValueError(
                f"activity {j} needs {int(self.demands[j, k])} units of resource {k}, "
                f"whose capacity is {int(self.capacities[k])}"
            )
        for j, succ in enumerate(self.successors):
            bad = [s for s in succ if not 0 <= s < n or s == j]
            if bad:
                raise ValueError(f"activity {j} has invalid successors {bad}")
            if self.delays is not None and len(self.delays[j]) != len(succ):
                raise ValueError(f"activity {j} has {len(succ)} successors but {len(self.delays[j])} delays")
        cal = self.calendar
        if cal is not None:
            if self.delays is None or len(cal.links) != n or any(
                len(c) != len(s) for c, s in zip(cal.links, self.successors, strict=True)
            ):
                raise ValueError("a calendar instance needs a delay and a link code for every arc")
            if cal.rows.shape != (n,) or (n and not 0 <= int(cal.rows.min()) <= int(cal.rows.max()) < len(cal.open)):
                raise ValueError("every activity needs a calendar row")
            if (cal.open & ~cal.open[:1]).any():
                raise ValueError("a calendar row opens a period the reference row closes")

    @property
    def size(self) -> int:
        """The number of activities (dummies included)."""
        return len(self.durations)

    @cached_property
    def network(self) -> Network:
        """The compiled index arrays (computed once per instance)."""
        return Network.build(self)


def _csr(n: int, arcs: list[tuple[int, int, int, int]]) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Arcs (a, b, delay, code) grouped by a: (pointers, targets, delays, codes)."""
    arcs = sorted(arcs)
    ptr = np.zeros(n + 1, dtype=np.int64)
    for a, _, _, _ in arcs:
        ptr[a + 1] += 1
    return (
        np.cumsum(ptr),
        np.array([b for _, b, _, _ in arcs], dtype=np.int64),
        np.array([d for _, _, d, _ in arcs], dtype=np.int64),
        np.array([c for _, _, _, c in arcs], dtype=np.int64),
    )


def _topological_order(n: int, arcs: list[tuple[int, int, int, int]]) -> IntArray:
    """Kahn's order (smallest index first among ready activities); ValueError on a cycle."""
    indeg = [0] * n
    out: list[list[int]] = [[] for _ in range(n)]
    for a, b, _, _ in arcs:
        indeg[b] += 1
        out[a].append(b)
    ready = [j for j in range(n) if indeg[j] == 0]
    order: list[int] = []
    while ready:
        j = ready.pop()
        order.append(j)
        for s in out[j]:
            indeg[s] -= 1
            if indeg[s] == 0:
                ready.append(s)
    if len(order) != n:
        stuck = sorted(j for j in range(n) if indeg[j] > 0)
        raise ValueError(f"the links form a cycle through activities {stuck[:10]}")
    return np.array(order, dtype=np.int64)


def _no_calendar(n: int, arcs: int) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """The calendar arrays of an instance without calendars (never read by the plain kernels)."""
    return (np.zeros(n, dtype=np.int64), np.zeros((1, 1), dtype=np.int64), np.zeros((1, 1), dtype=np.int64),
            np.zeros(arcs, dtype=np.int64))


@dataclass(frozen=True, eq=False)
class Network:
    """An instance compiled for the kernels.

    `pred_*` index the arcs into each activity (forward direction), `rpred_*` those of the
    reversed network (where an arc a->b of delay x becomes b->a of delay x + d_b - d_a; on
    calendars, an FS link stays FS, SS and FF swap and SF stays SF, with the same lag).
    `est`/`lft` come from the longest paths ignoring resources; `cp_bound` is the
    critical-path length and `lower_bound` the larger of it and the resource bound.
    `calendar` says the instance runs on calendars; `cal` and `rcal` are then the arrays
    of `calendar_kernels` in both directions (the reversed one on the reversed axis).
    """

    durations: IntArray
    demands: IntArray
    capacities: IntArray
    pred_ptr: IntArray
    pred_idx: IntArray
    pred_delay: IntArray
    rpred_ptr: IntArray
    rpred_idx: IntArray
    rpred_delay: IntArray
    topo: IntArray
    adjacent: NDArray[np.bool_]
    est: IntArray
    lft: IntArray
    total_successors: IntArray
    horizon: int
    cp_bound: int
    lower_bound: int
    nonnegative: bool = field(default=True)
    calendar: bool = False
    cal: tuple[IntArray, IntArray, IntArray, IntArray] = field(default_factory=lambda: _no_calendar(0, 0))
    rcal: tuple[IntArray, IntArray, IntArray, IntArray] = field(default_factory=lambda: _no_calendar(0, 0))
    eft: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @classmethod
    def build(cls, inst: RcpspInstance) -> Network:
        n = inst.size
        dur = inst.durations.astype(np.int64)
        spec = inst.calendar
        arcs = [
            (a, b, int(inst.delays[a][i]) if inst.delays is not None else int(dur[a]),
             spec.links[a][i] if spec is not None else 0)
            for a, succ in enumerate(inst.successors)
            for i, b in enumerate(succ)
        ]
        topo = _topological_order(n, arcs)
        pred_ptr, pred_idx, pred_delay, pred_code = _csr(n, [(b, a, x, c) for a, b, x, c in arcs])
        if spec is None:
            reversed_arcs = [(b, a, x + int(dur[b]) - int(dur[a]), 0) for a, b, x, _ in arcs]
        else:
            reversed_arcs = [(b, a, x, _REVERSED[c & 7] | (c & ELAPSED)) for a, b, x, c in arcs]
        rpred_ptr, rpred_idx, rpred_delay, rpred_code = _csr(n, [(b, a, x, c) for a, b, x, c in reversed_arcs])
        adjacent = np.zeros((n, n), dtype=np.bool_)
        reach = [set[int]() for _ in range(n)]
        for a, b, _, _ in arcs:
            adjacent[a, b] = True
        for j in topo[::-1]:
            for s in np.flatnonzero(adjacent[j]):
                reach[j] |= reach[int(s)] | {int(s)}
        energy = (dur[:, None] * inst.demands).sum(axis=0)
        caps = np.maximum(inst.capacities, 1)
        resource_bound = int(np.max(-(-energy // caps))) if len(caps) else 0
        common: dict[str, Any] = {
            "durations": dur, "demands": inst.demands.astype(np.int64), "capacities": inst.capacities.astype(np.int64),
            "pred_ptr": pred_ptr, "pred_idx": pred_idx, "pred_delay": pred_delay,
            "rpred_ptr": rpred_ptr, "rpred_idx": rpred_idx, "rpred_delay": rpred_delay,
            "topo": topo, "adjacent": adjacent,
            "total_successors": np.array([len(r) for r in reach], dtype=np.int64),
        }
        if spec is not None:
            return cls._on_calendars(inst, spec, common, pred_code, rpred_code, resource_bound)
        est = np.zeros(n, dtype=np.int64)
        for b in topo:
            for i in range(pred_ptr[b], pred_ptr[b + 1]):
                est[b] = max(est[b], est[pred_idx[i]] + pred_delay[i])
        cp = int((est + dur).max()) if n else 0
        lst_rev = np.zeros(n, dtype=np.int64)  # earliest starts in the reversed network
        for b in topo[::-1]:
            for i in range(rpred_ptr[b], rpred_ptr[b + 1]):
                lst_rev[b] = max(lst_rev[b], lst_rev[rpred_idx[i]] + rpred_delay[i])
        lft = cp - lst_rev
        extra = sum(max(0, int(pred_delay[i]) - int(dur[pred_idx[i]])) for i in range(len(pred_idx)))
        return cls(
            **common,
            est=est,
            lft=lft,
            horizon=int(dur.sum()) + extra + 1,
            cp_bound=cp,
            lower_bound=max(cp, resource_bound),
            nonnegative=bool((pred_delay >= 0).all() and (rpred_delay >= 0).all()),
            cal=_no_calendar(n, len(pred_idx)),
            rcal=_no_calendar(n, len(rpred_idx)),
            eft=est + dur,
        )

    @classmethod
    def _on_calendars(
        cls, inst: RcpspInstance, spec: CalendarSpec, common: dict[str, Any], pred_code: IntArray,
        rpred_code: IntArray, resource_bound: int,
    ) -> Network:
        """Earliest starts and latest finishes by the calendar kernels, without resources."""
        from pmo.engine.leveling.calendar_kernels import serial_sgs_cal

        n = inst.size
        cum, opens = _calendar_arrays(spec.open)
        rcum, ropens = _calendar_arrays(np.ascontiguousarray(spec.open[:, ::-1]))
        rows = spec.rows.astype(np.int64)
        cal, rcal = (rows, cum, opens, pred_code), (rows, rcum, ropens, rpred_code)
        dur, topo = inst.durations.astype(np.int64), common["topo"]
        none = np.zeros((n, 0), dtype=np.int64)
        cap = np.zeros(0, dtype=np.int64)
        est, eft = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        cp = int(serial_sgs_cal(topo, dur, none, cap, common["pred_ptr"], common["pred_idx"], common["pred_delay"],
                                cal, est, eft))
        rest, reft = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        serial_sgs_cal(topo[::-1].copy(), dur, none, cap, common["rpred_ptr"], common["rpred_idx"],
                       common["rpred_delay"], rcal, rest, reft)
        pred_delay = common["pred_delay"]
        return cls(
            **common,
            est=est,
            lft=cp - rest,
            horizon=spec.width,
            cp_bound=cp,
            # a resource gives its capacity at most once per open period of the project calendar
            lower_bound=max(cp, int(opens[0, min(resource_bound, opens.shape[1]) - 1]) + 1 if resource_bound else 0),
            nonnegative=bool(((pred_code & 7) == FS).all() and (pred_delay >= 0).all()),
            calendar=True,
            cal=cal,
            rcal=rcal,
            eft=eft,
        )
