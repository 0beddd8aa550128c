"""`pmo serve`, `pmo user` and `pmo link`: the web app, its accounts, the team's check-in links.
Each calls one `pmo.api` function."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from pmo.cli.options import DbOpt, ProjectOpt, WorkspaceOpt
from pmo.cli.output import console
from pmo.config import Settings, load_settings
from pmo.errors import InputError


def _settings(workspace: Path | None, db: str | None, project: str | None) -> Settings:
    return load_settings(workspace, db, project)


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (single-user mode: loopback only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    team: Annotated[bool, typer.Option("--team", help="Team install: accounts and roles (pmo user), login.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
) -> None:
    """Start the web app on this workspace: portfolio, cockpit, registers, findings, notes, check-ins."""
    from pmo.api import serve as run

    settings = _settings(workspace, db, None)
    mode = "team install (login)" if team else "single-user (no login)"
    console.print(f"pmo serve: http://{host}:{port}/ — {mode}; Ctrl-C to stop", markup=False)
    run(settings, host, port, team=team)


def user(
    username: Annotated[str, typer.Argument(help="The login name (a member's person id: they edit their actions).")],
    role: Annotated[str | None, typer.Option("--role", help="admin, pmo, manager, member or viewer.")] = None,
    admin: Annotated[bool, typer.Option("--admin", help="Administrator of every project.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Create a web account (or set its password) and give it a role on a project.

    The password comes from PMO_PASSWORD, else from the terminal (asked twice)."""
    from pmo.api import user_workspace

    password = os.environ.get("PMO_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise InputError("set PMO_PASSWORD, or run `pmo user` on a terminal to type the password")
        password = str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    for line in user_workspace(_settings(workspace, db, project), username, password, role, project, admin):
        console.print(line, markup=False)


def link(
    person: Annotated[str, typer.Argument(help="Whose link: id, name or e-mail.")],
    days: Annotated[int, typer.Option("--days", help="How many days the link opens.")] = 14,
    base_url: Annotated[str, typer.Option("--base-url", help="Where `pmo serve` is reached.")]
    = "http://127.0.0.1:8000",
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Print a person's personal check-in link (signed, expires; no account needed)."""
    from pmo.api import checkin_link

    who, url, last = checkin_link(_settings(workspace, db, project), person, days, base_url, dt.date.today())
    console.print(f"{who}, until {last}: {url}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(user)
    app.command()(link)
