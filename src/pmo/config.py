"""Settings: the workspace, its database URL, the default project; `PMO_` environment prefix.

Precedence: a command-line option, then the environment (`PMO_WORKSPACE`,
`PMO_DATABASE_URL`, `PMO_PROJECT`), then the workspace file `pmo.toml`, then defaults
(a SQLite file `pmo.db` inside the workspace).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pmo.errors import InputError, WorkspaceError

WORKSPACE_FILE = "pmo.toml"
DEFAULT_DATABASE = "pmo.db"

WORKSPACE_TEMPLATE = """\
# pmo workspace. Every setting can also come from the environment (PMO_DATABASE_URL, PMO_PROJECT).
[workspace]
# database = "postgresql+psycopg://user@localhost/pmo"   # default: the SQLite file pmo.db here
# project = "ERP"                                       # the project commands use by default
out = "out"                                             # where `pmo run` writes its packs
"""


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one command."""

    workspace: Path
    database_url: str
    project: str | None
    out: Path


def find_workspace(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a `pmo.toml`."""
    for folder in (start, *start.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return None


def load_settings(
    workspace: Path | None = None, database_url: str | None = None, project: str | None = None
) -> Settings:
    """Resolve the settings of a command run from the current directory."""
    env_workspace = os.environ.get("PMO_WORKSPACE")
    if workspace is None and env_workspace:
        workspace = Path(env_workspace)
    if workspace is None:
        workspace = find_workspace(Path.cwd())
        if workspace is None:
            raise WorkspaceError(f"no pmo workspace here ({Path.cwd()}): run `pmo init` or pass --workspace")
    workspace = workspace.resolve()
    path = workspace / WORKSPACE_FILE
    if not path.is_file():
        raise WorkspaceError(f"{workspace} is not a pmo workspace (no {WORKSPACE_FILE}): run `pmo init {workspace}`")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("workspace", {})
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: {exc}") from None
    url = database_url or os.environ.get("PMO_DATABASE_URL") or table.get("database")
    if not url:
        url = f"sqlite:///{workspace / DEFAULT_DATABASE}"
    elif url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        url = f"sqlite:///{workspace / url.removeprefix('sqlite:///')}"
    return Settings(
        workspace=workspace,
        database_url=url,
        project=project or os.environ.get("PMO_PROJECT") or table.get("project"),
        out=workspace / str(table.get("out", "out")),
    )


def create_workspace(folder: Path) -> Path:
    """Make `folder` a workspace (idempotent); returns its `pmo.toml`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / WORKSPACE_FILE
    if not path.exists():
        path.write_text(WORKSPACE_TEMPLATE, encoding="utf-8")
    return path


def apply_environment() -> None:
    """Process-wide switches from the environment: `PMO_NO_NUMBA=1` runs the numpy kernels."""
    if os.environ.get("PMO_NO_NUMBA", "") not in ("", "0"):
        from pmo.engine.schedule.sweep_kernel import use_compiled

        use_compiled(False)
