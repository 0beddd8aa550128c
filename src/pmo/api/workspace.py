"""The workspace and its project: the store, `pmo init`, loading, the Review at a status date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.config import Settings, create_workspace, load_settings, workspace_governance
from pmo.engine.review.build import Review, build_review
from pmo.errors import InputError
from pmo.model import Project

# The readers (icalendar, lxml, ruamel...) and the store (SQLAlchemy) are imported by the
# functions that use them, so `pmo check` loads no reader and `import pmo.api` stays light.
if TYPE_CHECKING:  # for annotations only

    from pmo.store import Store


def open_store(settings: Settings) -> Store:
    from pmo.store import Store

    return Store.open(settings.database_url)


@contextmanager
def workspace_store(settings: Settings) -> Iterator[Store]:
    """The workspace's store, closed on the way out."""
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True)
class ProjectHeader:
    """What `pmo init --project` says of a project; the rest is left blank."""

    key: str
    name: str
    manager: str | None = None
    sponsor: str | None = None
    status_date: dt.date | None = None


def init_workspace(folder: Path, header: ProjectHeader | None = None) -> Path:
    """Create a workspace in `folder` (kept if it exists) and, with `header`, its project."""
    path = create_workspace(folder)
    with workspace_store(load_settings(folder)) as store:
        if header is not None:
            if not header.key.strip() or any(c.isspace() for c in header.key):
                raise InputError(f"--project {header.key!r}: a project key is one word, e.g. WMS")
            store.create_project(
                Project(
                    key=header.key,
                    name=header.name.strip() or header.key,
                    manager=header.manager,
                    sponsor=header.sponsor,
                    status_date=header.status_date,
                )
            )
    return path


def review_workspace(settings: Settings, as_of: dt.date | None = None, *, simulate: bool = True) -> Review:
    """The Review of the workspace's project at `as_of`, with its history.

    The Monte Carlo forecast kept for the data's revision and the status date is reused;
    without one, it is computed (and kept) when `simulate` is True (`pmo check` does not).
    """
    with workspace_store(settings) as store:
        return review(store.load(settings.project), as_of, store, settings.workspace, simulate=simulate)


def load(path: Path | str, project: str | None = None) -> Project:
    """A project from a file (any format pmo reads) or from a workspace folder's store."""
    path = Path(path)
    if path.is_dir():
        store = open_store(load_settings(path))
        try:
            return store.load(project)
        finally:
            store.close()
    from pmo.model.resolve import resolve
    from pmo.sources import ReadContext, detect

    reader = detect(path)
    return resolve(reader.read(path, ReadContext()).project)


def review(
    project: Project,
    as_of: dt.date | None = None,
    store: Store | None = None,
    root: Path | None = None,
    *,
    simulate: bool = True,
) -> Review:
    """The Review of a project at a status date, with the snapshots of earlier dates.

    `root` (the workspace) makes the sources the report shows relative to it. With a
    `store`, the forecast kept for the project's revision and date is reused, and a
    forecast computed here is kept.
    """
    from pmo.engine.forecast import from_json, to_json

    project = with_workspace_governance(project, root)
    when = status_date(project, as_of)
    snapshots = []
    kept = None
    revision = 0
    if store is not None:
        snapshots = [s for s in store.snapshots(project.key) if s.status_date < when]
        revision = store.revision(project.key)
        data = store.kept_forecast(project.key, when)
        kept = from_json(data) if data is not None else None
    result = build_review(project, when, snapshots, str(root) if root else None, kept_forecast=kept,
                          simulate=simulate)
    if store is not None and kept is None and result.forecast is not None:
        store.keep_forecast(project.key, revision, when, to_json(result.forecast))
    return result


def with_workspace_governance(project: Project, root: Path | None) -> Project:
    """The project with the governance settings of the workspace at `root` over its own
    (`[governance]` in pmo.toml: docs/formats/native.md)."""
    overlay = workspace_governance(root) if root is not None else None
    if overlay is None:
        return project
    settings = dataclasses.replace(project.settings, governance=overlay.over(project.settings.governance))
    return dataclasses.replace(project, settings=settings)


def status_date(project: Project, as_of: dt.date | None = None) -> dt.date:
    """The date asked, else the project's status date, else today (the engine never reads the clock)."""
    return as_of or project.status_date or dt.date.today()


def load_workspace(settings: Settings) -> Project:
    """The workspace's project (the one `settings` names, or its only one)."""
    with workspace_store(settings) as store:
        return store.load(settings.project)
