"""The opening of the deck: the title, the executive summary and verdict, the decisions requested."""

from __future__ import annotations

from typing import Any

from pmo.render.deck.kit import (
    HEIGHT_IN,
    MARGIN_IN,
    WIDTH_IN,
    Story,
    add_logo,
    add_slide,
    add_table,
    clip,
    inches,
    na_box,
    rgb,
    set_notes,
    style_run,
    text_box,
)
from pmo.render.deck.theme import FILLS, INK, WHITE
from pmo.render.environment import cell_text
from pmo.render.report_parts import Td, rag_tone, td


def title_slide(deck: Any, story: Story) -> None:
    """The cover: the project, the meeting, the status date and the overall verdict."""
    from pptx.enum.shapes import MSO_SHAPE

    review, theme, page = story.review, story.theme, story.page
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    background = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, inches(WIDTH_IN * 0.64), inches(HEIGHT_IN))
    background.fill.solid()
    background.fill.fore_color.rgb = rgb(theme.primary)
    background.line.fill.background()
    strip = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, inches(WIDTH_IN * 0.64), 0, inches(0.12), inches(HEIGHT_IN))
    strip.fill.solid()
    strip.fill.fore_color.rgb = rgb(theme.accent)
    strip.line.fill.background()
    spTree = slide.shapes._spTree  # the placeholders drawn above the background
    for placeholder in slide.placeholders:
        spTree.remove(placeholder._element)
        spTree.append(placeholder._element)
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = inches(0.7), inches(2.0), inches(7.4), inches(2.2)
    title.text_frame.word_wrap = True
    title.text_frame.text = review.project.name
    for paragraph in title.text_frame.paragraphs:
        from pptx.enum.text import PP_ALIGN

        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            style_run(run, 34, WHITE, bold=True)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = inches(0.7), inches(4.4), inches(7.4), inches(1.2)
    subtitle.text_frame.text = page.meeting
    paragraph = subtitle.text_frame.add_paragraph()
    paragraph.text = f"Status at {page.as_of}  ·  project {page.key}"
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            style_run(run, 18, "DCE6F0")
    text_box(slide, 0.7, 1.4, 7.0, 0.4, ["STEERING COMMITTEE"], 13, "A8C5DD", bold=True)
    add_logo(slide, theme, WIDTH_IN - 4.2, 0.8, 3.2, 1.6)
    rating = review.rating
    tone = rag_tone(rating.colour)
    badge = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, inches(WIDTH_IN - 4.2), inches(3.3), inches(3.2),
                                   inches(1.0))
    badge.fill.solid()
    badge.fill.fore_color.rgb = rgb(FILLS.get(tone, FILLS["na"]))
    badge.line.fill.background()
    frame = badge.text_frame
    frame.text = f"Overall {rating.label}"
    for run in frame.paragraphs[0].runs:
        style_run(run, 22, INK if tone == "amber" else WHITE, bold=True)
    text_box(slide, WIDTH_IN - 4.2, 4.45, 3.2, 1.6, [clip(cell_text(rating.rule), 120)], 12, INK)
    author = next((cell_text(f.value) for f in review.header if f.label.lower() == "report author"), "NA")
    text_box(slide, WIDTH_IN - 4.2, HEIGHT_IN - 0.9, 3.4, 0.5, [f"Prepared by {author}"], 11, "52606D")
    set_notes(slide, [
        f"Project name and key: {story.source} (project header).",
        f"Meeting: {story.steering.meeting.origin if story.steering.meeting else 'no steering committee planned'}.",
        f"Status date {page.as_of}: the date the figures are taken at (project header or --status-date).",
        f"Overall {rating.label}: the RAG rules of the Review ({cell_text(rating.rule)}); see the status report, "
        "Status by dimension.",
        f"Colours and logo: {theme.origin}.",
    ])


