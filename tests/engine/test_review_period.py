"""The next period of the demo at its status date: what falls due within 15 days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmo.api import review as review_at_status
from pmo.sources.native import read_native

DEMO = Path(__file__).resolve().parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"


def test_next_period_of_the_demo() -> None:
    review = review_at_status(read_native(DEMO))
    rows = {(p.kind, p.subject.split()[0]): p for p in review.next_period}
    assert rows[("deliverable due", "TRN-02")].date == dt.date(2026, 6, 25)
    assert rows[("deliverable due", "TRN-02")].status == "25 % done"
    assert rows[("steering-committee", "Steering")].date == dt.date(2026, 6, 19)
    assert rows[("action", "A-004")].status == "overdue" and rows[("action", "A-004")].date == dt.date(2026, 5, 29)
    assert rows[("milestone", "BLD-07")].date == dt.date(2026, 6, 18)
    dates = [p.date for p in review.next_period]
    assert dates == sorted(dates)
    assert max(dates) <= dt.date(2026, 6, 30)
    assert not any(p.subject.startswith("CUT-09") for p in review.next_period)  # go-live is months away
