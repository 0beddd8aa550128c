"""The meetings of a project over any window: its series expanded, and its single meetings.

`occurrences(project, first, last)` is the one place the engine gets meetings from for
a window: every recurring series the calendar gave (`Project.series`) expanded over the
days `first`..`last` (`pmo.engine.anticipate.series`), cancelled occurrences kept and
flagged (status CANCELLED), deleted ones left out; plus the project's meetings that
belong to no stored series (single events, and occurrences written in the project file).
"""

from __future__ import annotations

import datetime as dt
import re

from pmo.engine.anticipate.series import expand
from pmo.model import GovernanceRule, Meeting, Project


def occurrences(project: Project, first: dt.date, last: dt.date) -> tuple[Meeting, ...]:
    """Every meeting occurrence on the days `first`..`last`, by start then id."""
    known = {series.id for series in project.series}
    found = [m for series in project.series for m in expand(series, first, last)]
    found.extend(
        m for m in project.meetings
        if m.series not in known and first <= m.start.date() <= last
    )
    return tuple(sorted(found, key=lambda m: (m.start, m.id)))


def calendar_start(project: Project, rule: GovernanceRule | None = None) -> dt.date:
    """The first day the project's calendar (and `rule`'s fixed dates) say anything of: the
    start of its first series or meeting. A window from it holds every past occurrence."""
    days = [series.start.date() for series in project.series]
    days += [meeting.start.date() for meeting in project.meetings]
    days += list(rule.dates) if rule is not None else []
    return min(days, default=project.status_date or dt.date(2000, 1, 1))


def words(text: str) -> str:
    """A title or name as compared: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
