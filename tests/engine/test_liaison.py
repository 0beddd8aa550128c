"""The team link: last contacts, pulse, missed check-ins and overdue actions piling up on one person."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pmo.engine.checks.liaison import actions_piling_up, checkin_missing, contact_overdue, pulse_low
from pmo.engine.context import AnalysisContext
from pmo.engine.liaison import last_contacts, missed_checkins, pulse_of
from pmo.model import Action, CheckIn, Finding, ItemStatus, Meeting, MeetingKind, MeetingStatus, Note, Person, Project
from pmo.model.governance import Attendee, Response
from pmo.sources.native import read_native

AS_OF = dt.date(2026, 6, 15)
DEMO = Path(__file__).parents[2] / "src" / "pmo" / "examples" / "demo" / "project.yaml"

PAT = Person("pat", "Pat Manager", email="pat@example.com")
ALEX = Person("alex", "Alex Lead", email="alex.lead@example.com", contact_every=14)


def _meeting(day: int, *attendees: Attendee, status: MeetingStatus = MeetingStatus.CONFIRMED,
             kind: MeetingKind = MeetingKind.ONE_TO_ONE) -> Meeting:
    start = dt.datetime(2026, 6, day, 10, 0)
    return Meeting(f"m-{day}", f"Meeting of June {day}", start, start + dt.timedelta(hours=1),
                   kind=kind, status=status, attendees=attendees)


def _ctx(**records: object) -> AnalysisContext:
    project = Project(key="T", name="T", people=(PAT, ALEX), **records)  # type: ignore[arg-type]
    return AnalysisContext(project, AS_OF, simulate=False)


def _codes(findings: list[Finding]) -> dict[str, Finding]:
    return {f.subject.id: f for f in findings}


# --- last contact --------------------------------------------------------------------------------


def test_last_contact_skips_cancelled_declined_absences_and_the_status_date_itself() -> None:
    project = Project(key="T", name="T", people=(PAT, ALEX), meetings=(
        _meeting(1, Attendee("pat"), Attendee("alex.lead@example.com")),  # matched by e-mail
        _meeting(3, Attendee("alex"), status=MeetingStatus.CANCELLED),
        _meeting(4, Attendee("alex", response=Response.DECLINED)),
        _meeting(5, Attendee("alex"), kind=MeetingKind.ABSENCE),
        _meeting(15, Attendee("alex")),  # the status date: may not have happened yet
    ))
    contacts = last_contacts(project, AS_OF)
    assert contacts["alex"].date == dt.date(2026, 6, 1) and contacts["alex"].ref == "m-1"
    assert contacts["alex"].kind == "meeting"


def test_a_note_listing_the_person_by_name_is_a_contact_and_a_checkin_is_not() -> None:
    project = Project(
        key="T", name="T", people=(PAT, ALEX), meetings=(_meeting(1, Attendee("alex")),),
        notes=(Note("n1", dt.date(2026, 6, 9), "Design review", attendees=("Alex Lead",)),),
        checkins=(CheckIn("alex", dt.date(2026, 6, 12), stress=2, confidence=4),),
    )
    contact = last_contacts(project, AS_OF)["alex"]
    assert (contact.date, contact.kind, contact.ref) == (dt.date(2026, 6, 9), "note", "n1")


# --- contact-overdue -----------------------------------------------------------------------------


def test_contact_overdue_names_the_last_contact_and_the_talking_points() -> None:
    ctx = _ctx(
        meetings=(_meeting(1, Attendee("pat"), Attendee("alex")),),
        actions=(Action("A1", "Send the test plan", owner="alex", due=dt.date(2026, 6, 20)),
                 Action("A2", "Done already", owner="alex", status=ItemStatus.DONE)),
        checkins=(CheckIn("alex", dt.date(2026, 6, 12), stress=3, confidence=3, workload=4),),
    )
    # 2026-06-01 to 2026-06-15 is 14 days: within a 14-day cadence
    assert not list(contact_overdue(ctx))
    late = AnalysisContext(ctx.project, dt.date(2026, 6, 16), simulate=False)
    [finding] = list(contact_overdue(late))
    assert finding.subject.id == "alex" and finding.code == "contact-overdue"
    assert "Alex Lead (alex) was last met on 2026-06-01" in finding.message
    assert "Meeting of June 1" in finding.message and "15 days ago" in finding.message
    assert finding.detail["open actions"] == "A1 Send the test plan (due 2026-06-20)"
    assert finding.detail["last pulse"] == "2026-06-12 stress 3 confidence 3 workload 4"
    assert finding.detail["pending questions"] == "none"


def test_contact_overdue_for_a_point_of_contact_never_met_and_silent_for_others() -> None:
    [finding] = list(contact_overdue(_ctx()))
    assert finding.subject.id == "alex"  # pat has no cadence: never a finding
    assert "never met" in finding.message and finding.detail["last contact"] == "never met"


def test_contact_overdue_says_what_the_person_is_the_contact_for() -> None:
    alex = dataclasses.replace(ALEX, contact_for="the data migration")
    project = Project(key="T", name="T", people=(PAT, alex))
    [never] = list(contact_overdue(AnalysisContext(project, AS_OF, simulate=False)))
    assert "is a point of contact for the data migration every 14 days" in never.message
    met = dataclasses.replace(project, meetings=(_meeting(1, Attendee("alex")),))
    [late] = list(contact_overdue(AnalysisContext(met, dt.date(2026, 6, 16), simulate=False)))
    assert late.message.startswith("Alex Lead (alex), the point of contact for the data migration, was last met on")


# --- pulse-low -----------------------------------------------------------------------------------


def _checkins(who: str, *answers: tuple[int, int]) -> tuple[CheckIn, ...]:
    start = AS_OF - dt.timedelta(days=7 * len(answers) - 4)
    return tuple(
        CheckIn(who, start + dt.timedelta(days=7 * i), stress=s, confidence=c) for i, (s, c) in enumerate(answers)
    )


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        (((2, 4), (3, 4), (4, 4)), "stress 4/5"),
        (((2, 3), (2, 3), (2, 2)), "confidence 2/5"),
        (((1, 4), (2, 4), (3, 4)), "stress rising 1 -> 2 -> 3"),
        (((2, 5), (2, 3), (2, 3)), "confidence falling 5 -> 3 -> 3"),
    ],
)
def test_pulse_low_gives_the_reason_and_the_answers(answers: tuple[tuple[int, int], ...], reason: str) -> None:
    [finding] = list(pulse_low(_ctx(checkins=_checkins("alex", *answers))))
    assert finding.subject.id == "alex" and reason in finding.message
    assert finding.detail["answers"].count("2026-06-") + finding.detail["answers"].count("2026-05-") == 3


@pytest.mark.parametrize("answers", [((2, 4), (3, 4), (3, 4)), ((3, 3), (3, 3), (3, 3)), ((3, 3), (2, 4), (3, 3))])
def test_pulse_low_is_silent_on_a_steady_or_mixed_pulse(answers: tuple[tuple[int, int], ...]) -> None:
    assert not list(pulse_low(_ctx(checkins=_checkins("alex", *answers))))


def test_pulse_of_reads_only_the_last_three() -> None:
    early_fall = _checkins("alex", (1, 5), (3, 3), (3, 3), (3, 3))
    assert pulse_of(early_fall, 4, 2.5) is None


def test_an_old_stressed_answer_is_checkin_missing_not_pulse_low() -> None:
    old = (CheckIn("alex", dt.date(2026, 5, 22), stress=5, confidence=1),)
    ctx = _ctx(checkins=old)
    assert not list(pulse_low(ctx))
    [missing] = list(checkin_missing(ctx))
    assert "stress 5 confidence 1" in missing.detail["last answers"]


# --- checkin-missing -----------------------------------------------------------------------------


def test_missed_checkins_are_the_due_dates_before_the_status_date() -> None:
    assert missed_checkins(dt.date(2026, 5, 22), AS_OF, 7) == (
        dt.date(2026, 5, 29), dt.date(2026, 6, 5), dt.date(2026, 6, 12))
    assert missed_checkins(dt.date(2026, 6, 8), AS_OF, 7) == ()  # due on the status date: not missed yet
    assert missed_checkins(dt.date(2026, 6, 1), AS_OF, 0) == ()


def test_checkin_missing_chases_only_who_answered_before() -> None:
    ctx = _ctx(checkins=(CheckIn("alex", dt.date(2026, 5, 29), stress=2, confidence=4),
                         CheckIn("pat", dt.date(2026, 6, 12), stress=2, confidence=4)))
    [finding] = list(checkin_missing(ctx))
    assert finding.subject.id == "alex"
    assert finding.message == ("Alex Lead (alex) has not checked in since 2026-05-29: "
                               "2 check-ins missed (2026-06-05 and 2026-06-12).")


# --- actions-piling-up ---------------------------------------------------------------------------


def test_actions_piling_up_from_two_overdue_actions_of_one_person() -> None:
    actions = (
        Action("A1", "Send the plan", owner="alex", due=dt.date(2026, 6, 1)),
        Action("A2", "Book the room", owner="Alex Lead", due=dt.date(2026, 6, 12)),
        Action("A3", "Due today", owner="alex", due=AS_OF),
        Action("A4", "Closed late", owner="alex", due=dt.date(2026, 6, 1), status=ItemStatus.DONE),
        Action("A5", "Pat's only one", owner="pat", due=dt.date(2026, 6, 1)),
    )
    project = Project(key="T", name="T", people=(PAT, ALEX), actions=actions)
    [finding] = list(actions_piling_up(project, AS_OF))
    assert finding.subject.id == "alex"
    assert finding.detail["actions"] == "A1 Send the plan (14 days late); A2 Book the room (3 days late)"


# --- the demo ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> AnalysisContext:
    project = read_native(DEMO)
    assert project.status_date == AS_OF
    return AnalysisContext(project, AS_OF, simulate=False)


def test_demo_contact_overdue_finds_pierre_not_met_since_the_1to1_and_thomas(demo: AnalysisContext) -> None:
    found = _codes(list(contact_overdue(demo)))
    assert set(found) == {"pgirard", "tgarnier"}
    assert "Pierre Girard (pgirard) was last met on 2026-05-13" in found["pgirard"].message
    assert "1:1 Sophie / Pierre (production)" in found["pgirard"].message and "33 days ago" in found["pgirard"].message
    thomas = found["tgarnier"]
    assert "last met on 2026-05-18" in thomas.message and "28 days ago" in thomas.message
    assert "A-004 Get the MES vendor's API documentation" in thomas.detail["open actions"]
    assert "BLD-18 Interface: EDI orders" in thomas.detail["tasks at risk"]
    assert "risk R-05" in thomas.detail["pending questions"]
    assert thomas.detail["last pulse"] == "2026-05-22 stress 4 confidence 3 workload 5"


def test_demo_pulse_low_finds_marc_and_julien(demo: AnalysisContext) -> None:
    found = _codes(list(pulse_low(demo)))
    assert set(found) == {"mdubois", "jmoreau"}
    marc = found["mdubois"]
    assert "stress 5/5 on 2026-06-12" in marc.message and "confidence 2/5 on 2026-06-12" in marc.message
    assert "2026-06-05 stress 5 confidence 2" in marc.detail["answers"]
    assert "UoM conversion errors" in marc.detail["blockers"]
    assert "stress 4/5 on 2026-06-12" in found["jmoreau"].message


def test_demo_checkin_missing_finds_thomas_with_the_missed_weeks(demo: AnalysisContext) -> None:
    [finding] = list(checkin_missing(demo))
    assert finding.subject.id == "tgarnier"
    assert "since 2026-05-22" in finding.message
    assert finding.detail["missed"] == "2026-05-29, 2026-06-05, 2026-06-12"


def test_demo_actions_piling_up_finds_laura(demo: AnalysisContext) -> None:
    [finding] = list(actions_piling_up(demo.project, AS_OF))
    assert finding.subject.id == "lfontaine"
    assert "A-005" in finding.message and "A-024" in finding.message and "10 days late" in finding.message
