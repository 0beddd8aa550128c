"""The resource-constrained project scheduling problem (RCPSP) as plain arrays.

An `RcpspInstance` holds what a resource-constrained scheduler needs and nothing else:
integer durations, successor lists, per-period demands of renewable resources and their
constant capacities. Links are start-to-start minimum delays: by default the delay of an
arc is the predecessor's duration, i.e. finish-to-start with zero lag as in PSPLIB; the
bridge from a `Project` passes its own delays to express SS/FF/SF links and lags.

`Network` compiles an instance into the compressed (CSR) index arrays the kernels in
`rcpsp_kernels` run on, in both directions (forward and reversed, for justification),
with a topological order, earliest starts, latest finishes and lower bounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]


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

    @property
    def size(self) -> int:
        """The number of activities (dummies included)."""
        return len(self.durations)

    @cached_property
    def network(self) -> Network:
        """The compiled index arrays (computed once per instance)."""
        return Network.build(self)


def _csr(n: int, arcs: list[tuple[int, int, int]]) -> tuple[IntArray, IntArray, IntArray]:
    """Arcs (a, b, delay) grouped by a: (pointers, targets, delays)."""
    arcs = sorted(arcs)
    ptr = np.zeros(n + 1, dtype=np.int64)
    for a, _, _ in arcs:
        ptr[a + 1] += 1
    return (
        np.cumsum(ptr),
        np.array([b for _, b, _ in arcs], dtype=np.int64),
        np.array([d for _, _, d in arcs], dtype=np.int64),
    )


def _topological_order(n: int, arcs: list[tuple[int, int, int]]) -> IntArray:
    """Kahn's order (smallest index first among ready activities); ValueError on a cycle."""
    indeg = [0] * n
    out: list[list[int]] = [[] for _ in range(n)]
    for a, b, _ in arcs:
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


@dataclass(frozen=True, eq=False)
class Network:
    """An instance compiled for the kernels.

    `pred_*` index the arcs into each activity (forward direction), `rpred_*` those of the
    reversed network (where an arc a->b of delay x becomes b->a of delay x + d_b - d_a).
    `est`/`lft` come from the longest paths ignoring resources; `cp_bound` is the
    critical-path length and `lower_bound` the larger of it and the resource bound.
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

    @classmethod
    def build(cls, inst: RcpspInstance) -> Network:
        n = inst.size
        dur = inst.durations.astype(np.int64)
        arcs = [
            (a, b, int(inst.delays[a][i]) if inst.delays is not None else int(dur[a]))
            for a, succ in enumerate(inst.successors)
            for i, b in enumerate(succ)
        ]
        topo = _topological_order(n, arcs)
        pred_ptr, pred_idx, pred_delay = _csr(n, [(b, a, x) for a, b, x in arcs])
        reversed_arcs = [(b, a, x + int(dur[b]) - int(dur[a])) for a, b, x in arcs]
        rpred_ptr, rpred_idx, rpred_delay = _csr(n, [(b, a, x) for a, b, x in reversed_arcs])
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
        adjacent = np.zeros((n, n), dtype=np.bool_)
        reach = [set[int]() for _ in range(n)]
        for a, b, _ in arcs:
            adjacent[a, b] = True
        for j in topo[::-1]:
            for s in np.flatnonzero(adjacent[j]):
                reach[j] |= reach[int(s)] | {int(s)}
        energy = (dur[:, None] * inst.demands).sum(axis=0)
        caps = np.maximum(inst.capacities, 1)
        resource_bound = int(np.max(-(-energy // caps))) if len(caps) else 0
        extra = sum(max(0, int(pred_delay[i]) - int(dur[pred_idx[i]])) for i in range(len(pred_idx)))
        return cls(
            durations=dur,
            demands=inst.demands.astype(np.int64),
            capacities=inst.capacities.astype(np.int64),
            pred_ptr=pred_ptr,
            pred_idx=pred_idx,
            pred_delay=pred_delay,
            rpred_ptr=rpred_ptr,
            rpred_idx=rpred_idx,
            rpred_delay=rpred_delay,
            topo=topo,
            adjacent=adjacent,
            est=est,
            lft=lft,
            total_successors=np.array([len(r) for r in reach], dtype=np.int64),
            horizon=int(dur.sum()) + extra + 1,
            cp_bound=cp,
            lower_bound=max(cp, resource_bound),
            nonnegative=bool((pred_delay >= 0).all() and (rpred_delay >= 0).all()),
        )
