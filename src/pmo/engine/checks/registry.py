"""The registry of checks: one signature, built-ins and extensions through the same door.

A check is a function ``(ctx) -> Iterable[Finding]`` taking the `AnalysisContext` of a
project at a status date, registered under the finding code it emits. `Registry.run`
runs them all; a check that raises becomes an error finding (`check-failed`) naming it,
and the others still run. A code is registered once: a second registration is refused.
The built-in checks are listed in one place, `pmo.engine.checks.builtin.BUILTIN_CHECKS`.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeAlias

from pmo.model import Finding, Project, Severity, Source, Subject

if TYPE_CHECKING:
    from pmo.engine.context import AnalysisContext

Check: TypeAlias = Callable[["AnalysisContext"], Iterable[Finding]]
ProjectCheck: TypeAlias = Callable[[Project, dt.date], Iterable[Finding]]

CHECK_FAILED = "check-failed"


class DuplicateCheck(ValueError):
    """A second check registered under a code that already has one."""


def project_check(check: ProjectCheck) -> Check:
    """A check that needs only the project and the status date, as a check of the context."""

    def on_context(ctx: AnalysisContext) -> Iterable[Finding]:
        return check(ctx.project, ctx.as_of)

    on_context.__name__ = getattr(check, "__name__", "check")
    on_context.__doc__ = check.__doc__
    return on_context


class Registry(Mapping[str, Check]):
    """Finding code -> the check that emits it; each code once."""

    def __init__(self, checks: Iterable[tuple[str, Check]] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for code, check in checks:
            self.register(code, check)

    def register(self, code: str, check: Check) -> Check:
        """Add `check` under `code`; raises `DuplicateCheck` when the code has a check already."""
        if code == CHECK_FAILED or code in self._checks:
            raise DuplicateCheck(f"a check is already registered for the code {code!r}: each code has one check")
        self._checks[code] = check
        return check

    def __getitem__(self, code: str) -> Check:
        return self._checks[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._checks)

    def __len__(self) -> int:
        return len(self._checks)

    @property
    def codes(self) -> frozenset[str]:
        """Every code a finding of these checks may carry (`check-failed` included)."""
        return frozenset({*self._checks, CHECK_FAILED})

    def run(self, ctx: AnalysisContext) -> list[Finding]:
        """Every finding of every check, sorted by severity, code and subject."""
        findings: list[Finding] = []
        for code, check in self._checks.items():
            try:
                findings.extend(check(ctx))
            except Exception as exc:
                findings.append(_failure(code, exc))
        return sorted(findings, key=Finding.sort_key)


_DEFAULT: list[Registry] = []


def default_registry() -> Registry:
    """The registry of the built-in checks (`pmo.engine.checks.builtin`), made once."""
    if not _DEFAULT:
        from pmo.engine.checks.builtin import BUILTIN_CHECKS

        _DEFAULT.append(Registry(BUILTIN_CHECKS))
    return _DEFAULT[0]


def register(code: str) -> Callable[[Check], Check]:
    """Decorator: add an extension check to the default registry under `code` (once)."""

    def decorate(check: Check) -> Check:
        return default_registry().register(code, check)

    return decorate


def unregister(code: str) -> None:
    """Remove an extension check from the default registry (tests, plug-ins unloading)."""
    del default_registry()._checks[code]


def run_checks(ctx: AnalysisContext, registry: Registry | None = None) -> list[Finding]:
    """Every finding of every check of `registry` (default: the built-ins and extensions)."""
    return (registry if registry is not None else default_registry()).run(ctx)


def _failure(name: str, exc: Exception) -> Finding:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename}:{frame.lineno}" if frame else ""
    return Finding(
        code=CHECK_FAILED,
        severity=Severity.ERROR,
        subject=Subject("check", name),
        message=f"The check {name!r} crashed ({type(exc).__name__}: {exc}); its findings are missing.",
        detail={"why": f"{type(exc).__name__}{where}"},
        suggestion="Report this to the pmo maintainers with the project file; the other checks ran.",
        source=Source(system="pmo", key=name),
    )
