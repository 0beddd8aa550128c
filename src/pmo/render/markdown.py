"""The status report as Markdown (charts linked as PNG files written beside it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pmo.engine.review.build import Review
from pmo.render.charts import Chart
from pmo.render.environment import environment
from pmo.render.report_parts import options_table, shown_delays


def render_markdown(review: Review, charts: Sequence[Chart] = (), links: Mapping[str, str] | None = None) -> str:
    """The Markdown status report of a Review; `links` names the PNG file of each drawn chart."""
    delays, delays_note = shown_delays(review)
    return environment().get_template("report.md.j2").render(r=review, charts=charts, links=links or {},
                                                                recovery=options_table(review.findings),
                                                                delays=delays, delays_note=delays_note)
