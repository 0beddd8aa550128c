"""The built wheel, installed (not editable) in a fresh virtual environment, runs `pmo demo` to a pack.

The wheel is built from a copy of the sources, so the checkout gets no build/ folder. The new
environment has only pmo from the wheel; its dependencies (numpy, WeasyPrint, ...) come from the
environment running the tests, appended after its own site-packages by a .pth file, so no
network is needed and the wheel's pmo is the one imported (the test checks where it comes from).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from pmo.render.pdf import pdf_available

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "pmo"
PROJECT_NAME = "ERP roll-out: SAP S/4HANA at Atelier Durand SA"

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pmo's wheel, built by pip from a copy of pyproject.toml, README.md and src/."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", tmp / "dist", source, cwd=tmp)
    [built] = (tmp / "dist").glob("pmo_copilot-*.whl")
    return built


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected - names == set()
    for needed in ("pmo/py.typed", "pmo/render/templates/report.html.j2", "pmo/store/migrations/env.py",
                   "pmo/examples/demo/project.yaml", "pmo/examples/demo/calendar.ics"):
        assert needed in names
    assert any(name.startswith("pmo/store/migrations/versions/") for name in names)
    assert any(name.startswith("pmo/examples/demo/notes/") for name in names)


def test_pmo_demo_runs_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # the dependencies: this environment's site-packages (which may sit in the checkout's .venv),
    # after the new one's, never the checkout's source tree; a .pth line adds a folder without
    # running the .pth files in it, so an editable install of pmo there is never loaded
    own = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path)
               .stdout.strip())
    theirs = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    assert all(not Path(path).resolve().is_relative_to(ROOT / "src") for path in theirs)
    (own / "zz_dependencies.pth").write_text("".join(f"{path}\n" for path in theirs))
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "PYTHONHOME"}}

    where = run(python, "-c", "import pmo; print(pmo.__file__)", cwd=tmp_path, env=env).stdout.strip()
    assert Path(where).resolve().is_relative_to(own.resolve()), where

    done = run(venv / "bin" / "pmo", "demo", "ws", cwd=tmp_path, env=env)
    match = re.search(r"^Status report: (.+\.md)$", done.stdout, re.MULTILINE)
    assert match, done.stdout
    report = Path(match.group(1))
    assert report.is_relative_to(tmp_path / "ws" / "out")
    assert PROJECT_NAME in report.read_text(encoding="utf-8")
    pack = report.parent
    for suffix in (".html", ".docx"):
        assert report.with_suffix(suffix).is_file(), suffix
    assert (pack / "findings.json").is_file()
    if pdf_available() is None:  # Pango is here, so the installed pmo must print the PDF too
        assert report.with_suffix(".pdf").is_file()
