"""RAG rules: bands from the native file, every rule shown, overrides shown as such."""

from __future__ import annotations

from pathlib import Path

from pmo.api import review as review_at_status
from pmo.engine.rag import Colour, RagThresholds, rate_cost, rate_schedule
from pmo.sources.native import read_native


def test_schedule_takes_the_worst_rule_and_shows_them_all() -> None:
    bands = RagThresholds()
    rating = rate_schedule(3, 1, 0.97, bands)
    assert rating.colour is Colour.RED
    assert rating.rule.startswith("1 milestone(s) past their date")
    assert "worst milestone slip 3 working days" in rating.rule and "SPI 0.97" in rating.rule
    assert rate_schedule(3, 0, 0.97, bands).colour is Colour.AMBER
    assert rate_schedule(0, 0, 0.85, bands).colour is Colour.RED
    assert rate_schedule(12, 0, None, bands).colour is Colour.RED


def test_bands_and_overrides_come_from_the_native_file(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "project:\n  key: P\n  name: P\n  status_date: 2026-06-15\n"
        "  settings: {rag: {cpi_green: 1.2, cpi_amber: 1.1}}\n"
        "  rag_overrides:\n"
        "    - {dimension: overall, colour: amber, justification: recovery plan agreed with the sponsor,"
        " by: pat, date: 2026-06-15}\n"
        "tasks:\n  - {id: T, name: Work, duration: 10, budget: 1000, actual_cost: 500, percent_complete: 50,"
        " actual_start: 2026-06-01, last_updated: 2026-06-15, baseline_start: 2026-06-01, baseline_finish: 2026-06-12}\n"
    )
    review = review_at_status(read_native(path))
    cost = next(r for r in review.ratings if r.dimension == "cost")
    assert cost.colour is Colour.RED  # CPI 1.00: green with the default bands, red with the file's
    assert cost.rule == "CPI 1.00 (green ≥ 1.20, amber ≥ 1.10)"
    assert review.rating.colour is Colour.AMBER
    assert review.rating.rule.startswith("OVERRIDDEN by pat on 2026-06-15: recovery plan agreed with the sponsor")
    assert "(computed:" in review.rating.rule
    assert rate_cost(1.0, RagThresholds(cpi_green=1.2, cpi_amber=1.1)).colour is Colour.RED


def test_unrated_risks_are_not_a_green_risk_rating() -> None:
    from pmo.engine.rag import rate_risk
    from pmo.model import Project, Risk
    from pmo.model.values import NotApplicable

    unrated = Risk("R1", "Scanners arrive late", owner="ann")
    rating = rate_risk(Project("P", "P", risks=(unrated,)), RagThresholds())
    assert isinstance(rating.colour, NotApplicable) and rating.colour.why == "no open risk has a probability and an impact yet"
    assert "the 1 open risk(s)" in rating.rule
    rated = Risk("R2", "Supplier late", owner="ann", probability=2, impact=2)
    mixed = rate_risk(Project("P", "P", risks=(unrated, rated)), RagThresholds())
    assert mixed.colour is Colour.GREEN and mixed.rule.endswith("; 1 open risk(s) not rated yet")
