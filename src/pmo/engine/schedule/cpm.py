"""Forward and backward passes, level by level, pure numpy in working-day units.

A link from `p` to `s` with lag `g` bounds the successor:

    FS  ES_s >= EF_p + g      SS  ES_s >= ES_p + g
    FF  EF_s >= EF_p + g      SF  EF_s >= ES_p + g

Each level is a handful of vectorised steps: gather the predecessors' dates, add the lags,
reduce per successor with `np.maximum.reduceat`. Nodes whose own calendar or elapsed
lags need the calendar (few, in real plans) are handed to a `Special` hook that computes
them exactly, after the vectorised step of their level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from pmo.engine.schedule.network import Levels, Network

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
EPS = 1e-6


class Special(Protocol):
    """Exact, scalar treatment of the nodes the vectorised passes cannot handle alone."""

    forward_nodes: dict[int, list[int]]  # level -> nodes
    backward_nodes: dict[int, list[int]]

    def forward(self, node: int, passes: Passes) -> None: ...

    def backward(self, node: int, passes: Passes) -> None: ...


@dataclass
class Bounds:
    """Per-node limits from constraints and progress (axis units; nan / inf when free)."""

    es_min: FloatArray  # earliest start (project start, SNET, FNET, status date)
    es_pin: FloatArray  # fixed start (MSO, MFO, actual start); nan when free
    lf_max: FloatArray  # latest finish (SNLT, FNLT, deadline); inf when free

    @classmethod
    def free(cls, n: int) -> Bounds:
        return cls(np.zeros(n), np.full(n, np.nan), np.full(n, np.inf))


@dataclass
class Passes:
    """Early and late dates of every node, and the start bound each link imposes."""

    network: Network
    levels: Levels
    bounds: Bounds
    duration: FloatArray
    early_start: FloatArray
    early_finish: FloatArray
    late_start: FloatArray
    late_finish: FloatArray
    link_bound: FloatArray
    finish: float = 0.0


def run_passes(network: Network, levels: Levels, bounds: Bounds, special: Special | None = None,
               duration: FloatArray | None = None) -> Passes:
    """Forward then backward pass; `duration` overrides the network's durations."""
    n = network.size
    d = network.duration if duration is None else duration
    passes = Passes(network, levels, bounds, d, np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n),
                    np.zeros(len(network.pred)))
    forward_pass(passes, special)
    passes.finish = float(passes.early_finish.max()) if n else 0.0
    backward_pass(passes, special)
    return passes


def forward_pass(passes: Passes, special: Special | None) -> None:
    net, lv, b, d = passes.network, passes.levels, passes.bounds, passes.duration
    es, ef, bound = passes.early_start, passes.early_finish, passes.link_bound
    lay = lv.incoming
    pred, succ = net.pred[lay.link], net.succ[lay.link]
    from_finish = net.from_finish[lay.link]
    shift = net.lag[lay.link] - np.where(net.to_finish[lay.link], d[succ], 0.0)
    pinned = ~np.isnan(b.es_pin)
    for level in range(lv.count):
        nodes = lv.order[lv.node_ptr[level]:lv.node_ptr[level + 1]]
        start = b.es_min[nodes]
        low, high = lay.level_ptr[level], lay.level_ptr[level + 1]
        if high > low:
            p = pred[low:high]
            values = np.where(from_finish[low:high], ef[p], es[p]) + shift[low:high]
            bound[lay.link[low:high]] = values
            groups = lay.group_start[lay.group_ptr[level]:lay.group_ptr[level + 1]]
            es[nodes] = start
            targets = lay.group_node[lay.group_ptr[level]:lay.group_ptr[level + 1]]
            es[targets] = np.maximum(es[targets], np.maximum.reduceat(values, groups))
            start = es[nodes]
        es[nodes] = np.where(pinned[nodes], b.es_pin[nodes], start)
        ef[nodes] = es[nodes] + d[nodes]
        if special is not None:
            for node in special.forward_nodes.get(level, ()):
                special.forward(node, passes)


def backward_pass(passes: Passes, special: Special | None) -> None:
    net, lv, b, d = passes.network, passes.levels, passes.bounds, passes.duration
    ls, lf = passes.late_start, passes.late_finish
    lay = lv.outgoing
    pred, succ = net.pred[lay.link], net.succ[lay.link]
    to_finish = net.to_finish[lay.link]
    shift = np.where(net.from_finish[lay.link], 0.0, d[pred]) - net.lag[lay.link]
    cap = np.minimum(b.lf_max, passes.finish)
    for rank in range(lv.count):
        level = lv.count - 1 - rank
        nodes = lv.order[lv.node_ptr[level]:lv.node_ptr[level + 1]]
        lf[nodes] = cap[nodes]
        low, high = lay.level_ptr[rank], lay.level_ptr[rank + 1]
        if high > low:
            s = succ[low:high]
            values = np.where(to_finish[low:high], lf[s], ls[s]) + shift[low:high]
            groups = lay.group_start[lay.group_ptr[rank]:lay.group_ptr[rank + 1]]
            targets = lay.group_node[lay.group_ptr[rank]:lay.group_ptr[rank + 1]]
            lf[targets] = np.minimum(lf[targets], np.minimum.reduceat(values, groups))
        ls[nodes] = lf[nodes] - d[nodes]
        if special is not None:
            for node in special.backward_nodes.get(level, ()):
                special.backward(node, passes)


def floats(passes: Passes) -> tuple[FloatArray, FloatArray]:
    """(total float, free float) of every node, in working days."""
    net = passes.network
    total = passes.late_start - passes.early_start
    total = np.minimum(total, passes.late_finish - passes.early_finish)
    slack = passes.early_start[net.succ] - passes.link_bound
    free = passes.finish - passes.early_finish
    np.minimum.at(free, net.pred, slack)
    return total, np.minimum(np.maximum(free, 0.0), np.maximum(total, 0.0))


def driving_links(passes: Passes) -> BoolArray:
    """Links whose bound sets their successor's early start (not pinned by a constraint)."""
    net, es = passes.network, passes.early_start
    free = np.isnan(passes.bounds.es_pin[net.succ])
    result: BoolArray = free & (np.abs(es[net.succ] - passes.link_bound) < EPS)
    return result
