"""Preparation of the governance meetings to come: each step's due date and state, the checklist.

A rule's `preparation` lists its steps (`PrepStep(name, lead_days, owner)`, due `lead_days`
working days of the project calendar before the meeting); a steering committee whose rule
names none gets `rules.STEERING_PREPARATION` (pack at T-5, inputs requested at T-4, data freeze
at T-3, review with the manager at T-2, pre-read sent at T-1), owned by the project manager.

The model records no "step done". The evidence pmo can see is an action of the action plan
whose title holds the step's name (``Draft the June steering committee pack`` for the step
``Steering committee pack``), opened after the rule's previous occurrence and by the meeting.
A step is **done** when such an action is done, **late** when its date passed and such an
action is still open, **due** when its date is today or passed and nothing says either way
(the text says "due since <date>", never that it is done or not), **upcoming** otherwise.

The rules are the project's governance rules (`rules.governance_rules`: written, inferred from
the calendar's series, the workspace's), so a steering committee known only from a calendar
series is prepared too. Upcoming occurrences come from ONE function, `_upcoming`: the
calendar's occurrences over the window (`meetings.occurrences`: series expanded, single
meetings) that belong to a rule (its series, else its kind), and the dates the rule fixes.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pmo.engine.anticipate.meetings import calendar_start, occurrences, words
from pmo.engine.anticipate.rules import STEERING_PREPARATION, governance_rules
from pmo.engine.names import person_label, task_label
from pmo.engine.workdays import Workdays, project_days
from pmo.model import Action, GovernanceRule, Meeting, Project
from pmo.model.governance import MeetingKind, MeetingStatus, PrepStep
from pmo.model.registers import ItemStatus

PACK_LEAD = 5  # working days before a steering committee from which `pmo run` writes the requests
FREEZE_LEAD = 3  # the data freeze when the rule's steps name none


@dataclass(frozen=True)
class Occurrence:
    """One coming occurrence of a governance meeting: its rule, date, meeting id and title.

    `id` is the calendar's meeting id, or ``<rule id>/<date>`` for a date the rule fixes that
    the calendar does not hold (then `in_calendar` is False).
    """

    rule: GovernanceRule
    date: dt.date
    id: str
    title: str
    in_calendar: bool = True

    @property
    def label(self) -> str:
        """``Title (id)``, as findings name a meeting."""
        return f"{self.title} ({self.id})"


class StepState(str, enum.Enum):
    DONE = "done"
    DUE = "due"
    LATE = "late"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class StepStatus:
    """A preparation step of one occurrence: its owner (a person reference), date and state.

    `owner_default` is True when the rule names no owner and the project manager stands in;
    `evidence` is the action that tells the state (empty when none does).
    """

    name: str
    lead_days: int
    owner: str | None
    owner_default: bool
    due: dt.date
    state: StepState
    evidence: Action | None = None


@dataclass(frozen=True)
class Preparation:
    """The preparation checklist of one occurrence; `freeze` is when the owners' inputs are needed,
    `freeze_step` the step that sets it (empty: T-3, the rule's steps name no freeze or input)."""

    meeting: Occurrence
    steps: tuple[StepStatus, ...]
    freeze: dt.date
    freeze_step: str = ""


def _rule_of(meeting: Meeting, rules: Sequence[GovernanceRule]) -> GovernanceRule | None:
    """The rule an occurrence belongs to: the rule held by its series; else one of its kind (a
    rule held by no series first); among several, the one whose dates hold the meeting's day,
    else whose name the title holds, else the first."""
    if meeting.series is not None:
        held = next((rule for rule in rules if meeting.series in rule.series), None)
        if held is not None:
            return held
    same = [rule for rule in rules if rule.kind is meeting.kind]
    same = [rule for rule in same if not rule.series] or same
    if len(same) <= 1:
        return same[0] if same else None
    day = meeting.start.date()
    for rule in same:
        if day in rule.dates:
            return rule
    for rule in same:
        if words(rule.name) in words(meeting.title):
            return rule
    return same[0]


def _upcoming(
    project: Project, rules: Sequence[GovernanceRule], start: dt.date, end: dt.date
) -> tuple[Occurrence, ...]:
    """The occurrences of `rules` from `start` to `end` (both included), soonest first: the
    calendar's occurrences (`meetings.occurrences`: series expanded, single meetings; not
    cancelled) of each rule, and each date a rule fixes that the calendar lacks."""
    found: list[Occurrence] = []
    taken: set[tuple[str, dt.date]] = set()
    for meeting in occurrences(project, start, end):
        rule = _rule_of(meeting, rules)
        if rule is None:
            continue
        day = meeting.start.date()
        taken.add((rule.id, day))
        if meeting.status is not MeetingStatus.CANCELLED:
            found.append(Occurrence(rule, day, meeting.id, meeting.title))
    for rule in rules:
        for day in rule.dates:
            if start <= day <= end and (rule.id, day) not in taken:
                found.append(Occurrence(rule, day, f"{rule.id}/{day.isoformat()}", rule.name, in_calendar=False))
    return tuple(sorted(found, key=lambda o: (o.date, o.rule.id, o.id)))


def steps_of(rule: GovernanceRule) -> tuple[PrepStep, ...]:
    """The rule's preparation steps; a steering committee that names none gets `STEERING_PREPARATION`."""
    if rule.preparation:
        return rule.preparation
    return STEERING_PREPARATION if rule.kind is MeetingKind.STEERING else ()


def _previous(project: Project, occurrence: Occurrence) -> dt.date | None:
    """The rule's occurrence before this one (calendar or fixed dates), if any."""
    before = _upcoming(project, (occurrence.rule,), calendar_start(project, occurrence.rule),
                       occurrence.date - dt.timedelta(days=1))
    return before[-1].date if before else None


def _evidence(project: Project, name: str, occurrence: Occurrence, previous: dt.date | None) -> Action | None:
    """The action that says how the step stands: its title holds the step's name, opened after the
    previous occurrence and by the meeting (the latest such, done ones first)."""
    wanted = words(name)
    found = []
    for action in project.actions:
        if wanted not in words(action.title) or action.status is ItemStatus.CANCELLED:
            continue
        opened = action.opened or (action.due if isinstance(action.due, dt.date) else None)
        if opened is None or opened > occurrence.date or (previous is not None and opened <= previous):
            continue
        found.append(action)
    found.sort(key=lambda a: (a.status.is_open, a.id))
    return found[0] if found else None


def _manager(project: Project) -> str | None:
    return project.manager if isinstance(project.manager, str) and project.manager.strip() else None


def preparation_of(project: Project, occurrence: Occurrence, as_of: dt.date, days: Workdays) -> Preparation:
    """The occurrence's steps, soonest due first, each with its date and state at `as_of`."""
    previous = _previous(project, occurrence)
    statuses = []
    for step in steps_of(occurrence.rule):
        due = days.shift(occurrence.date, -step.lead_days)
        evidence = _evidence(project, step.name, occurrence, previous)
        if evidence is not None and evidence.status in (ItemStatus.DONE, ItemStatus.CLOSED):
            state = StepState.DONE
        elif due > as_of:
            state = StepState.UPCOMING
        elif evidence is not None and due < as_of:
            state = StepState.LATE
        else:
            state = StepState.DUE
        owner = step.owner or _manager(project)
        statuses.append(StepStatus(step.name, step.lead_days, owner, step.owner is None and owner is not None,
                                   due, state, evidence))
    statuses.sort(key=lambda s: (s.due, s.name))
    freeze, freeze_step = _freeze(occurrence, statuses, days)
    return Preparation(occurrence, tuple(statuses), freeze, freeze_step)


def _freeze(occurrence: Occurrence, steps: Sequence[StepStatus], days: Workdays) -> tuple[dt.date, str]:
    """When inputs are needed, and the step saying so: the data-freeze step, else the latest input
    step, else T-3 (no step)."""
    for keyword in ("freeze", "input"):
        named = [s for s in steps if keyword in s.name.casefold()]
        if named:
            last = max(named, key=lambda s: s.due)
            return last.due, last.name
    return days.shift(occurrence.date, -FREEZE_LEAD), ""


def freeze_text(prep: Preparation) -> str:
    """``2026-06-16 (step "Data freeze")``, or ``... (T-3, the data freeze)`` when no step sets it."""
    why = f'step "{prep.freeze_step}"' if prep.freeze_step else f"T-{FREEZE_LEAD}, the data freeze"
    return f"{prep.freeze.isoformat()} ({why})"


def upcoming_preparations(project: Project, as_of: dt.date, workdays: int | None = None) -> tuple[Preparation, ...]:
    """The preparation of every occurrence with steps from `as_of` to the horizon (working days,
    default `settings.governance.lookahead_days`), soonest first."""
    days = project_days(project, as_of)
    end = days.shift(as_of, project.settings.governance.lookahead_days if workdays is None else workdays)
    rules = [rule for rule in governance_rules(project) if steps_of(rule)]
    return tuple(preparation_of(project, occurrence, as_of, days)
                 for occurrence in _upcoming(project, rules, as_of, end))


def upcoming_meetings(project: Project, as_of: dt.date, workdays: int | None = None) -> tuple[Occurrence, ...]:
    """Every governance occurrence but the one-to-ones from `as_of` to the horizon (working days,
    default `settings.governance.lookahead_days`), soonest first: what the cockpit's look-ahead lists."""
    days = project_days(project, as_of)
    end = days.shift(as_of, project.settings.governance.lookahead_days if workdays is None else workdays)
    rules = [rule for rule in governance_rules(project) if rule.kind is not MeetingKind.ONE_TO_ONE]
    return _upcoming(project, rules, as_of, end)


def pack_due(project: Project, as_of: dt.date) -> Preparation | None:
    """The next steering committee whose pack is under way: `as_of` is from T-`PACK_LEAD` working
    days to the meeting's day. None when there is none."""
    days = project_days(project, as_of)
    rules = [rule for rule in governance_rules(project) if rule.kind is MeetingKind.STEERING]
    for occurrence in _upcoming(project, rules, as_of, days.shift(as_of, PACK_LEAD)):
        if days.shift(occurrence.date, -PACK_LEAD) <= as_of:
            return preparation_of(project, occurrence, as_of, days)
    return None


def find_rule(project: Project, meeting: str) -> GovernanceRule | None:
    """The governance rule `meeting` names, by id or by name (case and punctuation ignored)."""
    wanted = words(meeting)
    for rule in governance_rules(project):
        if rule.id == meeting or words(rule.id) == wanted or words(rule.name) == wanted:
            return rule
    return None


def next_occurrence(
    project: Project, on_or_after: dt.date, rule: GovernanceRule | None = None, within_days: int = 400
) -> Occurrence | None:
    """The next occurrence of `rule` on or after a date; by default of any governance rule but
    the one-to-ones (a calendar's 1:1 series are rules too, and not the meeting an agenda is for)."""
    if rule is not None:
        rules: Sequence[GovernanceRule] = (rule,)
    else:
        rules = [r for r in governance_rules(project) if r.kind is not MeetingKind.ONE_TO_ONE]
    found = _upcoming(project, rules, on_or_after, on_or_after + dt.timedelta(days=within_days))
    return found[0] if found else None


# --- text -----------------------------------------------------------------------------------


def state_text(step: StepStatus) -> str:
    """The step's state as the checklist says it: never claims more than the data shows."""
    action = step.evidence
    quoted = f"{action.id} {action.title}" if action is not None else ""
    if step.state is StepState.DONE:
        return f"done ({quoted})"
    if step.state is StepState.UPCOMING:
        return f"upcoming, due {step.due.isoformat()}"
    if step.state is StepState.LATE and action is not None:
        when = f", due {action.due.isoformat()}" if isinstance(action.due, dt.date) else ""
        return f"late: due since {step.due.isoformat()}, {quoted} still open{when}"
    return f"due since {step.due.isoformat()}: nothing recorded says whether it is done"


def owner_text(project: Project, step: StepStatus) -> str:
    """``Name (id)`` of the step's owner; says when the project manager stands in, or when none is named."""
    if step.owner is None:
        return "no owner named"
    who = person_label(project, step.owner)
    return f"{who}, the project manager (the rule names no owner)" if step.owner_default else who


def checklist_markdown(project: Project, preparations: Sequence[Preparation], as_of: dt.date) -> str:
    """The preparation checklist of each occurrence, as Markdown (a line when there is none)."""
    if not preparations:
        return f"No governance meeting with preparation steps is coming (status date {as_of.isoformat()}).\n"
    out: list[str] = []
    for prep in preparations:
        meeting = prep.meeting
        out += [f"# Preparation — {meeting.title}, {meeting.date.isoformat()}", "",
                f"Meeting {meeting.id}; status date {as_of.isoformat()}; inputs needed by {freeze_text(prep)}.",
                ""]
        out += checklist_table(project, prep)
        out.append("")
    return "\n".join(out)


def checklist_rows(project: Project, prep: Preparation) -> list[tuple[str, str, str, str]]:
    """(step, owner, due, state) for each step, every cell written."""
    return [(s.name, owner_text(project, s), f"{s.due.isoformat()} (T-{s.lead_days})", state_text(s))
            for s in prep.steps]


def checklist_table(project: Project, prep: Preparation) -> list[str]:
    """The checklist as Markdown table lines."""
    rows = ["| Step | Owner | Due | State |", "|---|---|---|---|"]
    for cells in checklist_rows(project, prep):
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return rows


# --- input requests -------------------------------------------------------------------------


def _owner_id(project: Project, ref: object) -> str | None:
    if not isinstance(ref, str) or not ref.strip():
        return None
    found = project.person(ref)
    return found.id if found is not None else None


def _summaries(project: Project) -> set[str]:
    return {task.parent for task in project.tasks if task.parent}


def input_requests(
    project: Project, prep: Preparation, as_of: dt.date, forecasts: Mapping[str, dt.date]
) -> dict[str, str]:
    """Person id -> the short text asking them for their input to the meeting: their open actions
    due by the meeting, their open tasks under way by then and their open milestones (progress and
    forecast), the steps they own; by the data freeze. Only people with something to give."""
    meeting = prep.meeting
    summaries = _summaries(project)
    needed: dict[str, list[str]] = {}
    for action in project.actions:
        who = _owner_id(project, action.owner)
        if who and action.status.is_open and isinstance(action.due, dt.date) and action.due <= meeting.date:
            needed.setdefault(who, []).append(
                f"Action {action.id} {action.title} (due {action.due.isoformat()}): done, or where it stands.")
    for task in project.tasks:
        who = _owner_id(project, task.owner)
        if who is None or task.done or task.id in summaries:
            continue
        forecast = forecasts.get(task.id) or task.finish
        under_way = task.started or (task.start is not None and task.start <= meeting.date)
        if not (task.milestone or under_way):
            continue
        when = f"forecast {forecast.isoformat()}" if forecast else "no forecast date"
        what = "milestone" if task.milestone else f"task, {task.percent_complete:g} % complete"
        needed.setdefault(who, []).append(
            f"{task_label(task.id, task.name)} ({what}, {when}): progress and the date you expect.")
    for step in prep.steps:
        who = _owner_id(project, step.owner)
        if who and step.state is not StepState.DONE:
            needed.setdefault(who, []).append(
                f"Preparation step you own: {step.name} (due {step.due.isoformat()}).")
    if prep.freeze < as_of:
        ask = f"It was needed by {freeze_text(prep)}: please send the following as soon as you can."
    else:
        ask = f"Please send the following by {freeze_text(prep)}."
    texts = {}
    for person_id, items in sorted(needed.items()):
        who = person_label(project, person_id)
        lines = [f"# Input for {meeting.title} ({meeting.date.isoformat()}) — {who}", "",
                 f"{meeting.title} meets on {meeting.date.strftime('%A')} {meeting.date.isoformat()} "
                 f"(meeting {meeting.id}). {ask}", ""]
        lines += [f"- {item}" for item in items]
        texts[person_id] = "\n".join(lines) + "\n"
    return texts
