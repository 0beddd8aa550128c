"""Notes and free text as sanitised HTML: Markdown rendered by markdown-it, cleaned by nh3.

Raw HTML in a note is escaped by the renderer and anything left is cleaned by nh3's allow
list, so a script in a note is text, never code.
"""

from __future__ import annotations

import functools

import nh3
from markdown_it import MarkdownIt


@functools.cache
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def to_html(text: str) -> str:
    """Safe HTML for a Markdown text."""
    return nh3.clean(_renderer().render(text or ""), link_rel="noopener noreferrer nofollow")
