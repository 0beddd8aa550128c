"""Docs are tested against the code: every finding code, command and format is documented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "pmo"
CODE_LITERAL = re.compile(r"""(?:code\s*=\s*|Finding\(\s*)["']([a-z][a-z0-9-]+)["']""")


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        codes.update(CODE_LITERAL.findall(path.read_text()))
    return codes


def documented_codes() -> set[str]:
    text = (ROOT / "docs" / "findings.md").read_text()
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, re.MULTILINE))


def test_every_emitted_code_is_in_the_catalogue() -> None:
    missing = emitted_codes() - documented_codes()
    assert not missing, f"add these codes to docs/findings.md: {sorted(missing)}"


def test_the_design_catalogue_is_documented() -> None:
    design = {
        "blank-field", "pending-overdue", "action-no-owner", "action-no-due", "action-overdue", "task-stale",
        "progress-inconsistent", "milestone-past-open", "risk-no-owner", "risk-no-mitigation", "dependency-cycle",
        "milestone-slip", "forecast-risk", "trend-slip", "near-critical", "resource-overload", "question",
        "meeting-missing", "meeting-attendee-missing", "prep-due", "deliverable-due-soon", "absence-on-critical",
        "contact-overdue", "pulse-low", "checkin-missing",
    }
    assert design <= documented_codes()


def test_every_command_is_documented() -> None:
    from pmo.cli.app import app

    text = (ROOT / "docs" / "cli.md").read_text()
    names = [command.name or command.callback.__name__ for command in app.registered_commands]  # type: ignore[union-attr]
    missing = [name for name in names if f"## `pmo {name}" not in text]
    assert not missing, f"document in docs/cli.md: {missing}"


def test_readme_has_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pmo demo" in readme
    assert "scripts/test" in readme and "scripts/test" in ci


def test_every_review_field_is_documented() -> None:
    import dataclasses

    from pmo.engine.review.build import Review

    text = (ROOT / "docs" / "review.md").read_text()
    missing = [f.name for f in dataclasses.fields(Review) if f"| `{f.name}` |" not in text]
    assert not missing, f"document in docs/review.md: {missing}"
