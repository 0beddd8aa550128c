"""`pmo questions` and `pmo overview`: the questions by person, ready to send, and every project
of the workspace on one screen. Each calls one `pmo.api` function and prints what it returns."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pmo.cli.options import AsOfOpt, DbOpt, ProjectOpt, WorkspaceOpt, parse_date
from pmo.cli.output import console
from pmo.config import Settings, load_settings


def _settings(workspace: Path | None, db: str | None, project: str | None) -> Settings:
    return load_settings(workspace, db, project)


def register(app: typer.Typer) -> None:
    """Add `questions` and `overview` to the app."""
    app.command()(questions)
    app.command()(overview)


def questions(
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the questions as JSON.")] = False,
    person: Annotated[
        str | None, typer.Option("--person", help="Only the questions of this person: id, name or e-mail.")
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Print every question of the project grouped by person (Markdown, ready to send): what we need
    from each, by when and why, and what the data already answers about the amber and red items."""
    from pmo.api import questions_workspace, sheet_markdown, sheet_to_json

    sheet = questions_workspace(_settings(workspace, db, project), parse_date(as_of), person)
    if as_json:
        sys.stdout.write(json.dumps(sheet_to_json(sheet), indent=2, ensure_ascii=False) + "\n")
        return
    console.print(sheet_markdown(sheet), markup=False, end="")


def _path_text(path: dict[str, Any] | None) -> str:
    if path is None:
        return "no schedule"
    days = f", {path['working_days']} working days" if path["working_days"] is not None else ""
    return f"{path['first']} → {path['last']} ({path['tasks']} tasks{days})"


def overview(
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the overview as JSON.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
) -> None:
    """One screen across every project of the workspace: verdict, commitments at risk and their P80,
    where the critical path runs, the delay files; and the people on several critical paths."""
    from rich.table import Table

    from pmo.api import overview_to_json, overview_workspace

    document = overview_to_json(overview_workspace(_settings(workspace, db, None), parse_date(as_of)))
    if as_json:
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    projects: list[dict[str, Any]] = document["projects"]  # type: ignore[assignment]
    table = Table(title="Projects")
    for column in ("Project", "Status date", "Verdict", "Critical path"):
        table.add_column(column, overflow="fold")
    for one in projects:
        table.add_row(f"{one['name']} ({one['key']})", one["as_of"], one["verdict"], _path_text(one["critical_path"]))
    console.print(table)
    commitments = Table(title="Commitments at risk")
    for column in ("Project", "Commitment", "Committed", "Forecast", "P80", "Chance"):
        commitments.add_column(column, overflow="fold")
    notes = []
    for one in projects:
        for c in one["commitments_at_risk"]:
            chance = f"{c['chance']:.0%}" if c["chance"] is not None else "-"
            commitments.add_row(one["key"], c["name"], c["date"], c["forecast"] or "not known",
                                c["p80"] or "-", chance)
        if one["forecast_note"] and one["commitments_at_risk"]:
            notes.append(f"{one['key']}: {one['forecast_note']}")
    if commitments.row_count:
        console.print(commitments)
    else:
        console.print("No commitment at risk.", markup=False)
    for note in notes:
        console.print(note, markup=False)
    delays = [(one["key"], line) for one in projects for line in one["delays"]]
    console.print("\nDelay files:" if delays else "\nNo delay file: no milestone slips.", markup=False)
    for key, line in delays:
        console.print(f"  {key}: {line}", markup=False)
    shared: list[dict[str, Any]] = document["shared_people"]  # type: ignore[assignment]
    if shared:
        people = Table(title="People on several critical paths")
        people.add_column("Person")
        people.add_column("Projects")
        for person in shared:
            people.add_row(f"{person['name']} ({person['id']})", ", ".join(person["projects"]))
        console.print(people)
    else:
        console.print("Nobody is on the critical path of more than one project.", markup=False)
