"""The delay files of the demo, checked against the plan computed by hand.

The demo's status date is Monday 2026-06-15; its calendar is France's (8 May, 14 May,
25 May and 14 July are holidays, 15 May a company bridge day). Working days below count
the project calendar's working days after the first date up to and including the second.

DM-08 Mock migration 1 (owner Marc Dubois, mdubois), depends on DM-07 Load programs:
  baseline 2026-05-28 -> 2026-06-10, actual start 2026-06-09.
  Started 8 working days late: 05-29, 06-01..06-05, 06-08, 06-09.
  DM-07 finished 2026-06-08, the working day before: that is what it waited for.
  Forecast finish: 4 days worked by 06-12 + 4 remaining from 06-15 -> 06-18, 6 working
  days after 06-10 (11, 12, 15, 16, 17, 18): it recovers 2 (8 days of work, not 10).
DM-09, DM-10: finish-to-start as in the baseline: they carry the 6.
DM-11 Mock migration 2 (owner mdubois, absent 07-13..07-17 "Holiday (booked in March)"):
  baseline 06-25 -> 07-08; starts 07-03 (6 late, carried), 10 days of work:
  07-03, 07-06..07-10, then stops on 07-13, 07-15, 07-16, 07-17 (07-14 is a holiday),
  resumes 07-20..07-23. Finish 07-23 is 10 working days after 07-08: 4 introduced,
  the owner's absence.
DM-12 (DM-11 FS+2ed): baseline start 07-13 left one working day (07-10) after the two
  elapsed days; forecast start 07-27 is 9 working days late: 1 absorbed.
TST-12 (TST-06 FF+1ed): the elapsed day now falls on a Saturday: 8 late, not 9: 1 absorbed.
Absorbed days come off the latest delay carried: stack DM-08 8 -> 6 (its own recovery),
  + DM-11 4 -> [6, 4], DM-12 -> [6, 3], TST-12 -> [6, 2].
So CUT-09 Go-live (baseline 10-19, forecast 10-29: 20, 21, 22, 23, 26, 27, 28, 29 = 8):
  6 from DM-08 (late start), 2 from DM-11 (owner absent). Same for TST-17, CUT-07, HC-07.
  DM-16 (via DM-14, DM-15, not TST-12): 6 + 3 = 9.
BLD-07 Finance configuration ready: BLD-04 (Antoine Martin) baseline start 04-29, actual
  05-13: 04-30, 05-04..05-07, 05-11..05-13 = 8 (1 and 8 May holidays); finish 06-08 -> 06-18
  = 8, so it lasts as planned: 8, late start, waiting for BLD-01 (finished 05-12).
BLD-29 Build complete: BLD-14 (Laura Fontaine) baseline 04-17 -> 05-27, actual start 04-29
  = 8 late; forecast finish 06-22 = 18 late: 10 longer (running slow, 75 %, 6 days left).
  BLD-28 starts 07-15, 13 late (baseline 06-25): 5 absorbed from the latest (the 10) ->
  8 (late start) + 5 (longer than planned) = 13.
Commitments: 'UAT sign-off' 10-09 on TST-17 (forecast 10-19): 6 working days;
  'Project closure' 12-18 on HC-07 (forecast 12-29): 21, 22, 23, 28, 29 = 5 (24 Dec bridge,
  25 Dec holiday).
Steering committees: 2026-10-15 falls between CUT-07's baseline 10-14 and its forecast 10-26.
"""

from __future__ import annotations

import json

import pytest

from pmo.api import demo_source
from pmo.engine.context import AnalysisContext
from pmo.engine.foresight import CauseKind, DelayFile
from pmo.model.resolve import resolve
from pmo.sources import ReadContext, detect

LATE_START, ABSENT, LONGER = CauseKind.LATE_START, CauseKind.ABSENT, CauseKind.LONGER
MIGRATION = {("DM-08", LATE_START, 6.0), ("DM-11", ABSENT, 2.0)}


@pytest.fixture(scope="module")
def ctx() -> AnalysisContext:
    path = demo_source() / "project.yaml"
    project = resolve(detect(path).read(path, ReadContext()).project)
    assert project.status_date is not None
    return AnalysisContext(project, project.status_date, simulate=False)


@pytest.fixture(scope="module")
def files(ctx: AnalysisContext) -> dict[str, DelayFile]:
    return {f.id: f for f in ctx.delays}


def _causes(file: DelayFile) -> set[tuple[str, CauseKind, float]]:
    return {(c.task, c.kind, c.days) for c in file.causes}


@pytest.mark.parametrize(("milestone", "slip", "causes"), [
    ("CUT-09", 8, MIGRATION),
    ("TST-17", 8, MIGRATION),
    ("CUT-07", 8, MIGRATION),
    ("HC-07", 8, MIGRATION),
    ("DM-16", 9, {("DM-08", LATE_START, 6.0), ("DM-11", ABSENT, 3.0)}),
    ("BLD-07", 8, {("BLD-04", LATE_START, 8.0)}),
    ("BLD-29", 13, {("BLD-14", LATE_START, 8.0), ("BLD-14", LONGER, 5.0)}),
])
def test_each_slipping_milestone_names_where_its_delay_was_born(
        files: dict[str, DelayFile], milestone: str, slip: float, causes: set[tuple[str, CauseKind, float]]) -> None:
    file = files[milestone]
    assert file.slip == slip
    assert _causes(file) == causes
    assert sum(c.days for c in file.causes) == slip


