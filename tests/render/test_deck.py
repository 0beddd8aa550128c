"""The steering committee deck of the demo, read back with python-pptx: nothing blank, charts backed
by data, notes on every slide, the project's colours and logo; LibreOffice opens it (PDF, page per slide).

`PMO_REFRESH_IMAGES=1` copies two slides, rendered to PNG, to docs/images/ (the docs show them).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pmo.api import DECK_NAME, Pack, make_demo
from pmo.render.deck import SLIDES

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
DOC_SLIDES = {1: "deck-summary.png", 3: "deck-milestones.png"}  # 0-based slide index -> image name


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return make_demo(tmp_path_factory.mktemp("demo") / "ws")


@pytest.fixture(scope="module")
def deck(pack: Pack) -> Any:
    from pptx import Presentation

    return Presentation(str(pack.folder / DECK_NAME))


def test_run_writes_the_draft_deck_five_working_days_before_the_committee(pack: Pack) -> None:
    # the demo's status date is Monday 2026-06-15, its steering committee Friday 2026-06-19
    assert pack.folder / DECK_NAME in pack.files
    assert not pack.skipped or all("deck" not in why for why in pack.skipped)


def test_every_slide_tells_its_part_of_the_story(deck: Any) -> None:
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert len(titles) == len(SLIDES) == 12
    assert titles[0] == "ERP roll-out: SAP S/4HANA at Atelier Durand SA"
    assert titles[1].startswith("Overall RED")
    assert titles[2] == "2 decisions requested"
    assert titles[-1] == "Next steering committee: 2026-07-16"


def test_no_placeholder_and_no_table_cell_is_empty(deck: Any) -> None:
    assert blanks(deck) >= 10  # tables checked


def test_a_sparse_project_gets_a_deck_with_nothing_blank() -> None:
    from pptx import Presentation

    from pmo.engine.steerco import steering_of
    from pmo.render.deck import render_deck
    from render.report_fixture import sparse_review

    review = sparse_review()
    deck = Presentation(io.BytesIO(render_deck(review, steering_of(review))))
    assert len(deck.slides) == len(SLIDES)
    blanks(deck)
    assert not [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]  # no data, no chart


def blanks(deck: Any) -> int:
    """Assert no placeholder and no table cell of the deck is empty; returns the tables seen."""
    tables = 0
    for number, slide in enumerate(deck.slides, start=1):
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), f"slide {number}: empty placeholder {placeholder.name}"
        for shape in slide.shapes:
            if shape.has_table:
                tables += 1
                for row in shape.table.rows:
                    for cell in row.cells:
                        assert cell.text.strip(), f"slide {number}: an empty cell in {shape.name}"
    return tables


def test_every_chart_is_native_and_backed_by_data(deck: Any) -> None:
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 2  # the milestone trend and the finance columns
    for chart in charts:
        series = list(chart.plots[0].series)
        assert series
        for one in series:
            assert any(value is not None for value in one.values), one.name
    trend, finance = charts
    assert len(list(trend.plots[0].series)) >= 2 and len(trend.plots[0].categories) == 3  # three status dates
    assert list(finance.plots[0].categories) == ["Budget (BAC)", "Planned value", "Earned value", "Actual cost",
                                                 "Forecast (EAC)"]
    assert finance.plots[0].series[0].values[0] == 2_410_000


def test_every_slide_has_notes_naming_its_sources(deck: Any) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip(), f"slide {number} has no speaker notes"
    milestones = deck.slides[3].notes_slide.notes_text_frame.text
    assert "project.yaml" in milestones and "schedule engine" in milestones and "snapshot of 2026-06-08" in milestones


def test_decisions_show_options_and_a_pending_recommendation(deck: Any) -> None:
    table = next(shape.table for shape in deck.slides[2].shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[1][0].startswith("DEC-06") and "Move to 2026-11-02 (the commitment)" in rows[1][1]
    assert rows[1][2].startswith("Move to 2026-11-02: keeps the full UAT weeks")
    assert rows[2][0].startswith("DEC-07") and rows[2][2] == "Investigation ongoing (Julien Moreau, by 2026-06-19)"


def test_the_project_colours_and_logo(deck: Any) -> None:
    cover = deck.slides[0]
    fills = [str(shape.fill.fore_color.rgb) for shape in cover.shapes
             if shape.shape_type == 1 and shape.fill.type == 1]  # auto shapes with a solid fill
    assert "7A1F3D" in fills and "C8963E" in fills
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == len(SLIDES)  # the logo on every slide


def test_the_committee_actions_and_what_changed_since_it(deck: Any) -> None:
    changed = deck.slides[9]
    assert "report of 2026-06-01, the first after the steering committee of 2026-05-21" in " ".join(
        shape.text_frame.text for shape in changed.shapes if shape.has_text_frame)
    actions, overdue = [shape.table for shape in deck.slides[10].shapes if shape.has_table]
    assert [cell.text for cell in actions.rows[1].cells][:2] == [
        "A-023 Present a go-live contingency plan at the June steering committee", "2026-05-21"]
    assert [row.cells[0].text[:5] for row in list(overdue.rows)[1:]] == ["A-004", "A-011", "A-005", "A-024"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_deck_one_page_per_slide(pack: Pack, tmp_path: Path) -> None:
    from pypdf import PdfReader

    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(pack.folder / DECK_NAME)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    pdf = tmp_path / "deck.pdf"
    assert pdf.is_file(), done.stderr
    assert len(PdfReader(pdf).pages) == len(SLIDES)
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed: the slides are not turned into images")
    for index, name in DOC_SLIDES.items():
        stem = tmp_path / name.removesuffix(".png")
        subprocess.run(["pdftoppm", "-png", "-r", "72", "-singlefile", "-f", str(index + 1), "-l", str(index + 1),
                        str(pdf), str(stem)], check=True, timeout=120)
        image = stem.with_suffix(".png")
        assert image.stat().st_size > 20_000  # a drawn slide, not a blank page
        if os.environ.get("PMO_REFRESH_IMAGES"):
            shutil.copyfile(image, DOCS_IMAGES / name)


def test_the_same_review_gives_the_same_bytes(pack: Pack) -> None:
    from pmo.api.deck import deck_bytes

    first = deck_bytes(pack.review)
    assert first == deck_bytes(pack.review)
    assert first == (pack.folder / DECK_NAME).read_bytes()
