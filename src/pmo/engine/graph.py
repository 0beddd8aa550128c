"""Loops in a directed graph, named node by node (pure, iterative: safe on deep plans)."""

from __future__ import annotations

from collections.abc import Iterable


def find_loops(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components that form loops, each as a cycle of node ids.

    Each loop is returned as a closed walk ``[a, b, c]`` meaning a -> b -> c -> a,
    starting from its smallest id so results are stable.
    """
    successors: dict[str, list[str]] = {node: [] for node in nodes}
    for head, tail in edges:
        successors.setdefault(head, []).append(tail)
        successors.setdefault(tail, [])
    loops = []
    for component in _components(successors):
        members = set(component)
        if len(component) == 1 and component[0] not in successors[component[0]]:
            continue
        loops.append(_cycle_in(min(component), members, successors))
    return sorted(loops)


def _components(successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in successors:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = successors[node]
            if position < len(children):
                work.append((node, position + 1))
                child = children[position]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _cycle_in(start: str, members: set[str], successors: dict[str, list[str]]) -> list[str]:
    """A shortest cycle through `start` inside one component (breadth-first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        following = []
        for node in frontier:
            for child in successors[node]:
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return list(reversed(path))
                if child not in seen:
                    seen.add(child)
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]
