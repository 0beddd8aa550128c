"""The steering committee deck (PPTX, python-pptx): one story from the verdict to the next date.

`render_deck` lays out a Review and the steering committee it is made for
(`pmo.engine.steerco.Steering`) on 16:9 slides, in this order: the cover, the executive
summary and verdict, the decisions requested, the milestones, the milestone trend (a
native line chart), the schedule and critical path, the delay files, the top risks and
issues, finance (a native column chart), what changed since the last steering committee,
the actions it decided, the next steps and the next date. Tables and charts are native
(editable); every slide carries speaker notes naming the source of each figure; no cell
is blank ("Investigation ongoing (who, by when)" or "NA (why)" instead). The file is
deterministic: fixed core properties and fixed dates inside the ZIP.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from pmo.engine.review.build import Review
from pmo.engine.steerco import Steering
from pmo.render.deck.kit import Page, Story, new_presentation
from pmo.render.deck.opening import decisions_slide, summary_slide, title_slide
from pmo.render.deck.plan import delay_slide, milestones_slide, schedule_slide, trend_slide
from pmo.render.deck.registers import actions_slide, changes_slide, finance_slide, next_slide, risks_slide
from pmo.render.deck.theme import Theme

SLIDES = (
    title_slide, summary_slide, decisions_slide, milestones_slide, trend_slide, schedule_slide, delay_slide,
    risks_slide, finance_slide, changes_slide, actions_slide, next_slide,
)
"""The story, slide by slide."""


def render_deck(review: Review, steering: Steering, theme: Theme | None = None, source: str = "") -> bytes:
    """The deck as PPTX bytes; `source` names the project file in the speaker notes."""
    theme = theme or Theme()
    meeting = (f"Steering committee of {steering.meeting.date.isoformat()}" if steering.meeting
               else "Steering committee (no date planned)")
    page = Page(review.project.name, review.project.key, meeting, review.as_of.isoformat())
    story = Story(review, steering, theme, page, source or "the project file")
    deck = new_presentation()
    for slide in SLIDES:
        slide(deck, story)
    _properties(deck, review, meeting)
    buffer = io.BytesIO()
    deck.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _properties(deck: Any, review: Review, meeting: str) -> None:
    when = dt.datetime.combine(review.as_of, dt.time(12))
    core = deck.core_properties
    core.title = f"{review.project.name}: {meeting}"
    core.subject = f"Status at {review.as_of.isoformat()}"
    core.author = "pmo"
    core.last_modified_by = "pmo"
    core.created = when
    core.modified = when
    core.revision = 1


def _fixed_zip(data: bytes, workbook: bool = False) -> bytes:
    """The same ZIP with a fixed date on every entry, so the same Review gives the same bytes.

    The charts' embedded workbooks (their data, as Excel files) are ZIPs too, stamped with the
    time they were written: their entries and their created/modified times are fixed the same way.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith(".xlsx"):
                content = _fixed_zip(content, workbook=True)
            elif workbook and item.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            info = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


__all__ = ["SLIDES", "Theme", "render_deck"]
