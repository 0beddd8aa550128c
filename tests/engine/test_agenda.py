"""The copybook computed: carried actions, the decision log, the draft agenda (pmo.engine.agenda)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmo.engine.agenda import agenda_markdown, agenda_of, carried_actions, decision_log, decision_log_markdown
from pmo.model import Action, Decision, ItemStatus, Note, Person, Project, Risk
from pmo.model.registers import DecisionStatus
from pmo.model.values import NotApplicable
from pmo.sources.notes import read_notes

D = dt.date


def _project() -> Project:
    notes = (
        Note("2026-06-01-weekly", D(2026, 6, 1), "Weekly 1"),
        Note("2026-06-08-weekly", D(2026, 6, 8), "Weekly 2", text="- INFO: the supplier confirmed\n- a plain point"),
        Note("2026-06-15-weekly", D(2026, 6, 15), "Weekly 3"),
    )
    actions = (
        Action("A2", "second", owner="ann", origin="2026-06-08-weekly", opened=D(2026, 6, 8)),
        Action("A1", "first", owner="ann", due=D(2026, 6, 5), origin="2026-06-01-weekly", opened=D(2026, 6, 1)),
        Action("A3", "done one", origin="2026-06-01-weekly", status=ItemStatus.DONE),
        Action("A4", "from the plan, not a meeting", origin=None, opened=D(2026, 5, 1)),
        Action("A5", "raised at the meeting itself", origin="2026-06-15-weekly"),
    )
    decisions = (
        Decision("D2", "later", date=D(2026, 6, 8), decided_by="ann", rationale="cheaper"),
        Decision("D1", "earlier", date=D(2026, 6, 1), decided_by="someone outside"),
        Decision("D3", "undated", decided_by=NotApplicable("board vote")),
        Decision("D4", "to decide", status=DecisionStatus.PROPOSED),
    )
    risks = (
        Risk("R1", "low", probability=1, impact=2),
        Risk("R2", "high", probability=4, impact=4, owner="ann"),
        Risk("R3", "closed", probability=5, impact=5, status=ItemStatus.CLOSED),
    )
    return Project(
        key="P", name="Proj", people=(Person("ann", "Ann Martin"),), notes=notes,
        actions=actions, decisions=decisions, risks=risks,
    )


def test_carried_actions_are_the_open_ones_of_earlier_meetings_oldest_first() -> None:
    carried = carried_actions(_project(), D(2026, 6, 15))
    assert [(c.action.id, c.raised, c.meetings) for c in carried] == [
        ("A1", D(2026, 6, 1), 1),  # carried past the meeting of June 8
        ("A2", D(2026, 6, 8), 0),
    ]
    later = carried_actions(_project(), D(2026, 6, 22))
    assert [(c.action.id, c.meetings) for c in later] == [("A1", 2), ("A2", 1), ("A5", 0)]


def test_decision_log_names_who_and_why_and_never_leaves_a_blank() -> None:
    log = decision_log(_project())
    assert [(d.id, d.date, d.decided_by, d.rationale) for d in log] == [
        ("D1", "2026-06-01", "someone outside", "pending"),
        ("D2", "2026-06-08", "Ann Martin (ann)", "cheaper"),
        ("D3", "pending", str(NotApplicable("board vote")), "pending"),
    ]
    table = decision_log_markdown(log)
    assert "| 2026-06-08 | D2 later | Ann Martin (ann) | cheaper |" in table
    assert "D4" not in table  # proposed: on the agenda, not in the log
    assert decision_log_markdown(()) == "No decision taken yet.\n"


def test_agenda_lists_carried_actions_decisions_needed_risks_by_score_and_the_last_note() -> None:
    project = _project()
    agenda = agenda_of(project, D(2026, 6, 15))
    assert [d.id for d in agenda.decisions_needed] == ["D4"]
    assert [r.id for r in agenda.risks] == ["R2", "R1"]
    assert agenda.last_note is not None and agenda.last_note.id == "2026-06-08-weekly"
    text = agenda_markdown(project, agenda)
    assert "- A1 first — owner Ann Martin (ann), due 2026-06-05; raised 2026-06-01 (carried 1 time)" in text
    assert "- A2 second — owner Ann Martin (ann), due pending; raised 2026-06-08 (first review)" in text
    assert text.index("A1 first") < text.index("A2 second")
    assert "- R2 high — score 16, owner Ann Martin (ann)" in text
    assert "- the supplier confirmed\n- a plain point" in text


def test_an_empty_project_gets_an_agenda_that_says_so() -> None:
    text = agenda_markdown(Project(key="E", name=""), agenda_of(Project(key="E", name=""), D(2026, 1, 5)))
    for line in ("No open action from earlier meetings", "No decision is awaited", "No open risk",
                 "No earlier meeting note"):
        assert line in text
    assert "# E — project meeting 2026-01-05" in text


def test_a_decision_in_notes_carries_its_rationale_after_because() -> None:
    text = (
        "# Weekly — 2026-06-08\n\n"
        "- DECISION: keep PDF invoices @Laura because two partners are not ready\n"
        "- DECISION: because of the vendor, wave 2 moves\n"
        "- DÉCISION: garder le lot 2 parce qu'il est prêt\n"
    )
    decisions = read_notes(Path("2026-06-08-weekly.md"), text=text).project.decisions
    assert [(d.title, d.decided_by, d.rationale) for d in decisions] == [
        ("keep PDF invoices", "@Laura", "two partners are not ready"),
        ("because of the vendor, wave 2 moves", None, ""),  # nothing before it: no rationale
        ("garder le lot 2", None, "il est prêt"),
    ]


def test_an_action_is_carried_by_the_meetings_of_its_own_series() -> None:
    D = dt.date
    notes = (
        Note("2026-06-01-weekly", D(2026, 6, 1), "Weekly 1"),
        Note("2026-06-03-1-1-ann", D(2026, 6, 3), "1:1 Ann"),
        Note("2026-06-08-weekly", D(2026, 6, 8), "Weekly 2"),
        Note("2026-06-10-1-1-ann", D(2026, 6, 10), "1:1 Ann"),
        Note("2026-06-15-weekly", D(2026, 6, 15), "Weekly 3"),
    )
    actions = (
        Action("A1", "From the weekly", owner="ann", origin="2026-06-01-weekly"),
        Action("A2", "From the 1:1", owner="ann", origin="2026-06-03-1-1-ann"),
    )
    carried = {c.action.id: c.meetings for c in carried_actions(Project("P", "P", notes=notes, actions=actions),
                                                                   D(2026, 6, 22))}
    assert carried == {"A1": 2, "A2": 1}  # two later weeklies; one later 1:1 (the weeklies do not count)


def test_risks_rising_since_the_last_report_come_first() -> None:
    """Against the last report before the status date: R1 rose from 1 to 2, R4 is new, R2 held at
    16 (not rising), a report of the status date itself is the present (not compared with)."""
    import dataclasses

    from pmo.model import Snapshot

    project = dataclasses.replace(_project(), status_date=D(2026, 6, 15),
                                  risks=(*_project().risks, Risk("R4", "fresh", probability=1, impact=1)))
    at = dt.datetime(2026, 6, 1, 9)
    earlier = Snapshot("P", D(2026, 6, 8), at, items={"risk:R1": {"score": 1}, "risk:R2": {"score": 16}})
    present = Snapshot("P", D(2026, 6, 15), at, items={"risk:R1": {"score": 2}, "risk:R2": {"score": 16},
                                                       "risk:R4": {"score": 1}})
    agenda = agenda_of(project, D(2026, 6, 19), snapshots=(earlier, present))
    assert [r.id for r in agenda.risks] == ["R1", "R4", "R2"]
    assert dict(agenda.rising) == {"R1": "rising: score 1 -> 2 since the report of 2026-06-08",
                                   "R4": "new since the report of 2026-06-08"}
    text = agenda_markdown(project, agenda)
    assert "## Risks rising, then the top open risks" in text
    assert "R1 low — score 2 (rising: score 1 -> 2 since the report of 2026-06-08)" in text
    # no earlier report: nothing is said to be rising
    assert agenda_of(project, D(2026, 6, 19), snapshots=(present,)).rising == ()
