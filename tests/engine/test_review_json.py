"""The Review's JSON form: the whole Review round-trips, typed and immutable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from pathlib import Path

import pytest

from pmo.engine.review.build import Review, build_review, review_snapshot
from pmo.engine.review.codec import review_from_json, review_to_json
from pmo.model import Snapshot
from pmo.sources.native import load_native

ROOT = Path(__file__).parents[2]
FILES = [ROOT / "src" / "pmo" / "examples" / "demo" / "project.yaml", ROOT / "tests" / "data" / "projects" / "sparse.yaml"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_review_round_trips_through_json(path: Path) -> None:
    project, snapshots = load_native(path)
    review = build_review(project, project.status_date or dt.date(2026, 6, 15), snapshots)
    text = json.dumps(review_to_json(review), ensure_ascii=False)
    back = review_from_json(json.loads(text))
    for field in dataclasses.fields(Review):
        assert getattr(back, field.name) == getattr(review, field.name), field.name
    assert back == review


def test_the_review_has_no_any_and_no_mutable_container() -> None:
    hints = typing.get_type_hints(Review)
    for name, hint in hints.items():
        text = str(hint)
        assert "Any" not in text, name
        assert typing.get_origin(hint) not in (dict, list, set), name


def test_figures_carry_numbers_and_stable_ids() -> None:
    project, snapshots = load_native(FILES[0])
    review = build_review(project, dt.date(2026, 6, 15), snapshots)
    ids = [row.id for row in review.figures]
    assert len(ids) == len(set(ids))
    figures = {row.id: row for row in review.figures}
    assert {"percent-complete", "spi", "cpi", "finish-variance", "findings"} <= set(figures)
    assert figures["spi"].number is not None and f"{figures['spi'].number:.2f}" == str(figures["spi"].value)
    assert isinstance(review.forecasts, types.MappingProxyType)



def test_snapshots_keyed_by_label_are_read_by_id() -> None:
    project, _ = load_native(FILES[0])
    older = Snapshot(project.key, dt.date(2026, 6, 8), dt.datetime(2026, 6, 8, 18, tzinfo=dt.UTC),
                     figures={"Actual % complete": "41.0 %", "SPI": "0.93", "rating": "AMBER"})
    review = build_review(project, dt.date(2026, 6, 15), [older])
    assert review.previous is not None
    assert review.previous.figures == {"percent-complete": "41.0 %", "spi": "0.93", "rating": "AMBER"}
    current = review_snapshot(review, dt.datetime(2026, 6, 15, 18, tzinfo=dt.UTC))
    assert isinstance(current.figures["percent-complete"], float) and "Actual % complete" not in current.figures
