"""The deck's native charts (editable in PowerPoint and Impress): the milestone trend and the finance columns.

A chart is drawn only from data the Review holds; without data the slide says "NA (why)"
instead of showing an empty chart. Dates are plotted as spreadsheet day numbers (days
since 1899-12-30) with a date number format, so the axis reads as dates.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from typing import Any

from pmo.engine.review.build import Review
from pmo.engine.review.rows import TrendRow
from pmo.render.deck.kit import inches, rgb
from pmo.render.deck.theme import FONT, MUTED, RULE, Theme

SHEET_EPOCH = dt.date(1899, 12, 30)
TREND_LINES = 6
FINANCE_BARS = (("bac", "Budget (BAC)"), ("pv", "Planned value"), ("ev", "Earned value"), ("ac", "Actual cost"),
                ("eac", "Forecast (EAC)"))
"""The figures of the finance chart, by their stable id (docs/figures.md), with their column label."""


def sheet_day(day: dt.date) -> int:
    """A date as a spreadsheet serial number."""
    return (day - SHEET_EPOCH).days


def trend_rows(review: Review) -> list[TrendRow]:
    """The milestones the trend chart draws: open ones with a forecast at two status dates or more, first."""
    reached = {m.id for m in review.milestones if m.status == "done"}
    drawn = [r for r in review.trend if r.id not in reached and sum(f is not None for _, f in r.points) >= 2]
    return drawn[:TREND_LINES]


def add_trend_chart(slide: Any, theme: Theme, rows: Sequence[TrendRow], box: tuple[float, ...]) -> Any:
    """Milestone trend: one line per milestone, its forecast (y) at each status date (x)."""
    chart_data: Any = importlib.import_module("pptx.chart.data")  # python-pptx has no type hints
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE

    dates = sorted({d for r in rows for d, _ in r.points})
    data = chart_data.CategoryChartData(number_format="yyyy-mm-dd")
    data.categories = [d.isoformat() for d in dates]
    for row in rows:
        forecast = dict(row.points)
        values = [sheet_day(f) if (f := forecast.get(d)) is not None else None for d in dates]
        name = f"{row.id} {row.name}"
        data.add_series(name if len(name) <= 30 else name[:29] + "…", values, number_format="yyyy-mm-dd")
    left, top, width, height = box
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, inches(left), inches(top), inches(width),
                                   inches(height), data).chart
    chart.has_title = False
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    _font(chart.legend.font, 10)
    forecasts = [f for r in rows for _, f in r.points if f is not None]
    axis = chart.value_axis
    axis.minimum_scale = sheet_day(min(forecasts)) - 7
    axis.maximum_scale = sheet_day(max(forecasts)) + 7
    axis.tick_labels.number_format = "d mmm yy"
    axis.tick_labels.number_format_is_linked = False
    axis.major_gridlines.format.line.color.rgb = rgb(RULE)
    axis.format.line.fill.background()
    _font(axis.tick_labels.font, 10)
    _font(chart.category_axis.tick_labels.font, 10)
    colours = theme.series
    for index, series in enumerate(chart.plots[0].series):
        colour = rgb(colours[index % len(colours)])
        series.format.line.color.rgb = colour
        series.format.line.width = inches(0.03)
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 7
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = colour
        series.marker.format.line.color.rgb = colour
    return chart


def finance_values(review: Review) -> list[tuple[str, float]]:
    """(column label, amount) of the finance figures the Review knows, in `FINANCE_BARS` order."""
    numbers = {f.id: f.number for f in review.figures if f.number is not None}
    return [(label, numbers[key]) for key, label in FINANCE_BARS if key in numbers]


def add_finance_chart(slide: Any, theme: Theme, values: Sequence[tuple[str, float]], currency: str,
                      box: tuple[float, ...]) -> Any:
    """Budget, planned value, earned value, actual cost and the estimate at completion, as columns."""
    chart_data: Any = importlib.import_module("pptx.chart.data")  # python-pptx has no type hints
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION

    data = chart_data.CategoryChartData(number_format="#,##0")
    data.categories = [label for label, _ in values]
    data.add_series(f"Amount ({currency})", [round(v) for _, v in values])
    left, top, width, height = box
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, inches(left), inches(top), inches(width),
                                   inches(height), data).chart
    chart.has_legend = False
    chart.has_title = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = '#,##0,"k"'
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    _font(labels.font, 10)
    series = plot.series[0]
    for index, (label, _) in enumerate(values):
        point = series.points[index]
        point.format.fill.solid()
        colour = theme.accent if label.startswith(("Forecast", "Actual")) else theme.primary
        point.format.fill.fore_color.rgb = rgb(colour)
    axis = chart.value_axis
    axis.tick_labels.number_format = '#,##0,"k"'
    axis.tick_labels.number_format_is_linked = False
    axis.major_gridlines.format.line.color.rgb = rgb(RULE)
    axis.minimum_scale = 0
    _font(axis.tick_labels.font, 10)
    _font(chart.category_axis.tick_labels.font, 11)
    return chart


def _font(font: Any, size: float) -> None:
    from pptx.util import Pt

    font.name = FONT
    font.size = Pt(size)
    font.color.rgb = rgb(MUTED)

