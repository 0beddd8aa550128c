"""Shared fixtures: paths to the project's own data and to ../shared/data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS_DATA = ROOT / "tests" / "data"
SHARED_DATA = ROOT.parent / "shared" / "data"
DEMO = ROOT / "src" / "pmo" / "examples" / "demo"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or a skip when this checkout stands alone."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent (real-world samples live beside the repository)")
    return SHARED_DATA
