"""The status report as PDF: WeasyPrint prints the HTML report on A4.

WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
fonts-dejavu-core). The PDF carries no creation date, so the same Review gives the same bytes.
"""

from __future__ import annotations

import logging

from pmo.engine.review.build import Review
from pmo.errors import PmoError
from pmo.render.html import render_layout_html
from pmo.render.layout import Report, layout

MISSING = (
    "the PDF report needs WeasyPrint and the Pango libraries "
    "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)"
)


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
    data: bytes = document.write_pdf()
    return data


def render_pdf(review: Review) -> bytes:
    """The status report of a Review as PDF bytes (A4)."""
    return render_layout_pdf(layout(review))
