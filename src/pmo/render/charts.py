"""The report's charts as PNG images: Gantt, milestone trend, S-curve.

Each chart draws data the Review already holds (`gantt`, `trend`, `curve`) and computes
no figure. Output is deterministic: fixed size and resolution, the DejaVu fonts matplotlib
ships, and no creation time or software name in the PNG metadata. A chart without data
is not drawn: `charts` returns its "NA (why)" text instead of an empty image.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pmo.engine.review import Review
from pmo.engine.review_rows import GanttBar

EPOCH = dt.date(1970, 1, 1)
GANTT_LIMIT = 60
"""Above this many bars the Gantt keeps summary tasks, milestones and critical tasks only."""
DPI = 150
WIDTH_IN = 7.0
TREND_LINES = 10
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
GANTT_NA = "NA (the plan has no dated task to draw)"
TREND_NA = "NA (the trend needs forecasts from two status dates or more; pmo keeps one per report)"
CURVE_NA = "NA (no planned progress over time: tasks need dates and durations)"


@dataclass(frozen=True)
class Chart:
    """One chart of the report: its image, or the "NA (why)" text that replaces it."""

    key: str
    title: str
    png: bytes | None
    caption: str
    na: str = ""


def _figure(height_in: float) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _num(day: dt.date) -> float:
    """Matplotlib's date number (days since its default epoch, 1970-01-01)."""
    return float((day - EPOCH).days)


def _date_axis(axis: Any) -> None:
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


def select_bars(bars: Sequence[GanttBar], limit: int = GANTT_LIMIT) -> tuple[tuple[GanttBar, ...], str]:
    """The bars a readable Gantt shows, in plan order, and a caption saying what was left out."""
    if len(bars) <= limit:
        return tuple(bars), ""
    keep = [b for b in bars if b.summary or b.milestone or b.critical]
    what = "summary tasks, milestones and critical tasks"
    if len(keep) > limit:
        top = min((b.level for b in keep if b.summary), default=0)

        def rank(bar: GanttBar) -> int:
            if bar.summary and bar.level == top:
                return 0
            return 1 if bar.milestone else 2 if bar.critical else 3

        order = sorted(range(len(keep)), key=lambda i: (rank(keep[i]), i))[:limit]
        keep = [keep[i] for i in sorted(order)]
        what = "top-level summaries first, then milestones, critical tasks and lower summaries"
    caption = (
        f"The plan has {len(bars):,} bars: this chart shows {len(keep):,} ({what}); "
        f"{len(bars) - len(keep):,} others are left out to keep it readable."
    )
    return tuple(keep), caption


def gantt_png(review: Review) -> bytes | None:
    """The Gantt chart: forecast bars over baseline bars, critical path in red; None without data."""
    bars, _ = select_bars(review.gantt)
    if not bars:
        return None
    from matplotlib import rc_context
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    with rc_context(STYLE):
        figure, axes = _figure(min(9.6, 1.2 + 0.13 * len(bars)))
        rows = range(len(bars))
        top = min(b.level for b in bars)
        tasks = [(y, b) for y, b in zip(rows, bars, strict=True) if not b.milestone]
        based = [(y, b) for y, b in tasks if b.baseline_start and b.baseline_finish]
        axes.barh(
            [y + 0.3 for y, _ in based],
            [_num(b.baseline_finish) - _num(b.baseline_start) + 1 for _, b in based],  # type: ignore[arg-type]
            left=[_num(b.baseline_start) for _, b in based],  # type: ignore[arg-type]
            height=0.22,
            color=GREY,
            linewidth=0,
        )
        work = [(y, b) for y, b in tasks if not b.summary]
        widths = [_num(b.finish) - _num(b.start) + 1 for _, b in work]
        axes.barh(
            [y for y, _ in work],
            widths,
            left=[_num(b.start) for _, b in work],
            height=0.5,
            color=["#f2c4bf" if b.critical else "#c9daf0" for _, b in work],
            linewidth=0,
        )
        axes.barh(
            [y for y, _ in work],
            [w * min(max(b.percent_complete, 0), 100) / 100 for w, (_, b) in zip(widths, work, strict=True)],
            left=[_num(b.start) for _, b in work],
            height=0.5,
            color=[RED if b.critical else BLUE for _, b in work],
            linewidth=0,
        )
        summary = [(y, b) for y, b in tasks if b.summary]
        axes.barh(
            [y - 0.05 for y, _ in summary],
            [_num(b.finish) - _num(b.start) + 1 for _, b in summary],
            left=[_num(b.start) for _, b in summary],
            height=0.22,
            color=INK,
            linewidth=0,
        )
        marks = [(y, b) for y, b in zip(rows, bars, strict=True) if b.milestone]
        axes.scatter(
            [_num(b.finish) for _, b in marks],
            [y for y, _ in marks],
            marker="D",
            s=22,
            zorder=3,
            c=[RED if b.critical else INK for _, b in marks],
        )
        axes.scatter(
            [_num(b.baseline_finish) for _, b in marks if b.baseline_finish],
            [y for y, b in marks if b.baseline_finish],
            marker="D",
            s=22,
            zorder=2,
            facecolors="none",
            edgecolors="#7b8794",
            linewidths=0.7,
        )
        axes.axvline(_num(review.as_of), color="#e67e22", linewidth=0.9, linestyle="--", zorder=4)
        labels = ["  " * (b.level - top) + (b.name if len(b.name) <= 40 else b.name[:39] + "…") for b in bars]
        axes.set_yticks(list(rows), labels, fontsize=6 if len(bars) > 30 else 7)
        for tick, bar in zip(axes.get_yticklabels(), bars, strict=True):
            if bar.summary:
                tick.set_fontweight("bold")
            if bar.critical:
                tick.set_color(RED)
        axes.set_ylim(len(bars) - 0.4, -0.8)
        axes.tick_params(axis="y", length=0)
        axes.tick_params(axis="x", labeltop=len(bars) > 30)
        axes.grid(axis="x", color="#e4e7eb", linewidth=0.5)
        axes.set_axisbelow(True)
        _date_axis(axes.xaxis)
        figure.legend(
            handles=[
                Patch(color=BLUE, label="done"),
                Patch(color="#c9daf0", label="to do"),
                Patch(color=RED, label="critical"),
                Patch(color=GREY, label="baseline"),
                Patch(color=INK, label="summary"),
                Line2D([], [], marker="D", color=INK, linestyle="", markersize=4, label="milestone"),
                Line2D([], [], color="#e67e22", linestyle="--", label="status date"),
            ],
            loc="lower center",
            ncol=7,
            fontsize=6,
            handlelength=1.4,
            columnspacing=1.4,
        )
        figure.tight_layout(rect=(0, 0.28 / figure.get_figheight(), 1, 1))
        return _png(figure)


