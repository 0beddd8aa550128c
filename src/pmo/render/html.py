"""The status report as one self-contained HTML page: CSS inline, charts as base64 PNG."""

from __future__ import annotations

import base64
import functools

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from pmo.engine.review.build import Review
from pmo.render.layout import Report, layout


def png_uri(data: bytes) -> str:
    """A PNG image as a data URI, so the page needs no other file."""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@functools.cache
def html_environment() -> Environment:
    """The Jinja2 environment of the HTML report (autoescaping on)."""
    env = Environment(
        loader=PackageLoader("pmo.render", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["png"] = png_uri
    return env


def render_layout_html(report: Report) -> str:
    """The HTML of a report already laid out (the PDF renders the same page)."""
    return html_environment().get_template("report.html.j2").render(r=report)


def render_html(review: Review) -> str:
    """The status report of a Review as a self-contained HTML page."""
    return render_layout_html(layout(review))
