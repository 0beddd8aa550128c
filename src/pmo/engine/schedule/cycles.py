"""Loops in the links: found, named task by task, and broken so the rest still schedules."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pmo.engine.graph import find_loops
from pmo.engine.schedule.network import IntArray, Network, topological_levels


def _name_loop(loop: list[int], names: Sequence[str]) -> list[str]:
    """Node numbers -> display ids, merging a summary's start and finish nodes."""
    named: list[str] = []
    for node in loop:
        name = names[node]
        if not named or named[-1] != name:
            named.append(name)
    while len(named) > 1 and named[0] == named[-1]:
        named.pop()
    if not named:
        return named
    first = named.index(min(named))
    return named[first:] + named[:first]


def break_cycles(network: Network, names: Sequence[str]) -> tuple[Network, IntArray,
                                                                     list[list[str]], list[int]]:
    """(acyclic network, levels, loops named by `names`, numbers of the dropped links).

    Each loop is reported once, as found in one strongly connected component; the links
    that close it (from its last node back to its first) are dropped and the search
    repeats until no loop is left.
    """
    loops: list[list[str]] = []
    dropped: list[int] = []
    alive = np.ones(len(network.pred), dtype=bool)
    current = network
    level = topological_levels(current)
    while (level < 0).any():
        stuck = level < 0
        inside = stuck[network.pred] & stuck[network.succ] & alive
        edges = [(str(p), str(s)) for p, s in zip(network.pred[inside], network.succ[inside], strict=True)]
        found = find_loops((str(v) for v in np.flatnonzero(stuck)), edges)
        if not found:  # cannot happen on a finite graph; guard against an endless loop
            break
        for loop in found:
            nodes = [int(v) for v in loop]
            closing = np.flatnonzero(alive & (network.pred == nodes[-1]) & (network.succ == nodes[0]))
            alive[closing] = False
            dropped.extend(int(link) for link in closing)
            named = _name_loop(nodes, names)
            if named and named not in loops:
                loops.append(named)
        current = network.without_links(~alive)
        level = topological_levels(current)
    return current, level, loops, dropped


def loop_text(loop: list[str]) -> str:
    """``A -> B -> C -> A``."""
    return " -> ".join([*loop, loop[0]]) if loop else ""

