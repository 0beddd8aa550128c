"""One import equals successive imports: the split and the order of files change nothing.

A set of four sources (tests/data/import_set: a workbook with a contacts sheet, a Jira
export, a calendar with out-of-office entries, notes naming people by full name) is
imported in every split and order hypothesis draws; the stored project (as `pmo export`
writes it) and the Review's findings are those of one import of everything. The demo's
files imported twice, or in a split, export byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.api import ProjectHeader, demo_source, export_project, import_paths, init_workspace, review
from pmo.config import load_settings
from pmo.store import Store

SET = Path(__file__).resolve().parent / "data" / "import_set"
FILES = ("plan.xlsx", "jira.csv", "calendar.ics", "notes")
HEADER = ProjectHeader("WMS", "Warehouse rollout", status_date=dt.date(2026, 6, 8))  # the calendar's window


def _workspace(folder: Path, header: ProjectHeader | None) -> Store:
    init_workspace(folder, header)
    return Store.open(load_settings(folder).database_url)


def _imported(folder: Path, batches: Sequence[Sequence[Path]], header: ProjectHeader | None = HEADER) -> tuple[str, list[str]]:
    """The export (.yaml) and the findings after importing `batches` one after the other."""
    store = _workspace(folder, header)
    try:
        for batch in batches:
            import_paths(store, list(batch))
        out = folder / "export.yaml"
        export_project(store, None, out)
        project = store.load()
        findings = [f.line() for f in review(project, None).findings]
        return out.read_text(encoding="utf-8"), findings
    finally:
        store.close()


def _copy(tmp: Path) -> Path:
    data = tmp / "data"
    if not data.exists():
        shutil.copytree(SET, data)
    return data


def test_readers_see_the_people_of_the_same_import(tmp_path: Path) -> None:
    """The note's `@Ann Martin` and the calendar's out-of-office resolve to the workbook's people."""
    data = _copy(tmp_path)
    store = _workspace(tmp_path / "ws", HEADER)
    try:
        import_paths(store, [data / name for name in FILES])
        project = store.load()
    finally:
        store.close()
    action = next(a for a in project.actions if a.title == "book the test environment")
    assert action.owner == "ann.martin"
    assert [(a.person, a.start.isoformat()) for a in project.absences] == [("thomas-garnier", "2026-06-15")]
    weekly = project.meetings[0]
    assert [a.person for a in weekly.attendees] == ["ann.martin", "thomas-garnier", "lea.roux", "max@outside.test"]
    assert next(t for t in project.tasks if t.id == "WMS-101").owner == "thomas-garnier"


@st.composite
def _splits(draw: st.DrawFn) -> list[list[str]]:
    order = draw(st.permutations(FILES))
    cuts = draw(st.lists(st.booleans(), min_size=len(order) - 1, max_size=len(order) - 1))
    batches: list[list[str]] = [[order[0]]]
    for name, cut in zip(order[1:], cuts, strict=True):
        if cut:
            batches.append([name])
        else:
            batches[-1].append(name)
    return batches


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(split=_splits())
def test_any_split_and_order_gives_the_same_project(tmp_path_factory, split: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    base = tmp_path_factory.getbasetemp() / "import_order"
    data = _copy(base)
    reference = base / "reference"
    if not reference.exists():
        text, findings = _imported(reference, [[data / name for name in FILES]])
        (base / "reference.txt").write_text(text + "\n---\n" + "\n".join(findings), encoding="utf-8")
    expected = (base / "reference.txt").read_text(encoding="utf-8")
    folder = Path(str(base / "split-") + "-".join(".".join(b) for b in split).replace("/", "_"))
    shutil.rmtree(folder, ignore_errors=True)
    text, findings = _imported(folder, [[data / name for name in batch] for batch in split])
    assert text + "\n---\n" + "\n".join(findings) == expected, split


def test_demo_files_twice_or_in_a_split_export_the_same(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(demo_source(), data)
    native = data / "project.yaml"
    once, _ = _imported(tmp_path / "once", [[data]], header=None)
    twice, _ = _imported(tmp_path / "twice", [[data], [data]], header=None)
    # The demo's project file repeats records its notes and calendar bring (same ids): every
    # file's version is kept and the project shows one by a fixed rule, whatever the order.
    split, _ = _imported(tmp_path / "split", [[native], [data / "calendar.ics"], [data / "notes"]], header=None)
    other, _ = _imported(tmp_path / "other", [[data / "notes", native], [data / "calendar.ics"]], header=None)
    # the project file imported again last does not take back what the notes and calendar bring
    last, _ = _imported(tmp_path / "last", [[native], [data / "notes"], [data / "calendar.ics"], [native]], header=None)
    assert twice == once
    assert split == once
    assert other == once
    assert last == once
    logs = []
    for name in ("once", "twice"):
        store = Store.open(load_settings(tmp_path / name).database_url)
        try:
            logs.append([(row["origin"], row["sha256"], row["counts"]) for row in store.imports()])
        finally:
            store.close()
    assert logs[0] == logs[1]  # the second import of unchanged files adds no row to the log
