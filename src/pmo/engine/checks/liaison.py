"""Duty 4, be the link with the team: contact-overdue, pulse-low, checkin-missing, actions-piling-up.

One finding per person per code, naming the person by name and id and giving the records behind
it (the last contact, the check-in answers, the missed dates, the overdue actions). The facts
come from `pmo.engine.liaison`; `contact-overdue` adds the talking points for the next meeting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from pmo.engine.checks.questions import ask_what_is_missing
from pmo.engine.context import AnalysisContext
from pmo.engine.liaison import answers_text, checkins_by_person, last_contacts, missed_checkins, pulse_of
from pmo.engine.names import person_label, some
from pmo.model import COLLECTIONS, Action, Finding, Pending, Person, Project, Severity, Subject


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def _subject(person: Person) -> Subject:
    return Subject("person", person.id, person.name)


def _is(project: Project, ref: object, person: Person) -> bool:
    if not isinstance(ref, str) or not ref.strip():
        return False
    found = project.person(ref)
    return found is not None and found.id == person.id


def _due(action: Action) -> str:
    return action.due.isoformat() if isinstance(action.due, dt.date) else "no due date"


def open_actions(project: Project, person: Person) -> list[Action]:
    """The person's open actions, earliest due first (undated last)."""
    mine = [a for a in project.actions if a.status.is_open and _is(project, a.owner, person)]
    return sorted(mine, key=lambda a: (not isinstance(a.due, dt.date), _due(a), a.id))


def overdue_actions(project: Project, person: Person, as_of: dt.date) -> list[tuple[Action, int]]:
    """The person's open actions past their due date, with the days late, most late first."""
    late = [
        (a, (as_of - a.due).days)
        for a in open_actions(project, person)
        if isinstance(a.due, dt.date) and a.due < as_of
    ]
    return sorted(late, key=lambda pair: (-pair[1], pair[0].id))


def tasks_at_risk(ctx: AnalysisContext, person: Person) -> list[str]:
    """The person's open tasks of the moment (started, or starting within `settings.horizon_days`)
    that are late (forecast past baseline, or planned finish passed) or critical."""
    project, schedule = ctx.project, ctx.schedule
    horizon = ctx.as_of + dt.timedelta(days=project.settings.horizon_days)
    found: list[str] = []
    for task in project.tasks:
        if task.done or not (
            _is(project, task.owner, person) or any(_is(project, a.person, person) for a in task.assignments)
        ):
            continue
        why: list[str] = []
        computed = schedule.tasks[task.id] if schedule is not None and task.id in schedule.tasks else None
        if computed is not None and computed.summary:
            continue
        start = computed.start if computed is not None else task.start
        if not task.started and (start is None or start > horizon):
            continue
        finish = computed.finish if computed is not None else task.finish
        if task.baseline_finish is not None and finish is not None and finish > task.baseline_finish:
            why.append(f"forecast {finish.isoformat()} after baseline {task.baseline_finish.isoformat()}")
        elif computed is None and task.finish is not None and task.finish < ctx.as_of:
            why.append(f"planned finish {task.finish.isoformat()} passed")
        if computed is not None and computed.critical:
            why.append("critical")
        if why:
            found.append(f"{task.id} {task.name} ({', '.join(why)})")
    return found


def pending_for(project: Project, person: Person, as_of: dt.date) -> list[str]:
    """What the person is to find out: the questions put to them and the "Investigation ongoing" they hold."""
    label = person_label(project, person.id)
    found = [f.message.removeprefix(f"Ask {label}: ") for f in ask_what_is_missing(project, as_of)
             if f.detail.get("who") == label]
    for collection, kind in COLLECTIONS:
        for record in getattr(project, collection):
            if not dataclasses.is_dataclass(record):
                continue
            for item in dataclasses.fields(record):
                value = getattr(record, item.name)
                if isinstance(value, Pending) and _is(project, value.who, person):
                    ident = getattr(record, "id", "") or kind
                    found.append(f"{item.name} of {kind} {ident}, by {value.by.isoformat()}")
    return found


