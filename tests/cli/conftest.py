"""Run the real `pmo` command in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


class Pmo:
    """Runs `python -m pmo` in a folder; returns the completed process."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd

    def __call__(self, *args: str, check: int | None = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "pmo", *args], cwd=self.cwd, capture_output=True, text=True, timeout=300
        )
        if check is not None:
            assert done.returncode == check, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done


@pytest.fixture
def pmo_cmd(tmp_path: Path) -> Pmo:
    return Pmo(tmp_path)