def trend_png(review: Review) -> bytes | None:
    """Milestone trend: forecast date (y) at each status date (x), with the diagonal; None without data."""
    rows = [r for r in review.trend if sum(f is not None for _, f in r.points) > 0][:TREND_LINES]
    dates = {d for r in rows for d, f in r.points if f is not None}
    if len(dates) < 2:
        return None
    from matplotlib import rc_context

    with rc_context(STYLE):
        figure, axes = _figure(4.2)
        ends = [*dates, *(f for r in rows for _, f in r.points if f is not None)]
        low, high = _num(min(ends)), _num(max(ends))
        axes.plot([low, high], [low, high], color="#7b8794", linewidth=0.8, linestyle=":", label="reached (y = x)")
        for row in rows:
            points = [(_num(d), _num(f)) for d, f in row.points if f is not None]
            label = row.name if len(row.name) <= 32 else row.name[:31] + "…"
            axes.plot(
                [x for x, _ in points], [y for _, y in points], marker="o", markersize=3, linewidth=1.2, label=label
            )
        _date_axis(axes.xaxis)
        _date_axis(axes.yaxis)
        axes.set_xlabel("status date")
        axes.set_ylabel("forecast date")
        axes.grid(color="#e4e7eb", linewidth=0.5)
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=6)
        figure.tight_layout()
        return _png(figure)


def curve_png(review: Review) -> bytes | None:
    """S-curve: planned and actual cumulative percent complete over time; None without data."""
    points = review.curve
    if not points:
        return None
    from matplotlib import rc_context

    with rc_context(STYLE):
        figure, axes = _figure(3.2)
        axes.plot(
            [_num(p.date) for p in points],
            [p.planned for p in points],
            color="#7b8794",
            linewidth=1.4,
            linestyle="--",
            label="planned",
        )
        actual = [p for p in points if p.actual is not None]
        axes.plot(
            [_num(p.date) for p in actual],
            [p.actual for p in actual],
            color=BLUE,
            linewidth=1.8,
            marker="o" if len(actual) < 30 else "",
            markersize=3,
            label="actual",
        )
        axes.axvline(
            _num(review.as_of),
            color="#e67e22",
            linewidth=0.9,
            linestyle="--",
            label=f"status date {review.as_of.isoformat()}",
        )
        axes.set_ylim(0, 105)
        axes.set_ylabel("cumulative % complete")
        _date_axis(axes.xaxis)
        axes.grid(color="#e4e7eb", linewidth=0.5)
        axes.legend(loc="upper left", fontsize=6)
        figure.tight_layout()
        return _png(figure)


def charts(review: Review) -> tuple[Chart, ...]:
    """Every chart of the report, in order, each with its caption or its "NA (why)"."""
    _, gantt_caption = select_bars(review.gantt)
    gantt = gantt_png(review)
    trend = trend_png(review)
    curve = curve_png(review)
    more = len([r for r in review.trend if any(f is not None for _, f in r.points)]) - TREND_LINES
    return (
        Chart(
            "gantt",
            "Gantt chart",
            gantt,
            gantt_caption or "Forecast bars (darker part done) over baseline bars; critical path in red.",
            "" if gantt else GANTT_NA,
        ),
        Chart(
            "trend",
            "Milestone trend",
            trend,
            "Each line is one milestone's forecast at each status date; a line rising means a slip, "
            "a line meeting the diagonal means the milestone was reached."
            + (f" {more} more milestone(s) are left out." if more > 0 else ""),
            "" if trend else TREND_NA,
        ),
        Chart(
            "curve",
            "Progress S-curve",
            curve,
            "Planned against actual cumulative percent complete.",
            "" if curve else CURVE_NA,
        ),
    )
