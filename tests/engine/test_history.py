"""History: three status dates give a milestone trend, `trend-slip`, and "what changed" entry by entry."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pmo.engine.review.build import Review, build_review, review_snapshot
from pmo.model import Action, DecisionStatus, ItemStatus, Project, Risk, Snapshot
from pmo.sources.native import read_native

PLAN = """\
pmo: 1
project:
  key: H
  name: History fixture
  status_date: 2026-06-01
  sponsor: pat
  manager: pat
  author: pat
  budget: 1000
  objective: Show what changed
people:
  - {id: pat, name: Pat Manager}
  - {id: lou, name: Lou Builder}
tasks:
  - {id: T1, name: Build, duration: 10, owner: lou, start: 2026-06-01, baseline_start: 2026-06-01, baseline_finish: 2026-06-12}
  - {id: M1, name: Build done, milestone: true, owner: pat, baseline_finish: 2026-06-12, depends_on: [T1]}
actions:
  - {id: A1, title: Order servers, owner: pat, due: 2026-06-05}
  - {id: A2, title: Book rooms, owner: pat, due: 2026-06-10}
risks:
  - {id: R1, title: Supplier late, owner: pat, probability: 2, impact: 3, mitigation: Call weekly}
decisions:
  - {id: D1, title: Choose the cloud region, status: proposed, decided_by: pat}
