"""Model -> network: tasks become nodes, summaries a start and a finish node, links arrays.

Node ``i`` (for ``i < len(project.tasks)``) is task ``i``; a summary task's node is its
start, and one extra zero-duration node per summary (numbered after the tasks) is its
finish. Children hang between the two (start -SS-> child -FS-> finish), so links on a
summary apply to its children: FS and SS links into a summary hold its start (and so
every child), FF and SF links into it bind each child's finish; links out of a summary
leave from its finish (FS, FF) or its start (SS, SF).
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo.engine.schedule.network import Network, build_network
from pmo.model import Dependency, LagUnit, LinkType, Project, Task

START_TYPES = (LinkType.FS, LinkType.SS)  # link types that bound the successor's start
FROM_FINISH = (LinkType.FS, LinkType.FF)  # link types measured from the predecessor's finish


@dataclass(frozen=True)
class Structure:
    """The network of a project and how its nodes and links map back to the model."""

    network: Network
    tasks: tuple[Task, ...]
    names: tuple[str, ...]  # display id of every node (a summary's finish node: its id)
    summaries: dict[int, int]  # summary start node -> its finish node
    children: dict[int, tuple[int, ...]]  # summary node -> child nodes
    link_dependency: tuple[Dependency | None, ...]  # the model link behind each network link


def task_duration(task: Task) -> float:
    """Planned working days of a task: duration, else the estimate's most likely, else 0."""
    if task.milestone:
        return 0.0
    if task.duration is not None:
        return max(float(task.duration), 0.0)
    if task.estimate is not None:
        return max(float(task.estimate.most_likely), 0.0)
    return 0.0


def _leaves(node: int, children: dict[int, tuple[int, ...]]) -> list[int]:
    found, stack, seen = [], [node], {node}
    while stack:
        current = stack.pop()
        kids = children.get(current)
        if kids is None:
            found.append(current)
            continue
        for kid in kids:
            if kid not in seen:
                seen.add(kid)
                stack.append(kid)
    return found


def build_structure(project: Project, durations: dict[str, float] | None = None) -> Structure:
    """The network of `project` (durations override the planned ones by task id)."""
    tasks = project.tasks
    index: dict[str, int] = {}
    for number, task in enumerate(tasks):
        index.setdefault(task.id, number)
    kids: dict[int, list[int]] = {}
    for number, task in enumerate(tasks):
        if task.parent is not None and task.parent in index and task.parent != task.id:
            kids.setdefault(index[task.parent], []).append(number)
    children = {node: tuple(nodes) for node, nodes in kids.items()}
    names = [task.id for task in tasks]
    summaries: dict[int, int] = {}
    for node in children:
        summaries[node] = len(names)
        names.append(tasks[node].id)
    duration = [0.0] * len(names)
    for number, task in enumerate(tasks):
        if number not in children:
            duration[number] = task_duration(task)
            if durations is not None and task.id in durations:
                duration[number] = durations[task.id]
    links: list[tuple[int, int, str, float, bool]] = []
    origin: list[Dependency | None] = []
    for node, kid_nodes in children.items():
        for kid in kid_nodes:
            links.append((node, kid, "SS", 0.0, False))
            links.append((summaries.get(kid, kid), summaries[node], "FS", 0.0, False))
            origin.extend((None, None))
    for dep in project.dependencies:
        if dep.predecessor not in index or dep.successor not in index:
            continue
        pred, succ = index[dep.predecessor], index[dep.successor]
        if dep.type in FROM_FINISH:
            pred = summaries.get(pred, pred)
        targets = [succ]
        if succ in children and dep.type not in START_TYPES:
            targets = _leaves(succ, children)
        for target in targets:
            links.append((pred, target, dep.type.value, float(dep.lag), dep.lag_unit == LagUnit.ELAPSED))
            origin.append(dep)
    network = build_network(tuple(names), duration, links)
    return Structure(network, tasks, tuple(names), summaries, children, tuple(origin))
