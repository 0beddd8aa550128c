"""Settings: the workspace, its database URL, the default project; `PMO_` environment prefix.

Precedence: a command-line option, then the environment (`PMO_WORKSPACE`,
`PMO_DATABASE_URL`, `PMO_PROJECT`), then the workspace file `pmo.toml`, then defaults
(a SQLite file `pmo.db` inside the workspace).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pmo.errors import InputError, WorkspaceError
from pmo.model import GovernanceSettings

WORKSPACE_FILE = "pmo.toml"
DEFAULT_DATABASE = "pmo.db"

WORKSPACE_TEMPLATE = """\
# pmo workspace. Every setting can also come from the environment (PMO_DATABASE_URL, PMO_PROJECT).
[workspace]
# database = "postgresql+psycopg://user@localhost/pmo"   # default: the SQLite file pmo.db here
# project = "ERP"                                       # the project commands use by default
out = "out"                                             # where `pmo run` writes its packs

# `pmo brief --send` and `pmo alert` (docs/brief.md). The password comes from PMO_SMTP_PASSWORD only.
# [mail]
# host = "smtp.example.com"
# port = 587
# starttls = true
# user = "pmo@example.com"
# from = "pmo@example.com"
# to = ["manager@example.com"]
#
# [alerts]
# mail = true                                           # alerts by e-mail too, to [mail] to
# [[alerts.webhooks]]
# url = "https://hooks.slack.com/services/..."
# kind = "slack"                                        # slack, teams or mattermost

# Governance held against the calendar (docs/formats/native.md, settings: governance:);
# overrides the project file's. Days are working days.
# [governance]
# lookback_days = 20                                    # the past reporting period
# lookahead_days = 10                                   # the look-ahead (also prep-due, deliverable-due-soon)
# tolerance_days = 2                                    # a replacement within this many days
# infer = true                                          # recurring series are governance rules
# ignore = ["gym@example.com"]                          # rule or series ids not to check
# [[governance.rules]]                                  # replaces the rule of that id, or adds one
# id = "steerco"
# name = "Steering committee"
# kind = "steering-committee"
# cadence = "monthly"
# dates = [2026-07-16, 2026-09-17]
# required = ["cbernard", "jmoreau"]
"""

WEBHOOK_KINDS = ("slack", "teams", "mattermost")
PASSWORD_VARIABLE = "PMO_SMTP_PASSWORD"


@dataclass(frozen=True)
class MailSettings:
    """The `[mail]` table: where and how to send e-mail. The password is never read from the file."""

    host: str
    port: int
    starttls: bool
    user: str | None
    sender: str
    to: tuple[str, ...]


@dataclass(frozen=True)
class Webhook:
    """One `[[alerts.webhooks]]` entry: an incoming webhook URL and the chat tool behind it."""

    url: str
    kind: str


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one command."""

    workspace: Path
    database_url: str
    project: str | None
    out: Path
    mail: MailSettings | None = None
    webhooks: tuple[Webhook, ...] = ()
    report_url: str | None = None
    alert_mail: bool = False
    governance: GovernanceOverlay | None = None


@dataclass(frozen=True)
class GovernanceOverlay:
    """The workspace's `[governance]` table: the settings it gives (`given`), checked."""

    settings: GovernanceSettings
    given: frozenset[str]

    def over(self, base: GovernanceSettings) -> GovernanceSettings:
        """`base` (the project file's) with what the workspace gives: its values win, its
        rules replace those of the same id (or are added), its ignored ids are added."""
        changes = {name: getattr(self.settings, name) for name in self.given if name not in ("rules", "ignore")}
        ids = {rule.id for rule in self.settings.rules}
        rules = (*(r for r in base.rules if r.id not in ids), *self.settings.rules)
        ignore = (*base.ignore, *(i for i in self.settings.ignore if i not in base.ignore))
        return dataclasses.replace(base, **changes, rules=rules, ignore=ignore)


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
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: {exc}") from None
    table = document.get("workspace", {})
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
        mail=_mail(document.get("mail"), path),
        webhooks=_webhooks(document.get("alerts", {}), path),
        report_url=table.get("report_url"),
        alert_mail=bool(document.get("alerts", {}).get("mail", False)),
        governance=_governance(document.get("governance"), path),
    )


def _governance(table: object, path: Path) -> GovernanceOverlay | None:
    """The `[governance]` table, checked against the model; None when there is none."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(f"{path}: [governance] must be a table")
    from pmo.model.codec import DecodeError, decode

    try:
        settings = decode(GovernanceSettings, table)
    except DecodeError as exc:
        raise InputError(f"{path}: [governance] {exc}") from None
    return GovernanceOverlay(settings, frozenset(table))


def workspace_governance(folder: Path) -> GovernanceOverlay | None:
    """The `[governance]` table of the workspace at `folder` (None without one, or without a pmo.toml)."""
    path = folder / WORKSPACE_FILE
    if not path.is_file():
        return None
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: {exc}") from None
    return _governance(document.get("governance"), path)


def _mail(table: object, path: Path) -> MailSettings | None:
    """The `[mail]` table, checked; None when there is none."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(f"{path}: [mail] must be a table")
    if "password" in table:
        raise InputError(f"{path}: [mail] password: never write it here, set {PASSWORD_VARIABLE} in the environment")
    missing = [name for name in ("host", "from", "to") if not table.get(name)]
    if missing:
        raise InputError(f"{path}: [mail] needs {', '.join(missing)}")
    to = table["to"]
    recipients = (to,) if isinstance(to, str) else tuple(str(t) for t in to)
    try:
        port = int(table.get("port", 587))
    except (TypeError, ValueError):
        raise InputError(f"{path}: [mail] port {table.get('port')!r}: not a number") from None
    return MailSettings(
        host=str(table["host"]),
        port=port,
        starttls=bool(table.get("starttls", True)),
        user=str(table["user"]) if table.get("user") else None,
        sender=str(table["from"]),
        to=recipients,
    )


def _webhooks(table: object, path: Path) -> tuple[Webhook, ...]:
    """The `[[alerts.webhooks]]` entries, checked."""
    entries = table.get("webhooks", []) if isinstance(table, dict) else []
    hooks = []
    for number, entry in enumerate(entries, 1):
        url, kind = str(entry.get("url", "")), str(entry.get("kind", ""))
        if not url.startswith(("http://", "https://")):
            raise InputError(f"{path}: alerts webhook {number}: url {url!r} is not an http(s) URL")
        if kind not in WEBHOOK_KINDS:
            raise InputError(f"{path}: alerts webhook {number}: kind {kind!r} (known: {', '.join(WEBHOOK_KINDS)})")
        hooks.append(Webhook(url, kind))
    return tuple(hooks)


def smtp_password() -> str | None:
    """The SMTP password, from the environment only."""
    return os.environ.get(PASSWORD_VARIABLE) or None


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
