"""The check registry: one signature `(ctx) -> findings`, each code once, a crashing check reported."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo.engine.checks.builtin import BUILTIN_CHECKS
from pmo.engine.checks.registry import (
    DuplicateCheck,
    Registry,
    default_registry,
    register,
    run_checks,
    unregister,
)
from pmo.engine.context import AnalysisContext
from pmo.engine.review.build import build_review
from pmo.model import Action, Finding, Project, Severity, Subject
from pmo.sources.native import read_native

AS_OF = dt.date(2026, 6, 15)
DATA = Path(__file__).parent.parent / "data"
DEMO = Path(__file__).parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"
DOCS = Path(__file__).parents[2] / "docs" / "findings.md"


def test_a_crashing_check_is_reported_and_the_others_still_run() -> None:
    def explode(ctx: AnalysisContext) -> Iterator[Finding]:
        raise ZeroDivisionError("division by zero")

    def count_actions(ctx: AnalysisContext) -> Iterator[Finding]:
        for action in ctx.project.actions:
            yield Finding("test-action", Severity.INFO, Subject("action", action.id), "seen")

    project = Project(key="X", name="X", actions=(Action("A1", "a"), Action("A2", "b")))
    registry = Registry([("explode", explode), ("test-action", count_actions)])
    found = run_checks(AnalysisContext(project, AS_OF), registry)
    failed = [f for f in found if f.code == "check-failed"]
    assert len(failed) == 1
    assert failed[0].severity is Severity.ERROR
    assert "explode" in failed[0].message and "ZeroDivisionError" in failed[0].message
    assert sorted(f.subject.id for f in found if f.code == "test-action") == ["A1", "A2"]


def test_a_second_registration_of_a_code_is_refused() -> None:
    def none(ctx: AnalysisContext) -> Iterator[Finding]:
        yield from ()

    registry = Registry([("some-code", none)])
    with pytest.raises(DuplicateCheck, match="some-code"):
        registry.register("some-code", none)
    with pytest.raises(DuplicateCheck, match="blank-field"):
        default_registry().register("blank-field", none)
    with pytest.raises(DuplicateCheck, match="check-failed"):
        registry.register("check-failed", none)


def test_the_built_ins_are_listed_once_and_documented() -> None:
    codes = [code for code, _ in BUILTIN_CHECKS]
    assert len(codes) == len(set(codes))
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", DOCS.read_text(encoding="utf-8"), re.MULTILINE))
    assert set(codes) <= documented
    assert set(default_registry()) >= set(codes)


def test_registered_checks_run_with_the_built_ins() -> None:
    @register("test-extension")
    def extension(ctx: AnalysisContext) -> Iterator[Finding]:
        yield Finding("test-extension", Severity.INFO, Subject("project", ctx.project.key), "extension ran")

    try:
        found = run_checks(AnalysisContext(Project(key="X", name="X"), AS_OF))
        assert any(f.code == "test-extension" for f in found)
        assert any(f.code == "blank-field" for f in found)
    finally:
        unregister("test-extension")
    assert "test-extension" not in default_registry()


def test_findings_are_sorted_errors_first() -> None:
    def scrambled(ctx: AnalysisContext) -> Iterator[Finding]:
        """Every severity, in the wrong order, two codes and two subjects each."""
        for severity in (Severity.INFO, Severity.WARNING, Severity.ERROR):
            for code, subject in (("test-z", "T2"), ("test-a", "T9"), ("test-a", "T1")):
                yield Finding(code, severity, Subject("task", subject), f"{severity.value} {code} {subject}")

    registry = Registry([*default_registry().items(), ("test-scrambled", scrambled)])
    found = run_checks(AnalysisContext(Project(key="X", name="X"), AS_OF), registry)
    assert {f.severity for f in found} == set(Severity)
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks) and ranks[0] == Severity.ERROR.rank and ranks[-1] == Severity.INFO.rank
    ours = [f.message for f in found if f.code.startswith("test-")]
    assert ours == [f"{severity} {code} {subject}" for severity in ("error", "warning", "info")
                    for code, subject in (("test-a", "T1"), ("test-a", "T9"), ("test-z", "T2"))]


PROJECTS = [DEMO, *sorted((DATA / "findings").glob("*.yaml")), *sorted((DATA / "projects").glob("*.yaml"))]


@pytest.mark.parametrize("path", PROJECTS, ids=[p.stem for p in PROJECTS])
def test_every_finding_of_a_review_comes_from_the_check_of_its_code(path: Path) -> None:
    project = read_native(path)
    as_of = project.status_date or AS_OF
    ctx = AnalysisContext(project, as_of)
    registry = default_registry()
    for code in registry:
        for finding in registry[code](ctx):
            assert finding.code == code, f"the check of {code!r} emitted {finding.code!r}"
    review = build_review(project, as_of)
    assert {f.code for f in review.findings} <= registry.codes


def test_the_context_computes_the_schedule_once() -> None:
    ctx = AnalysisContext(read_native(DEMO), AS_OF, simulate=False)
    assert ctx.schedule is ctx.schedule
    assert ctx.forecast is None
    assert [f.code for f in ctx.loops] == ["dependency-cycle"]
    run_checks(ctx)
    assert ctx.schedule is not None and ctx.overloads
    assert "_leveled" not in ctx.__dict__  # checks never run the leveling search
