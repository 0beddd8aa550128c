"""How the command line prints: findings as `path:line: severity code: message`, errors, tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from rich.console import Console

from pmo.model import Finding, Severity

console = Console(highlight=False, soft_wrap=True, emoji=False)
errors = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def print_findings(findings: Sequence[Finding], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False) + "\n")
        return
    for finding in findings:
        console.print(finding.line(), markup=False, soft_wrap=True)


def exit_status(findings: Sequence[Finding]) -> int:
    """1 when any finding is an error, else 0."""
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_CLEAN


def summary_line(findings: Sequence[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return ", ".join(
        plural(counts[severity], word) for severity, word in
        ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note"))
    )


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
