"""A columnar network of numpy arrays: durations, links, topological levels.

The passes (`cpm`, `montecarlo`) never touch model objects: they read a `Network`.
Nodes are numbered 0..n-1; links are parallel arrays. `levelise` sorts nodes by their
longest-path depth (Kahn's algorithm, one numpy step per level) and lays the links out
so that each level's incoming (forward pass) and outgoing (backward pass) links are one
contiguous slice, grouped by node, ready for `np.maximum.reduceat`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FS, SS, FF, SF = 0, 1, 2, 3
LINK_CODES = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class LinkLayout:
    """Links permuted so each level's links (grouped by one end) form one slice.

    For level L the links are ``[level_ptr[L], level_ptr[L+1])``; inside it the groups
    (one per node) start at ``group_start[group_ptr[L]:group_ptr[L+1]]`` (positions
    relative to the level's slice) and belong to ``group_node``.
    """

    link: IntArray  # permutation of link numbers
    level_ptr: IntArray
    group_start: IntArray
    group_ptr: IntArray
    group_node: IntArray


@dataclass(frozen=True)
class Network:
    """Nodes (durations in working days) and links (type code, lag, lag in elapsed days)."""

    ids: Sequence[str]
    duration: FloatArray
    pred: IntArray
    succ: IntArray
    type: npt.NDArray[np.int8]
    lag: FloatArray
    elapsed: BoolArray

    @property
    def size(self) -> int:
        return len(self.duration)

    @property
    def from_finish(self) -> BoolArray:
        """Links measured from the predecessor's finish (FS, FF)."""
        result: BoolArray = (self.type == FS) | (self.type == FF)
        return result

    @property
    def to_finish(self) -> BoolArray:
        """Links that bound the successor's finish (FF, SF)."""
        result: BoolArray = (self.type == FF) | (self.type == SF)
        return result

    def without_links(self, drop: BoolArray) -> Network:
        """The same network minus the links flagged in `drop`."""
        keep = ~drop
        return Network(self.ids, self.duration, self.pred[keep], self.succ[keep], self.type[keep],
                       self.lag[keep], self.elapsed[keep])


@dataclass(frozen=True)
class Levels:
    """A topological layout of an acyclic network: node order and link slices by level."""

    level: IntArray  # per node
    order: IntArray  # nodes sorted by level
    node_ptr: IntArray  # level L holds order[node_ptr[L]:node_ptr[L+1]]
    incoming: LinkLayout  # grouped by successor, by the successor's level
    outgoing: LinkLayout  # grouped by predecessor, by the predecessor's level

    @property
    def count(self) -> int:
        return len(self.node_ptr) - 1


def _csr(keys: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """(link numbers sorted by key, pointer per key)."""
    perm = np.argsort(keys, kind="stable").astype(np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return perm, ptr


def _gather(ptr: IntArray, nodes: IntArray) -> IntArray:
    """Concatenated ranges ptr[v]..ptr[v+1] for each v of `nodes`."""
    starts = ptr[nodes]
    counts = ptr[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    result: IntArray = offsets + np.arange(total, dtype=np.int64)
    return result


def topological_levels(network: Network) -> IntArray:
    """Longest-path depth of every node; -1 for nodes on or behind a loop."""
    n = network.size
    level = np.full(n, -1, dtype=np.int64)
    indegree = np.bincount(network.succ, minlength=n).astype(np.int64)
    perm, ptr = _csr(network.pred, n)
    out_succ = network.succ[perm]
    frontier = np.flatnonzero(indegree == 0)
    depth = 0
    while frontier.size:
        level[frontier] = depth
        reached = out_succ[_gather(ptr, frontier)]
        if reached.size == 0:
            break
        nodes, counts = np.unique(reached, return_counts=True)
        indegree[nodes] -= counts
        frontier = nodes[indegree[nodes] == 0]
        depth += 1
    return level


def _layout(key_node: IntArray, level: IntArray, levels: int, descending: bool) -> LinkLayout:
    link_level = level[key_node]
    rank = (levels - 1 - link_level) if descending else link_level
    perm = np.lexsort((key_node, rank)).astype(np.int64)
    sorted_rank = rank[perm]
    sorted_node = key_node[perm]
    level_ptr = np.searchsorted(sorted_rank, np.arange(levels + 1)).astype(np.int64)
    new_group = np.ones(len(perm), dtype=bool)
    if len(perm) > 1:
        new_group[1:] = (sorted_node[1:] != sorted_node[:-1]) | (sorted_rank[1:] != sorted_rank[:-1])
    starts = np.flatnonzero(new_group).astype(np.int64)
    group_ptr = np.searchsorted(starts, level_ptr).astype(np.int64)
    relative = starts - level_ptr[np.minimum(sorted_rank[starts], levels - 1)] if len(starts) else starts
    return LinkLayout(perm, level_ptr, relative.astype(np.int64), group_ptr, sorted_node[starts])


def levelise(network: Network, level: IntArray | None = None) -> Levels:
    """The level layout of an acyclic network (`level` from `topological_levels`)."""
    if level is None:
        level = topological_levels(network)
    if (level < 0).any():
        raise ValueError("the network has loops: break them first (see cycles.break_cycles)")
    levels = int(level.max()) + 1 if level.size else 0
    order = np.argsort(level, kind="stable").astype(np.int64)
    node_ptr = np.searchsorted(level[order], np.arange(levels + 1)).astype(np.int64)
    incoming = _layout(network.succ, level, levels, descending=False)
    outgoing = _layout(network.pred, level, levels, descending=True)
    return Levels(level, order, node_ptr, incoming, outgoing)


def build_network(ids: Sequence[str], duration: Sequence[float] | FloatArray,
                  links: Sequence[tuple[int, int, str, float, bool]]) -> Network:
    """A network from Python lists: links as (pred, succ, "FS"|..., lag, elapsed)."""
    count = len(links)
    return Network(
        ids=ids,
        duration=np.asarray(duration, dtype=np.float64),
        pred=np.fromiter((link[0] for link in links), dtype=np.int64, count=count),
        succ=np.fromiter((link[1] for link in links), dtype=np.int64, count=count),
        type=np.fromiter((LINK_CODES[link[2]] for link in links), dtype=np.int8, count=count),
        lag=np.fromiter((link[3] for link in links), dtype=np.float64, count=count),
        elapsed=np.fromiter((link[4] for link in links), dtype=np.bool_, count=count),
    )
