"""What the web app does besides reviewing: the registers edited in a browser, accounts and roles,
check-in links.

A record saved in the browser is an import of one record, origin ``web:KIND:ID`` (reader
``web``): it is stored like any file's version, overrides the project file's version by the
overlay rule (docs/architecture.md) and shows in `pmo check` and the report. Saves are
optimistic: the form carries the version it was read at (a digest of the stored data) and a
save over a newer version is a `ConflictError`, nothing stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo.config import Settings
from pmo.errors import ConflictError, InputError, WorkspaceError

if TYPE_CHECKING:  # for annotations only
    from pmo.engine.review.build import Review
    from pmo.store import Store
    from pmo.store.web_store import StoredUser

WEB_ORIGIN = "web"
ROLES = ("admin", "pmo", "manager", "member", "viewer")
# What each role may do on its project. Reading check-ins (pulse, blockers) is the managers'.
ROLE_RIGHTS: dict[str, frozenset[str]] = {
    "admin": frozenset({"read", "edit", "checkins", "manage"}),
    "pmo": frozenset({"read", "edit", "checkins"}),
    "manager": frozenset({"read", "edit", "checkins"}),
    "member": frozenset({"read", "edit-own"}),
    "viewer": frozenset({"read"}),
}
# The findings that quote a person's check-in answers: shown only to roles with "checkins".
CHECKIN_CODES = frozenset({"pulse-low", "checkin-missing"})

# Finding code -> duty (docs/findings.md): 1 rigour, 2 foresight, 3 anticipation, 4 the team, 0 pmo itself.
FINDING_DUTIES: dict[str, int] = {
    **dict.fromkeys(("blank-field", "pending-overdue", "action-no-owner", "action-no-due", "action-overdue",
                     "task-stale", "plan-not-tracked", "progress-inconsistent", "milestone-past-open",
                     "risk-no-owner", "risk-no-mitigation", "dependency-unknown-task", "dependency-cycle"), 1),
    **dict.fromkeys(("milestone-slip", "forecast-risk", "trend-slip", "constraint-conflict", "near-critical",
                     "resource-overload", "question"), 2),
    **dict.fromkeys(("meeting-missing", "meeting-attendee-missing", "prep-due", "deliverable-due-soon",
                     "absence-on-critical"), 3),
    **dict.fromkeys(("contact-overdue", "pulse-low", "checkin-missing", "actions-piling-up"), 4),
}
DUTY_NAMES = {1: "be rigorous", 2: "foresee, predict", 3: "become essential", 4: "the link with the team",
              0: "pmo itself"}


def duty_of(code: str) -> int:
    """The duty a finding code serves (0: pmo itself, and codes this table does not know yet)."""
    return FINDING_DUTIES.get(code, 0)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a register's form: its name in the model, its label, its input type."""

    name: str
    label: str
    type: str = "text"  # text, textarea, date, person, choice, number, bool
    choices: tuple[str, ...] = ()
    required: bool = False


_ITEM = ("open", "in-progress", "done", "closed", "cancelled")
REGISTERS: dict[str, tuple[str, tuple[FieldSpec, ...]]] = {
    "actions": ("action", (
        FieldSpec("title", "Title", required=True), FieldSpec("owner", "Owner", "person"),
        FieldSpec("due", "Due", "date"), FieldSpec("status", "Status", "choice", _ITEM),
        FieldSpec("notes", "Notes", "textarea"),
    )),
    "risks": ("risk", (
        FieldSpec("title", "Title", required=True), FieldSpec("owner", "Owner", "person"),
        FieldSpec("probability", "Probability (1-5)", "number"), FieldSpec("impact", "Impact (1-5)", "number"),
        FieldSpec("mitigation", "Mitigation", "textarea"), FieldSpec("status", "Status", "choice", _ITEM),
    )),
    "issues": ("issue", (
        FieldSpec("title", "Title", required=True), FieldSpec("owner", "Owner", "person"),
        FieldSpec("priority", "Priority", "choice", ("low", "medium", "high", "critical")),
        FieldSpec("status", "Status", "choice", _ITEM), FieldSpec("due", "Due", "date"),
        FieldSpec("resolution", "Resolution", "textarea"),
    )),
    "decisions": ("decision", (
        FieldSpec("title", "Title", required=True),
        FieldSpec("status", "Status", "choice", ("proposed", "taken", "rejected")),
        FieldSpec("date", "Date", "date"), FieldSpec("decided_by", "Decided by", "person"),
        FieldSpec("rationale", "Rationale", "textarea"),
    )),
    "assumptions": ("assumption", (
        FieldSpec("title", "Title", required=True), FieldSpec("owner", "Owner", "person"),
        FieldSpec("validate_by", "Validate by", "date"), FieldSpec("validated", "Validated", "bool"),
    )),
}
_ID_PREFIX = {"actions": "A-", "risks": "R-", "issues": "I-", "decisions": "D-", "assumptions": "AS-"}
_SAVE_LOCK = threading.Lock()  # one save at a time in this process: the version check and the save are one step


