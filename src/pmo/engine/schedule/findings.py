"""The schedule's findings: dependency-cycle, near-critical, milestone-slip."""

from __future__ import annotations

import datetime as dt

from pmo.engine.checks.tracking import tracked
from pmo.engine.names import label_of, person_label, some, task_label
from pmo.engine.schedule.compile import Structure
from pmo.engine.schedule.cycles import loop_text
from pmo.engine.schedule.driving import driving_chain
from pmo.engine.schedule.result import Schedule
from pmo.model import Dependency, Finding, Project, Severity, Source, Subject, Task


def _days(value: float) -> str:
    return f"{value:g} working day" + ("" if abs(value) == 1 else "s")


def cycle_findings(loops: list[list[str]], dependencies: list[Dependency | None],
                   names: dict[str, str]) -> list[Finding]:
    """One `dependency-cycle` error per loop, at the link that closes it."""
    found = []
    for loop, dep in zip(loops, dependencies, strict=True):
        first = loop[0]
        found.append(Finding(
            code="dependency-cycle", severity=Severity.ERROR,
            subject=Subject("task", first, names.get(first, "")),
            message=f"The plan's links form a loop: {loop_text([task_label(i, names.get(i, '')) for i in loop])}.",
            detail={"loop": loop_text(loop), "link": str(dep) if dep else ""},
            suggestion="Remove or reverse one of the links in the loop; it is ignored until then.",
            source=dep.source if dep else Source()))
    return found


def _kind(task: Task) -> str:
    return "Milestone" if task.milestone else "Task"


def loop_findings(project: Project, structure: Structure, loops: list[list[str]],
                  dropped: list[int]) -> list[Finding]:
    """`dependency-cycle` per loop, at the link the schedule leaves out to break it."""
    names = {task.id: task.name for task in project.tasks}
    closing: list[Dependency | None] = []
    for loop in loops:
        deps = [structure.link_dependency[link] for link in dropped]
        match = [d for d in deps if d and d.predecessor in loop and d.successor in loop]
        closing.append(match[0] if match else next((d for d in project.dependencies
                                                    if d.predecessor in loop and d.successor in loop), None))
    return cycle_findings(loops, closing, names)


def schedule_findings(project: Project, result: Schedule, structure: Structure,
                      loops: list[list[str]], dropped: list[int], as_of: dt.date | None = None) -> list[Finding]:
    found = loop_findings(project, structure, loops, dropped)
    found += near_critical_findings(project, result)
    found += conflict_findings(project, result, as_of)
    found += slip_findings(project, result, structure)
    return sorted(found, key=Finding.sort_key)


def conflict_findings(project: Project, result: Schedule, as_of: dt.date | None = None) -> list[Finding]:
    """`constraint-conflict`: a date constraint or deadline the task's predecessors make impossible.

    A task with a deadline or a "no later than" constraint shows it as negative float; a
    pinned task (must start / finish on) keeps its date, so its conflict is a finish-to-start
    predecessor that is still running when it must start.
    """
    found = []
    before: dict[str, list[Dependency]] = {}
    for link in project.dependencies:
        before.setdefault(link.successor, []).append(link)
    # In a plan that records no progress, every date before the status date is missed for one
    # cause, which plan-not-tracked reports once: only a date still ahead can be in conflict.
    passed = as_of if as_of is not None and not tracked(project) else None
    for task in project.tasks:
        row = result.tasks.get(task.id)
        constraint = task.constraint if task.constraint and task.constraint.date else None
        if row is None or row.summary or row.done or (constraint is None and task.deadline is None):
            continue
        bound = constraint.date if constraint is not None else task.deadline
        if passed is not None and bound is not None and bound < passed:
            continue
        due = task.finish or task.baseline_finish
        if task.milestone and as_of is not None and due is not None and due < as_of and bound is not None \
                and bound < as_of:
            continue  # a milestone whose date has passed: milestone-past-open says it, once
        if constraint is not None and constraint.type.value in ("mso", "mfo"):
            late = [(link.predecessor, result.tasks[link.predecessor].finish) for link in before.get(task.id, [])
                    if link.type.value == "FS" and link.predecessor in result.tasks
                    and result.tasks[link.predecessor].finish >= row.start]
            if not late:
                continue
            name, finish = max(late, key=lambda pair: pair[1])
            why = (f"{label_of(project, name)} finishes on {finish.isoformat()}, not before its pinned start "
                   f"{row.start.isoformat()}")
        elif row.total_float < -1e-9:
            why = f"its predecessors leave it {_days(-row.total_float)} short (negative float)"
        else:
            continue
        assert bound is not None
        what = f"its {constraint.type.value.upper()} {bound.isoformat()}" if constraint is not None \
            else f"its deadline {bound.isoformat()}"
        found.append(Finding(
            code="constraint-conflict", severity=Severity.WARNING, subject=Subject("task", task.id, task.name),
            message=f"{_kind(task)} {task.id} ({task.name}) cannot keep {what}: {why}.",
            detail={"float": f"{row.total_float:g}",
                    "driving": ", ".join(label_of(project, i) for i in row.driving) or "none"},
            suggestion="Move the constraint or deadline, or shorten or re-sequence the chain that drives the task.",
            source=task.source))
    return found


