"""The overlay: which stored version of a record the project shows, whatever the import order."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from pmo.store.overlay import overlay


@dataclass(frozen=True)
class Row:
    id: int
    kind: str
    key: str
    origin: str


def test_the_project_file_is_the_base_and_other_files_override_it() -> None:
    rows = [Row(1, "action", "A-1", "plan.yaml"), Row(2, "action", "A-1", "notes/w23.md"),
            Row(3, "action", "A-2", "plan.yaml")]
    shown = overlay(rows, "plan.yaml")
    assert [(r.key, r.origin) for r in shown] == [("A-2", "plan.yaml"), ("A-1", "notes/w23.md")]


def test_the_choice_does_not_depend_on_the_order_rows_were_stored() -> None:
    versions = [("plan.yaml", "A-1"), ("notes/w23.md", "A-1"), ("calendar.ics", "A-1"), ("plan.yaml", "T-1")]
    results = set()
    for order in itertools.permutations(versions):
        # ids grow with the order of import; within one file they follow the file's order
        rows = [Row(i, "x", key, origin) for i, (origin, key) in enumerate(order)]
        results.add(tuple((r.key, r.origin) for r in overlay(rows, "plan.yaml")))
    assert results == {(("T-1", "plan.yaml"), ("A-1", "notes/w23.md"))}


def test_without_a_project_file_the_last_origin_wins() -> None:
    rows = [Row(1, "task", "WMS-1", "jira.csv"), Row(2, "task", "WMS-1", "plan.xlsx")]
    assert [r.origin for r in overlay(rows, None)] == ["plan.xlsx"]


def test_a_project_file_takes_over_the_project_a_calendar_only_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Calendar first, project file second: one project, under the project file's key."""
    from pmo.api import demo_source, import_paths, init_workspace
    from pmo.config import load_settings
    from pmo.store import Store

    init_workspace(tmp_path / "ws")
    store = Store.open(load_settings(tmp_path / "ws").database_url)
    try:
        import_paths(store, [demo_source() / "calendar.ics"])
        provisional = store.project_keys()
        import_paths(store, [demo_source() / "project.yaml"])
        assert provisional != ["ERP"] and store.project_keys() == ["ERP"]
        project = store.load()
        assert project.name and project.meetings and project.tasks
        assert {row["origin"].rsplit("/", 1)[-1] for row in store.imports()} == {"calendar.ics", "project.yaml"}
    finally:
        store.close()


def test_a_project_made_by_init_is_never_taken_over(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pmo.api import ProjectHeader, demo_source, import_paths, init_workspace
    from pmo.config import load_settings
    from pmo.store import Store

    init_workspace(tmp_path / "ws", ProjectHeader("WMS", "Warehouse"))
    store = Store.open(load_settings(tmp_path / "ws").database_url)
    try:
        import_paths(store, [demo_source() / "project.yaml"])
        assert store.project_keys() == ["ERP", "WMS"]
    finally:
        store.close()
