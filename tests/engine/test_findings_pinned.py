"""The findings of the demo and of every real file of ../shared/data, pinned line by line.

A change to a check changes these goldens; the diff is the review of what a manager will
read differently (regenerate with PMO_REGEN_GOLDEN=1 and read every line of the diff).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from golden_support import assert_golden
from pmo.api import demo_source, review
from pmo.errors import FormatError
from pmo.model.resolve import resolve
from pmo.sources import ReadContext, detect
from pmo.sources.mspdi.mpp import find_java, mpxj_jars

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
GOLDEN = ROOT / "tests" / "data" / "findings_pinned"
FOLDERS = ("ics", "mspdi", "mpp", "jira", "pm-templates")
FILES = sorted(
    p for folder in FOLDERS for p in (SHARED / folder).glob("*") if p.is_file() and p.name != "SOURCE.md"
) if SHARED.is_dir() else []
TODAY = dt.date(2026, 12, 1)  # the day a file without a status date is checked on


def pinned(path: Path, root: Path) -> str:
    """Every finding of the file's Review (its reading included), one stable line each."""
    try:
        result = detect(path).read(path, ReadContext())
    except FormatError as exc:
        return f"refused: {exc}\n".replace(f"{root}/", "")
    project = resolve(result.project)
    found = [*result.findings, *review(project, project.status_date or TODAY, simulate=False).findings]
    lines = sorted(
        f"{f.severity.value} {f.code} {f.subject.kind}:{f.subject.id}: {f.message}".replace(f"{root}/", "")
        for f in found
    )
    return "\n".join(lines) + "\n"


def test_the_demo_findings_are_pinned() -> None:
    assert_golden(pinned(demo_source() / "project.yaml", demo_source()), GOLDEN / "demo.txt")


def test_shared_files_are_present_or_skipped() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the real-world samples live beside the repository)")
    assert len(FILES) > 30


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_findings_of_a_real_file_are_pinned(path: Path) -> None:
    if path.suffix == ".mpp" and not (find_java() and mpxj_jars()):
        pytest.skip("needs Java and MPXJ (pip install 'pmo-copilot[mpp]')")
    assert_golden(pinned(path, SHARED), GOLDEN / f"{path.parent.name}__{path.name}.txt")
