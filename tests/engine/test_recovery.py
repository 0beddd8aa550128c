"""Recovery options: each, applied to a copy of the plan and re-scheduled, recovers exactly the
days it claims and breaks no link, constraint, calendar or capacity (checked by an independent
validator, `recovery_validator`), on hand-made plans, on generated plans and on the demo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.engine.checks.foresight import milestone_slip
from pmo.engine.context import AnalysisContext
from pmo.engine.recovery import RecoveryOption, options_for
from pmo.engine.schedule import schedule
from pmo.model import (
    Absence,
    Assignment,
    Calendar,
    Commitment,
    Constraint,
    ConstraintType,
    Dependency,
    LinkType,
    Person,
    Project,
    Settings,
    Task,
)
from pmo.model.finding import finding_from_json
from pmo.render.layout import layout
from pmo.render.markdown import render_markdown
from pmo.sources.native import read_native
from recovery_validator import Days, away_booked, check, overbooked, project_calendar

DEMO = Path(__file__).parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"
START = dt.date(2026, 3, 2)  # a Monday
CAL = Calendar(id="C", holidays=(dt.date(2026, 3, 11), dt.date(2026, 4, 6)))


def assert_sound(project: Project, as_of: dt.date, target: str | None, options: tuple[RecoveryOption, ...]) -> None:
    """Each option re-scheduled from its plan: the days it claims, nothing broken that was not before."""
    base = schedule(project, as_of)
    days = Days.of(project_calendar(project), START - dt.timedelta(days=400), base.finish + dt.timedelta(days=800))
    was = check(project, base, as_of, days)
    old = base.finish if target is None else base.tasks[target].finish
    for option in options:
        assert option.plan is not None
        changed = schedule(option.plan, as_of)
        new = changed.finish if target is None else changed.tasks[target].finish
        assert new == option.forecast, option.title
        assert days.between(old, new) == option.days_recovered, option.title
        if option.kind == "move-commitment":
            assert option.days_recovered == 0
            continue
        assert option.days_recovered > 0, option.title
        assert check(option.plan, changed, as_of, days) <= was, (option.title, check(option.plan, changed, as_of, days))
        assert not overbooked(project, base, option.plan, changed, as_of, days), option.title
        assert away_booked(option.plan, changed, as_of) <= away_booked(project, base, as_of), option.title
    assert sum(o.recommended for o in options) == (1 if options else 0)


def plan(tasks: list[Task], links: list[Dependency], people: tuple[Person, ...] = (), **more: object) -> Project:
    return Project(key="R", name="Recovery", status_date=START, start=START, calendar="C", calendars=(CAL,),
                   people=people, tasks=tuple(tasks), dependencies=tuple(links), **more)  # type: ignore[arg-type]


def fs(a: str, b: str) -> Dependency:
    return Dependency(a, b)


def milestone(baseline: dt.date) -> Task:
    return Task("M", "Go-live", milestone=True, baseline_finish=baseline)


TEAM = (Person("ann", "Ann Lee", role="Developer", team="Dev"), Person("bob", "Bob Ray", role="Developer", team="Dev"),
        Person("cid", "Cid Moe", role="Tester", team="QA"))


def kinds(options: tuple[RecoveryOption, ...]) -> list[str]:
    return [o.kind for o in options]


def test_fast_track_overlaps_the_link_and_recovers_what_it_says() -> None:
    project = plan([Task("A", "Build", duration=8, assignments=(Assignment("ann"),)),
                    Task("B", "Test", duration=4, assignments=(Assignment("cid"),)), milestone(START)],
                   [fs("A", "B"), fs("B", "M")], TEAM)
    options = options_for(AnalysisContext(project, START, simulate=False), "M")
    fast = next(o for o in options if o.kind == "fast-track")
    assert fast.days_recovered == 2  # 25 % of A's 8 days
    assert "B Test" in fast.title and "A Build" in fast.title
    assert fast.change == "link A -> B FS+0 becomes SS+6 and FF"
    assert_sound(project, START, "M", options)


def test_no_fast_track_to_or_from_a_milestone() -> None:
    project = plan([Task("A", "Build", duration=8), Task("K", "Gate", milestone=True),
                    Task("B", "Test", duration=4), milestone(START)],
                   [fs("A", "K"), fs("K", "B"), fs("B", "M")])
    options = options_for(AnalysisContext(project, START, simulate=False), "M")
    assert kinds(options) == ["move-commitment"]
    assert "Re-baseline M Go-live" in options[0].title and options[0].recommended


def test_crash_adds_a_free_colleague_and_shortens_the_task() -> None:
    project = plan([Task("A", "Build", duration=10, assignments=(Assignment("ann"),)), milestone(START)],
                   [fs("A", "M")], TEAM)
    options = options_for(AnalysisContext(project, START, simulate=False), "M")
    crash = next(o for o in options if o.kind == "crash")
    assert crash.title == "Crash A Build: add Bob Ray (bob) at 100%"
    assert crash.days_recovered == 5
    assert str(crash.cost).startswith("5 person-days of Bob Ray (bob)")
    assert crash.recommended
    assert_sound(project, START, "M", options)


def test_crash_skips_a_colleague_who_is_busy_or_away() -> None:
    tasks = [Task("A", "Build", duration=10, assignments=(Assignment("ann"),)),
             Task("X", "Other work", duration=20, assignments=(Assignment("bob"),)), milestone(START)]
    busy = plan(tasks, [fs("A", "M")], TEAM)
    assert "crash" not in kinds(options_for(AnalysisContext(busy, START, simulate=False), "M"))
    away = plan(tasks[:1] + tasks[2:], [fs("A", "M")], TEAM,
                absences=(Absence("bob", START + dt.timedelta(days=3), START + dt.timedelta(days=4)),))
    assert "crash" not in kinds(options_for(AnalysisContext(away, START, simulate=False), "M"))


def test_reassign_moves_the_work_of_an_absent_person() -> None:
    project = plan([Task("A", "Build", duration=5, owner="ann", assignments=(Assignment("ann"),)), milestone(START)],
                   [fs("A", "M")], TEAM,
                   absences=(Absence("ann", START + dt.timedelta(days=1), START + dt.timedelta(days=9)),))
    options = options_for(AnalysisContext(project, START, simulate=False), "M")
    move = next(o for o in options if o.kind == "reassign")
    assert move.title == "Reassign A Build from Ann Lee (ann) to Bob Ray (bob)"
    assert move.days_recovered == 6  # ann's working days away (03-11 is a holiday)
    assert move.change.endswith("(owner too)")
    assert_sound(project, START, "M", options)


def test_descope_drops_optional_work_only() -> None:
    tasks = [Task("A", "Build", duration=5), Task("B", "Nice report", duration=3, optional=True),
             milestone(START)]
    project = plan(tasks, [fs("A", "B"), fs("B", "M")])
    options = options_for(AnalysisContext(project, START, simulate=False), "M")
    drop = next(o for o in options if o.kind == "descope")
    assert drop.days_recovered == 3 and "B Nice report" in drop.title
    assert_sound(project, START, "M", options)
    required = plan([*tasks[:1], dataclasses.replace(tasks[1], optional=False), tasks[2]], [fs("A", "B"), fs("B", "M")])
    assert "descope" not in kinds(options_for(AnalysisContext(required, START, simulate=False), "M"))


def test_a_change_that_would_overbook_someone_is_not_proposed() -> None:
    # Bob has 10 % free over A's dates: less than a helper needs, so A is not crashed with him.
    project = plan([Task("A", "Build", duration=10, assignments=(Assignment("ann"),)),
                    Task("X", "Other", duration=12, assignments=(Assignment("bob", 0.9),)), milestone(START)],
                   [fs("A", "M")], TEAM)
    assert kinds(options_for(AnalysisContext(project, START, simulate=False), "M")) == ["move-commitment"]


def test_the_commitment_move_is_the_fallback_and_states_the_date() -> None:
    project = plan([Task("A", "Build", duration=10), milestone(START)], [fs("A", "M")],
                   commitments=(Commitment("Go-live", START + dt.timedelta(days=7), "M"),))
    (only,) = options_for(AnalysisContext(project, START, simulate=False), "M")
    assert only.kind == "move-commitment" and only.days_recovered == 0 and only.recommended
    assert only.title == "Move the commitment 'Go-live' from 2026-03-09 to 2026-03-16"
    assert only.forecast == dt.date(2026, 3, 16)


def test_the_number_of_candidates_is_a_setting() -> None:
    tasks = [Task(f"T{i}", f"Step {i}", duration=8, assignments=(Assignment("ann"),)) for i in range(4)]
    links = [fs(f"T{i}", f"T{i + 1}") for i in range(3)] + [fs("T3", "M")]
    people = (*TEAM, Person("dan", "Dan Oz", role="Developer", team="Dev"))
    many = plan([*tasks, milestone(START)], links, people)
    few = dataclasses.replace(many, settings=Settings(recovery_candidates=1))
    counted = len(options_for(AnalysisContext(few, START, simulate=False), "M"))
    assert counted <= 2  # at most one measured, and the fallback
    assert len(options_for(AnalysisContext(many, START, simulate=False), "M")) > counted


@st.composite
def plans(draw: st.DrawFn) -> Project:
    people = tuple(Person(f"p{i}", f"Person {i}", role=draw(st.sampled_from(["Dev", "Ops"])),
                          capacity=draw(st.sampled_from([0.5, 1.0, 1.0])))
                   for i in range(draw(st.integers(1, 4))))
    absences = tuple(Absence(p.id, START + dt.timedelta(days=d), START + dt.timedelta(days=d + draw(st.integers(0, 6))))
                     for p in people if draw(st.booleans()) for d in [draw(st.integers(0, 30))])
    n = draw(st.integers(2, 8))
    tasks = []
    for i in range(n):
        assigned = draw(st.lists(st.sampled_from(people), max_size=2, unique_by=lambda p: p.id))
        units = [min(draw(st.sampled_from([0.5, 1.0])), p.capacity) for p in assigned]
        snet = draw(st.one_of(st.none(), st.integers(0, 20)))
        tasks.append(Task(
            f"T{i}", f"Task {i}", duration=float(draw(st.integers(1, 9))),
            owner=assigned[0].id if assigned else None,
            assignments=tuple(Assignment(p.id, u) for p, u in zip(assigned, units, strict=True)),
            optional=draw(st.booleans()) and draw(st.booleans()),
            constraint=None if snet is None else Constraint(ConstraintType.SNET, START + dt.timedelta(days=snet))))
    links = []
    for succ in range(1, n):
        for pred in draw(st.sets(st.integers(0, succ - 1), min_size=1, max_size=2)):
            kind = draw(st.sampled_from([LinkType.FS, LinkType.FS, LinkType.SS, LinkType.FF]))
            links.append(Dependency(f"T{pred}", f"T{succ}", kind, float(draw(st.integers(0, 2)))))
    ends = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=2)) | {n - 1}
    links += [fs(f"T{i}", "M") for i in sorted(ends)]
    return plan([*tasks, milestone(START - dt.timedelta(days=7))], links, people, absences=absences)


@given(plans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_option_recovers_what_it_claims_and_breaks_nothing(project: Project) -> None:
    base = schedule(project, START)
    days = Days.of(CAL, START - dt.timedelta(days=400), base.finish + dt.timedelta(days=800))
    assert check(project, base, START, days) == set()  # the validator agrees with the engine on the plan itself
    options = options_for(AnalysisContext(project, START, simulate=False), "M")
    assert options and options[-1].kind == "move-commitment"
    assert_sound(project, START, "M", options)


@pytest.fixture(scope="module")
def demo() -> AnalysisContext:
    return AnalysisContext(read_native(DEMO), dt.date(2026, 6, 15), simulate=False)


def test_the_demo_slips_get_measured_options(demo: AnalysisContext) -> None:
    slips = list(milestone_slip(demo))
    recovering = {}
    for finding in slips:
        options = finding.detail["options"]
        assert options and options[-1]["kind"] == "move-commitment"
        assert sum(o["recommended"] for o in options) == 1
        recovering[finding.subject.id] = [o for o in options if o["days_recovered"] > 0]
    closure = recovering["HC-07"][0]
    assert closure["kind"] == "fast-track" and closure["recommended"] and closure["days_recovered"] == 5
    assert "HC-06 Lessons learned and project closure report" in closure["title"]
    assert "enough to absorb the 5 working days of slip" in closure["reason"]
    assert recovering["DM-16"] and recovering["BLD-29"]
    # the options survive the finding's JSON (what `pmo check --json` prints and the store keeps)
    again = finding_from_json(json.loads(json.dumps(slips[0].as_json())))
    assert again.detail["options"] == slips[0].detail["options"]


@pytest.mark.parametrize("target", ["HC-07", "DM-16", "BLD-29", "TST-17"])
def test_the_demo_options_hold_under_the_validator(demo: AnalysisContext, target: str) -> None:
    assert_sound(demo.project, demo.as_of, target, options_for(demo, target))


def test_the_report_shows_the_options_table(demo: AnalysisContext) -> None:
    from pmo.engine.review.build import review_of

    review = review_of(demo)
    section = next(s for s in layout(review).sections if s.key == "recovery")
    assert section.table is not None and section.table.columns[0] == "Milestone"
    chosen = [row for row in section.table.rows if row[-1].text.startswith("Yes: ")]
    assert len(chosen) == len([f for f in review.findings if f.code == "milestone-slip"])
    text = render_markdown(review)
    assert "## Recovery options" in text
    assert "| HC-07 Project closed | Fast-track HC-06 Lessons learned" in text


def test_a_review_measures_within_its_budget_the_most_serious_slips_first() -> None:
    """With a budget of 2 re-schedulings, the missed commitments (errors) are measured first; the
    other slips get the move of the date only, and a note saying why (nothing silently dropped)."""
    from pmo.engine.recovery import RUNS_MIN, run_budget

    project = read_native(DEMO)
    tight = dataclasses.replace(project, settings=dataclasses.replace(project.settings, recovery_runs=2))
    slips = list(milestone_slip(AnalysisContext(tight, dt.date(2026, 6, 15), simulate=False)))
    measured = [f for f in slips if "options_note" not in f.detail]
    noted = [f for f in slips if "options_note" in f.detail]
    assert measured and noted and len(measured) + len(noted) == len(slips)
    assert {f.severity.value for f in measured} == {"error"}  # the missed commitments come first
    for finding in noted:
        assert [o["kind"] for o in finding.detail["options"]] == ["move-commitment"]
        assert "the 2 re-schedulings a review runs on a plan of 145 tasks" in finding.detail["options_note"]
    # the budget shrinks with the plan's size (each run costs in proportion), never under RUNS_MIN
    many = dataclasses.replace(project, tasks=project.tasks * 40)
    assert run_budget(project) == project.settings.recovery_runs
    assert run_budget(many) == max(RUNS_MIN, project.settings.recovery_runs * 1000 // len(many.tasks))