"""

WEEK1, WEEK2, WEEK3 = dt.date(2026, 6, 1), dt.date(2026, 6, 8), dt.date(2026, 6, 15)


def weeks(tmp_path: Path) -> list[tuple[dt.date, Project]]:
    path = tmp_path / "h.yaml"
    path.write_text(PLAN)
    base = read_native(path)
    build = base.tasks[0]
    week2 = dataclasses.replace(
        base,
        tasks=(dataclasses.replace(build, duration=13, actual_start=WEEK1, percent_complete=30,
                                   last_updated=WEEK2), base.tasks[1]),
        actions=(dataclasses.replace(base.actions[0], status=ItemStatus.DONE), base.actions[1],
                 Action("A3", "Test the backups", owner="lou", due=dt.date(2026, 6, 20))),
        risks=(dataclasses.replace(base.risks[0], probability=4, impact=4),),
        decisions=(dataclasses.replace(base.decisions[0], status=DecisionStatus.TAKEN, date=WEEK2),),
    )
    week3 = dataclasses.replace(
        week2,
        tasks=(dataclasses.replace(week2.tasks[0], duration=16, percent_complete=50, last_updated=WEEK3),
               base.tasks[1]),
        risks=(*week2.risks, Risk("R2", "Key user leaves", owner="pat", probability=3, impact=5,
                                  mitigation="Back-up user")),
    )
    return [(WEEK1, base), (WEEK2, week2), (WEEK3, week3)]


def run_three(tmp_path: Path) -> list[Review]:
    snapshots: list[Snapshot] = []
    reviews = []
    for day, project in weeks(tmp_path):
        review = build_review(dataclasses.replace(project, status_date=day), day, snapshots)
        snapshots.append(review_snapshot(review, dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC)))
        reviews.append(review)
    return reviews


def test_what_changed_entry_by_entry(tmp_path: Path) -> None:
    first, second, third = run_three(tmp_path)
    assert first.changed == ()
    got = [(e.kind, e.subject, e.change) for e in second.changed]
    assert got == [
        ("date moved", "milestone M1 (Build done)", "2026-06-12 → 2026-06-19 (7 days later)"),
        ("action closed", "action A1 (Order servers)", "open → done"),
        ("action opened", "action A3 (Test the backups)", "new, open"),
        ("risk re-rated", "risk R1 (Supplier late)", "score 6 → 16"),
        ("decision taken", "decision D1 (Choose the cloud region)", "proposed → taken"),
    ]
    assert second.changed[0].reason.startswith("driven by T1 Build (Lou Builder")
    got3 = [(e.kind, e.subject, e.change) for e in third.changed]
    assert got3 == [
        ("date moved", "milestone M1 (Build done)", "2026-06-19 → 2026-06-24 (5 days later)"),
        ("action overdue", "action A2 (Book rooms)", "due 2026-06-10, still open"),
        ("risk raised", "risk R2 (Key user leaves)", "new, open"),
    ]


def test_milestone_trend_and_trend_slip(tmp_path: Path) -> None:
    third = run_three(tmp_path)[-1]
    [row] = [r for r in third.trend if r.id == "M1"]
    assert row.points == (
        (WEEK1, dt.date(2026, 6, 12)),
        (WEEK2, dt.date(2026, 6, 19)),  # 30 % of 13 days done: 9.1 days left from Monday 8 June
        (WEEK3, dt.date(2026, 6, 24)),  # 50 % of 16 days done: 8 days left from Monday 15 June
    )
    # M1 is past its baseline too: one finding, milestone-slip, tells the trend as well
    assert not [f for f in third.findings if f.code == "trend-slip"]
    [slip] = [f for f in third.findings if f.code == "milestone-slip" and f.subject.id == "M1"]
    assert "slipped at each of the last reports (2026-06-12 on 2026-06-01, 2026-06-19 on 2026-06-08, " \
        "2026-06-24 now" in slip.message
    assert slip.detail["trend"].startswith("2026-06-12 on 2026-06-01")
    second = run_three(tmp_path)[1]
    assert not [f for f in second.findings if f.code == "trend-slip"]


def test_trend_slip_warns_before_the_baseline_is_missed(tmp_path: Path) -> None:
    """Without a baseline to miss (or within it), a milestone moving later at each report is trend-slip."""
    snapshots: list[Snapshot] = []
    third = None
    for day, project in weeks(tmp_path):
        tasks = tuple(dataclasses.replace(t, baseline_finish=None, baseline_start=None) for t in project.tasks)
        third = build_review(dataclasses.replace(project, status_date=day, tasks=tasks), day, snapshots)
        snapshots.append(review_snapshot(third, dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC)))
    assert third is not None
    slips = [f for f in third.findings if f.code == "trend-slip"]
    assert [f.subject.id for f in slips] == ["M1"]
    assert "2026-06-12 on 2026-06-01, 2026-06-19 on 2026-06-08, 2026-06-24 now" in slips[0].message
    assert not [f for f in third.findings if f.code == "milestone-slip"]


DEMO = Path(__file__).resolve().parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"


def test_the_demo_reports_at_three_status_dates() -> None:
    """The demo carries the snapshots of 1 and 8 June; the review of 15 June is the third."""
    from pmo.sources.native import load_native

    project, snapshots = load_native(DEMO)
    assert [s.status_date for s in snapshots] == [WEEK1, WEEK2]
    review = build_review(project, WEEK3, snapshots)
    go_live = next(row for row in review.trend if row.id == "CUT-09")
    assert go_live.points == (
        (WEEK1, dt.date(2026, 10, 22)), (WEEK2, dt.date(2026, 10, 26)), (WEEK3, dt.date(2026, 10, 29)),
    )
    # each of them is past its baseline too: milestone-slip tells the trend, no second finding
    assert {f.subject.id for f in review.findings
            if f.code == "milestone-slip" and "slipped at each of the last reports" in f.message} == {
        "BLD-07", "BLD-29", "TST-17", "CUT-07", "CUT-09",
    }
    assert not [f for f in review.findings if f.code == "trend-slip"]
    got = [(e.kind, e.subject.split(" (")[0], e.change) for e in review.changed]
    assert got == [
        ("date moved", "milestone BLD-07", "2026-06-12 → 2026-06-18 (6 days later)"),
        ("date moved", "milestone BLD-29", "2026-07-22 → 2026-07-28 (6 days later)"),
        ("date moved", "milestone TST-17", "2026-10-16 → 2026-10-19 (3 days later)"),
        ("date moved", "milestone CUT-07", "2026-10-22 → 2026-10-26 (4 days later)"),
        ("date moved", "milestone CUT-09", "2026-10-26 → 2026-10-29 (3 days later)"),
        ("action closed", "action A-010", "open → done"),
        ("action opened", "action A-015", "new, open"),
        ("action due date moved", "action A-023", "2026-06-12 → 2026-06-19"),
        ("action overdue", "action A-024", "due 2026-06-12, still open"),
        ("risk re-rated", "risk R-02", "score 12 → 16"),
        ("risk closed", "risk R-11", "open → closed"),
        ("issue overdue", "issue I-04", "due 2026-06-12, still open"),
        ("decision taken", "decision DEC-10", "proposed → taken"),
    ]
    assert review.changed[4].reason.startswith("driven by CUT-08 ")


def test_the_demo_milestones_and_actions_against_the_previous_report() -> None:
    from pmo.model.values import Known
    from pmo.sources.native import load_native

    project, snapshots = load_native(DEMO)
    review = build_review(project, WEEK3, snapshots)
    go_live = next(m for m in review.milestones if m.id == "CUT-09")
    assert go_live.previous == Known(dt.date(2026, 10, 26)) and go_live.forecast == Known(dt.date(2026, 10, 29))
    carried = {a.id: str(a.carried) for a in review.actions}
    assert carried["A-024"] == "yes, from 2026-06-08"
    assert carried["A-015"] == "no (new)"
    assert carried["A-010"] == "yes, from 2026-06-08"  # open then, done now
    assert [r.id for r in review.risks[:2]] == ["R-02", "R-08"]  # open risks, highest score first
