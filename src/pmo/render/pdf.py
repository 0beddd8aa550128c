"""The status report as PDF: WeasyPrint prints the HTML report on A4.

WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
fonts-dejavu-core). The PDF carries no creation date, so the same Review gives the same bytes.
"""

from __future__ import annotations

import logging

from pmo.engine.review import Review
from pmo.render.html import render_layout_html
from pmo.render.layout import Report, layout


def render_layout_pdf(report: Report) -> bytes:
    """The PDF of a report already laid out."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=render_layout_html(report), base_url=".")
    data: bytes = document.write_pdf()
    return data


def render_pdf(review: Review) -> bytes:
    """The status report of a Review as PDF bytes (A4)."""
    return render_layout_pdf(layout(review))
