"""Layers run one way: model/ and engine/ import no store, web, CLI or I/O library; the store
reads no source format; the CLI and the web app reach the rest of pmo only through pmo.api.

Relative imports (`from . import x`, `from ..engine import y`) are resolved against the
module's package and checked like absolute ones; imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pmo"
IO_LIBRARIES = (
    "sqlalchemy", "alembic", "fastapi", "uvicorn", "httpx", "requests", "urllib", "socket",
    "smtplib", "sqlite3", "psycopg", "yaml", "ruamel", "lxml", "openpyxl", "icalendar", "typer",
    "rich", "jinja2", "matplotlib", "subprocess", "shutil", "tempfile", "io", "os", "pathlib",
)
FORBIDDEN = (
    "pmo.store", "pmo.web", "pmo.cli", "pmo.sources", "pmo.exports", "pmo.render", "pmo.api", "pmo.config",
    *IO_LIBRARIES,
)
# What the CLI may import from pmo besides pmo.api: the errors it turns into exit statuses,
# the settings it resolves, the model records the api returns (to print them), its own
# modules, and `pmo` itself (the version). Everything else in pmo is reached through pmo.api.
CLI_ALLOWED = ("pmo.api", "pmo.cli", "pmo.config", "pmo.errors", "pmo.model")
CLI_FORBIDDEN = tuple(
    sorted(
        f"pmo.{p.stem}" for p in SRC.iterdir()
        if ((p.is_dir() and (p / "__init__.py").is_file()) or p.suffix == ".py")
        and p.stem not in ("__init__", "__main__") and f"pmo.{p.stem}" not in CLI_ALLOWED
    )
)
# The web app (pmo.web) is held to the same rule as the CLI: it orchestrates through pmo.api.
WEB_ALLOWED = ("pmo.api", "pmo.web", "pmo.config", "pmo.errors", "pmo.model")
WEB_FORBIDDEN = tuple(
    sorted(
        f"pmo.{p.stem}" for p in SRC.iterdir()
        if ((p.is_dir() and (p / "__init__.py").is_file()) or p.suffix == ".py")
        and p.stem not in ("__init__", "__main__") and f"pmo.{p.stem}" not in WEB_ALLOWED
    )
)
RULES: dict[str, tuple[str, ...]] = {
    "pmo.model": FORBIDDEN,
    "pmo.engine": FORBIDDEN,
    "pmo.store": ("pmo.sources", "pmo.exports", "pmo.render", "pmo.cli", "pmo.web", "pmo.api"),
    "pmo.cli": CLI_FORBIDDEN,
    "pmo.web": WEB_FORBIDDEN,
}
# Known violations, each with why it is tolerated; (file under src/pmo, imported module prefix).
ALLOWED_VIOLATIONS: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    """`pmo.engine.review.build` for src/pmo/engine/review/build.py; a package for its __init__."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[str, int]]:
    """Every module (and `module.name` of a from-import) the source imports, with its line.

    Relative imports are resolved against `module`'s package (the module itself when
    `is_package`, as for an `__init__.py`).
    """
    tree = ast.parse(source)
    found: list[tuple[str, int]] = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                if node.level - 1 >= len(anchor):
                    raise ValueError(f"{module}:{node.lineno}: relative import beyond the top-level package")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.append((base, node.lineno))
            found.extend((f"{base}.{alias.name}", node.lineno) for alias in node.names if alias.name != "*")
    return found


def violations(source: str, module: str, is_package: bool = False) -> list[tuple[str, int]]:
    """The imports of `module` its layer forbids, as (imported module, line)."""
    forbidden = next((banned for layer, banned in RULES.items() if module == layer or module.startswith(layer + ".")),
                     ())
    bad = {(name, line) for name, line in imported_modules(source, module, is_package)
           if any(_under(name, f) for f in forbidden)}
    # `from pmo.store import Store` is one violation, pmo.store, not two (pmo.store.Store)
    return sorted((name, line) for name, line in bad
                  if not any(other != name and _under(name, other) and at == line for other, at in bad))


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


CHECKED_FILES = sorted(p for p in SRC.rglob("*.py") if any(_under(module_name(p), layer) for layer in RULES))


def file_violations(path: Path) -> list[str]:
    """`file:line imports X` for each forbidden import of a file, known violations left out."""
    rel = str(path.relative_to(SRC))
    return [
        f"{rel}:{line} imports {name}"
        for name, line in violations(path.read_text(), module_name(path), path.name == "__init__.py")
        if not any(file == rel and _under(name, prefix) for file, prefix in ALLOWED_VIOLATIONS)
    ]


