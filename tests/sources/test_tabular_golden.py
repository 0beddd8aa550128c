"""The real workbooks in ../shared/data/pm-templates import without a crash, as their goldens say.

Regenerate the goldens with ``PMO_REGEN_GOLDEN=1 pytest tests/sources/test_tabular_golden.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pmo.model import COLLECTIONS
from pmo.model.codec import encode
from pmo.sources.base import ReadResult
from pmo.sources.tabular import TabularReader

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared" / "data" / "pm-templates"
GOLDEN = ROOT / "tests" / "data" / "tabular" / "golden"
FILES = ["Management_Project_Workbook_Template_V2.xlsx", "Release_Planning_Template.xlsx"]


def dump(result: ReadResult, folder: Path) -> str:
    """A stable text of what was read: records by collection (sorted), findings as printed."""
    data: dict[str, Any] = {}
    for name, _kind in COLLECTIONS:
        records = [encode(r) for r in getattr(result.project, name)]
        if records:
            data[name] = sorted(records, key=lambda r: json.dumps(r, sort_keys=True))
    data["findings"] = sorted(f.line().replace(f"{folder}/", "") for f in result.findings)
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", FILES)
def test_template_matches_its_golden(name: str) -> None:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (real-world samples live beside the repository)")
    reader = TabularReader()
    assert reader.identify(path, path.read_bytes()[:4096])
    text = dump(reader.read(path, _context()), SHARED)
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("PMO_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden for {name}: run with PMO_REGEN_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def _context() -> Any:
    from pmo.sources.base import ReadContext

    return ReadContext()