def summary_slide(deck: Any, story: Story) -> None:
    """The verdict by dimension and the executive summary, each line a figure of the Review."""
    review = story.review
    title = f"Overall {review.rating.label}: {clip(cell_text(review.rating.rule), 70)}"
    slide = add_slide(deck, story.theme, story.page, title, "Executive summary and verdict", [
        f"Ratings: the RAG rules of the Review at {review.as_of.isoformat()} (docs/report.md, RAG rules), from the "
        f"schedule engine, the earned value figures and the registers of {story.source}.",
        *(f"{r.dimension.capitalize()} {r.label}: {cell_text(r.rule)}" for r in review.ratings),
        "Summary lines: the Review's executive summary (commitments from the project header, forecasts from the "
        "schedule engine and the Monte Carlo forecast, earned value from the task budgets and actual costs).",
    ])
    rows = [(Td(r.dimension.capitalize()), Td(r.label, rag_tone(r.colour)), Td(clip(cell_text(r.rule), 95)))
            for r in review.ratings]
    add_table(slide, story.theme, ("Dimension", "Status", "Rule that produced it"), rows, MARGIN_IN, 1.5,
              (1.4, 1.15, 3.95), size=11, badge=1)
    figures = {f.id: f for f in review.figures}
    tiles = [(label, figures[key]) for key, label in KEY_FIGURES if key in figures]
    for index, (label, figure) in enumerate(tiles):
        _tile(slide, story, MARGIN_IN + index * 1.66, 4.8, label, clip(cell_text(figure.value), 18))
    lines = [clip(line, 175) for line in review.summary[1:8]] or ["NA (no summary line)"]
    text_box(slide, 7.35, 1.45, WIDTH_IN - 7.35 - MARGIN_IN, 5.4, lines, 13, bullets=True)
    set_notes(slide, [*slide.notes_slide.notes_text_frame.text.split("\n"),
                      *(f"Tile {label}: the figure '{figure.label}' ({figure.help})" for label, figure in tiles)])


KEY_FIGURES = (("finish-variance", "Finish variance"), ("spi", "SPI"), ("cpi", "CPI"),
               ("overdue-actions", "Overdue actions"))
"""The key figures under the verdict, by stable id (docs/figures.md), with their tile label."""


def _tile(slide: Any, story: Story, left: float, top: float, label: str, value: str) -> None:
    """A key figure: its value large over its label, on a light card with the accent on top."""
    from pptx.enum.shapes import MSO_SHAPE

    card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, inches(left), inches(top), inches(1.56), inches(1.25))
    card.fill.solid()
    card.fill.fore_color.rgb = rgb("F4F6F9")
    card.line.fill.background()
    card.shadow.inherit = False
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, inches(left), inches(top), inches(1.56), inches(0.06))
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(story.theme.accent)
    bar.line.fill.background()
    text_box(slide, left + 0.05, top + 0.15, 1.46, 0.6, [value.split(" (")[0]], 20, story.theme.primary, bold=True)
    text_box(slide, left + 0.05, top + 0.8, 1.46, 0.35, [label], 10, "52606D")


def decisions_slide(deck: Any, story: Story) -> None:
    """The decisions put to the committee: question, options, recommendation, who decides, by when."""
    requests = story.steering.decisions
    count = len(requests)
    title = f"{count} decision{'s' if count != 1 else ''} requested" if count else "No decision requested"
    slide = add_slide(deck, story.theme, story.page, title, "Decisions requested", [
        f"Decisions: the proposed decisions of the decision register ({story.source}), in register order.",
        *(f"{d.id}: {d.source}; options and recommendation as written in the register "
          f"({cell_text(d.recommendation)})." for d in requests),
        "A blank recommendation shows as Investigation ongoing (who, by when): the decision maker, else the "
        "project manager, by the steering committee.",
    ])
    if not requests:
        na_box(slide, "NA (no decision is awaited: the register holds no proposed decision)")
        return
    rows = [(Td(f"{d.id} {clip(d.question, 110)}"), td(d.options), td(d.recommendation), td(d.decider),
             td(d.needed_by)) for d in requests[:6]]
    add_table(slide, story.theme, ("Decision requested", "Options", "Recommendation", "Decides", "Needed by"),
              rows, MARGIN_IN, 1.55, (4.0, 2.8, 2.6, 1.5, 1.43), size=11)
