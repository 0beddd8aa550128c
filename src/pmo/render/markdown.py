"""The status report as Markdown."""

from __future__ import annotations

from pmo.engine.review import Review
from pmo.render.environment import environment


def render_markdown(review: Review) -> str:
    """The Markdown status report of a Review."""
    return environment().get_template("report.md.j2").render(r=review)
