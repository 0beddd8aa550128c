"""Docs are tested against the code: every finding code, command and format is documented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "pmo"
CODE_LITERAL = re.compile(r"""(?:code\s*=\s*|Finding\(\s*)["']([a-z][a-z0-9-]+)["']""")


def reader_codes() -> set[str]:
    """Codes the readers raise at import (they do not go through the check registry)."""
    codes: set[str] = set()
    for path in [*(SRC / "sources").rglob("*.py"), *(SRC / "api").rglob("*.py")]:
        codes.update(CODE_LITERAL.findall(path.read_text()))
    return codes


def registry_codes() -> set[str]:
    """Every code a check of the registry emits, and `check-failed` for a check that crashes."""
    from pmo.engine.checks.registry import default_registry

    return set(default_registry().codes) | {"check-failed"}


def catalogue() -> dict[str, str]:
    """code -> its row in docs/findings.md."""
    text = (ROOT / "docs" / "findings.md").read_text()
    return {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z0-9-]+)` \|.*$", text, re.MULTILINE)}


def documented_codes() -> set[str]:
    return set(catalogue())


def test_every_registered_or_read_code_is_in_the_catalogue() -> None:
    missing = (registry_codes() | reader_codes()) - documented_codes()
    assert not missing, f"add these codes to docs/findings.md: {sorted(missing)}"


def test_every_documented_code_is_emitted_or_marked_planned() -> None:
    emitted = registry_codes() | reader_codes()
    rows = catalogue()
    unmarked = sorted(code for code in rows if code not in emitted and "(planned)" not in rows[code])
    assert not unmarked, f"no check emits these: mark them (planned) in docs/findings.md or register a check: {unmarked}"
    stale = sorted(code for code in rows if code in emitted and "(planned)" in rows[code])
    assert not stale, f"these are emitted now: remove (planned) from their rows: {stale}"


def test_every_code_in_the_source_tree_is_registered_or_read() -> None:
    """A code written anywhere in pmo is one the registry or a reader owns (no code outside them)."""
    written: set[str] = set()
    for path in SRC.rglob("*.py"):
        written.update(CODE_LITERAL.findall(path.read_text()))
    stray = written - registry_codes() - reader_codes()
    assert not stray, f"these codes are emitted outside the registry: {sorted(stray)}"


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
