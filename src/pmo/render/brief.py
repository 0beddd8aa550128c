"""The weekly brief as Markdown, HTML and plain text (the e-mail's text part).

Renders a `pmo.engine.brief.Brief` and computes nothing: the selection is the engine's.
"""

from __future__ import annotations

from pmo.engine.brief import Brief
from pmo.render.environment import environment
from pmo.render.html import html_environment


def render_brief_markdown(brief: Brief) -> str:
    """The brief as Markdown (also the text part of the e-mail: it reads as plain text)."""
    return environment().get_template("brief.md.j2").render(b=brief)


def render_brief_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page."""
    return html_environment().get_template("brief.html.j2").render(b=brief)


def render_brief(brief: Brief, fmt: str) -> str:
    """The brief in `fmt` (md or html)."""
    return render_brief_html(brief) if fmt == "html" else render_brief_markdown(brief)
