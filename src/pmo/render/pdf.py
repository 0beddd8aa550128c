"""The status report as PDF: WeasyPrint prints the HTML report on A4.

WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
fonts-dejavu-core). The PDF carries no creation date, so the same Review gives the same bytes.
Without HarfBuzz-Subset, WeasyPrint subsets the fonts with fontTools, which stamps each font's
`head.modified` with the clock unless SOURCE_DATE_EPOCH is set: we set it to the report's
as-of date while printing, so the bytes stay the same on either path.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from pmo.engine.review.build import Review
from pmo.errors import PmoError
from pmo.render.html import render_layout_html
from pmo.render.layout import Report, layout

MISSING = (
    "the PDF report needs WeasyPrint and the Pango libraries "
    "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)"
)


_EPOCH_LOCK = threading.Lock()


class PdfUnavailable(PmoError):
    """WeasyPrint or the system libraries it loads are missing."""


def pdf_available() -> str | None:
    """None when PDFs can be made here, else why not (with what to install)."""
    try:
        import weasyprint  # noqa: F401 - loading it loads Pango
    except (ImportError, OSError) as exc:
        return f"{MISSING}: {exc}"
    return None


def render_layout_pdf(report: Report) -> bytes:
    """The PDF of a report already laid out; `PdfUnavailable` when WeasyPrint cannot load."""
    problem = pdf_available()
    if problem:
        raise PdfUnavailable(problem)
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=render_layout_html(report), base_url=".")
    with _source_date(report.as_of):
        data: bytes = document.write_pdf()
    return data


@contextmanager
def _source_date(as_of: str) -> Iterator[None]:
    """SOURCE_DATE_EPOCH at midnight UTC of the as-of date, unless the caller set one already.

    fontTools reads it when it saves a subset font (reproducible-builds.org convention).
    """
    with _EPOCH_LOCK:
        if "SOURCE_DATE_EPOCH" in os.environ:
            yield
            return
        midnight = datetime.combine(date.fromisoformat(as_of), datetime.min.time(), UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
        try:
            yield
        finally:
            del os.environ["SOURCE_DATE_EPOCH"]


def render_pdf(review: Review) -> bytes:
    """The status report of a Review as PDF bytes (A4)."""
    return render_layout_pdf(layout(review))
