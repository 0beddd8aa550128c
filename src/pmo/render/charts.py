"""The report's charts as PNG images: Gantt, milestone trend, S-curve.

Each chart draws data the Review already holds (`gantt`, `trend`, `curve`) and computes
no figure. Output is deterministic: fixed size and resolution, the DejaVu fonts matplotlib
ships, and no creation time or software name in the PNG metadata. A chart without data
is not drawn: `charts` returns its "NA (why)" text instead of an empty image.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo.engine.review.build import Review
from pmo.render.chart_kit import BLUE, STYLE, date_axis, day_number, new_figure, png_bytes
from pmo.render.gantt import GANTT_LIMIT, gantt_png, select_bars

__all__ = ["GANTT_LIMIT", "Chart", "charts", "curve_png", "gantt_png", "select_bars", "trend_png"]

TREND_LINES = 10
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


def trend_png(review: Review) -> bytes | None:
    """Milestone trend: forecast date (y) at each status date (x), with the diagonal; None without data."""
    drawn = [r for r in review.trend if sum(f is not None for _, f in r.points) > 0]
    reached = {m.id for m in review.milestones if m.status == "done"}
    rows = ([r for r in drawn if r.id not in reached] + [r for r in drawn if r.id in reached])[:TREND_LINES]
    dates = {d for r in rows for d, f in r.points if f is not None}
    if len(dates) < 2:
        return None
    from matplotlib import rc_context

    with rc_context(STYLE):
        figure, axes = new_figure(4.2)
        forecasts = [f for r in rows for _, f in r.points if f is not None]
        ends = [*dates, *forecasts]
        low, high = day_number(min(ends)), day_number(max(ends))
        axes.plot([low, high], [low, high], color="#7b8794", linewidth=0.8, linestyle=":", label="reached (y = x)")
        pad = max(3, (max(dates) - min(dates)).days // 10)
        axes.set_xlim(day_number(min(dates)) - pad, day_number(max(dates)) + pad)  # the status dates, not the plan
        spread = max(7, (max(forecasts) - min(forecasts)).days // 20)
        axes.set_ylim(day_number(min(forecasts)) - spread, day_number(max(forecasts)) + spread)
        for row in rows:
            points = [(day_number(d), day_number(f)) for d, f in row.points if f is not None]
            label = row.name if len(row.name) <= 32 else row.name[:31] + "…"
            axes.plot(
                [x for x, _ in points], [y for _, y in points], marker="o", markersize=3, linewidth=1.2, label=label
            )
        date_axis(axes.xaxis)
        date_axis(axes.yaxis)
        axes.set_xlabel("status date")
        axes.set_ylabel("forecast date")
        axes.grid(color="#e4e7eb", linewidth=0.5)
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=6)
        figure.tight_layout()
        return png_bytes(figure)


def curve_png(review: Review) -> bytes | None:
    """S-curve: planned and actual cumulative percent complete over time; None without data."""
    points = review.curve
    if not points:
        return None
    from matplotlib import rc_context

    with rc_context(STYLE):
        figure, axes = new_figure(3.2)
        axes.plot(
            [day_number(p.date) for p in points],
            [p.planned for p in points],
            color="#7b8794",
            linewidth=1.4,
            linestyle="--",
            label="planned",
        )
        actual = [p for p in points if p.actual is not None]
        axes.plot(
            [day_number(p.date) for p in actual],
            [p.actual for p in actual],
            color=BLUE,
            linewidth=1.8,
            marker="o" if len(actual) < 30 else "",
            markersize=3,
            label="actual",
        )
        axes.axvline(
            day_number(review.as_of),
            color="#e67e22",
            linewidth=0.9,
            linestyle="--",
            label=f"status date {review.as_of.isoformat()}",
        )
        axes.set_ylim(0, 105)
        axes.set_ylabel("cumulative % complete")
        date_axis(axes.xaxis)
        axes.grid(color="#e4e7eb", linewidth=0.5)
        axes.legend(loc="upper left", fontsize=6)
        figure.tight_layout()
        return png_bytes(figure)


def charts(review: Review) -> tuple[Chart, ...]:
    """Every chart of the report, in order, each with its caption or its "NA (why)"."""
    _, gantt_caption = select_bars(review.gantt, review.as_of)
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
