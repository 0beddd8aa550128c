"""The delay file on generated plans with planted delays: it finds exactly what was planted.

Each seed gives a new plan (chain lengths, durations, positions, days); each scenario plants
one kind of delay (see `pmo.benchmarks.delays`). The causes found must be the planted ones,
with the days each adds, and those days must add up to the milestone's slip.
"""

from __future__ import annotations

import pytest

from pmo.benchmarks.delays import SCENARIOS, planted_plan
from pmo.engine.foresight import delay_files
from pmo.engine.schedule import schedule

SEEDS = range(12)


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("seed", SEEDS)
def test_the_causes_found_are_the_planted_ones(seed: int, scenario: str) -> None:
    plan = planted_plan(seed, scenario)
    computed = schedule(plan.project, plan.as_of)
    files = {f.id: f for f in delay_files(plan.project, computed, plan.as_of)}
    assert plan.milestone in files, f"{plan.milestone} is not found late"
    found = files[plan.milestone]
    assert found.slip == plan.slip
    assert {(c.task, c.kind, c.days) for c in found.causes} == plan.causes
    assert sum(c.days for c in found.causes) == found.slip
    assert found.chain[-1].task == plan.milestone
    assert found.chain[0].task in {c.task for c in found.causes}  # the chain starts where the delay was born
    if plan.other_path is not None:
        paths = {i.id: i.days for i in found.impacts if i.kind == "path"}
        task, keeps = plan.other_path
        assert paths[task] == keeps


def test_a_blocked_task_names_the_issue_and_its_owner() -> None:
    plan = planted_plan(3, "blocked")
    found = delay_files(plan.project, schedule(plan.project, plan.as_of), plan.as_of)[-1]
    (cause,) = found.causes
    assert [b.id for b in cause.blockers] == ["I-1"]
    assert any(w.role == "blocking" and w.person == "Person 0 (p0)" for w in found.who)
    assert "I-1" in found.prose()


def test_an_absent_owner_is_named_with_the_dates() -> None:
    plan = planted_plan(5, "absent")
    found = delay_files(plan.project, schedule(plan.project, plan.as_of), plan.as_of)[-1]
    (cause,) = found.causes
    away = plan.project.absences[0]
    assert away.start.isoformat() in cause.what and cause.owner.endswith(f"({away.person})")


def test_an_unknown_scenario_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scenario"):
        planted_plan(1, "meteor")
