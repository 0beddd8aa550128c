"""The store on SQLite and PostgreSQL: round trip, transactions, re-imports, snapshots."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pmo.errors import WorkspaceError
from pmo.model import Action, Meeting, MeetingKind, Project, Snapshot, Source, Task
from pmo.sources.base import ReadResult
from pmo.sources.native import read_native
from pmo.store import Store, Unit

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "findings"


def header(key: str = "ERP") -> Project:
    return Project(key=key, name="ERP roll-out", status_date=dt.date(2026, 6, 15), source=Source("p.yaml", 2))


def test_a_native_file_round_trips_through_the_store(store: Store) -> None:
    project = read_native(FIXTURES / "blank-field.yaml")
    store.save(ReadResult(project, header=True), origin="blank-field.yaml", reader="native")
    loaded = store.load()
    assert loaded == project
    assert [t.source for t in loaded.tasks] == [t.source for t in project.tasks]


def test_records_from_another_unit_merge_and_reimport_replaces(store: Store) -> None:
    store.save(ReadResult(dataclasses.replace(header(), tasks=(Task("T1", "Design"),)), header=True),
               origin="plan.yaml", reader="native")
    tz = dt.UTC
    meeting = Meeting("m1", "Weekly", dt.datetime(2026, 6, 8, 8, tzinfo=tz), dt.datetime(2026, 6, 8, 9, tzinfo=tz),
                      MeetingKind.PROJECT, source=Source("cal.ics", 10))
    notes = Project(key="", name="", actions=(Action("N-1", "Call the bank"), Action("N-2", "Book rooms")))
    store.save(ReadResult(Project(key="", name="", meetings=(meeting,))), origin="cal.ics", reader="ical")
    store.save(ReadResult(notes), origin="notes.md", reader="notes")
    loaded = store.load("ERP")
    assert [a.id for a in loaded.actions] == ["N-1", "N-2"]
    assert loaded.meetings[0].source == Source("cal.ics", 10)
    store.save(ReadResult(Project(key="", name="", actions=(Action("N-1", "Call the bank today"),))),
               origin="notes.md", reader="notes")
    loaded = store.load("ERP")
    assert [(a.id, a.title) for a in loaded.actions] == [("N-1", "Call the bank today")]
    assert [t.id for t in loaded.tasks] == ["T1"]
    assert len(store.imports("ERP")) == 4


def test_a_failing_unit_rolls_back_the_whole_import(store: Store) -> None:
    store.save(ReadResult(header(), header=True), origin="plan.yaml", reader="native")
    crm = dataclasses.replace(header("CRM"), actions=(Action("A1", "a"),))
    good = Unit(ReadResult(crm, header=True), "crm.yaml", "native")
    orphan = Unit(ReadResult(Project(key="", name="", actions=(Action("B1", "b"),))), "b.md", "notes")
    with pytest.raises(WorkspaceError, match="name the project these records belong to"):
        store.save_all([good, orphan])
    assert store.project_keys() == ["ERP"]
    assert store.load("ERP").actions == ()
    assert len(store.imports("ERP")) == 1


def test_records_that_name_no_project_need_one(store: Store) -> None:
    orphan = Unit(ReadResult(Project(key="", name="", actions=(Action("B1", "b"),))), "b.md", "notes")
    with pytest.raises(WorkspaceError, match=r"do not name a project.*pmo init"):
        store.save_all([orphan])
    assert store.project_keys() == []


def test_the_first_unit_naming_a_project_creates_it(store: Store) -> None:
    notes = Unit(ReadResult(Project(key="", name="", actions=(Action("B1", "b"),))), "b.md", "notes")
    book = Unit(ReadResult(Project(key="WMS", name="Warehouse rollout")), "plan.xlsx", "tabular", "d1")
    store.save_all([notes, book])
    project = store.load()
    assert (project.key, project.name, project.manager, project.status_date) == ("WMS", "Warehouse rollout", None, None)
    assert [a.id for a in project.actions] == ["B1"]
    other = Unit(ReadResult(Project(key="OTHER", name="Other")), "cal.ics", "ical")
    store.save_all([other])  # a workspace with a project: names from records change nothing
    assert store.project_keys() == ["WMS"] and store.load().name == "Warehouse rollout"


def test_an_unchanged_file_adds_no_row_to_the_import_log(store: Store) -> None:
    book = Unit(ReadResult(Project(key="WMS", name="W", actions=(Action("A1", "a"),))), "plan.xlsx", "tabular", "d1")
    store.save_all([book])
    store.save_all([book])
    assert len(store.imports()) == 1
    store.save_all([dataclasses.replace(book, digest="d2")])
    assert [row["sha256"] for row in store.imports()] == ["d1", "d2"]


def test_several_projects_need_a_key(store: Store) -> None:
    store.save(ReadResult(header("ERP"), header=True), origin="erp.yaml", reader="native")
    store.save(ReadResult(header("CRM"), header=True), origin="crm.yaml", reader="native")
    assert store.project_keys() == ["CRM", "ERP"]
    with pytest.raises(WorkspaceError, match="several projects"):
        store.load()
    assert store.load("CRM").key == "CRM"


def test_snapshots_are_kept_per_status_date(store: Store) -> None:
    store.save(ReadResult(header(), header=True), origin="p.yaml", reader="native")
    taken = dt.datetime(2026, 6, 15, 18, tzinfo=dt.UTC)
    for day, forecast in ((dt.date(2026, 6, 1), dt.date(2026, 11, 2)), (dt.date(2026, 6, 15), dt.date(2026, 11, 9))):
        store.put_snapshot(Snapshot("ERP", day, taken, {"M9": forecast}, {"rating": "AMBER"}, {"action:A1": {"status": "open", "due": "2026-06-10"}}))
    store.put_snapshot(Snapshot("ERP", dt.date(2026, 6, 15), taken, {"M9": dt.date(2026, 11, 16)}))
    snapshots = store.snapshots("ERP")
    assert [s.status_date for s in snapshots] == [dt.date(2026, 6, 1), dt.date(2026, 6, 15)]
    assert snapshots[1].milestones == {"M9": dt.date(2026, 11, 16)}
    assert snapshots[0].items == {"action:A1": {"status": "open", "due": "2026-06-10"}}


def test_an_import_that_changes_records_bumps_the_revision_and_outdates_the_kept_forecast(store: Store) -> None:
    plan = ReadResult(dataclasses.replace(header(), tasks=(Task("T1", "Design"),)), header=True)
    store.save(plan, origin="plan.yaml", reader="native")
    assert store.revision() == 1
    day = dt.date(2026, 6, 15)
    store.keep_forecast("ERP", store.revision(), day, {"iterations": 10})
    assert store.kept_forecast("ERP", day) == {"iterations": 10}
    assert store.kept_forecast("ERP", day + dt.timedelta(days=7)) is None  # another status date
    store.save(plan, origin="plan.yaml", reader="native")  # the same data again: same revision
    assert store.revision() == 1 and store.kept_forecast("ERP", day) == {"iterations": 10}
    changed = ReadResult(dataclasses.replace(header(), tasks=(Task("T1", "Design", duration=5),)), header=True)
    store.save(changed, origin="plan.yaml", reader="native")
    assert store.revision() == 2
    assert store.kept_forecast("ERP", day) is None


def test_sent_alerts_are_remembered_per_channel_once_each(store: Store) -> None:
    store.create_project(Project(key="ERP", name="ERP roll-out"))
    store.mark_sent("ERP", "slack:http://x", ["milestone-slip:task:HC-07", "milestone-slip:task:HC-07"])
    store.mark_sent("ERP", "slack:http://x", ["milestone-slip:task:HC-07", "dependency-cycle:task:DM-08"])
    assert store.sent_alerts("ERP", "slack:http://x") == {"milestone-slip:task:HC-07", "dependency-cycle:task:DM-08"}
    assert store.sent_alerts("ERP", "teams:http://y") == set()
