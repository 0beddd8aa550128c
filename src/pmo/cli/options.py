"""The options every command shares, and the parsing of dates given on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pmo.errors import InputError

WorkspaceOpt = Annotated[
    Path | None, typer.Option("--workspace", "-w", help="The workspace folder (default: found from here up).")
]
DbOpt = Annotated[str | None, typer.Option("--db", help="Database URL (default: the workspace's SQLite file).")]
ProjectOpt = Annotated[str | None, typer.Option("--project", "-p", help="Project key, when there are several.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Status date YYYY-MM-DD (default: the project's).")]


def parse_date(text: str | None) -> dt.date | None:
    """A date from YYYY-MM-DD; bad input is an `InputError` (exit 2)."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of {text!r}: not a date, write YYYY-MM-DD") from None
