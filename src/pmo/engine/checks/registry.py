"""The registry of checks: one signature, built-ins and extensions through the same door.

A check is a function ``(project, as_of) -> Iterable[Finding]`` registered under a
name. `run_checks` runs them all; a check that raises becomes an error finding
(`check-failed`) naming it, and the others still run.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterable
from typing import TypeAlias

from pmo.model import Finding, Project, Severity, Source, Subject

Check: TypeAlias = Callable[[Project, dt.date], Iterable[Finding]]

CHECKS: dict[str, Check] = {}


def register(name: str) -> Callable[[Check], Check]:
    """Register a check under `name` (a later registration with the same name replaces it)."""

    def decorate(check: Check) -> Check:
        CHECKS[name] = check
        return check

    return decorate


def run_checks(project: Project, as_of: dt.date, checks: dict[str, Check] | None = None) -> list[Finding]:
    """Every finding of every check, sorted by severity, code and subject."""
    findings: list[Finding] = []
    for name, check in (CHECKS if checks is None else checks).items():
        try:
            findings.extend(check(project, as_of))
        except Exception as exc:
            findings.append(_failure(name, exc))
    return sorted(findings, key=Finding.sort_key)


def _failure(name: str, exc: Exception) -> Finding:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename}:{frame.lineno}" if frame else ""
    return Finding(
        code="check-failed",
        severity=Severity.ERROR,
        subject=Subject("check", name),
        message=f"The check {name!r} crashed ({type(exc).__name__}: {exc}); its findings are missing.",
        detail={"why": f"{type(exc).__name__}{where}"},
        suggestion="Report this to the pmo maintainers with the project file; the other checks ran.",
        source=Source(system="pmo", key=name),
    )
