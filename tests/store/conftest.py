"""The store under test: SQLite in a file, and PostgreSQL on a loopback server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from pmo.store import Store
from pmo.store.tables import Base
from postgres_server import binaries, postgres_server


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if binaries() is None:
        pytest.skip("PostgreSQL is not installed here (scripts/test installs it: apt-get install postgresql)")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = Store.open(f"sqlite:///{tmp_path / 'pmo.db'}")
    else:
        url = request.getfixturevalue("postgres_url")
        opened = Store.open(url)
    try:
        yield opened
    finally:
        if request.param == "postgresql":
            with opened.engine.begin() as connection:
                # every table the models declare (a new migration's too), then Alembic's
                for table in [*(t.name for t in reversed(Base.metadata.sorted_tables)), "alembic_version"]:
                    connection.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
        opened.close()
