"""The Gantt chart of the report: forecast over baseline bars, the critical path in red.

A big plan stays readable: above `GANTT_LIMIT` bars only summary tasks, milestones and
critical tasks are drawn, and the caption says how many were left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pmo.engine.review.build import Review
from pmo.engine.review.rows import GanttBar
from pmo.render.chart_kit import BLUE, GREY, INK, RED, STYLE, date_axis, day_number, new_figure, png_bytes

GANTT_LIMIT = 60
"""Above this many bars the Gantt keeps summary tasks, milestones and critical tasks only."""


def _rank(bar: GanttBar, top: int) -> int:
    """Which bars a crowded Gantt keeps first (lower first)."""
    if bar.summary and bar.level == top:
        return 0
    if bar.critical:
        return 1 if bar.milestone else 2 if not bar.summary else 3
    return 4 if bar.milestone else 5


def select_bars(
    bars: Sequence[GanttBar], as_of: dt.date | None = None, limit: int = GANTT_LIMIT
) -> tuple[tuple[GanttBar, ...], str]:
    """The bars a readable Gantt shows, in plan order, and a caption saying what was left out.

    Up to `limit` bars, all are shown. Above, only summary tasks, milestones and critical
    tasks; if those are still too many, by rank (top-level summaries, critical milestones,
    critical tasks, critical summaries, other milestones, other summaries), and within a
    rank the open ones closest to the status date first.
    """
    if len(bars) <= limit:
        return tuple(bars), ""
    keep = [b for b in bars if b.summary or b.milestone or b.critical]
    what = "summary tasks, milestones and critical tasks"
    if len(keep) > limit:
        top = min((b.level for b in keep if b.summary), default=0)

        def key(index: int) -> tuple[int, bool, int, int]:
            bar = keep[index]
            distance = abs((bar.finish - as_of).days) if as_of else 0
            return (_rank(bar, top), bar.percent_complete >= 100, distance, index)

        chosen = sorted(range(len(keep)), key=key)[:limit]
        keep = [keep[i] for i in sorted(chosen)]
        what = "top-level summaries, then critical milestones and tasks, open ones nearest the status date first"
    caption = (
        f"The plan has {len(bars):,} bars: this chart shows {len(keep):,} ({what}); "
        f"{len(bars) - len(keep):,} others are left out to keep it readable."
    )
    return tuple(keep), caption


def gantt_png(review: Review) -> bytes | None:
    """The Gantt chart: forecast bars over baseline bars, critical path in red; None without data."""
    bars, _ = select_bars(review.gantt, review.as_of)
    if not bars:
        return None
    from matplotlib import rc_context
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    with rc_context(STYLE):
        figure, axes = new_figure(min(9.6, 1.2 + 0.13 * len(bars)))
        rows = range(len(bars))
        top = min(b.level for b in bars)
        tasks = [(y, b) for y, b in zip(rows, bars, strict=True) if not b.milestone]
        based = [(y, b) for y, b in tasks if b.baseline_start and b.baseline_finish]
        axes.barh(
            [y + 0.3 for y, _ in based],
            [day_number(b.baseline_finish) - day_number(b.baseline_start) + 1 for _, b in based],  # type: ignore[arg-type]
            left=[day_number(b.baseline_start) for _, b in based],  # type: ignore[arg-type]
            height=0.22,
            color=GREY,
            linewidth=0,
        )
        work = [(y, b) for y, b in tasks if not b.summary]
        widths = [day_number(b.finish) - day_number(b.start) + 1 for _, b in work]
        axes.barh(
            [y for y, _ in work],
            widths,
            left=[day_number(b.start) for _, b in work],
            height=0.5,
            color=["#f2c4bf" if b.critical else "#c9daf0" for _, b in work],
            linewidth=0,
        )
        axes.barh(
            [y for y, _ in work],
            [w * min(max(b.percent_complete, 0), 100) / 100 for w, (_, b) in zip(widths, work, strict=True)],
            left=[day_number(b.start) for _, b in work],
            height=0.5,
            color=[RED if b.critical else BLUE for _, b in work],
            linewidth=0,
        )
        summary = [(y, b) for y, b in tasks if b.summary]
        axes.barh(
            [y - 0.05 for y, _ in summary],
            [day_number(b.finish) - day_number(b.start) + 1 for _, b in summary],
            left=[day_number(b.start) for _, b in summary],
            height=0.22,
            color=INK,
            linewidth=0,
        )
        marks = [(y, b) for y, b in zip(rows, bars, strict=True) if b.milestone]
        axes.scatter(
            [day_number(b.finish) for _, b in marks],
            [y for y, _ in marks],
            marker="D",
            s=22,
            zorder=3,
            c=[RED if b.critical else INK for _, b in marks],
        )
        axes.scatter(
            [day_number(b.baseline_finish) for _, b in marks if b.baseline_finish],
            [y for y, b in marks if b.baseline_finish],
            marker="D",
            s=22,
            zorder=2,
            facecolors="none",
            edgecolors="#7b8794",
            linewidths=0.7,
        )
        axes.axvline(day_number(review.as_of), color="#e67e22", linewidth=0.9, linestyle="--", zorder=4)
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
        date_axis(axes.xaxis)
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
        return png_bytes(figure)
