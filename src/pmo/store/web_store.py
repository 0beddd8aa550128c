"""What the web app needs of the store besides imports: accounts, roles, one record's shown version.

Passwords arrive here already hashed (`pmo.api.web_ops` hashes them with Argon2); the
store never sees a password in clear.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo.errors import WorkspaceError
from pmo.store.overlay import overlay
from pmo.store.repository import Store
from pmo.store.tables import ProjectRow, RecordRow, RoleRow, UserRow

ROLES = ("admin", "pmo", "manager", "member", "viewer")


@dataclass(frozen=True)
class StoredUser:
    """An account as stored: its name, its password hash, whether it administers every project."""

    username: str
    password_hash: str
    admin: bool


def put_user(store: Store, username: str, password_hash: str, *, admin: bool = False) -> None:
    """Create the account `username`, or set its password hash (and admin flag) when it exists."""
    with store._session() as session:
        row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
        if row is None:
            session.add(UserRow(username=username, password_hash=password_hash, admin=admin,
                                created_at=dt.datetime.now(dt.UTC)))
        else:
            row.password_hash = password_hash
            row.admin = admin


def get_user(store: Store, username: str) -> StoredUser | None:
    with Session(store.engine) as session:
        row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
        return None if row is None else StoredUser(row.username, row.password_hash, bool(row.admin))


def set_role(store: Store, username: str, project_key: str, role: str | None) -> None:
    """Give `username` `role` on a project (None takes it away)."""
    with store._session() as session:
        user = session.scalars(select(UserRow).where(UserRow.username == username)).first()
        if user is None:
            raise WorkspaceError(f"no user {username!r}: create it first (pmo user add {username})")
        if session.get(ProjectRow, project_key) is None:
            raise WorkspaceError(f"no project {project_key!r} in this workspace")
        row = session.scalars(
            select(RoleRow).where(RoleRow.user_id == user.id, RoleRow.project_key == project_key)
        ).first()
        if role is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(RoleRow(user_id=user.id, project_key=project_key, role=role))
        else:
            row.role = role


def roles_of(store: Store, username: str) -> dict[str, str]:
    """Project key -> role of `username` (empty for an unknown user)."""
    with Session(store.engine) as session:
        rows = session.execute(
            select(RoleRow.project_key, RoleRow.role).join(UserRow, UserRow.id == RoleRow.user_id)
            .where(UserRow.username == username)
        ).all()
        return {key: role for key, role in rows}


def shown_record(store: Store, project_key: str, kind: str, key: str) -> tuple[dict[str, Any], str] | None:
    """The stored data of the version of one record the project shows, and its origin (None if none)."""
    with Session(store.engine) as session:
        project = session.get(ProjectRow, project_key)
        if project is None:
            return None
        rows = list(session.scalars(
            select(RecordRow).where(RecordRow.project_key == project_key, RecordRow.kind == kind, RecordRow.key == key)
            .order_by(RecordRow.id)
        ))
        chosen = overlay(rows, project.source_file)
        return (dict(chosen[0].data), chosen[0].origin) if chosen else None


def current_revision(store: Store, project_key: str) -> int:
    """The project's revision in one small query (the web asks it on every request)."""
    with store.engine.connect() as connection:
        found = connection.execute(select(ProjectRow.revision).where(ProjectRow.key == project_key)).first()
    if found is None:
        raise WorkspaceError(f"no project {project_key!r} in this workspace")
    return int(found[0] or 0)
