"""engine/steerco.py: which steering committee a deck is for, T-5, the decisions requested, the committee's actions."""

from __future__ import annotations

import datetime as dt

from pmo.engine.review.build import build_review
from pmo.engine.steerco import steering_dates, steering_due, steering_of
from pmo.model import (
    Action,
    Decision,
    DecisionStatus,
    GovernanceRule,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Note,
    Person,
    Project,
)
from pmo.model.values import Known, NotApplicable, Pending

D = dt.date
AS_OF = D(2026, 6, 15)  # a Monday


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(14), tzinfo=dt.UTC)


def project(**fields: object) -> Project:
    values: dict[str, object] = {
        "key": "P",
        "name": "Pilot",
        "status_date": AS_OF,
        "manager": "jm",
        "people": (Person("jm", "Julien Moreau"), Person("cb", "Claire Bernard")),
        "governance": (GovernanceRule("sc", "Steering committee", MeetingKind.STEERING,
                                      dates=(D(2026, 5, 21), D(2026, 6, 19), D(2026, 7, 16))),),
    }
    values.update(fields)
    return Project(**values)  # type: ignore[arg-type]


def test_dates_come_from_the_rules_and_the_calendar_without_cancelled_meetings() -> None:
    meetings = (
        Meeting("m1", "SC extra", at(D(2026, 6, 30)), at(D(2026, 6, 30)), MeetingKind.STEERING),
        Meeting("m2", "SC cancelled", at(D(2026, 7, 2)), at(D(2026, 7, 2)), MeetingKind.STEERING,
                MeetingStatus.CANCELLED),
        Meeting("m3", "Weekly", at(D(2026, 7, 3)), at(D(2026, 7, 3)), MeetingKind.PROJECT),
    )
    dates = [s.date for s in steering_dates(project(meetings=meetings))]
    assert dates == [D(2026, 5, 21), D(2026, 6, 19), D(2026, 6, 30), D(2026, 7, 16)]


def test_the_draft_deck_is_due_from_five_working_days_before() -> None:
    p = project()
    assert steering_due(p, D(2026, 6, 12)) is not None  # Friday -> Friday: 5 working days
    assert steering_due(p, D(2026, 6, 11)) is None  # Thursday: 6 working days before
    assert steering_due(p, D(2026, 6, 19)) is not None  # the day itself
    assert steering_due(project(governance=()), AS_OF) is None  # no committee, no deck


def test_decisions_requested_never_blank() -> None:
    decisions = (
        Decision("D1", "Move the go-live?", DecisionStatus.PROPOSED, decided_by="cb", options=("yes", "no"),
                 recommendation="yes"),
        Decision("D2", "A second consultant?", DecisionStatus.PROPOSED),
        Decision("D3", "Taken already", DecisionStatus.TAKEN, D(2026, 5, 1), "cb"),
    )
    steering = steering_of(build_review(project(decisions=decisions), AS_OF, simulate=False))
    assert steering.meeting is not None and steering.meeting.date == D(2026, 6, 19)
    assert steering.previous is not None and steering.previous.date == D(2026, 5, 21)
    assert steering.following is not None and steering.following.date == D(2026, 7, 16)
    first, second = steering.decisions
    assert (first.options, first.recommendation, first.decider) == (Known("yes; no"), Known("yes"),
                                                                      Known("Claire Bernard"))
    assert isinstance(second.options, NotApplicable)
    assert second.recommendation == Pending("Julien Moreau", D(2026, 6, 19), "no recommendation in the register")
    assert second.needed_by == Known(D(2026, 6, 19))


def test_actions_raised_at_a_steering_committee_with_their_status_now() -> None:
    notes = (Note("2026-05-21-steering-committee", D(2026, 5, 21), "Steering committee"),
             Note("2026-06-08-weekly", D(2026, 6, 8), "Weekly"))
    actions = (
        Action("A1", "Contingency plan", "jm", D(2026, 6, 12), origin="2026-05-21-steering-committee"),
        Action("A2", "Weekly thing", "jm", D(2026, 6, 30), origin="2026-06-08-weekly"),
    )
    steering = steering_of(build_review(project(notes=notes, actions=actions), AS_OF, simulate=False))
    assert [(a.id, a.decided, a.status, a.late) for a in steering.actions] == [("A1", D(2026, 5, 21), "open", True)]
    assert isinstance(steering.changed_since, NotApplicable)  # no earlier report kept