@pytest.mark.parametrize("path", CHECKED_FILES, ids=[str(p.relative_to(SRC)) for p in CHECKED_FILES])
def test_layers_import_only_what_they_may(path: Path) -> None:
    bad = file_violations(path)
    assert not bad, "\n".join(bad)


def test_allowed_violations_still_happen() -> None:
    """An allow-list entry whose import is gone must be deleted, so the list stays true."""
    stale = []
    for (file, prefix), why in ALLOWED_VIOLATIONS.items():
        path = SRC / file
        found = path.is_file() and any(
            _under(name, prefix) for name, _ in violations(path.read_text(), module_name(path))
        )
        if not found:
            stale.append(f"{file} no longer imports {prefix}: delete its entry in ALLOWED_VIOLATIONS ({why})")
    assert not stale, "\n".join(stale)


def test_pure_layers_do_not_open_files() -> None:
    offenders = []
    for path in CHECKED_FILES:
        if not (_under(module_name(path), "pmo.model") or _under(module_name(path), "pmo.engine")):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not offenders


def test_every_layer_is_checked() -> None:
    modules = {module_name(p) for p in CHECKED_FILES}
    for layer in RULES:
        assert any(_under(m, layer) for m in modules), f"no module of {layer} found under {SRC}"
    assert "pmo.engine" in CLI_FORBIDDEN and "pmo.store" in CLI_FORBIDDEN and "pmo.api" not in CLI_FORBIDDEN


def test_the_guard_catches_a_leak() -> None:
    leaky = "from pmo.store import Store\nimport sqlalchemy.orm\n"
    assert violations(leaky, "pmo.engine.leak") == [("pmo.store", 1), ("sqlalchemy.orm", 2)]


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("from ..store import Store\n", "pmo.engine.leak", False, "pmo.store"),
        ("from .. import store\n", "pmo.engine.leak", False, "pmo.store"),
        ("from ...render.html import page\n", "pmo.engine.review.leak", False, "pmo.render.html"),
        ("from ..sources import detect\n", "pmo.engine", True, "pmo.sources"),
        ("from ..sources.base import ReadResult\n", "pmo.store.leak", False, "pmo.sources.base"),
    ],
)
def test_the_guard_resolves_relative_imports(source: str, module: str, is_package: bool, expected: str) -> None:
    assert expected in {name for name, _ in violations(source, module, is_package)}


def test_relative_imports_inside_a_layer_pass() -> None:
    source = "from . import cpm\nfrom .cpm import run_passes\nfrom ..workdays import add_workdays\nfrom ...model import Task\n"
    assert violations(source, "pmo.engine.schedule.fine") == []


def test_the_guard_catches_a_store_reading_a_source() -> None:
    source = "def read():\n    from pmo.sources.base import ReadResult\n    return ReadResult\n"
    assert violations(source, "pmo.store.leak") == [("pmo.sources.base", 2)]
    assert violations("from pmo.model import Project\nimport sqlalchemy\n", "pmo.store.fine") == []


@pytest.mark.parametrize(
    "source",
    [
        "from pmo.engine.schedule import schedule\n",
        "import pmo.engine.schedule\n",
        "from pmo import engine\n",
        "def f():\n    from ..engine.workdays import add_workdays\n",
        "from pmo.store import Store\n",
        "from pmo.render.pdf import pdf_available\n",
    ],
)
def test_the_guard_catches_the_cli_past_the_api(source: str) -> None:
    assert violations(source, "pmo.cli.leak"), source


def test_the_cli_may_use_the_api_errors_config_and_itself() -> None:
    source = (
        "from pmo import __version__\nfrom pmo.api import review_workspace\nfrom pmo.errors import InputError\n"
        "from pmo.config import load_settings\nfrom pmo.model import Finding\nfrom . import output\nimport typer\n"
    )
    assert violations(source, "pmo.cli.fine") == []


def test_a_relative_import_beyond_the_top_is_an_error() -> None:
    with pytest.raises(ValueError, match="beyond the top-level package"):
        imported_modules("from .... import x\n", "pmo.engine.leak")


@pytest.mark.parametrize("module", ["pmo.exports.mspdi", "pmo.exports.xlsx", "pmo.sources.mspdi.reader", "pmo.api",
                                    "pmo.cli.app", "pmo.engine.review.build", "pmo.store"])
def test_every_module_imports_alone(module: str) -> None:
    """No circular import: each module loads in a fresh interpreter on its own."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SRC.parent)})
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_guard_catches_the_web_past_the_api() -> None:
    assert violations("from pmo.store import Store\n", "pmo.web.leak")
    assert violations("from pmo.engine.review.build import Review\n", "pmo.web.routes.leak")
    assert violations("from pmo.api import review_project\nfrom pmo.web import views\n", "pmo.web.fine") == []
