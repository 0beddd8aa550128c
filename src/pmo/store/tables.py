"""The database tables: projects, their records, imports, snapshots and the kept forecast.

Each record is one row keyed by (project, kind, key, origin) holding its plain data as JSON
(the same data the native file writes) and its source; `origin` names the import unit
(file or system) that brought it, so re-importing that unit replaces what it brought. Every
file's version of a record is kept; the project as loaded takes one (`pmo.store.overlay`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of pmo's tables."""


class ProjectRow(Base):
    __tablename__ = "projects"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    header: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # bumped by imports that change it


class RecordRow(Base):
    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("project_key", "kind", "key", "origin", name="uq_record_origin"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(300))
    origin: Mapped[str] = mapped_column(Text, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_system: Mapped[str | None] = mapped_column(String(64))
    source_key: Mapped[str | None] = mapped_column(String(300))


class ImportRow(Base):
    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(Text)
    reader: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)


class SnapshotRow(Base):
    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("project_key", "status_date", name="uq_snapshot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"), index=True)
    status_date: Mapped[dt.date] = mapped_column(Date)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ForecastRow(Base):
    """The last Monte Carlo forecast of a project: the revision and status date it was computed for."""

    __tablename__ = "forecasts"

    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    status_date: Mapped[dt.date] = mapped_column(Date)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class SentAlertRow(Base):
    """A finding alerted on one channel (an e-mail address list or a webhook), so it is sent once."""

    __tablename__ = "sent_alerts"
    __table_args__ = (UniqueConstraint("project_key", "finding_key", "channel", name="uq_sent_alert"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"), index=True)
    finding_key: Mapped[str] = mapped_column(String(400))
    channel: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """An account of the web app (a team install): a login name and an Argon2 hash of its password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")  # every project, every role
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RoleRow(Base):
    """A user's role on one project: admin, pmo, manager, member or viewer."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("user_id", "project_key", name="uq_role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
