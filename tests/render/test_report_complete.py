"""The report never shows an empty cell: a value, "Investigation ongoing (who, by when)" or "NA (why)"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pmo.api import review as review_at_status
from pmo.engine.review.build import build_review
from pmo.render.markdown import render_markdown
from pmo.sources.native import read_native

DATA = Path(__file__).resolve().parent.parent / "data"
DEMO = Path(__file__).resolve().parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"
PENDING = re.compile(r"^Investigation ongoing \([^,()]+, by \d{4}-\d{2}-\d{2}\)$")


def table_cells(markdown: str) -> list[tuple[int, str, str]]:
    """(line number, header, cell text) for every body cell of every Markdown table."""
    cells = []
    header: list[str] = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        if not line.startswith("|"):
            header = []
            continue
        parts = [part.strip() for part in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if not header:
            header = parts
        elif all(set(p) <= {"-", ":"} for p in parts):
            continue
        else:
            cells.extend((number, column, text) for column, text in zip(header, parts, strict=True))
    return cells


def assert_complete(markdown: str) -> None:
    cells = table_cells(markdown)
    assert cells, "the report has no table"
    blank = [(n, col) for n, col, text in cells if not text or text in ("-", "None", "nan", "null")]
    assert not blank, f"blank cells at {blank}"
    for number, column, text in cells:
        if text.startswith("Investigation ongoing"):
            assert PENDING.match(text), f"line {number} {column}: {text!r} does not say who and by when"
        if text.startswith("NA"):
            assert re.match(r"^NA \(.+\)", text), f"line {number} {column}: {text!r} does not say why"
    for section in re.split(r"\n## ", markdown)[1:]:
        title, _, body = section.partition("\n")
        assert body.strip(), f"section {title!r} is empty"


def test_the_sparse_project_report_has_no_blank_cell() -> None:
    project = read_native(DATA / "projects" / "sparse.yaml")
    review = build_review(project, dt.date(2026, 6, 15))
    markdown = render_markdown(review)
    assert_complete(markdown)
    assert "| Sponsor | Investigation ongoing (the PMO, by 2026-06-22) |" in markdown
    assert "NA (not reached yet)" in markdown
    generated = {(p.subject, p.field) for p in review.pending if p.generated}
    assert ("action A1", "owner") in generated and ("risk R1", "mitigation") in generated


def test_markers_given_in_the_source_are_shown_as_written(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "project:\n  key: P\n  name: P\n  status_date: 2026-06-15\n"
        "  sponsor: {pending: claire, by: 2026-06-10, note: board to name one}\n"
        "  budget: {na: internal project}\n"
        "people:\n  - {id: claire, name: Claire Dubois}\n"
    )
    markdown = render_markdown(review_at_status(read_native(path)))
    assert "| Sponsor | Investigation ongoing (Claire Dubois, by 2026-06-10) |" in markdown
    assert "| Budget | NA (internal project) |" in markdown
    assert re.search(r"\| project P \| sponsor \| Claire Dubois \| 2026-06-10 \*\*\(overdue\)\*\* \| board", markdown)
    assert_complete(markdown)


def test_the_checker_catches_a_blank_cell() -> None:
    with pytest.raises(AssertionError, match="blank cells"):
        assert_complete("| A | B |\n|---|---|\n| x |  |\n\n## S\ntext\n")


def test_the_demo_report_has_no_blank_cell() -> None:
    if not DEMO.exists():
        pytest.fail("src/pmo/examples/demo/project.yaml is missing")
    assert_complete(render_markdown(review_at_status(read_native(DEMO))))


def test_hostile_names_stay_text_on_one_line() -> None:
    from pmo.model import Action, Project

    project = Project("X", "Evil <script>alert(1)</script>\nsecond line",
                      actions=(Action("A1", "Fix *this* | that\nnow", owner="<b>bob</b>"),))
    review = build_review(project, dt.date(2026, 6, 15))
    markdown = render_markdown(review)
    assert "<script>" not in markdown and "&lt;script>" in markdown
    assert "Fix \\*this\\* \\| that now" in markdown
    assert all(finding.line().count("\n") == 0 for finding in review.findings)
    assert_complete(markdown)
