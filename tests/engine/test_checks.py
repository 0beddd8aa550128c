"""The check registry: one signature, and a crashing check becomes an error finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pmo.engine.checks import registry as checks
from pmo.engine.checks.registry import CHECKS, register, run_checks
from pmo.model import Action, Finding, Project, Severity, Subject

AS_OF = dt.date(2026, 6, 15)


def test_a_crashing_check_is_reported_and_the_others_still_run() -> None:
    def explode(project: Project, as_of: dt.date) -> Iterator[Finding]:
        raise ZeroDivisionError("division by zero")

    def count_actions(project: Project, as_of: dt.date) -> Iterator[Finding]:
        for action in project.actions:
            yield Finding("test-action", Severity.INFO, Subject("action", action.id), "seen")

    project = Project(key="X", name="X", actions=(Action("A1", "a"), Action("A2", "b")))
    found = run_checks(project, AS_OF, {"explode": explode, "count": count_actions})
    failed = [f for f in found if f.code == "check-failed"]
    assert len(failed) == 1
    assert failed[0].severity is Severity.ERROR
    assert "explode" in failed[0].message and "ZeroDivisionError" in failed[0].message
    assert sorted(f.subject.id for f in found if f.code == "test-action") == ["A1", "A2"]


def test_registered_checks_run_with_the_built_ins() -> None:
    @register("test-extension")
    def extension(project: Project, as_of: dt.date) -> Iterator[Finding]:
        yield Finding("test-extension", Severity.INFO, Subject("project", project.key), "extension ran")

    try:
        found = run_checks(Project(key="X", name="X"), AS_OF)
        assert any(f.code == "test-extension" for f in found)
        assert any(f.code == "blank-field" for f in found)
    finally:
        del CHECKS["test-extension"]


def test_findings_are_sorted_errors_first() -> None:
    def scrambled(project: Project, as_of: dt.date) -> Iterator[Finding]:
        """Every severity, in the wrong order, two codes and two subjects each."""
        for severity in (Severity.INFO, Severity.WARNING, Severity.ERROR):
            for code, subject in (("test-z", "T2"), ("test-a", "T9"), ("test-a", "T1")):
                yield Finding(code, severity, Subject("task", subject), f"{severity.value} {code} {subject}")

    found = run_checks(Project(key="X", name="X"), AS_OF, {**checks.CHECKS, "scrambled": scrambled})
    assert {f.severity for f in found} == set(Severity)
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks) and ranks[0] == Severity.ERROR.rank and ranks[-1] == Severity.INFO.rank
    ours = [f.message for f in found if f.code.startswith("test-")]
    assert ours == [f"{severity} {code} {subject}" for severity in ("error", "warning", "info")
                    for code, subject in (("test-a", "T1"), ("test-a", "T9"), ("test-z", "T2"))]
