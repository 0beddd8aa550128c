"""Paths shared by tests (importable as `tests_support`)."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXTURES_DIR = TESTS / "data" / "findings"
