"""Driving predecessors: the links that set each task's early start, and the chains they form.

Walking a task's driving predecessors back, link by link, tells *how* a delay travels to
it and *why* it is where it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from pmo.engine.schedule.network import BoolArray, Network


class DrivingMap(Mapping[int, tuple[int, ...]]):
    """Node -> its driving predecessor nodes, from a mask over the network's links."""

    def __init__(self, network: Network, mask: BoolArray) -> None:
        order = np.argsort(network.succ[mask], kind="stable")
        self._succ = network.succ[mask][order]
        self._pred = network.pred[mask][order]

    def __getitem__(self, node: int) -> tuple[int, ...]:
        low, high = np.searchsorted(self._succ, [node, node + 1])
        if low == high:
            raise KeyError(node)
        return tuple(int(p) for p in self._pred[low:high])

    def get(self, node: int, default: object = ()) -> tuple[int, ...]:
        try:
            return self[node]
        except KeyError:
            return ()

    def __iter__(self) -> Iterator[int]:
        return iter(int(node) for node in np.unique(self._succ))

    def __len__(self) -> int:
        return len(np.unique(self._succ))


def driving_chain(node: int, driving: Mapping[int, tuple[int, ...]], prefer: BoolArray | None = None,
                  limit: int = 10_000) -> list[int]:
    """Nodes from the start of `node`'s driving chain to `node` (critical ones preferred)."""
    chain = [node]
    seen = {node}
    while len(chain) < limit:
        options = [p for p in driving.get(chain[-1], ()) if p not in seen]
        if not options:
            break
        if prefer is not None:
            options.sort(key=lambda p: not bool(prefer[p]))
        chain.append(options[0])
        seen.add(options[0])
    return chain[::-1]


def critical_chain(last: int, driving: Mapping[int, tuple[int, ...]], critical: BoolArray,
                   summary: BoolArray, ids: Sequence[str]) -> tuple[str, ...]:
    """The critical path ending at node `last`, as task ids (summaries left out)."""
    if len(critical) == 0 or not critical[last]:
        candidates = np.flatnonzero(critical & ~summary)
        if candidates.size == 0:
            return ()
        last = int(candidates[-1])
    chain = driving_chain(last, driving, prefer=critical)
    return tuple(dict.fromkeys(ids[n] for n in chain if critical[n] and not summary[n]))
