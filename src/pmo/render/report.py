"""Every format of the status report from one Review, laying it out and drawing charts once."""

from __future__ import annotations

from collections.abc import Sequence

from pmo.engine.review.build import Review

FORMATS = ("md", "html", "pdf", "docx")
"""The report's formats, in the order `pmo report --format` lists them."""


def render_report(review: Review, formats: Sequence[str] = FORMATS, stem: str = "report") -> dict[str, str | bytes]:
    """Each asked format's document: text for md and html, bytes for pdf and docx.

    The Markdown report links its charts as PNG files named ``{stem}.{chart}.png``; they
    come back as extra entries keyed ``{chart}.png``. Raises ValueError for a format not
    in `FORMATS`. The charts are drawn once for all formats.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(map(repr, unknown))} (known: {', '.join(FORMATS)})")
    from pmo.render.charts import charts

    drawn = charts(review)
    documents: dict[str, str | bytes] = {}
    if "md" in formats:
        from pmo.render.markdown import render_markdown

        links = {chart.key: f"{stem}.{chart.key}.png" for chart in drawn if chart.png}
        documents["md"] = render_markdown(review, drawn, links)
    if set(formats) & {"html", "pdf", "docx"}:
        from pmo.render.layout import layout

        report = layout(review, drawn)
        if "html" in formats:
            from pmo.render.html import render_layout_html

            documents["html"] = render_layout_html(report)
        if "pdf" in formats:
            from pmo.render.pdf import render_layout_pdf

            documents["pdf"] = render_layout_pdf(report)
        if "docx" in formats:
            from pmo.render.docx import render_layout_docx

            documents["docx"] = render_layout_docx(report, review.as_of)
    result = {f: documents[f] for f in dict.fromkeys(formats)}
    if "md" in formats:
        result.update({f"{chart.key}.png": chart.png for chart in drawn if chart.png})
    return result