def test_what_happened_at_each_cause(files: dict[str, DelayFile]) -> None:
    late, away = files["CUT-09"].causes
    assert late.introduced == 8 and late.owner == "Marc Dubois (mdubois)"
    assert late.waited_for == ("DM-07 Load programs (Migration Cockpit templates) (finished 2026-06-08)",)
    assert "started 8 working days late (2026-06-09, planned 2026-05-28)" in late.what
    assert away.introduced == 4 and "absent 2026-07-13 to 2026-07-17" in away.what
    (built,) = files["BLD-07"].causes
    assert built.owner == "Antoine Martin (amartin)" and built.waited_for[0].startswith("BLD-01 ")
    start, slow = files["BLD-29"].causes
    assert (start.introduced, slow.introduced) == (8, 10) and "running slow" in slow.what


def test_the_chain_with_the_float_each_step_absorbed(files: dict[str, DelayFile]) -> None:
    chain = files["CUT-09"].chain
    assert [s.task for s in chain] == ["DM-08", "DM-09", "DM-10", "DM-11", "DM-12", "TST-05", "TST-06", "TST-12",
                                       "TST-13", "TST-14", "TST-15", "TST-16", "TST-17", "TRN-10", "CUT-07",
                                       "CUT-08", "CUT-09"]
    moved = {s.task: (s.added, s.absorbed, s.recovered, s.late) for s in chain if s.added or s.absorbed or s.recovered}
    assert moved == {"DM-08": (8, 0, 2, 6), "DM-11": (4, 0, 0, 10), "DM-12": (0, 1, 0, 9), "TST-12": (0, 1, 0, 8)}
    assert {s.task: s.absorbed for s in files["BLD-29"].chain if s.absorbed} == {"BLD-28": 5}


def test_who_owns_the_causes(files: dict[str, DelayFile]) -> None:
    assert {(w.person, w.role, w.task) for w in files["CUT-09"].who} == {
        ("Marc Dubois (mdubois)", "owner", "DM-08"), ("Marc Dubois (mdubois)", "owner", "DM-11")}
    assert {w.person for w in files["BLD-29"].who} == {"Laura Fontaine (lfontaine)"}


def test_every_impacted_item(files: dict[str, DelayFile]) -> None:
    def moved(file: DelayFile) -> set[tuple[str, str, float | None]]:
        return {(i.kind, i.id, i.days) for i in file.impacts if i.kind in ("milestone", "deliverable", "commitment")}

    assert moved(files["CUT-09"]) == {("deliverable", "HC-06", 8), ("milestone", "HC-07", 8),
                                      ("commitment", "HC-07", 5)}
    assert moved(files["HC-07"]) == {("commitment", "HC-07", 5)}
    assert ("commitment", "TST-17", 6) in moved(files["TST-17"])
    meetings = [(i.date.isoformat() if i.date else "", i.kind) for i in files["CUT-07"].impacts if i.kind == "meeting"]
    assert meetings == [("2026-10-15", "meeting")]
    paths = {i.id: i.days for i in files["BLD-07"].impacts if i.kind == "path"}
    assert paths == {"BLD-03": 1, "BLD-02": 8, "BLD-05": 17}


def test_the_prose_reads_aloud(files: dict[str, DelayFile]) -> None:
    text = files["CUT-09"].prose()
    assert text.startswith("CUT-09 Go-live moves 8 working days, to 2026-10-29 (baseline 2026-10-19): "
                           "6 working days because DM-08 Mock migration 1: master data (owner Marc Dubois (mdubois)) "
                           "started 8 working days late")
    assert "; 2 working days because DM-11 " in text
    assert files["CUT-09"].headline == ("CUT-09 Go-live moves 8 working days to 2026-10-29: 6 wd late start at DM-08; "
                                        "2 wd owner absent at DM-11.")


def test_the_finding_carries_the_delay_file_as_json(ctx: AnalysisContext) -> None:
    from pmo.engine.checks.foresight import milestone_slip

    found = {f.subject.id: f for f in milestone_slip(ctx)}
    detail = json.loads(json.dumps(found["CUT-09"].as_json()))["detail"]
    assert [(w["task"], w["kind"], w["days"]) for w in detail["why"]] == [("DM-08", "late-start", 6),
                                                                        ("DM-11", "owner-absent", 2)]
    assert detail["how"][0]["task"] == "DM-08" and detail["how"][-1]["task"] == "CUT-09"
    assert {w["person"] for w in detail["who"]} == {"Marc Dubois (mdubois)"}
    assert {i["id"] for i in detail["impact"]} >= {"HC-06", "HC-07"}
    assert found["CUT-09"].message.endswith(": 6 working days from DM-08 Mock migration 1: master data (late start) "
                                            "and 2 from DM-11 Mock migration 2: masters, open items and stock "
                                            "(owner absent).")
