"""Golden files: what a reader read, as stable text, compared with the file kept in tests/data.

Regenerating a golden needs an explicit `PMO_REGEN_GOLDEN=1`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pmo.model import COLLECTIONS
from pmo.model.codec import encode
from pmo.model.resolve import resolve
from pmo.sources.base import ReadResult


def dump_result(result: ReadResult, folder: Path) -> str:
    """A stable text of what was read, as loaded (people resolved): records by collection
    (sorted), findings as printed."""
    data: dict[str, Any] = {}
    project = resolve(result.project)
    for name, _kind in COLLECTIONS:
        records = [encode(r) for r in getattr(project, name)]
        if records:
            data[name] = sorted(records, key=lambda r: json.dumps(r, sort_keys=True))
    data["findings"] = sorted(f.line().replace(f"{folder}/", "") for f in result.findings)
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def assert_golden(text: str, golden: Path) -> None:
    """`text` equals the golden file (written instead, when PMO_REGEN_GOLDEN=1)."""
    if os.environ.get("PMO_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden {golden.name}: run with PMO_REGEN_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
