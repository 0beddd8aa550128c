"""The weekly brief: selected from the Review, one printed page, no blank line, alerts keyed stably."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pmo.engine.brief import GROUND_CODES, alert_findings, build_brief, finding_key
from pmo.engine.review.build import Review, build_review
from pmo.model import Finding, Severity
from pmo.model.finding import Subject
from pmo.render.brief import render_brief_html, render_brief_markdown
from pmo.sources.native import load_native

ROOT = Path(__file__).parents[2]
DEMO = ROOT / "src" / "pmo" / "examples" / "demo" / "project.yaml"
SPARSE = ROOT / "tests" / "data" / "projects" / "sparse.yaml"
MAX_LINES = 60  # the length budget of one printed page (docs/brief.md)


def _review(path: Path) -> Review:
    project, snapshots = load_native(path)
    return build_review(project, project.status_date or dt.date(2026, 6, 15), snapshots, simulate=False)


@pytest.fixture(scope="module")
def demo() -> Review:
    return _review(DEMO)


def test_the_demo_brief_fits_one_page_and_holds_every_section(demo: Review) -> None:
    text = render_brief_markdown(build_brief(demo))
    assert len(text.splitlines()) <= MAX_LINES, f"{len(text.splitlines())} lines: over the one-page budget"
    for title in ("What changed", "Decisions needed", "Coming weeks", "Risks coming closer", "To chase",
                  "Ground feel"):
        assert f"## {title}" in text
    assert "DEC-06" in text  # a proposed decision, with who should decide
    assert "A-005" in text and "Laura Fontaine" in text  # an overdue action, chased with its owner


@pytest.mark.parametrize("path", [DEMO, SPARSE], ids=["demo", "sparse"])
def test_no_line_of_the_brief_is_blank(path: Path) -> None:
    brief = build_brief(_review(path))
    for section in brief.sections:
        assert section.lines or section.empty.strip(), section.title
        for line in section.lines:
            assert line.when.strip() and line.what.strip(), (section.title, line)
            assert "None" not in f"{line.when} {line.what} {line.who}", (section.title, line)
    html = render_brief_html(brief)
    assert "<h1>" in html and "None" not in html


def test_a_decision_with_a_date_sorts_first_and_says_by_when(demo: Review) -> None:
    project = demo.project
    decisions = [dataclasses.replace(d, date=dt.date(2026, 6, 30), decided_by=None) if d.id == "DEC-07" else d
                 for d in project.decisions]
    brief = build_brief(dataclasses.replace(demo, project=dataclasses.replace(project, decisions=decisions)))
    section = next(s for s in brief.sections if s.title == "Decisions needed")
    assert section.lines[0].when == "by 2026-06-30" and section.lines[0].who == "nobody named to decide"


def test_team_link_findings_show_under_ground_feel(demo: Review) -> None:
    pulse = Finding(GROUND_CODES[1], Severity.WARNING, Subject("person", "P-01", "Julien Moreau"), "Pulse is low")
    others = tuple(f for f in demo.findings if f.code not in GROUND_CODES)  # the demo's own team-link findings
    brief = build_brief(dataclasses.replace(demo, findings=(*others, pulse)))
    (ground,) = [s for s in brief.sections if s.title == "Ground feel"]
    assert [(line.when, line.who) for line in ground.lines] == [("stretch", ""), ("pulse-low", "Julien Moreau")]
    assert ground.lines[0].what.startswith(f"project {demo.stretch[0].label}, trend ")


def test_alerts_are_the_new_errors_once_each(demo: Review) -> None:
    errors = [f for f in demo.findings if f.severity is Severity.ERROR]
    assert errors, "the demo has error findings"
    fresh = alert_findings(demo, frozenset())
    assert {finding_key(f) for f in fresh} == {finding_key(f) for f in errors}
    assert len({finding_key(f) for f in fresh}) == len(fresh)
    assert alert_findings(demo, frozenset(finding_key(f) for f in fresh)) == ()
    assert finding_key(errors[0]) == f"{errors[0].code}:{errors[0].subject.kind}:{errors[0].subject.id}"