def register_kind(register: str) -> str:
    if register not in REGISTERS:
        raise WorkspaceError(f"no register {register!r} (registers: {', '.join(REGISTERS)})")
    return REGISTERS[register][0]


def project_keys(store: Store) -> list[str]:
    """Every project of the workspace, by key."""
    return store.project_keys()


def project_revision(store: Store, key: str) -> int:
    """The project's revision: it moves with every import (file, CLI or web) that changes its data."""
    from pmo.store.web_store import current_revision

    return current_revision(store, key)


def review_project(store: Store, key: str, root: Path | None = None, as_of: dt.date | None = None) -> Review:
    """The Review of a stored project at `as_of` (default: its status date, else today), forecast kept."""
    from pmo.api.workspace import review

    return review(store.load(key), as_of, store, root)


def version_of(data: Mapping[str, Any] | None) -> str:
    """The version of a stored record: a digest of its data ("" when there is no record)."""
    if data is None:
        return ""
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_version(store: Store, key: str, register: str, record_id: str) -> str:
    """The version of the record the project shows now ("" when it has none by that id)."""
    from pmo.store.web_store import shown_record

    found = shown_record(store, key, register_kind(register), record_id)
    return version_of(found[0] if found else None)


@dataclass(frozen=True)
class Saved:
    """A record saved from the web: its register, id, the record, its new version."""

    register: str
    id: str
    record: Any
    version: str
    created: bool


def save_record(
    store: Store,
    key: str,
    register: str,
    record_id: str | None,
    values: Mapping[str, str | None],
    version: str,
    today: dt.date,
) -> Saved:
    """Create (`record_id` None) or edit one record of a register from a form's text values.

    A field left out of `values` keeps its value; an empty one is cleared. `version` is the
    version the form was read at: when the record changed since, `ConflictError` (nothing is
    stored; the message says what changed). Bad values are an `InputError` naming the field.
    """
    from pmo.model import Project, Source
    from pmo.model.codec import DecodeError, decode, record_class
    from pmo.model.imports import ReadResult, Unit
    from pmo.store.web_store import shown_record

    kind = register_kind(register)
    specs = REGISTERS[register][1]
    with _SAVE_LOCK:
        created = record_id is None
        if record_id is None:
            record_id = _new_id(store, key, register)
            data: dict[str, Any] = {"id": record_id}
            if register in ("actions",):
                data["opened"] = today.isoformat()
        else:
            found = shown_record(store, key, kind, record_id)
            if found is None:
                raise WorkspaceError(f"project {key} has no {kind} {record_id}")
            data = dict(found[0])
            if version_of(data) != version:
                title = data.get("title", "")
                raise ConflictError(
                    f"{kind} {record_id} ({title}) was changed by someone else since you opened it: "
                    "your changes were not saved and are still in the form; reload it to see theirs, then save again"
                )
        for spec in specs:
            if spec.name not in values:
                continue
            text = (values[spec.name] or "").strip()
            if spec.type == "bool":
                data[spec.name] = text.lower() in ("1", "true", "on", "yes")
            elif not text and isinstance(data.get(spec.name), dict):
                continue  # an "Investigation ongoing" or "NA" marker the form shows empty is kept
            elif not text:
                if spec.required:
                    raise InputError(f"{kind} {record_id}: {spec.label.lower()} is required")
                data.pop(spec.name, None)
            elif spec.type == "number":
                if not re.fullmatch(r"[1-5]", text):
                    raise InputError(f"{kind} {record_id}: {spec.label.lower()} {text!r}: a whole number from 1 to 5")
                data[spec.name] = int(text)
            elif spec.type == "date":
                try:
                    data[spec.name] = dt.date.fromisoformat(text).isoformat()
                except ValueError:
                    raise InputError(f"{kind} {record_id}: {spec.label.lower()} {text!r}: a date YYYY-MM-DD") from None
            elif spec.type == "choice" and text not in spec.choices:
                known = ", ".join(spec.choices)
                raise InputError(f"{kind} {record_id}: {spec.label.lower()} {text!r} (one of {known})")
            else:
                data[spec.name] = text
        if kind == "action":
            closing = data.get("status") in ("done", "closed", "cancelled")
            if closing and "closed" not in data:
                data["closed"] = today.isoformat()
            if not closing:
                data.pop("closed", None)
        source = Source(system=WEB_ORIGIN, key=f"{kind} {record_id}")
        try:
            record = decode(record_class(register), data, source)
        except DecodeError as exc:
            raise InputError(f"{kind} {record_id}: {exc}") from None
        origin = f"{WEB_ORIGIN}:{kind}:{record_id}"
        collections: dict[str, Any] = {register: (record,)}
        part = dataclasses.replace(Project(key=key, name=key), **collections)
        store.save_all([Unit(ReadResult(part), origin, WEB_ORIGIN)], project_key=key)
        return Saved(register, record_id, record, version_of(_stored(store, key, kind, record_id)), created)


