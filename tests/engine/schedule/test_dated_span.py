"""A task that gives only a start and a finish lasts the working days between them."""

from __future__ import annotations

import datetime as dt

from pmo.engine.checks.questions import ask_what_is_missing
from pmo.engine.schedule import schedule
from pmo.model import Dependency, Project, Task

MON = dt.date(2026, 6, 1)


def test_start_and_finish_without_duration_give_the_working_days_between() -> None:
    survey = Task("1", "Site survey", start=MON, finish=dt.date(2026, 6, 12))  # two weeks
    rollout = Task("2", "Scanner roll-out", start=dt.date(2026, 6, 15), finish=dt.date(2026, 7, 3))
    project = Project("W", "W", tasks=(survey, rollout), dependencies=(Dependency("1", "2"),))
    plan = schedule(project, MON)
    assert plan.tasks["1"].finish == dt.date(2026, 6, 12)
    assert plan.tasks["2"].start == dt.date(2026, 6, 15) and plan.tasks["2"].finish == dt.date(2026, 7, 3)
    assert list(ask_what_is_missing(project, MON)) == []


def test_a_task_with_a_start_only_still_asks_how_long() -> None:
    project = Project("W", "W", tasks=(Task("1", "Survey", start=MON, owner="ann"),))
    assert plan_days(project) == 0
    [question] = list(ask_what_is_missing(project, MON))
    assert "how long will 1 (Survey) take?" in question.message


def plan_days(project: Project) -> int:
    row = schedule(project, MON).tasks["1"]
    return (row.finish - row.start).days
