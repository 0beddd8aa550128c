"""The Jinja2 environment shared by the text renderers, with cell formatting filters."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined


def cell_text(value: object) -> str:
    """The text of a Review cell (known, pending or NA); never empty."""
    text = "" if value is None else str(value)
    return text if text.strip() else "NA (no value)"


def md_text(value: object) -> str:
    """Text for Markdown: HTML and emphasis characters escaped, on one line."""
    text = " ".join(str(value).split())
    text = text.replace("<", "&lt;")  # no raw HTML: a tag cannot open
    for char in ("\\", "`", "*", "_", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


def md_cell(value: object) -> str:
    """A cell for a Markdown table: escaped, pipes too, one line."""
    return md_text(cell_text(value)).replace("|", "\\|")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pmo.render", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["cell"] = cell_text
    env.filters["md"] = md_cell
    env.filters["mdtext"] = md_text
    return env