def close_record(store: Store, key: str, register: str, record_id: str, version: str, today: dt.date) -> Saved:
    """Close an entry: done for an action, closed for a risk or an issue, validated for an assumption,
    taken for a decision (with today's date)."""
    changes: dict[str, dict[str, str | None]] = {
        "actions": {"status": "done"},
        "risks": {"status": "closed"},
        "issues": {"status": "closed"},
        "assumptions": {"validated": "true"},
        "decisions": {"status": "taken", "date": today.isoformat()},
    }
    return save_record(store, key, register, record_id, changes.get(register, {}), version, today)


def _stored(store: Store, key: str, kind: str, record_id: str) -> dict[str, Any] | None:
    from pmo.store.web_store import shown_record

    found = shown_record(store, key, kind, record_id)
    return found[0] if found else None


def _new_id(store: Store, key: str, register: str) -> str:
    """The next free id of a register: its most common prefix, one more than its highest number."""
    project = store.load(key)
    ids = [r.id for r in getattr(project, register)]
    prefix, width, top = _ID_PREFIX[register], 3, 0
    for ident in ids:
        match = re.fullmatch(r"(.*?)(\d+)", ident)
        if match and match[1] == prefix:
            top, width = max(top, int(match[2])), len(match[2])
    candidate = f"{prefix}{top + 1:0{width}d}"
    while candidate in ids:  # pragma: no cover - a prefix used with several widths
        top += 1
        candidate = f"{prefix}{top + 1:0{width}d}"
    return candidate


# --- accounts -----------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """An Argon2id hash of `password` (argon2-cffi's defaults)."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def add_user(store: Store, username: str, password: str, *, admin: bool = False) -> None:
    """Create an account (or set its password). A login name is one word; a password 8 characters or more."""
    from pmo.store.web_store import put_user

    if not re.fullmatch(r"[\w.@-]{1,100}", username):
        raise InputError(f"user {username!r}: a login name is one word (letters, digits, . @ - _)")
    if len(password) < 8:
        raise InputError(f"user {username}: the password needs 8 characters or more")
    put_user(store, username, hash_password(password), admin=admin)


def grant_role(store: Store, username: str, project: str, role: str | None) -> None:
    """Give `username` `role` on `project` (None: no role any more)."""
    from pmo.store.web_store import set_role

    if role is not None and role not in ROLES:
        raise InputError(f"role {role!r} (roles: {', '.join(ROLES)})")
    set_role(store, username, project, role)


def check_login(store: Store, username: str, password: str) -> StoredUser | None:
    """The account when `password` is its password, else None (the same work either way)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    from pmo.store.web_store import get_user

    hasher = PasswordHasher()
    user = get_user(store, username)
    stored = user.password_hash if user is not None else _dummy_hash()
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist (no timing difference)."""
    return hash_password(secrets.token_hex(8))


def user_roles(store: Store, username: str) -> dict[str, str]:
    """Project key -> the user's role there; an admin account has "admin" on every project."""
    from pmo.store.web_store import get_user, roles_of

    user = get_user(store, username)
    if user is None:
        return {}
    if user.admin:
        return dict.fromkeys(store.project_keys(), "admin")
    return roles_of(store, username)