def near_critical_chains(project: Project, near: dict[str, float]) -> list[list[str]]:
    """The near-critical tasks (`near`: id -> total float) grouped by what they share: a link between
    two of them, or the same summary task and the same float (parallel tasks of one phase)."""
    root = {task_id: task_id for task_id in near}

    def find(task_id: str) -> str:
        while root[task_id] != task_id:
            root[task_id] = root[root[task_id]]
            task_id = root[task_id]
        return task_id

    for link in project.dependencies:
        if link.predecessor in near and link.successor in near:
            root[find(link.successor)] = find(link.predecessor)
    side_by_side: dict[tuple[str | None, float], str] = {}
    for task in project.tasks:
        if task.id in near and task.parent is not None:
            first = side_by_side.setdefault((task.parent, round(near[task.id], 6)), task.id)
            root[find(task.id)] = find(first)
    chains: dict[str, list[str]] = {}
    for task in project.tasks:
        if task.id in near:
            chains.setdefault(find(task.id), []).append(task.id)
    return list(chains.values())


def near_critical_findings(project: Project, result: Schedule) -> list[Finding]:
    """`near-critical`: one finding per chain of tasks under the float threshold, not one per task."""
    found = []
    limit = project.settings.near_critical_days
    tasks = {task.id: task for task in project.tasks}
    rows = {i: row for i in tasks if (row := result.tasks.get(i)) is not None and row.near_critical and not row.summary}
    for chain in near_critical_chains(project, {i: row.total_float for i, row in rows.items()}):
        chain.sort(key=lambda i: (rows[i].start, rows[i].finish))
        tightest = min(chain, key=lambda i: rows[i].total_float)
        task, row = tasks[tightest], rows[tightest]
        what = f"{_kind(task)} {task.id} ({task.name}) has only {_days(row.total_float)} of float (under {limit:g})"
        if len(chain) > 1:
            what = (f"{len(chain)} linked or parallel tasks have under {limit:g} working days of float (the least: "
                    f"{_days(row.total_float)} on {task.id}): {some((label_of(project, i) for i in chain), 8)}")
        found.append(Finding(
            code="near-critical", severity=Severity.WARNING, subject=Subject("task", task.id, task.name),
            message=what + ".",
            detail={"float": f"{row.total_float:g}", "finish": row.finish.isoformat(), "tasks": str(len(chain))},
            suggestion="Watch them like critical tasks: a small slip here moves the end date."
            if len(chain) > 1 else "Watch it like a critical task: a small slip here moves the end date.",
            source=task.source))
    return _fold_the_rest(project, found, limit)


NEAR_CRITICAL_SHOWN = 5  # chains named one by one; past that, the rest is one finding


