"""The meetings of a project over any window: its series expanded, and its single meetings.

`occurrences(project, first, last)` is the one place the engine gets meetings from for
a window: every recurring series the calendar gave (`Project.series`) expanded over the
days `first`..`last` (`pmo.engine.anticipate.series`), cancelled occurrences kept and
flagged (status CANCELLED), deleted ones left out; plus the project's meetings that
belong to no stored series (single events, and occurrences written in the project file).
"""

from __future__ import annotations

import datetime as dt

from pmo.engine.anticipate.series import expand
from pmo.model import Meeting, Project


def occurrences(project: Project, first: dt.date, last: dt.date) -> tuple[Meeting, ...]:
    """Every meeting occurrence on the days `first`..`last`, by start then id."""
    known = {series.id for series in project.series}
    found = [m for series in project.series for m in expand(series, first, last)]
    found.extend(
        m for m in project.meetings
        if m.series not in known and first <= m.start.date() <= last
    )
    return tuple(sorted(found, key=lambda m: (m.start, m.id)))
