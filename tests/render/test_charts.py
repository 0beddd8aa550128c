"""Charts: deterministic PNGs of the Review's chart data, "NA (why)" without data, a readable big Gantt."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from PIL import Image

from pmo.engine.review.build import Review
from pmo.render.charts import GANTT_LIMIT, charts, curve_png, gantt_png, select_bars, trend_png
from render.report_fixture import bar, chart_review, sparse_review

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def review() -> Review:
    return chart_review()  # type: ignore[no-any-return]


@pytest.mark.parametrize("draw", [gantt_png, trend_png, curve_png], ids=["gantt", "trend", "curve"])
def test_each_chart_is_a_deterministic_png_without_metadata(review: Review, draw: object) -> None:
    first = draw(review)  # type: ignore[operator]
    assert first is not None and first.startswith(PNG)
    assert draw(review) == first  # type: ignore[operator]
    image = Image.open(io.BytesIO(first))
    assert image.size[0] == 1050  # 7 in at 150 dpi
    assert not {"Software", "Creation Time", "date:create"} & set(image.info)


def test_charts_without_data_say_na_and_why() -> None:
    empty = dataclasses.replace(sparse_review(), gantt=(), trend=(), curve=())
    listed = charts(empty)
    assert [c.key for c in listed] == ["gantt", "trend", "curve"]
    for chart in listed:
        assert chart.png is None
        assert chart.na.startswith("NA (") and chart.na.endswith(")")


def test_a_trend_needs_two_status_dates(review: Review) -> None:
    single = tuple(dataclasses.replace(r, points=r.points[-1:]) for r in review.trend)
    assert trend_png(dataclasses.replace(review, trend=single)) is None


def test_charts_with_data_have_captions_and_no_na(review: Review) -> None:
    for chart in charts(review):
        assert chart.png and chart.caption and not chart.na


def big_plan(tasks: int) -> tuple:  # type: ignore[type-arg]
    bars = []
    day = dt.date(2026, 1, 5)
    for phase in range(10):
        bars.append(bar(f"P{phase}", 0, day, day + dt.timedelta(days=300), summary=True))
        for k in range(tasks // 10 - 1):
            start = day + dt.timedelta(days=k % 280)
            bars.append(
                bar(
                    f"T{phase}.{k}",
                    1,
                    start,
                    start + dt.timedelta(days=5),
                    milestone=k % 100 == 0,
                    critical=k % 40 == 1,
                )
            )
    return tuple(bars)


def test_a_big_gantt_keeps_summaries_milestones_and_critical_tasks_and_says_so() -> None:
    bars = big_plan(5000)
    shown, caption = select_bars(bars)
    assert len(shown) <= GANTT_LIMIT
    assert {b.id for b in shown if b.summary} == {f"P{p}" for p in range(10)}
    assert all(b.summary or b.milestone or b.critical for b in shown)
    assert list(shown) == [b for b in bars if b in shown], "plan order is kept"
    assert "5,000 bars" in caption and "left out" in caption


def test_a_small_gantt_shows_every_bar() -> None:
    bars = big_plan(50)
    assert select_bars(bars) == (bars, "")


def test_a_big_gantt_draws_a_readable_png() -> None:
    """5,000 bars give a PNG of the selected bars (how fast: bench/bench_report.py)."""
    review = dataclasses.replace(sparse_review(), gantt=big_plan(5000))
    png = gantt_png(review)
    assert png and png.startswith(PNG)
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
    small = gantt_png(dataclasses.replace(review, gantt=select_bars(review.gantt, review.as_of)[0]))
    assert small == png, "the chart draws the selected bars, not all 5,000"
