"""The store: projects and their history in a database (SQLite by default, any SQLAlchemy URL).

An import is one transaction: the records a unit (a file, a system) brought before are
replaced by what it brings now; a record with the same kind and key from another unit is
overridden. If anything fails, nothing changes. Records are stored as their files wrote
them and loaded in an order that does not depend on the order of imports (the project
file's first, then by origin, each in its file's order); people are resolved on load
(`pmo.model.resolve`). A unit whose file is unchanged since its last import (same origin,
same SHA-256, same counts) adds no row to the import log.

A project is created by a unit that defines it (`ReadResult.header`), or, when the
workspace has none, by the first unit of the import that names one (a workbook's title, a
calendar's name, a Jira project) or by `create_project` (`pmo init`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, delete, event, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from pmo.errors import StoreError, WorkspaceError
from pmo.model import COLLECTIONS, Project, Snapshot, Source
from pmo.model.codec import decode, encode, encode_header, record_class
from pmo.model.imports import ReadResult, Unit
from pmo.model.resolve import resolve
from pmo.store.keys import record_key
from pmo.store.overlay import overlay

if TYPE_CHECKING:
    from alembic.config import Config

from pmo.store.tables import ForecastRow, ImportRow, ProjectRow, RecordRow, SentAlertRow, SnapshotRow

_KIND_OF = dict(COLLECTIONS)
HEADER_READERS = ("native", "mspdi", "mpp")  # the readers of files that define the project itself


_COLLECTION_OF = {kind: name for name, kind in COLLECTIONS}


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("pmo.store") / "migrations"))
    return config


_REVISION = re.compile(r'^(down_revision|revision) = (?:"([^"]*)"|None)', re.MULTILINE)


@functools.cache
def _head_revision() -> str:
    """The newest migration: the revision no other migration revises (read from the scripts)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    folder = resources.files("pmo.store") / "migrations" / "versions"
    for script in folder.iterdir():
        if not script.name.endswith(".py") or script.name.startswith("__"):
            continue
        for name, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else revised).add(value)
    heads = revisions - revised
    assert len(heads) == 1, f"the migrations must form one line, heads: {sorted(heads)}"
    return heads.pop()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def file_digest(path: Path) -> str:
    """SHA-256 of a file, recorded with each import."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


class Store:
    """A database of projects. Use `Store.open(url)`; `close()` when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Connect to `url` and bring its schema to the current version."""
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot use database {url!r}: {exc}") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def migrate(self) -> None:
        """Upgrade the schema to the latest migration (writes nothing when up to date).

        The current version is read with a plain query; Alembic (slow to import) is loaded
        only when there is something to upgrade.
        """
        try:
            if self._schema_version() == _head_revision():
                return
            from alembic import command

            config = _alembic_config()
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot prepare the database: {exc}") from None

    def _schema_version(self) -> str | None:
        with self.engine.connect() as connection:
            if not self.engine.dialect.has_table(connection, "alembic_version"):
                return None
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            return None if version is None else str(version)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        session = Session(self.engine)
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"the database refused the change, nothing was stored: {exc}") from None
        finally:
            session.close()

    # -- projects -------------------------------------------------------------

    def project_keys(self) -> list[str]:
        with Session(self.engine) as session:
            return list(session.scalars(select(ProjectRow.key).order_by(ProjectRow.key)))

    def resolve_key(self, key: str | None) -> str:
        """The project `key` names, or the only project when `key` is None."""
        keys = self.project_keys()
        if key is not None:
            if key not in keys:
                known = ", ".join(keys) or "none yet"
                raise WorkspaceError(f"no project {key!r} in this workspace (projects: {known})")
            return key
        if len(keys) == 1:
            return keys[0]
        if not keys:
            raise WorkspaceError("this workspace holds no project yet: run `pmo import FILE` first")
        raise WorkspaceError(f"this workspace holds several projects ({', '.join(keys)}): name one with --project")

    def load(self, key: str | None = None) -> Project:
        """The project as stored, with every record and its source, people resolved
        (`pmo.model.resolve`: names as written become person ids)."""
        key = self.resolve_key(key)
        with Session(self.engine) as session:
            row = session.get(ProjectRow, key)
            assert row is not None
            project = decode(Project, row.header, Source(file=row.source_file, line=row.source_line))
            collections: dict[str, list[Any]] = {name: [] for name, _ in COLLECTIONS}
            found = session.scalars(
                select(RecordRow).where(RecordRow.project_key == key).order_by(RecordRow.id)
            )
            for record_row in overlay(list(found), row.source_file):
                name = _COLLECTION_OF[record_row.kind]
                source = Source(
                    file=record_row.source_file,
                    line=record_row.source_line,
                    system=record_row.source_system,
                    key=record_row.source_key,
                )
                collections[name].append(decode(record_class(name), record_row.data, source))
        filled: dict[str, Any] = {name: tuple(items) for name, items in collections.items()}
        return resolve(dataclasses.replace(project, **filled))

    # -- imports --------------------------------------------------------------

    def save(
        self,
        result: ReadResult,
        *,
        origin: str,
        reader: str,
        digest: str = "",
        project_key: str | None = None,
    ) -> dict[str, int]:
        """Store what one unit brought, in one transaction; returns counts by kind."""
        return self.save_all([Unit(result, origin, reader, digest)], project_key=project_key)[0]

    def save_all(self, units: Sequence[Unit], *, project_key: str | None = None) -> list[dict[str, int]]:
        """Store several units in ONE transaction: all of them, or nothing.

        The first unit that names a project (`Project.key` set) creates it when the
        workspace has none (or none by `project_key`).
        """
        counts = []
        changed: set[str] = set()  # projects whose header or records this import changed
        named = next((u for u in units if u.result.project.key), None)
        with self._session() as session:
            for unit in units:
                counts.append(self._save_unit(session, unit, project_key, named, changed))
            for key in changed:
                row = session.get(ProjectRow, key)
                if row is not None:
                    row.revision = (row.revision or 0) + 1
        return counts

    def create_project(self, project: Project) -> None:
        """A new project from its header alone (`pmo init`); `WorkspaceError` if the key is taken."""
        with self._session() as session:
            if session.get(ProjectRow, project.key) is not None:
                raise WorkspaceError(f"this workspace already holds project {project.key!r}")
            session.add(_project_row(project, project.key))

    def _save_unit(
        self, session: Session, unit: Unit, project_key: str | None, named: Unit | None, changed: set[str]
    ) -> dict[str, int]:
        result = unit.result
        project = result.project
        key = project_key or (project.key if result.header else None)
        if key is None:
            keys = list(session.scalars(select(ProjectRow.key)))
            if len(keys) > 1:
                raise WorkspaceError(
                    f"{unit.origin}: name the project these records belong to with --project"
                    f" (projects: {', '.join(sorted(keys))})"
                )
            if not keys and named is None:
                raise WorkspaceError(
                    f"{unit.origin}: these files do not name a project and the workspace has none yet: "
                    "start with `pmo init --project KEY --name NAME`, or import them with a plan, "
                    "a workbook, a Jira export or a calendar"
                )
            key = keys[0] if keys else named.result.project.key  # type: ignore[union-attr]
        if result.header and project_key is None and self._adopt_provisional(session, key):
            changed.add(key)
        row = session.get(ProjectRow, key)
        if result.header:
            values = {
                "name": project.name,
                "header": encode_header(dataclasses.replace(project, key=key)),
                "source_file": project.source.file,
                "source_line": project.source.line,
                "updated_at": _now(),
            }
            if row is None:
                session.add(ProjectRow(key=key, **values))
                changed.add(key)
            else:
                if not _same(row.header, values["header"]) or (row.name, row.source_file, row.source_line) != (
                    values["name"], values["source_file"], values["source_line"]
                ):
                    changed.add(key)
                for attr, value in values.items():
                    setattr(row, attr, value)
        elif row is None:
            naming = named.result.project if named is not None else Project(key=key, name=key)
            origin = named.origin if named is not None else unit.origin
            header = Project(key=key, name=naming.name or key, manager=naming.manager, sponsor=naming.sponsor,
                             source=Source(file=origin))
            session.add(_project_row(header, key))
            changed.add(key)
        session.flush()
        counts, replaced = self._replace_records(session, key, unit.origin, _records(project))
        if replaced:
            changed.add(key)
        for snapshot in result.snapshots:
            self._put_snapshot(session, dataclasses.replace(snapshot, project=key))
        if result.snapshots:
            counts["snapshot"] = len(result.snapshots)
        last = session.scalars(
            select(ImportRow)
            .where(ImportRow.project_key == key, ImportRow.origin == unit.origin)
            .order_by(ImportRow.id.desc())
            .limit(1)
        ).first()
        if unit.digest and last is not None and last.sha256 == unit.digest and last.counts == counts:
            return counts  # unchanged since its last import: the log says so already
        session.add(
            ImportRow(
                project_key=key,
                origin=unit.origin,
                reader=unit.reader,
                sha256=unit.digest,
                imported_at=_now(),
                counts=counts,
            )
        )
        return counts

    @staticmethod
    def _adopt_provisional(session: Session, key: str) -> bool:
        """A project file's key takes over a project that another file only named.

        A workspace started from a calendar or a workbook holds a provisional project named
        after that file; when the project file (native, MS Project) arrives with its own key,
        the records, imports and snapshots move to that key, so the order of imports does not
        make two projects. A project created by `pmo init --project` is the user's word and
        is never taken over.
        """
        rows = list(session.scalars(select(ProjectRow)))
        if len(rows) != 1 or rows[0].key == key or rows[0].source_file is None:
            return False
        old = rows[0]
        headed = session.scalars(
            select(ImportRow.id).where(ImportRow.project_key == old.key, ImportRow.reader.in_(HEADER_READERS))
        ).first()
        if headed is not None:
            return False
        session.add(ProjectRow(key=key, name=old.name, header=old.header, source_file=old.source_file,
                               source_line=old.source_line, updated_at=_now(), revision=old.revision))
        session.flush()
        for table in (RecordRow, ImportRow, SnapshotRow, ForecastRow):
            session.execute(update(table).where(table.project_key == old.key).values(project_key=key))
        session.delete(old)
        session.flush()
        return True

    def _replace_records(
        self, session: Session, key: str, origin: str, records: Iterable[tuple[str, object]]
    ) -> tuple[dict[str, int], bool]:
        """Replace what `origin` brought with `records`; returns the counts by kind and whether
        anything changed (an unchanged file leaves its rows, and the project's revision, as they are)."""
        rows: list[dict[str, Any]] = []
        counts: dict[str, int] = {}
        for kind, record in records:
            source: Source = getattr(record, "source", Source())
            rows.append(
                {
                    "project_key": key,
                    "kind": kind,
                    "key": record_key(record),
                    "origin": origin,
                    "data": encode(record),
                    "source_file": source.file,
                    "source_line": source.line,
                    "source_system": source.system,
                    "source_key": source.key,
                }
            )
            counts[kind] = counts.get(kind, 0) + 1
        stored = session.execute(
            select(RecordRow.kind, RecordRow.key, RecordRow.data, RecordRow.source_file, RecordRow.source_line,
                   RecordRow.source_system, RecordRow.source_key)
            .where(RecordRow.project_key == key, RecordRow.origin == origin)
            .order_by(RecordRow.id)
        ).all()
        fields = ("kind", "key", "data", "source_file", "source_line", "source_system", "source_key")
        if _same([list(r) for r in stored], [[row[f] for f in fields] for row in rows]):
            return counts, False
        session.execute(delete(RecordRow).where(RecordRow.project_key == key, RecordRow.origin == origin))
        if rows:
            session.execute(insert(RecordRow), rows)
        return counts, True

    def imports(self, key: str | None = None) -> list[dict[str, Any]]:
        """The import log of a project, oldest first."""
        key = self.resolve_key(key)
        with Session(self.engine) as session:
            found = session.scalars(select(ImportRow).where(ImportRow.project_key == key).order_by(ImportRow.id))
            return [
                {"origin": r.origin, "reader": r.reader, "sha256": r.sha256, "at": r.imported_at, "counts": r.counts}
                for r in found
            ]

    # -- revisions and the kept forecast ---------------------------------------

    def revision(self, key: str | None = None) -> int:
        """The project's revision: a number every import that changes its data increases."""
        key = self.resolve_key(key)
        with Session(self.engine) as session:
            row = session.get(ProjectRow, key)
            assert row is not None
            return row.revision or 0

    def kept_forecast(self, key: str | None, status_date: dt.date) -> dict[str, Any] | None:
        """The forecast kept for the project's current revision at `status_date` (None if none is)."""
        key = self.resolve_key(key)
        with Session(self.engine) as session:
            project, row = session.get(ProjectRow, key), session.get(ForecastRow, key)
            if project is None or row is None:
                return None
            if row.revision != (project.revision or 0) or row.status_date != status_date:
                return None
            return dict(row.data)

    def keep_forecast(self, key: str | None, revision: int, status_date: dt.date, data: dict[str, Any]) -> None:
        """Keep `data` (a forecast as plain data) as the forecast of `revision` at `status_date`."""
        key = self.resolve_key(key)
        with self._session() as session:
            session.execute(delete(ForecastRow).where(ForecastRow.project_key == key))
            session.add(ForecastRow(project_key=key, revision=revision, status_date=status_date,
                                    computed_at=_now(), data=data))

    # -- snapshots ------------------------------------------------------------

    def put_snapshot(self, snapshot: Snapshot) -> None:
        """Keep the figures at a status date (replacing an earlier snapshot of that date)."""
        with self._session() as session:
            self._put_snapshot(session, snapshot)

    @staticmethod
    def _put_snapshot(session: Session, snapshot: Snapshot) -> None:
        session.execute(
            delete(SnapshotRow).where(
                SnapshotRow.project_key == snapshot.project, SnapshotRow.status_date == snapshot.status_date
            )
        )
        session.add(
            SnapshotRow(
                project_key=snapshot.project,
                status_date=snapshot.status_date,
                taken_at=snapshot.taken_at,
                data=encode(snapshot),
            )
        )

    # -- alerts ---------------------------------------------------------------

    def sent_alerts(self, key: str | None, channel: str) -> set[str]:
        """The finding keys already alerted on `channel` for a project."""
        key = self.resolve_key(key)
        with Session(self.engine) as session:
            rows = session.scalars(
                select(SentAlertRow.finding_key).where(SentAlertRow.project_key == key, SentAlertRow.channel == channel)
            )
            return set(rows)

    def mark_sent(self, key: str | None, channel: str, finding_keys: Iterable[str]) -> None:
        """Remember that these findings were alerted on `channel` (kept even if re-marked)."""
        key = self.resolve_key(key)
        done = self.sent_alerts(key, channel)
        with self._session() as session:
            for finding_key in dict.fromkeys(finding_keys):
                if finding_key not in done:
                    session.add(SentAlertRow(project_key=key, finding_key=finding_key, channel=channel,
                                             sent_at=_now()))

    def snapshots(self, key: str | None = None) -> list[Snapshot]:
        """Every snapshot of a project, oldest status date first."""
        key = self.resolve_key(key)
        with Session(self.engine) as session:
            rows = session.scalars(
                select(SnapshotRow).where(SnapshotRow.project_key == key).order_by(SnapshotRow.status_date)
            )
            return [decode(Snapshot, row.data) for row in rows]


def _project_row(project: Project, key: str) -> ProjectRow:
    return ProjectRow(
        key=key,
        name=project.name,
        header=encode_header(dataclasses.replace(project, key=key)),
        source_file=project.source.file,
        source_line=project.source.line,
        updated_at=_now(),
    )


def _same(stored: object, incoming: object) -> bool:
    """Equal as the database keeps them (JSON: tuples come back as lists)."""
    return json.dumps(stored, sort_keys=True, default=str) == json.dumps(incoming, sort_keys=True, default=str)


def _records(project: Project) -> Iterator[tuple[str, object]]:
    for name, kind in COLLECTIONS:
        for record in getattr(project, name):
            yield kind, record


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
