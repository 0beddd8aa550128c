"""The governance rules a project is held to: written, inferred from its calendar, overridden.

`governance_rules(project, settings)` is, in order:

1. the rules of the project file (``governance:``);
2. with ``settings.infer``, one rule per recurring series of the calendar that is a
   meeting (not an out-of-office entry, not cancelled as a whole): its kind is the one
   the reader recognised from the title (English, French, German: "Steering Committee",
   "COPIL", "Lenkungsausschuss", "Jour fixe", "point hebdo"...), its cadence and weekday
   come from the rule, its required attendees are the series' required attendees, and a
   steering committee gets the usual preparation (`STEERING_PREPARATION`). A written
   rule describing the same rhythm (same kind and cadence, same weekday when both say
   one) takes the series instead of a second rule;
3. the workspace's rules (``settings.rules``) replace the rule of the same id or are
   added; ``settings.ignore`` drops rules by id or by series.
"""

from __future__ import annotations

import dataclasses

from pmo.model import (
    Cadence,
    GovernanceRule,
    GovernanceSettings,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    PrepStep,
    Project,
)

# A steering committee's preparation, in working days before it (T-5 ... T-1): the steps of an
# inferred steering committee, and of a written one whose rule names none (`prep.steps_of`).
STEERING_PREPARATION: tuple[PrepStep, ...] = (
    PrepStep("Start the steering committee pack", 5),
    PrepStep("Request inputs from the owners", 4),
    PrepStep("Data freeze", 3),
    PrepStep("Review the pack with the manager", 2),
    PrepStep("Send the pre-read", 1),
)
_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def _parts(rrule: str) -> dict[str, str]:
    items = (p.split("=", 1) for p in rrule.removeprefix("RRULE:").split(";") if "=" in p)
    return {key.strip().upper(): value.strip().upper() for key, value in items}


def cadence_of(series: MeetingSeries) -> tuple[Cadence, int | None]:
    """The cadence and weekday (0 = Monday, None when several or none) of a series' rule."""
    parts = _parts(series.rrule)
    frequency = parts.get("FREQ", "")
    try:
        interval = max(1, int(parts.get("INTERVAL", "1")))
    except ValueError:
        interval = 1
    days = [d[-2:] for d in parts.get("BYDAY", "").split(",") if d.strip()]
    weekday = _DAYS.get(days[0]) if len(days) == 1 else None
    if frequency == "DAILY" and interval == 1:
        return Cadence.DAILY, None
    if frequency == "WEEKLY":
        weekday = series.start.weekday() if weekday is None and not days else weekday
        return (Cadence.WEEKLY if interval == 1 else Cadence.BIWEEKLY), weekday
    if frequency == "MONTHLY" and interval == 1:
        return Cadence.MONTHLY, weekday
    return Cadence.ONCE, None


def inferred_rule(series: MeetingSeries) -> GovernanceRule:
    """The governance rule a recurring series says the project keeps."""
    cadence, weekday = cadence_of(series)
    return GovernanceRule(
        id=series.id,
        name=series.title,
        kind=series.kind,
        cadence=cadence,
        weekday=weekday,
        required=tuple(a.person for a in series.attendees if a.required),
        preparation=STEERING_PREPARATION if series.kind is MeetingKind.STEERING else (),
        series=(series.id,),
        source=series.source,
    )


def is_governance_series(series: MeetingSeries) -> bool:
    """A series that is a meeting the project holds (not an absence, not cancelled whole)."""
    return series.kind is not MeetingKind.ABSENCE and series.status is not MeetingStatus.CANCELLED


def same_rhythm(written: GovernanceRule, inferred: GovernanceRule) -> bool:
    """True when a written rule and a series describe the same meeting: same kind and
    cadence, the same weekday when both name one, and no fixed dates written."""
    if written.series or written.dates or written.kind is not inferred.kind or written.cadence is not inferred.cadence:
        return False
    return written.weekday is None or inferred.weekday is None or written.weekday == inferred.weekday


def governance_rules(project: Project, settings: GovernanceSettings | None = None) -> tuple[GovernanceRule, ...]:
    """The project's governance rules: written, inferred from its series, then the
    workspace's (see the module doc). `settings` defaults to the project's own."""
    settings = settings or project.settings.governance
    rules = list(project.governance)
    if settings.infer:
        for series in project.series:
            if not is_governance_series(series) or any(series.id in r.series for r in rules):
                continue
            inferred = inferred_rule(series)
            match = next((i for i, r in enumerate(rules) if same_rhythm(r, inferred)), None)
            if match is None:
                rules.append(inferred)
            else:
                written = rules[match]
                rules[match] = dataclasses.replace(
                    written, series=(series.id,), required=written.required or inferred.required
                )
    for override in settings.rules:
        index = next((i for i, r in enumerate(rules) if r.id == override.id), None)
        if index is None:
            rules.append(override)
        else:
            kept = override if override.series else dataclasses.replace(override, series=rules[index].series)
            rules[index] = kept
    ignored = set(settings.ignore)
    return tuple(r for r in rules if r.id not in ignored and not ignored & set(r.series))
