"""What the report's charts share: size, resolution, style, PNG output, date axes.

Output is deterministic: fixed size and resolution, the DejaVu fonts matplotlib ships,
no creation time or software name in the PNG metadata. matplotlib is imported lazily.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

EPOCH = dt.date(1970, 1, 1)
DPI = 150
WIDTH_IN = 7.0
BLUE, RED, GREY, INK = "#2f6db5", "#c0392b", "#b8bec6", "#1f2933"
STYLE: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.edgecolor": "#9aa5b1",
    "axes.linewidth": 0.6,
    "axes.titlesize": 8,
    "xtick.color": "#3e4c59",
    "ytick.color": "#3e4c59",
    "legend.frameon": False,
    "svg.hashsalt": "pmo",
}


def new_figure(height_in: float) -> tuple[Any, Any]:
    """A figure of the report's width and `height_in` inches, with one plain axes."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def png_bytes(figure: Any) -> bytes:
    """The figure as PNG bytes, without the software name in the metadata."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def day_number(day: dt.date) -> float:
    """Matplotlib's date number (days since its default epoch, 1970-01-01)."""
    return float((day - EPOCH).days)


def date_axis(axis: Any) -> None:
    """Date ticks that name the year at its first tick and hide matplotlib's offset text."""
    import matplotlib.dates

    dates: Any = matplotlib.dates
    locator = dates.AutoDateLocator(minticks=4, maxticks=9)
    axis.set_major_locator(locator)
    axis.set_major_formatter(
        dates.ConciseDateFormatter(
            locator,
            formats=["%Y", "%b", "%d", "%H:%M", "%H:%M", "%S"],
            zero_formats=["", "%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M"],
            show_offset=False,
        )
    )
