"""Every Jira export in ../shared/data/jira that pmo reads matches its golden.

Regenerate with ``PMO_REGEN_GOLDEN=1 pytest tests/sources/test_jira_golden.py``. The
sprint feature tables (``sea__*_iteration_*.csv``) are not issue exports: the reader
does not claim them, and a test says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golden_support import assert_golden, dump_result
from pmo.model.resolve import resolve
from pmo.sources.base import ReadContext
from pmo.sources.jira.reader import JiraReader

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared" / "data" / "jira"
GOLDEN = ROOT / "tests" / "data" / "jira" / "golden"
COVERED = [
    "go-jira__all_issuelinktypes.json",
    "go-jira__all_statuses.json",
    "go-jira__issues_in_sprint.json",
    "go-jira__sprints.json",
    "jira-cli__epic.json",
    "jira-cli__releases.json",
    "jira-cli__search.json",
    "jira-cli__sprints.json",
    "jira-ruby__issue_10002.json",
    "jira-ruby__rapidview_issues_full.json",
    "jira-ruby__search_SAMPLEPROJECT.issues.json",
    "jira-ruby__sprint_1_issues.json",
    "sea__apache_issuelink_0.csv",
    "sea__storypoint_jirasoftware.csv",
]
NOT_ISSUES = ["sea__apache_iteration_0.csv", "sea__apache_iteration_80.csv", "sea__jira_iteration_0.csv"]


def _shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (real-world samples live beside the repository)")
    return path


@pytest.mark.parametrize("name", COVERED)
def test_export_matches_its_golden(name: str) -> None:
    path = _shared(name)
    reader = JiraReader()
    assert reader.identify(path, path.read_bytes()[:4096])
    text = dump_result(reader.read(path, ReadContext()), SHARED)
    assert_golden(text, GOLDEN / f"{name}.json")


@pytest.mark.parametrize("name", NOT_ISSUES)
def test_sprint_feature_tables_are_not_jira_exports(name: str) -> None:
    path = _shared(name)
    assert not JiraReader().identify(path, path.read_bytes()[:4096])


def test_search_page_reads_all_issues() -> None:
    result = JiraReader().read(_shared("jira-ruby__search_SAMPLEPROJECT.issues.json"), ReadContext())
    assert len(result.project.tasks) == 11
    assert {t.owner for t in result.project.tasks} == {"admin <admin@example.com>"}  # kept as written
    assert {t.owner for t in resolve(result.project).tasks} == {"admin"}  # as loaded: no such person
    assert next(t for t in result.project.tasks if t.id == "SAMPLEPROJECT-1").finish is not None