def contact_overdue(ctx: AnalysisContext) -> Iterator[Finding]:
    """A point of contact (`contact_every` days) not met within their cadence, with the talking points."""
    project, as_of = ctx.project, ctx.as_of
    contacts = last_contacts(project, as_of)
    checkins = checkins_by_person(project, as_of)
    grace = project.settings.contact_grace_days
    for person in project.people:
        if not person.contact_every:
            continue
        last = contacts.get(person.id)
        since = (as_of - last.date).days if last is not None else None
        if since is not None and since <= person.contact_every + grace:
            continue
        who = person_label(project, person.id)
        topic = f" for {person.contact_for}" if person.contact_for else ""
        role = f", the point of contact{topic}," if topic else ""
        if last is None:
            message = (
                f"{who} is a point of contact{topic} every {_days(person.contact_every)} and was never met in the data."
            )
        else:
            message = (
                f"{who}{role} was last met on {last.date.isoformat()} ({last.what}), {_days(since or 0)} ago: "
                f"the cadence is every {_days(person.contact_every)}."
            )
        actions = [f"{a.id} {a.title} (due {_due(a)})" for a in open_actions(project, person)]
        pulse = checkins.get(person.id, ())
        pending = pending_for(project, person, as_of)
        at_risk = tasks_at_risk(ctx, person)
        detail = {
            "who": who + (f", {person.role}" if person.role else "") + (f" ({person.team})" if person.team else ""),
            "last contact": f"{last.date.isoformat()}, {last.what} [{last.ref}]" if last else "never met",
            "open actions": "; ".join(actions) or "none",
            "tasks at risk": "; ".join(at_risk) or "none",
            "last pulse": answers_text(pulse[-1:]) if pulse else "no check-in",
            "pending questions": "; ".join(pending) or "none",
        }
        points = len(actions) + len(at_risk) + len(pending)
        yield Finding(
            code="contact-overdue",
            severity=Severity.INFO,
            subject=_subject(person),
            message=message,
            detail=detail,
            suggestion=f"Book a meeting with {who}"
            + (f"; {points} talking point{'s' if points != 1 else ''} in the detail." if points else "."),
            source=person.source,
        )


def pulse_low(ctx: AnalysisContext) -> Iterator[Finding]:
    """A person whose latest check-in (within the check-in period) shows high stress, low confidence or a fall."""
    project, as_of = ctx.project, ctx.as_of
    settings = project.settings
    for ref, checkins in checkins_by_person(project, as_of).items():
        if (as_of - checkins[-1].date).days > settings.checkin_every_days:
            continue  # an old answer: checkin-missing chases the person and quotes it
        pulse = pulse_of(checkins, settings.stress_threshold, settings.confidence_threshold)
        if pulse is None:
            continue
        person = project.person(ref)
        who = person_label(project, ref)
        latest = checkins[-1]
        detail = {"who": who, "answers": answers_text(pulse.answers), "why": "; ".join(pulse.reasons)}
        if latest.blockers:
            detail["blockers"] = "; ".join(latest.blockers)
        if latest.comment:
            detail["comment"] = latest.comment
        yield Finding(
            code="pulse-low",
            severity=Severity.WARNING,
            subject=_subject(person) if person else Subject("person", ref, ref),
            message=f"Low pulse for {who}: {'; '.join(pulse.reasons)} (answers {answers_text(pulse.answers)}).",
            detail=detail,
            suggestion=f"Talk with {who} this week: what weighs, what can be taken off their plate.",
            source=latest.source,
        )


def checkin_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """Someone who checked in before and missed the check-ins due since (every `checkin_every_days`)."""
    project, as_of = ctx.project, ctx.as_of
    every = project.settings.checkin_every_days
    for ref, checkins in checkins_by_person(project, as_of).items():
        last = checkins[-1]
        missed = missed_checkins(last.date, as_of, every)
        if not missed:
            continue
        person = project.person(ref)
        who = person_label(project, ref)
        dates = [d.isoformat() for d in missed]
        yield Finding(
            code="checkin-missing",
            severity=Severity.INFO,
            subject=_subject(person) if person else Subject("person", ref, ref),
            message=(
                f"{who} has not checked in since {last.date.isoformat()}: "
                f"{len(missed)} check-in{'s' if len(missed) != 1 else ''} missed ({some(dates, limit=6)})."
            ),
            detail={"who": who, "missed": ", ".join(dates), "last answers": answers_text((last,))},
            suggestion=f"Ask {who} for this week's check-in, and how things are going.",
            source=last.source,
        )


PILING_FROM = 2  # overdue open actions held by one person that make a pile


def actions_piling_up(project: Project, as_of: dt.date) -> Iterator[Finding]:
    """A person holding `PILING_FROM` or more overdue open actions: one finding listing them."""
    for person in project.people:
        late = overdue_actions(project, person, as_of)
        if len(late) < PILING_FROM:
            continue
        who = person_label(project, person.id)
        listed = [f"{a.id} {a.title} ({_days(days)} late)" for a, days in late]
        yield Finding(
            code="actions-piling-up",
            severity=Severity.WARNING,
            subject=_subject(person),
            message=f"{who} holds {len(late)} overdue actions: {some(listed)}.",
            detail={"who": who, "actions": "; ".join(listed)},
            suggestion=f"Go through them with {who}: close, re-plan or hand over; ask what stands in the way.",
            source=person.source,
        )
