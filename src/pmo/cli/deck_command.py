"""`pmo deck`: the steering committee deck (PPTX) of the project at a status date, through pmo.api."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmo.cli.options import DbOpt, ProjectOpt, WorkspaceOpt, parse_date
from pmo.cli.output import console
from pmo.config import load_settings

StatusDateOpt = Annotated[
    str | None, typer.Option("--status-date", "--as-of", help="Status date YYYY-MM-DD (default: the project's).")
]


def deck(
    as_of: StatusDateOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="A .pptx file, or a folder (default: the output folder).")
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Write the steering committee deck: verdict, decisions, milestones, finance, next date (PPTX)."""
    from pmo.api import deck_workspace

    path = deck_workspace(load_settings(workspace, db, project), parse_date(as_of), out)
    console.print(str(path), markup=False)


def register(app: typer.Typer) -> None:
    """Add `deck` to the app."""
    app.command()(deck)
