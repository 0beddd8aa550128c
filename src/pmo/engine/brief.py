"""The weekly brief: the one page the manager reads, selected from the Review.

A pure function of the Review: what changed, decisions needed and by when, the next weeks
(deadlines, meetings, steering committees), the risks coming closer, what to chase and with
whom, and the ground feel (team-link findings, when the project has any). Every list is
capped so that the brief fits one printed page; `more` says how many lines were left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from pmo.engine.review.build import Review
from pmo.model import DecisionStatus, Finding, Project, Severity
from pmo.model.values import Pending

# Findings of the team link (contact, pulse, check-ins), shown under "ground feel" when present.
GROUND_CODES = ("contact-overdue", "pulse-low", "checkin-missing")
MAX_CHANGED = 6
MAX_COMING = 8
MAX_RISKS = 3
MAX_CHASE = 5
MAX_GROUND = 4
MAX_SUMMARY = 3


@dataclass(frozen=True)
class BriefLine:
    """One line of the brief: when, what, and who (empty when no person is concerned)."""

    when: str
    what: str
    who: str


@dataclass(frozen=True)
class BriefSection:
    """A titled list of lines; `more` counts the lines left out to fit the page."""

    title: str
    lines: tuple[BriefLine, ...]
    empty: str
    more: int = 0


@dataclass(frozen=True)
class Brief:
    """The weekly brief of one project at one status date."""

    project_key: str
    project_name: str
    as_of: dt.date
    rating: str
    summary: tuple[str, ...]
    sections: tuple[BriefSection, ...]

    @property
    def title(self) -> str:
        return f"Weekly brief: {self.project_name} ({self.project_key}), {self.as_of.isoformat()}"


def build_brief(review: Review) -> Brief:
    """The brief of a Review (no I/O, no clock)."""
    return Brief(
        project_key=review.project.key,
        project_name=review.project.name or review.project.key,
        as_of=review.as_of,
        rating=review.rating.label,
        summary=tuple(review.summary[:MAX_SUMMARY]) or ("No summary: the project holds no data yet.",),
        sections=(
            _changed(review),
            _decisions(review),
            _coming(review),
            _risks(review),
            _chase(review),
            _ground(review),
        ),
    )


def _text(value: object) -> str:
    text = " ".join(str(value).split())
    return text or "NA (no value)"


def _section(title: str, lines: Sequence[BriefLine], cap: int, empty: str) -> BriefSection:
    return BriefSection(title, tuple(lines[:cap]), empty, max(0, len(lines) - cap))


def _changed(review: Review) -> BriefSection:
    lines = [BriefLine(e.kind, _text(f"{e.subject}: {e.change}" + (f" ({e.reason})" if _said(e.reason) else "")), "")
             for e in review.changed]
    empty = "Nothing changed since the last report." if review.previous else "No earlier report to compare with."
    return _section("What changed", lines, MAX_CHANGED, empty)


def _by(date: object) -> str:
    if isinstance(date, dt.date):
        return f"by {date.isoformat()}"
    if isinstance(date, Pending):
        return f"date pending ({date.who}, by {date.by.isoformat()})"
    return "no date set"


def _decider(project: Project, who: object) -> str:
    if isinstance(who, str):
        return project.person_name(who)
    if isinstance(who, Pending):
        return f"decider pending ({who.who})"
    return "nobody named to decide"


def _said(reason: str) -> bool:
    """A reason worth printing: not empty and not an NA placeholder."""
    return bool(reason.strip()) and not reason.startswith("NA")


def _decisions(review: Review) -> BriefSection:
    project = review.project
    lines = [
        BriefLine(_by(d.date), _text(f"{d.id} {d.title}"), _decider(project, d.decided_by))
        for d in project.decisions
        if d.status is DecisionStatus.PROPOSED
    ]
    lines.sort(key=lambda line: (not line.when.startswith("by "), line.when, line.what))
    return _section("Decisions needed", lines, MAX_COMING, "No decision awaited.")


def _coming(review: Review) -> BriefSection:
    lines = [
        BriefLine(row.date.isoformat(), _text(f"{row.kind}: {row.subject} ({row.status})"), _text(row.owner))
        for row in review.next_period
        if row.kind != "decision needed" and row.status != "overdue"
    ]
    return _section("Coming weeks", lines, MAX_COMING, "Nothing falls due in the coming weeks.")


def _risks(review: Review) -> BriefSection:
    lines = [
        BriefLine(f"score {_text(row.score)}", _text(f"{row.id} {row.title}"), _text(row.owner))
        for row in review.risks
        if row.status in ("open", "in-progress")
    ]
    return _section("Risks coming closer", lines, MAX_RISKS, "No open risk.")


def _chase(review: Review) -> BriefSection:
    """Overdue actions and overdue investigations, grouped by the person to chase."""
    lines = [
        BriefLine(f"due {_text(row.due)}", _text(f"action {row.id} {row.title}"), _text(row.owner))
        for row in review.actions
        if row.late
    ]
    lines += [
        BriefLine(f"due {p.by}", _text(f"find out {p.field} of {p.subject}"), _text(p.who))
        for p in review.pending
        if p.overdue
    ]
    lines.sort(key=lambda line: (line.who, line.when, line.what))
    return _section("To chase", lines, MAX_CHASE, "Nobody to chase: nothing is overdue.")


def _ground(review: Review) -> BriefSection:
    """The project's stretch first (engine/stretch.py), then the team-link findings."""
    lines = [BriefLine(f.code, _text(f.message), _text(f.subject.name or f.subject.id))
             for f in review.findings if f.code in GROUND_CODES]
    project = next((row for row in review.stretch if row.scope == "project"), None)
    if project is None:
        return _section("Ground feel", lines, MAX_GROUND, "No signal from the team link.")
    stretch = BriefLine("stretch", _text(f"project {project.label}, trend {project.trend}: {project.why}"), "")
    return _section("Ground feel", [stretch, *lines], MAX_GROUND + 1, "No signal from the team link.")


def finding_key(finding: Finding) -> str:
    """A key stable across runs: the code and the subject (kind and id)."""
    return f"{finding.code}:{finding.subject.kind}:{finding.subject.id}"


def alert_findings(review: Review, sent: Collection[str]) -> tuple[Finding, ...]:
    """The error findings not alerted yet (by `finding_key`), in their report order."""
    done = set(sent)
    seen: set[str] = set()
    fresh = []
    for finding in sorted(review.findings, key=Finding.sort_key):
        key = finding_key(finding)
        if finding.severity is Severity.ERROR and key not in done and key not in seen:
            seen.add(key)
            fresh.append(finding)
    return tuple(fresh)


