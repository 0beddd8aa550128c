"""Golden files: what pmo reads from each real MS Project file, compared with a stored dump.

Every .xml and .mpp in ../shared/data/mspdi and ../shared/data/mpp, and the fixtures of
tests/data/mspdi, has a JSON dump in tests/data/mspdi/golden/. Refresh them after an
intended change with ``PMO_REGEN_GOLDEN=1 pytest tests/sources/test_mspdi_golden.py``
and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pmo.model import COLLECTIONS
from pmo.model.codec import encode, encode_header
from pmo.sources.base import ReadResult
from pmo.sources.mspdi.mpp import find_java, mpxj_jars, read_mpp
from pmo.sources.mspdi.reader import read_mspdi

ROOT = Path(__file__).resolve().parent.parent.parent
OWN = ROOT / "tests" / "data" / "mspdi"
GOLDEN = OWN / "golden"
SHARED = ROOT.parent / "shared" / "data"
SHARED_FILES = sorted(
    p for folder in ("mspdi", "mpp") for p in (SHARED / folder).glob("*") if p.suffix in (".xml", ".mpp")
)
OWN_FILES = sorted(OWN.glob("*.xml"))


def has_mpxj() -> bool:
    return bool(find_java() and mpxj_jars())


def read(path: Path) -> ReadResult:
    return read_mpp(path) if path.suffix == ".mpp" else read_mspdi(path)


def dump(result: ReadResult, path: Path) -> dict[str, Any]:
    """A stable dump: the header, each collection in file order with source lines, findings."""
    project = result.project
    data: dict[str, Any] = {"header": encode_header(project)}
    for name, _ in COLLECTIONS:
        records = getattr(project, name)
        if records:
            data[name] = [{**encode(r), "_line": r.source.line} for r in records]
    data["findings"] = [
        {**f.as_json(), "source": {"file": Path(f.source.file or "").name, "line": f.source.line}}
        for f in result.findings
    ]
    return data


def check_golden(path: Path) -> None:
    if path.suffix == ".mpp" and not has_mpxj():
        pytest.skip("reading .mpp needs Java and MPXJ (pip install 'pmo-copilot[mpp]')")
    got = dump(read(path), path)
    golden = GOLDEN / f"{path.name}.json"
    text = json.dumps(got, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("PMO_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}: run with PMO_REGEN_GOLDEN=1 and check it")
    assert got == json.loads(golden.read_text(encoding="utf-8")), f"{path.name} differs from {golden.name}"


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.name)
def test_own_fixture_matches_golden(path: Path) -> None:
    check_golden(path)


@pytest.mark.slow
@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: p.name)
def test_shared_file_matches_golden(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{SHARED} is absent (real-world samples live beside the repository)")
    check_golden(path)


def test_shared_data_present_or_skipped() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (real-world samples live beside the repository)")
    assert len(SHARED_FILES) >= 17
