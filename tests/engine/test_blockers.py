"""Check-in blockers as open actions of the person (pmo.engine.blockers), shown in the Review's action plan."""

from __future__ import annotations

import datetime as dt

from pmo.engine.blockers import blocker_actions
from pmo.engine.review.build import build_review
from pmo.model import CheckIn, ItemStatus, NotApplicable, Person, Project, Source

D = dt.date


def _project() -> Project:
    return Project(
        key="P", name="P", status_date=D(2026, 6, 15),
        people=(Person("ann", "Ann Martin", email="ann@example.com"), Person("bob", "Bob Stone")),
        checkins=(
            CheckIn("ann@example.com", D(2026, 6, 1), blockers=("QAS down",)),
            CheckIn("ann", D(2026, 6, 8), blockers=("No test data", "qas  DOWN")),
            CheckIn("ann", D(2026, 6, 12), blockers=("QAS down", "Licences", "licences"),
                    source=Source(file="forms.csv", line=7)),
            CheckIn("bob", D(2026, 6, 1), blockers=("Waiting for the vendor",)),
            CheckIn("bob", D(2026, 6, 8)),  # cleared
            CheckIn("bob", D(2026, 6, 20), blockers=("After the status date",)),
        ),
    )


def test_the_latest_checkins_blockers_are_open_actions_with_stable_ids_and_their_source() -> None:
    actions = blocker_actions(_project(), D(2026, 6, 15))
    assert [(a.id, a.title, a.owner, a.opened) for a in actions] == [
        ("BLK-ann-2026-06-01-1", "Blocker (check-in of 2026-06-01): QAS down", "ann", D(2026, 6, 1)),
        ("BLK-ann-2026-06-12-2", "Blocker (check-in of 2026-06-12): Licences", "ann", D(2026, 6, 12)),
    ]
    assert all(a.status is ItemStatus.OPEN and isinstance(a.due, NotApplicable) for a in actions)
    assert actions[0].source == Source(file="forms.csv", line=7) and actions[0].origin == "check-in of 2026-06-01"
    assert "No test data" not in " ".join(a.title for a in actions)  # no longer listed: cleared
    later = blocker_actions(_project(), D(2026, 6, 20))
    assert [a.id for a in later if a.owner == "bob"] == ["BLK-bob-2026-06-20-1"]


def test_the_reviews_action_plan_shows_blockers_without_storing_them() -> None:
    project = _project()
    review = build_review(project, D(2026, 6, 15))
    rows = {row.id: row for row in review.actions}
    assert "BLK-ann-2026-06-01-1" in rows and not rows["BLK-ann-2026-06-01-1"].late
    assert str(rows["BLK-ann-2026-06-01-1"].owner).startswith("Ann Martin")
    assert project.actions == ()