def _fold_the_rest(project: Project, found: list[Finding], limit: float) -> list[Finding]:
    """The tightest chains one by one, the others in one finding: a plan with fifty thin paths
    has one cause (little slack anywhere), not fifty."""
    if len(found) <= NEAR_CRITICAL_SHOWN + 1:
        return found
    found.sort(key=lambda f: (float(f.detail["float"]), f.subject.id))
    shown, rest = found[:NEAR_CRITICAL_SHOWN], found[NEAR_CRITICAL_SHOWN:]
    count = sum(int(f.detail["tasks"]) for f in rest)
    first = rest[0]
    shown.append(Finding(
        code="near-critical", severity=Severity.WARNING, subject=Subject("project", project.key, project.name),
        message=f"{len(rest)} more chains ({count} tasks) have under {limit:g} working days of float, the least "
        f"{_days(float(first.detail['float']))}: {some((f.subject.id + ' ' + f.subject.name for f in rest), 6)}.",
        detail={"float": first.detail["float"], "tasks": str(count),
                "chains": "; ".join(f"{f.subject.id} ({f.detail['float']})" for f in rest)},
        suggestion="The plan has little slack on many paths: review the estimates and the links of the "
        "longest chains, and keep the critical path itself under watch.",
        source=first.source))
    return shown


def _chain_detail(project: Project, result: Schedule, structure: Structure, task: Task,
                  tasks: dict[str, Task]) -> dict[str, str]:
    table = result.tasks
    node = table.node(task.id)
    arrays = table.arrays
    chain = [structure.names[n] for n in driving_chain(node, arrays.driving, prefer=arrays.critical)]
    chain = list(dict.fromkeys(chain))
    variance = {i: float(arrays.variance[table.node(i)]) for i in chain if i in table}
    late = [i for i in chain[:-1] if variance.get(i, 0.0) > 0]  # nan (no baseline) is not late
    owners = [person_label(project, tasks[i].owner) for i in chain if i in tasks and tasks[i].owner]
    why = ", ".join(f"{label_of(project, i)} ({_days(variance[i])} late)" for i in late) if late else (
        f"{label_of(project, chain[0])} drives it" if len(chain) > 1 else "its own dates and constraints")
    who = ", ".join(dict.fromkeys(owners)) or "no owner named"
    return {"why": why, "how": " -> ".join(label_of(project, i) for i in chain), "who": who}


def slip_findings(project: Project, result: Schedule, structure: Structure) -> list[Finding]:
    found = []
    commitments = {c.task: c for c in project.commitments if c.task}
    by_id = {t.id: t for t in project.tasks}
    for task in project.tasks:
        commitment = commitments.get(task.id)
        if not task.milestone and commitment is None:
            continue
        row = result.tasks.get(task.id)
        if row is None or row.done:
            continue
        axis = result.internals.axis
        reasons: list[str] = []
        severity = Severity.WARNING
        if task.baseline_finish is not None and row.finish > task.baseline_finish:
            baseline = task.baseline_finish.isoformat()
            reasons.append(f"{_days(row.variance or 0)} after its baseline {baseline}")
        if commitment is not None and row.finish > commitment.date:
            late = axis.working_days_between(commitment.date, row.finish)
            reasons.append(f"{_days(late)} after the commitment '{commitment.name}' "
                           f"({commitment.date.isoformat()})")
            severity = Severity.ERROR
        if not reasons:
            continue
        detail = _chain_detail(project, result, structure, task, by_id)
        detail["impact"] = "; ".join(reasons)
        found.append(Finding(
            code="milestone-slip", severity=severity, subject=Subject("task", task.id, task.name),
            message=f"{_kind(task)} {task.id} ({task.name}) is forecast on {row.finish.isoformat()}, "
                    + " and ".join(reasons) + ".",
            detail=detail,
            suggestion="Consider fast-tracking or crashing the driving chain, re-sequencing, descoping "
                       "or re-baselining.",
            source=task.source))
    for commitment in project.commitments:
        if commitment.task is None and result.finish > commitment.date:
            late = result.internals.axis.working_days_between(commitment.date, result.finish)
            found.append(Finding(
                code="milestone-slip", severity=Severity.ERROR,
                subject=Subject("project", project.key, project.name),
                message=f"The project is forecast to finish on {result.finish.isoformat()}, {_days(late)} after "
                        f"the commitment '{commitment.name}' ({commitment.date.isoformat()}).",
                detail={"why": "the critical path",
                        "how": " -> ".join(label_of(project, i) for i in result.critical_path),
                        "who": person_label(project, project.manager) if project.manager else "the project manager",
                        "impact": f"{_days(late)} late on '{commitment.name}'"},
                suggestion="Consider fast-tracking or crashing the critical path, descoping or re-baselining.",
                source=project.source))
    return found
