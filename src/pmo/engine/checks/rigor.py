"""Duty 1, be rigorous: checks on the registers and the plan.

Each check is listed in `pmo.engine.checks.builtin` and returns findings with stable codes
(docs/findings.md): blank-field, pending-overdue, action-no-owner, action-no-due,
action-overdue, risk-no-owner, risk-no-mitigation, task-stale, plan-not-tracked (both in
`pmo.engine.checks.tracking`), progress-inconsistent, milestone-past-open,
dependency-unknown-task, owner-unresolved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from pmo.engine.checks.tracking import plan_not_tracked, stale_tasks, tracked
from pmo.engine.fields import shown_blanks
from pmo.engine.names import label_of, person_label, some
from pmo.model import COLLECTIONS, Dependency, Finding, Pending, Project, Severity, Source, Subject, Task


def _subject(kind: str, record: object) -> Subject:
    ident = getattr(record, "id", None) or getattr(record, "key", None) or ""
    name = getattr(record, "name", None) or getattr(record, "title", None) or ""
    if kind in ("checkin", "absence"):
        ident = f"{getattr(record, 'person', '')}"
    return Subject(kind, str(ident), str(name))


def _source_of(record: object) -> Source:
    source = getattr(record, "source", None)
    return source if isinstance(source, Source) else Source()


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def _blanks_by_record(project: Project) -> list[tuple[str, object, list[tuple[str, str]]]]:
    """The shown blank fields, gathered record by record: (kind, record, [(field, label), ...])."""
    found: dict[int, tuple[str, object, list[tuple[str, str]]]] = {}
    for kind, record, name, label in shown_blanks(project):
        found.setdefault(id(record), (kind, record, []))[2].append((name, label))
    return list(found.values())


def _and(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


GROUP_FROM = 4  # this many records blank in the same fields, or links to missing tasks, make one finding


def check_blank_fields(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """The shown fields of a record with no value and no pending/NA marker: one finding per record,
    or one for a whole kind when many records leave the same fields blank (a register that has no
    owner column: one cause)."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[object, list[tuple[str, str]]]]] = {}
    for kind, record, fields in _blanks_by_record(project):
        groups.setdefault((kind, tuple(name for name, _ in fields)), []).append((record, fields))
    for (kind, names), records in groups.items():
        fields = records[0][1]
        labels = _and([label for _, label in fields])
        fill = (f"Fill in the {labels}, or write {{pending: WHO, by: DATE}} where someone is finding out, "
                "or {na: WHY} where it does not apply.")
        if kind == "project" or len(records) < GROUP_FROM:
            for record, _ in records:
                subject = _subject(kind, record)
                yield Finding(
                    code="blank-field",
                    severity=Severity.WARNING,
                    subject=subject,
                    message=f"The {labels} of {subject} {'is' if len(fields) == 1 else 'are'} blank.",
                    detail={"field": ", ".join(names)},
                    suggestion=fill,
                    source=_source_of(record),
                )
            continue
        subjects = [_subject(kind, record) for record, _ in records]
        listed = some(f"{s.id} {s.name}".strip() for s in subjects)
        yield Finding(
            code="blank-field",
            severity=Severity.WARNING,
            subject=Subject("project", project.key, project.name),
            message=f"The {labels} of {len(records)} {_plural(kind)} {'is' if len(fields) == 1 else 'are'} blank: "
            f"{listed}.",
            detail={"field": ", ".join(names), "records": ", ".join(s.id for s in subjects)},
            suggestion=fill + " The source may have no column for it: add one, or map it with --map.",
            source=_source_of(records[0][0]),
        )


def _plural(kind: str) -> str:
    return {"person": "people", "change": "change requests", "checkin": "check-ins"}.get(kind, kind + "s")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """The field names of a record class (dataclasses.fields is slow to ask per record)."""
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return _FIELD_NAMES[kind]


def find_pendings(project: Project) -> Iterator[tuple[str, object, str, Pending]]:
    for name in _field_names(type(project)):
        value = getattr(project, name)
        if isinstance(value, Pending):
            yield "project", project, name, value
    for collection, kind in COLLECTIONS:
        for record in getattr(project, collection):
            for name in _field_names(type(record)):
                value = getattr(record, name)
                if isinstance(value, Pending):
                    yield kind, record, name, value