# --- check-in links -----------------------------------------------------------------------

SECRET_FILE = ".pmo-web-secret"


def web_secret(settings: Settings) -> str:
    """The secret that signs sessions and check-in links: `PMO_WEB_SECRET`, else a random one kept
    in the workspace (``.pmo-web-secret``, readable by its owner only), made on first use."""
    import os

    given = os.environ.get("PMO_WEB_SECRET")
    if given:
        return given
    path = settings.workspace / SECRET_FILE
    if not path.is_file():
        path.write_text(secrets.token_urlsafe(32) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class CheckinLink:
    """Whose check-in link it is: the project, the person, the last day it opens."""

    project: str
    person: str
    expires: dt.date


def checkin_token(secret: str, link: CheckinLink) -> str:
    """A signed token for a personal check-in link (no account needed; it expires)."""
    from itsdangerous import URLSafeSerializer

    return URLSafeSerializer(secret, salt="pmo-checkin").dumps(
        {"p": link.project, "u": link.person, "e": link.expires.isoformat()}
    )


def read_checkin_token(secret: str, token: str, today: dt.date) -> CheckinLink:
    """The link a token stands for; `InputError` when it was altered or has expired."""
    from itsdangerous import BadSignature, URLSafeSerializer

    try:
        data = URLSafeSerializer(secret, salt="pmo-checkin").loads(token)
        link = CheckinLink(str(data["p"]), str(data["u"]), dt.date.fromisoformat(str(data["e"])))
    except (BadSignature, KeyError, TypeError, ValueError):
        raise InputError("this check-in link is not valid: ask your project manager for a new one") from None
    if link.expires < today:
        raise InputError(f"this check-in link expired on {link.expires.isoformat()}: ask for a new one")
    return link


def person_of(store: Store, key: str, ref: str) -> tuple[str, str]:
    """(id, name) of the person of a project that `ref` names (id, name or e-mail); `InputError` if none."""
    from pmo.model.resolve import resolve_ref

    project = store.load(key)
    ident = resolve_ref(project, ref.strip()) if ref.strip() else None
    person = project.person(ident) if ident else None
    if person is None:
        raise InputError(f"no person {ref!r} in project {key}")
    return person.id, person.name


def pdf_problem() -> str | None:
    """Why this machine cannot make PDFs (None when it can)."""
    from pmo.render.pdf import pdf_available

    return pdf_available()


# --- pmo serve, pmo user, pmo link --------------------------------------------------------

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, *, team: bool = False) -> None:
    """Run the web app on the workspace until interrupted. Without `team` (single-user mode)
    nobody logs in, so it listens on the loopback only."""
    import uvicorn

    from pmo.web import create_app

    if not team and host not in LOOPBACK:
        raise InputError(f"--host {host}: single-user mode needs no login, so it listens on 127.0.0.1 only; "
                         "use --team (accounts, `pmo user add`) to serve others")
    app = create_app(settings.workspace, single_user=not team, database_url=settings.database_url)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=team)


def user_workspace(settings: Settings, username: str, password: str, role: str | None, project: str | None,
                   admin: bool = False) -> list[str]:
    """`pmo user add`: create the account (or set its password) and its role on a project; returns what was done."""
    from pmo.api.workspace import workspace_store

    done = []
    with workspace_store(settings) as store:
        add_user(store, username, password, admin=admin)
        done.append(f"user {username}{' (admin of every project)' if admin else ''}: password set")
        if role is not None:
            key = store.resolve_key(project)
            grant_role(store, username, key, role)
            done.append(f"{username} is {role} on {key}")
    return done


def checkin_link(settings: Settings, person: str, days: int, base_url: str, today: dt.date) -> tuple[str, str, str]:
    """`pmo link`: the personal check-in URL of a person, valid `days` days; returns (who, url, last day)."""
    from pmo.api.workspace import workspace_store

    if days < 1:
        raise InputError(f"--days {days}: a link lasts at least a day")
    with workspace_store(settings) as store:
        key = store.resolve_key(settings.project)
        ident, name = person_of(store, key, person)
    link = CheckinLink(key, ident, today + dt.timedelta(days=days))
    url = f"{base_url.rstrip('/')}/c/{checkin_token(web_secret(settings), link)}"
    return f"{name} ({ident})", url, link.expires.isoformat()
