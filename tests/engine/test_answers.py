"""The questions of amber and red items (engine/answers.py): answered from the data with their
source, or asked of the owner (else the manager), as `question` findings and pending rows."""

from __future__ import annotations

from pathlib import Path

from pmo.api import demo_source, review
from pmo.engine.answers import Answer, Ask, Item, items_at_risk
from pmo.engine.review.build import Review
from pmo.sources.native import read_native

HEADER = """\
project:
  key: FIX
  name: Answers fixture
  status_date: 2026-06-01
  start: 2026-06-01
  manager: pat
{sponsor}people:
  - {{id: pat, name: Pat Manager}}
  - {{id: lou, name: Lou Builder}}
  - {{id: sam, name: Sam Sponsor}}
tasks:
  - {{id: T1, name: Build, duration: {duration}, owner: lou, baseline_start: 2026-06-01, baseline_finish: 2026-06-12}}
  - {{id: M1, name: Build done, milestone: true, {owner}baseline_finish: 2026-06-12, depends_on: [T1]}}
{extra}"""


def reviewed(tmp_path: Path, *, owner: str = "owner: lou, ", sponsor: str = "", extra: str = "",
             duration: int = 12) -> Review:
    path = tmp_path / "p.yaml"
    path.write_text(HEADER.format(owner=owner, sponsor=sponsor, extra=extra, duration=duration))
    return review(read_native(path), simulate=False)


def items(result: Review) -> tuple[Item, ...]:
    return items_at_risk(result.project, result.as_of, result.ratings, result.rating, result.milestones,
                         result.findings, result.forecast)


def milestone(result: Review, task_id: str = "M1") -> Item:
    return next(i for i in items(result) if i.kind == "milestone" and i.subject.id == task_id)


def answer(item: Item, topic: str) -> Answer | Ask:
    return next(q.answer for q in item.questions if q.topic == topic)


def test_an_amber_milestone_with_an_owner_asks_its_owner(tmp_path: Path) -> None:
    result = reviewed(tmp_path, sponsor="  sponsor: sam\n")
    item = milestone(result)
    assert item.colour == "amber" and item.owner == "Lou Builder (lou)"
    why, when, what, who = (answer(item, t) for t in ("why", "when", "what", "who"))
    assert isinstance(why, Answer) and why.source == "finding milestone-slip on M1" and "2 working days" in why.text
    assert isinstance(when, Answer) and when.text.startswith("forecast 2026-06-16")
    assert when.source == "schedule: forecast 2026-06-16"
    assert isinstance(what, Ask) and what.who == "Lou Builder (lou)" and what.question.startswith("what do you need")
    assert isinstance(who, Answer) and who.text == "Sam Sponsor (sam), the sponsor"
    assert who.source == "project header: sponsor"
    asked = [f for f in result.findings if f.code == "question" and f.subject.id == "M1"]
    assert [f.message for f in asked] == [
        "Ask Lou Builder (lou): what do you need to bring milestone M1 (Build done) back to its date "
        "(people, budget, a decision), and from whom?"
    ]
    pending = [p for p in result.pending if p.subject == "milestone M1"]
    assert [(p.who, p.field, p.by) for p in pending] == [("Lou Builder", "what is needed", "2026-06-08")]


def test_an_amber_milestone_without_an_owner_asks_the_manager(tmp_path: Path) -> None:
    result = reviewed(tmp_path, owner="", sponsor="  sponsor: sam\n")
    what = answer(milestone(result), "what")
    assert isinstance(what, Ask) and what.person == "pat" and what.who == "Pat Manager (pat)"
    asked = [f for f in result.findings if f.code == "question" and "M1" in f.detail["records"].split(", ")]
    assert [(f.detail["who"], f.detail["topic"]) for f in asked] == [("Pat Manager (pat)", "at risk: what")]
    assert "M1 (Build done)" in asked[0].message


def test_a_red_project_without_a_sponsor_asks_the_manager_who_decides(tmp_path: Path) -> None:
    # 24 days of work in a plan baselined for 10: red
    result = reviewed(tmp_path, duration=24)
    assert result.rating.label == "RED"
    project = next(i for i in items(result) if i.kind == "project")
    who = answer(project, "who")
    assert isinstance(who, Ask) and who.who == "Pat Manager (pat)"
    assert "is there a sponsor or a steering committee" in who.question
    decides = [f for f in result.findings if f.code == "question" and "who decides" in f.message]
    assert len(decides) == 1, "who decides is one question of the project, not one per item"
    assert decides[0].subject.kind == "project" and decides[0].detail["who"] == "Pat Manager (pat)"
    assert any(p.subject == "project FIX" and p.field == "who decides" and p.who == "Pat Manager"
               for p in result.pending)


def test_a_steering_committee_decides_when_there_is_no_sponsor(tmp_path: Path) -> None:
    result = reviewed(tmp_path, extra="governance:\n  - {id: G1, name: Steering committee, kind: steering-committee,"
                                      " cadence: monthly}\n")
    who = answer(milestone(result), "who")
    assert isinstance(who, Answer) and who.text == "the steering committee (Steering committee)"
    assert who.source == "governance rule G1"


def test_a_linked_risk_mitigation_answers_what_is_needed(tmp_path: Path) -> None:
    result = reviewed(tmp_path, sponsor="  sponsor: sam\n", extra=(
        "risks:\n  - {id: R3, title: Builder off sick, owner: lou, probability: 2, impact: 3,"
        " mitigation: Second builder on call, tasks: [T1]}\n"))
    what = answer(milestone(result), "what")
    assert isinstance(what, Answer) and what.text == "the mitigation of risk R3: Second builder on call"
    assert what.source == "risk R3 (p.yaml)"
    assert not any(f.code == "question" and f.subject.id == "M1" for f in result.findings)


def test_silent_where_nothing_is_amber_or_red(tmp_path: Path) -> None:
    result = reviewed(tmp_path, sponsor="  sponsor: sam\n", duration=10)
    assert items(result) == ()
    assert not [f for f in result.findings if f.code == "question"]
    assert not [p for p in result.pending if p.note.startswith("pmo asked")]


def test_the_demo_answers_from_its_data_and_asks_the_rest() -> None:
    project = read_native(demo_source() / "project.yaml")
    result = review(project, simulate=False)
    found = items(result)
    kinds = {(i.kind, i.subject.id) for i in found}
    assert ("project", "ERP") in kinds and ("milestone", "TST-17") in kinds and ("dimension", "schedule") in kinds
    uat = next(i for i in found if i.subject.id == "TST-17")
    assert uat.colour == "red"  # a commitment missed
    why = answer(uat, "why")
    assert isinstance(why, Answer) and why.source == "finding milestone-slip on TST-17"
    assert answer(uat, "who") == Answer("Claire Bernard (cbernard), the sponsor", "project header: sponsor")
    for item in found:
        assert [q.topic for q in item.questions] == ["why", "when", "what", "who"]
        for question in item.questions:
            text = question.answer.text if isinstance(question.answer, Answer) else question.answer.question
            assert text.strip(), f"{item.label}: {question.topic} is blank"
    questions = [f for f in result.findings if f.code == "question"]
    keys = [(f.detail["who"], f.detail.get("topic", "missing: " + f.message)) for f in questions]
    assert len(keys) == len(set(keys)), "one question per person and topic"
    asked_milestones = {f.subject.id for f in questions if f.subject.kind == "task"}
    assert "BLD-29" in asked_milestones and "TST-17" not in asked_milestones  # a linked risk answers TST-17
