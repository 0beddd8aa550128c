"""`pmo questions` and `pmo overview`: the questions of a project grouped by person, and every
project of the workspace at a glance.

Both read the Review as `pmo check` does: the Monte Carlo forecast kept for the data's
revision and status date (by `pmo report` or `pmo run`) is used, and none is simulated here.
"""

from __future__ import annotations

import datetime as dt

from pmo.api.workspace import review, review_workspace, workspace_store
from pmo.config import Settings
from pmo.engine.names import person_label
from pmo.engine.overview import Overview, overview, overview_to_json
from pmo.engine.question_sheet import QuestionSheet, question_sheet, sheet_markdown, sheet_to_json
from pmo.errors import InputError, WorkspaceError

__all__ = [
    "Overview",
    "QuestionSheet",
    "overview_to_json",
    "overview_workspace",
    "questions_workspace",
    "sheet_markdown",
    "sheet_to_json",
]


def questions_workspace(settings: Settings, as_of: dt.date | None = None, person: str | None = None) -> QuestionSheet:
    """Every question of the project at `as_of`, grouped by person; with `person` (id, name or
    e-mail), that person's only."""
    result = review_workspace(settings, as_of, simulate=False)
    sheet = question_sheet(result)
    if person is None:
        return sheet
    wanted = person.strip()
    label = person_label(result.project, wanted)
    for candidate in sheet.people:
        if candidate.who == label or candidate.who.lower() == wanted.lower():
            return sheet.only(candidate.who)
    known = ", ".join(p.who for p in sheet.people) or "nobody"
    raise InputError(f"--person {person!r}: no question goes to them (questions go to: {known})")


def overview_workspace(settings: Settings, as_of: dt.date | None = None) -> Overview:
    """Every project of the workspace at `as_of` (default: each project's status date)."""
    with workspace_store(settings) as store:
        reviews = [review(store.load(key), as_of, store, settings.workspace, simulate=False)
                   for key in store.project_keys()]
    if not reviews:
        raise WorkspaceError("this workspace holds no project yet: run `pmo import FILE` first")
    return overview(reviews)
