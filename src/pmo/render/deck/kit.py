"""Drawing on a slide with python-pptx: the page frame, text boxes, native tables, speaker notes.

Every slide is a "Title Only" slide whose title placeholder holds the headline, so the
outline view and screen readers list the story; the rest are text boxes, tables and
charts placed on a 16:9 page. Cells are `Td`s (render/report_parts.py): their text is
never empty and their tone colours them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pmo.render.deck.theme import FILLS, FONT, INK, INKS, MUTED, RULE, WHITE, ZEBRA, Theme
from pmo.render.report_parts import Td

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
MARGIN_IN = 0.5
BODY_TOP_IN = 1.35
TITLE_ONLY = 5


@dataclass(frozen=True)
class Page:
    """What the frame of every slide shows: the project, the meeting, the status date."""

    project: str
    key: str
    meeting: str
    as_of: str


def rgb(hex_colour: str) -> Any:
    from pptx.dml import color

    colours: Any = color  # python-pptx has no type hints
    return colours.RGBColor.from_string(hex_colour)


def inches(value: float) -> Any:
    from pptx.util import Inches

    return Inches(value)


def new_presentation() -> Any:
    """An empty 16:9 presentation on python-pptx's default template."""
    from pptx import Presentation

    deck = Presentation()
    deck.slide_width = inches(WIDTH_IN)
    deck.slide_height = inches(HEIGHT_IN)
    return deck


def style_run(run: Any, size: float, colour: str = INK, bold: bool = False, italic: bool = False) -> None:
    from pptx.util import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = rgb(colour)


def write(frame: Any, lines: Sequence[str | Td], size: float = 14, colour: str = INK, bold: bool = False,
          bullets: bool = False, space: float = 4) -> None:
    """Lines into a text frame, one paragraph each (a Td's tone colours its line)."""
    from pptx.util import Pt

    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(space)
        text, tone = (line.text, line.tone) if isinstance(line, Td) else (line, "")
        run = paragraph.add_run()
        run.text = ("•  " if bullets else "") + text
        style_run(run, size, INKS.get(tone, colour), bold or tone in ("red", "amber"), tone == "na")


def text_box(slide: Any, left: float, top: float, width: float, height: float, lines: Sequence[str | Td],
             size: float = 14, colour: str = INK, bold: bool = False, bullets: bool = False) -> Any:
    box = slide.shapes.add_textbox(inches(left), inches(top), inches(width), inches(height))
    write(box.text_frame, lines, size, colour, bold, bullets)
    return box


def add_slide(deck: Any, theme: Theme, page: Page, title: str, kicker: str, notes: Sequence[str]) -> Any:
    """A content slide: the kicker line, the title, the logo, the footer, the speaker notes."""
    from pptx.enum.shapes import MSO_SHAPE

    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, inches(0.16), inches(HEIGHT_IN))
    band.fill.solid()
    band.fill.fore_color.rgb = rgb(theme.primary)
    band.line.fill.background()
    text_box(slide, MARGIN_IN, 0.28, 9.5, 0.35, [kicker.upper()], 11, theme.accent, bold=True)
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = (
        inches(MARGIN_IN), inches(0.58), inches(WIDTH_IN - 2 * MARGIN_IN - 1.6), inches(0.7))
    frame = heading.text_frame
    frame.word_wrap = True
    frame.text = title
    paragraph = frame.paragraphs[0]
    from pptx.enum.text import PP_ALIGN

    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        style_run(run, 24, theme.primary, bold=True)
    rule = slide.shapes.add_connector(1, inches(MARGIN_IN), inches(1.28), inches(WIDTH_IN - MARGIN_IN), inches(1.28))
    rule.line.color.rgb = rgb(RULE)
    add_logo(slide, theme, WIDTH_IN - MARGIN_IN - 1.4, 0.3, 1.4, 0.8)
    number = len(deck.slides._sldIdLst)
    footer = f"{page.project} ({page.key})  ·  {page.meeting}  ·  status date {page.as_of}"
    text_box(slide, MARGIN_IN, HEIGHT_IN - 0.45, 10.5, 0.3, [footer], 9, MUTED)
    text_box(slide, WIDTH_IN - MARGIN_IN - 1.0, HEIGHT_IN - 0.45, 1.0, 0.3, [str(number)], 9, MUTED)
    set_notes(slide, notes)
    return slide


def add_logo(slide: Any, theme: Theme, left: float, top: float, width: float, height: float) -> None:
    """The project's logo, fitted into the box and kept in proportion (nothing without a logo)."""
    if theme.logo is None:
        return
    picture = slide.shapes.add_picture(io.BytesIO(theme.logo), inches(left), inches(top))
    scale = min(inches(width) / picture.width, inches(height) / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = int(inches(left + width)) - picture.width


def set_notes(slide: Any, notes: Sequence[str]) -> None:
    """The speaker notes: where every figure on the slide comes from."""
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def add_table(slide: Any, theme: Theme, columns: Sequence[str], rows: Sequence[Sequence[Td]],
              left: float, top: float, widths: Sequence[float], size: float = 11, badge: int = -1) -> Any:
    """A native table: the head in the project's colour, light rows, tones in colour; `badge` a RAG column."""
    height = 0.4 * (len(rows) + 1)
    shape = slide.shapes.add_table(len(rows) + 1, len(columns), inches(left), inches(top),
                                   inches(sum(widths)), inches(height))
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for index, width in enumerate(widths):
        table.columns[index].width = inches(width)
    for index, name in enumerate(columns):
        _fill_cell(table.cell(0, index), Td(name), theme.primary, WHITE, size - 1, bold=True)
    for r, row in enumerate(rows, start=1):
        table.rows[r].height = inches(0.36)
        for c, td in enumerate(row):
            fill = WHITE if r % 2 else ZEBRA
            if c == badge and td.tone in FILLS:
                _fill_cell(table.cell(r, c), td, FILLS[td.tone], INK if td.tone == "amber" else WHITE, size,
                           bold=True)
            else:
                colour = INKS.get(td.tone, INK)
                _fill_cell(table.cell(r, c), td, fill, colour, size, bold=c == 0 or td.tone in ("red", "amber"),
                           italic=td.tone == "na")
    table.rows[0].height = inches(0.38)
    return table


def _fill_cell(cell: Any, td: Td, fill: str, colour: str, size: float, bold: bool = False,
               italic: bool = False) -> None:
    from pptx.enum.text import MSO_ANCHOR

    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(fill)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for side in ("margin_left", "margin_right"):
        setattr(cell, side, inches(0.08))
    for side in ("margin_top", "margin_bottom"):
        setattr(cell, side, inches(0.04))
    frame = cell.text_frame
    frame.word_wrap = True
    frame.text = ""
    run = frame.paragraphs[0].add_run()
    run.text = td.text
    style_run(run, size, colour, bold, italic)


def clip(text: str, limit: int) -> str:
    """A text cut at a word to fit a cell, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class Story:
    """What every slide function reads: the Review, the steering committee, the theme, the frame."""

    review: Any  # pmo.engine.review.build.Review
    steering: Any  # pmo.engine.steerco.Steering
    theme: Theme
    page: Page
    source: str  # the project file, as the notes name it


def na_box(slide: Any, text: str, top: float = BODY_TOP_IN + 0.2) -> None:
    """The "NA (why)" a slide shows where it has nothing to list."""
    text_box(slide, MARGIN_IN, top, WIDTH_IN - 2 * MARGIN_IN, 0.6, [Td(text, "na")], 16)
