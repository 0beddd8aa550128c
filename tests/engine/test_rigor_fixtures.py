"""Each finding code has a fixture named after it that states its expected findings inline.

A line ending in ``# expect: code[, code]`` must produce exactly those findings of the
fixture's code (with the source pointing at that line); no other line may.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pmo.api import review as review_at_status
from pmo.model import Finding
from pmo.sources.native import read_native

FIXTURES = sorted((Path(__file__).parent.parent / "data" / "findings").glob("*.yaml"))
EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>[a-z0-9, -]+)$")


def expected(path: Path) -> Counter[tuple[str, int]]:
    found: Counter[tuple[str, int]] = Counter()
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            for code in match["codes"].split(","):
                found[(code.strip(), number)] += 1
    return found


RIGOUR = {
    "blank-field", "pending-overdue", "action-no-owner", "action-no-due", "action-overdue",
    "risk-no-owner", "risk-no-mitigation", "task-stale", "progress-inconsistent",
    "milestone-past-open", "dependency-cycle", "owner-unresolved", "question", "plan-not-tracked",
}


# Codes that come with another by design: each overdue action of a pile is also `action-overdue`.
COMES_WITH = {"actions-piling-up": {"action-overdue"}}


def _asked_of_an_item_at_risk(finding: Finding) -> bool:
    """A question about an amber or red item comes with whatever made it so (engine/answers.py)."""
    return finding.code == "question" and str(finding.detail.get("topic", "")).startswith("at risk")


def fixture_code(path: Path) -> str:
    return path.stem.removesuffix("-header")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_gives_exactly_its_expected_findings(path: Path) -> None:
    code = fixture_code(path)
    review = review_at_status(read_native(path))
    got = Counter((f.code, f.source.line) for f in review.findings if f.code == code)
    want = expected(path)
    assert want, f"{path.name} states no expectation"
    assert got == want
    allowed = {code} | COMES_WITH.get(code, set())
    others = [f.line() for f in review.findings if f.code not in allowed and f.code in RIGOUR | {"check-failed"}
              and not _asked_of_an_item_at_risk(f)]
    assert not others, f"{path.name} should only produce {code} among the rigour codes: {others}"


def test_every_rigour_code_has_a_fixture() -> None:
    assert {fixture_code(p) for p in FIXTURES} >= RIGOUR


def test_cycle_is_named_task_by_task() -> None:
    path = next(p for p in FIXTURES if p.stem == "dependency-cycle")
    [finding] = [f for f in review_at_status(read_native(path)).findings if f.code == "dependency-cycle"]
    assert "T2 Rehearse migration -> T3 Fix mapping -> T2 Rehearse migration" in finding.message
    assert finding.detail["loop"] == "T2 -> T3 -> T2"


def test_a_link_to_a_task_the_plan_does_not_have() -> None:
    from pmo.model import Dependency, Project, Source, Task

    link = Dependency("ERP-7", "T1", source=Source(system="jira", key="ERP-7"))
    project = Project("X", "X", tasks=(Task("T1", "Build", duration=2),), dependencies=(link,))
    found = [f for f in review_at_status(project).findings if f.code == "dependency-unknown-task"]
    assert [f.message for f in found] == [
        "The link ERP-7 -> T1 FS of T1 Build names ERP-7, which the plan does not have; it is ignored."
    ]
    assert str(found[0].source) == "jira:ERP-7"