def check_pending_overdue(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An "investigation ongoing" past the date it was due."""
    for kind, record, name, pending in find_pendings(project):
        if pending.by >= as_of:
            continue
        late = (as_of - pending.by).days
        subject = _subject(kind, record)
        who = person_label(project, pending.who)
        yield Finding(
            code="pending-overdue",
            severity=Severity.WARNING,
            subject=subject,
            message=f"The {name} of {subject} is still under investigation, {_days(late)} after "
            f"{who} was due to answer ({pending.by.isoformat()}).",
            detail={"who": who, "field": name, "due": pending.by.isoformat()},
            suggestion=f"Ask {who} for the answer, or agree a new date and record it.",
            source=_source_of(record),
        )


def _open_without(
    kind: str, records: Iterable[Any], field: str, code: str, what: str, suggestion: str
) -> Iterator[Finding]:
    """A warning for every open register entry whose `field` is blank."""
    for record in records:
        if record.status.is_open and getattr(record, field) is None:
            yield Finding(
                code=code,
                severity=Severity.WARNING,
                subject=_subject(kind, record),
                message=f"{kind.capitalize()} {record.id} ({record.title}) has no {what}.",
                suggestion=suggestion,
                source=record.source,
            )


def check_action_owner(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An open action nobody owns."""
    return _open_without("action", project.actions, "owner", "action-no-owner", "owner",
                         "Name the person who will do it; an action without owner does not happen.")


def check_action_due(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An open action without a due date."""
    return _open_without("action", project.actions, "due", "action-no-due", "due date",
                         "Agree a due date with its owner.")


def check_action_overdue(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An open action past its due date."""
    for action in project.actions:
        if not action.status.is_open or not isinstance(action.due, dt.date) or action.due >= as_of:
            continue
        late = (as_of - action.due).days
        owner = person_label(project, action.owner) if isinstance(action.owner, str) else None
        yield Finding(
            code="action-overdue",
            severity=Severity.WARNING,
            subject=_subject("action", action),
            message=f"Action {action.id} ({action.title}) is {_days(late)} overdue (due {action.due.isoformat()}).",
            detail={"who": owner or "no owner", "due": action.due.isoformat()},
            suggestion=(
                f"Check with {owner}: close it, or agree a new date and say why it moved."
                if owner
                else "Name an owner first, then close it or agree a new date."
            ),
            source=action.source,
        )


def check_risk_owner(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An open risk nobody owns."""
    return _open_without("risk", project.risks, "owner", "risk-no-owner", "owner",
                         "Name the person who watches this risk and acts on its mitigation.")


def check_risk_mitigation(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An open risk without a mitigation."""
    for risk in project.risks:
        if risk.status.is_open and risk.mitigation is None:
            score = risk.score
            severe = score is not None and score >= 15
            yield Finding(
                code="risk-no-mitigation",
                severity=Severity.ERROR if severe else Severity.WARNING,
                subject=_subject("risk", risk),
                message=f"Risk {risk.id} ({risk.title}) has no mitigation"
                + (f" although it scores {score}/25." if score is not None else "."),
                suggestion="Write what will be done to reduce its probability or impact, and by whom.",
                source=risk.source,
            )


def check_task_stale(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """An open task that should be moving and was not updated within the freshness window."""
    return stale_tasks(project, as_of)


def check_plan_tracked(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """A plan that records no progress at all though tasks should have moved: one finding."""
    return plan_not_tracked(project, as_of)


def _progress_faults(task: Task, as_of: dt.date) -> Iterator[str]:
    if not 0.0 <= task.percent_complete <= 100.0:
        yield f"percent complete is {task.percent_complete:g} %, outside 0-100"
    if task.percent_complete >= 100.0 and task.actual_finish is None:
        yield "it is 100 % complete but has no actual finish"
    if task.actual_finish is not None and task.percent_complete < 100.0:
        yield f"it has an actual finish but is only {task.percent_complete:g} % complete"
    # a finished task without its start is no contradiction: the start follows from the finish
    # (a tracker such as Jira records when work ended, not always when it began)
    if task.percent_complete > 0.0 and task.actual_start is None and task.actual_finish is None and not task.milestone:
        yield f"it is {task.percent_complete:g} % complete but has no actual start"
    if task.actual_start and task.actual_finish and task.actual_finish < task.actual_start:
        yield f"it finished ({task.actual_finish}) before it started ({task.actual_start})"
    if task.actual_start and task.actual_start > as_of:
        yield f"its actual start {task.actual_start} is after the status date {as_of}"
    if task.actual_finish and task.actual_finish > as_of:
        yield f"its actual finish {task.actual_finish} is after the status date {as_of}"
    if task.start and task.finish and task.finish < task.start:
        yield f"its planned finish {task.finish} is before its planned start {task.start}"


def check_progress(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """Progress that contradicts dates."""
    for task in project.tasks:
        faults = list(_progress_faults(task, as_of))
        if not faults:
            continue
        yield Finding(
            code="progress-inconsistent",
            severity=Severity.ERROR,
            subject=_subject("task", task),
            message=f"Task {task.id} ({task.name}): " + "; ".join(faults) + ".",
            suggestion="Correct the progress or the actual dates so they tell the same story.",
            source=task.source,
        )


def check_milestone_past(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """A milestone whose date passed and which is not done."""
    if not tracked(project):
        return  # plan-not-tracked counts its milestones: one cause, one finding
    for task in project.tasks:
        if not task.milestone or task.done:
            continue
        date = task.finish or task.baseline_finish
        if date is None or date >= as_of:
            continue
        owner = person_label(project, task.owner) if isinstance(task.owner, str) and task.owner else "its owner"
        yield Finding(
            code="milestone-past-open",
            severity=Severity.ERROR,
            subject=_subject("task", task),
            message=f"Milestone {task.id} ({task.name}) was due {date.isoformat()} and is not marked done.",
            detail={"who": owner, "due": date.isoformat()},
            suggestion=f"Ask {owner}: record its actual date if it was reached, or re-forecast it and say why.",
            source=task.source,
        )


def _known_end(project: Project, link: Dependency, missing: list[str]) -> str:
    """`` of T1 Build``: the end of a link the plan does have, by id and name."""
    known = [end for end in (link.successor, link.predecessor) if end not in missing]
    return f" of {label_of(project, known[0])}" if known else ""


def check_link_targets(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """A link that names a task the plan does not have (e.g. a tracker's link to another project);
    many such links are one finding (the plan does not hold the other end: one cause)."""
    ids = {task.id for task in project.tasks}
    unknown = [(link, [end for end in (link.predecessor, link.successor) if end not in ids])
               for link in project.dependencies]
    unknown = [(link, missing) for link, missing in unknown if missing]
    suggestion = "Import the plan that holds the task, or remove the link from its source."
    if len(unknown) >= GROUP_FROM:
        names = sorted({end for _, missing in unknown for end in missing})
        yield Finding(
            code="dependency-unknown-task",
            severity=Severity.WARNING,
            subject=Subject("project", project.key, project.name),
            message=f"{len(unknown)} links name {len(names)} tasks the plan does not have "
            f"({some(str(link) for link, _ in unknown)}); they are ignored.",
            detail={"tasks": ", ".join(names)},
            suggestion=suggestion,
            source=unknown[0][0].source,
        )
        return
    for link, missing in unknown:
        yield Finding(
            code="dependency-unknown-task",
            severity=Severity.WARNING,
            subject=Subject("dependency", f"{link.predecessor}->{link.successor}"),
            message=f"The link {link}{_known_end(project, link, missing)} names {' and '.join(missing)}, which the "
            "plan does not have; it is ignored.",
            suggestion=suggestion,
            source=link.source,
        )


def _references(project: Project) -> Iterator[tuple[str, object, str, str]]:
    """(kind, record, field, person reference) for every field that names a person."""
    for name in ("sponsor", "manager"):  # not the report's author: often the PMO, outside the team
        value = getattr(project, name)
        if isinstance(value, str):
            yield "project", project, name, value
    for ref in project.distribution:
        yield "project", project, "distribution", ref
    for collection, kind in COLLECTIONS:
        for record in getattr(project, collection):
            for name in ("owner", "decided_by", "person"):
                value = getattr(record, name, None)
                if isinstance(value, str):
                    yield kind, record, name, value
            for assignment in getattr(record, "assignments", ()):
                yield kind, record, "assignments", assignment.person
            for attendee in getattr(record, "attendees", ()):
                ref = attendee if isinstance(attendee, str) else getattr(attendee, "person", "")
                if ref and "@" not in ref:
                    yield kind, record, "attendees", ref
            for ref in getattr(record, "required", ()):
                yield kind, record, "required", ref


def check_people(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """A name that is not one of the project's people: one finding per name, listing where it is used."""
    if not project.people:
        return
    uses: dict[str, list[tuple[str, object, str]]] = {}
    for kind, record, name, ref in _references(project):
        if project.person(ref) is None:
            uses.setdefault(ref, []).append((kind, record, name))
    for ref, places in uses.items():
        where = list(dict.fromkeys(f"{name.replace('_', ' ')} of {_subject(kind, record)}"
                                   for kind, record, name in places))
        namesakes = [person_label(project, p.id) for p in project.namesakes(ref)]
        if len(namesakes) > 1:
            what = f"matches several people ({_and(namesakes)}): pmo cannot tell which"
            fix = f"Write the full name or the id of the one meant instead of {ref!r}."
        else:
            what = "matches no person of the project"
            fix = "Add the person to `people:` (id, name, e-mail), or correct the name."
        kind, record, _ = places[0]
        yield Finding(
            code="owner-unresolved",
            severity=Severity.WARNING,
            subject=_subject(kind, record) if len(where) == 1 else Subject("person", ref, ref),
            message=f"{ref!r} ({some(where)}) {what}.",
            detail={"where": "; ".join(where), "candidates": ", ".join(namesakes) or "none"},
            suggestion=fix,
            source=_source_of(record),
        )
