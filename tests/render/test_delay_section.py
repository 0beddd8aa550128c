"""The "Delays" section: each late item's delay file in prose, in every format, then the
recovery options when a `milestone-slip` finding carries them (`detail["options"]`)."""

from __future__ import annotations

import dataclasses
import html as html_lib
import io

import pytest

from pmo.benchmarks.delays import planted_plan
from pmo.engine.review.build import Review, build_review
from pmo.render.docx import render_docx
from pmo.render.html import render_html
from pmo.render.layout import layout
from pmo.render.markdown import render_markdown
from pmo.render.report_parts import Section


@pytest.fixture(scope="module")
def review() -> Review:
    plan = planted_plan(2, "one-chain")
    return build_review(plan.project, plan.as_of, simulate=False)


def _section(review: Review) -> Section:
    return next(s for s in layout(review).sections if s.key == "delays")


def test_the_review_carries_the_delay_file(review: Review) -> None:
    (file,) = review.delays
    assert file.id == "M" and len(file.causes) == 2


def test_every_format_reads_the_delay_file_aloud(review: Review) -> None:
    prose = review.delays[0].prose()
    assert prose.startswith("M Milestone M moves ")
    assert prose.replace("_", "\\_") in render_markdown(review)
    assert html_lib.escape(prose, quote=False) in render_html(review).replace("&#39;", "'")
    from docx import Document

    text = [p.text for p in Document(io.BytesIO(render_docx(review))).paragraphs]
    assert prose in text


def test_without_a_late_item_the_section_says_why(review: Review) -> None:
    quiet = dataclasses.replace(review, delays=())
    section = _section(quiet)
    assert section.na.startswith("NA (no milestone, deliverable or commitment") and not section.lines
    assert "NA (no milestone, deliverable or commitment is forecast" in render_markdown(quiet)


def test_recovery_options_follow_the_delays_in_their_own_section(review: Review) -> None:
    options = [{"kind": "fast-track", "title": "Fast-track A3 with A2", "days_recovered": 2,
                "forecast": "2026-03-10", "cost": "NA (no rates)", "risk": "medium",
                "assumptions": "A3 can start on A2's drafts", "recommended": True, "reason": "most days"}]
    findings = tuple(
        dataclasses.replace(f, detail={**f.detail, "options": options}) if f.code == "milestone-slip" else f
        for f in review.findings
    )
    assert any(f.code == "milestone-slip" for f in findings)
    with_options = dataclasses.replace(review, findings=findings)
    section = _section(with_options)
    assert section.lines and section.table is None  # the prose only: the options have their own section
    text = render_markdown(with_options)
    delays, recovery = text.index("## Delays"), text.index("## Recovery options")
    assert delays < recovery and "Fast-track A3 with A2" in text[recovery:]
    assert "Fast-track A3 with A2" not in text[delays:recovery]
    assert "Fast-track A3 with A2" not in render_markdown(review)


def test_a_long_list_of_delay_files_reads_the_most_serious_aloud(review: Review) -> None:
    """Twelve late items: the report reads the ten largest slips, says how many there are and where
    the rest are; the options of slips the review did not measure are not listed as options."""
    from pmo.render.report_parts import DELAYS_SHOWN, shown_delays

    base = review.delays[0]
    many = tuple(dataclasses.replace(base, id=f"M{i:02}", slip=float(i)) for i in range(12))
    crowded = dataclasses.replace(review, delays=many)
    files, note = shown_delays(crowded)
    assert len(files) == DELAYS_SHOWN == 10
    assert [f.id for f in files] == [f"M{i:02}" for i in range(11, 1, -1)]  # largest slips first
    assert "The 10 most serious of 12 delay files" in note and "`pmo delays` lists every one" in note
    assert len(_section(crowded).lines) == 10 and "most serious of 12" in render_markdown(crowded)
    assert len(shown_delays(review)[0]) == len(review.delays)  # a few: all of them
