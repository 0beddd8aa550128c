"""The real workbooks in ../shared/data/pm-templates import without a crash, as their goldens say.

Regenerate the goldens with ``PMO_REGEN_GOLDEN=1 pytest tests/sources/test_tabular_golden.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from golden_support import assert_golden, dump_result
from pmo.sources.tabular.reader import TabularReader

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared" / "data" / "pm-templates"
GOLDEN = ROOT / "tests" / "data" / "tabular" / "golden"
FILES = ["Management_Project_Workbook_Template_V2.xlsx", "Release_Planning_Template.xlsx"]


@pytest.mark.parametrize("name", FILES)
def test_template_matches_its_golden(name: str) -> None:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (real-world samples live beside the repository)")
    reader = TabularReader()
    assert reader.identify(path, path.read_bytes()[:4096])
    text = dump_result(reader.read(path, _context()), SHARED)
    assert_golden(text, GOLDEN / f"{name}.json")


def _context() -> Any:
    from pmo.sources.base import ReadContext

    return ReadContext()
