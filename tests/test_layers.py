"""Layers run one way: model/ and engine/ import no store, web, CLI or I/O library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pmo"
FORBIDDEN = (
    "pmo.store", "pmo.web", "pmo.cli", "pmo.sources", "pmo.render", "pmo.api", "pmo.config",
    "sqlalchemy", "alembic", "fastapi", "uvicorn", "httpx", "requests", "urllib", "socket",
    "smtplib", "sqlite3", "psycopg", "yaml", "ruamel", "lxml", "openpyxl", "icalendar", "typer",
    "rich", "jinja2", "matplotlib", "subprocess", "shutil", "tempfile", "io", "os", "pathlib",
)
PURE_FILES = sorted([*(SRC / "model").rglob("*.py"), *(SRC / "engine").rglob("*.py")])


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PURE_FILES, ids=[str(p.relative_to(SRC)) for p in PURE_FILES])
def test_pure_layers_import_no_io(path: Path) -> None:
    bad = sorted(m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
    assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_pure_layers_do_not_open_files() -> None:
    offenders = []
    for path in PURE_FILES:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not offenders


def test_the_guard_catches_a_leak(tmp_path: Path) -> None:
    leaky = tmp_path / "leak.py"
    leaky.write_text("from pmo.store import Store\nimport sqlalchemy.orm\n")
    assert {"pmo.store", "sqlalchemy.orm"} <= imported_modules(leaky)


STORE_FILES = sorted((SRC / "store").rglob("*.py"))


@pytest.mark.parametrize("path", STORE_FILES, ids=[str(p.relative_to(SRC)) for p in STORE_FILES])
def test_the_store_imports_no_source_engine_or_interface(path: Path) -> None:
    """The store keeps what the model defines (the unit of an import is `pmo.model.imports`)."""
    above = ("pmo.sources", "pmo.engine", "pmo.render", "pmo.exports", "pmo.api", "pmo.cli", "pmo.web")
    bad = sorted(m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in above))
    assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_the_store_guard_catches_a_store_importing_sources(tmp_path: Path) -> None:
    leaky = tmp_path / "repository.py"
    leaky.write_text("from pmo.sources.base import ReadResult\n")
    assert "pmo.sources.base" in imported_modules(leaky)
