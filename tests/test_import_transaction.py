"""A failed import leaves the store unchanged, whatever the format of the broken file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pmo.api import import_paths
from pmo.errors import PmoError
from pmo.store import Store

PLAN = "project: {key: T, name: Transactions, status_date: 2026-06-15}\npeople:\n  - {id: pat, name: Pat Doe}\n"
BROKEN = {
    "plan.xml": '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol;</Name></Project>\n',
    "cal.ics": "Subject: weekly meeting\nThis is an e-mail, not a calendar.\n",
    "notes.yaml": "pmo: 1\nproject:\n  key: T\n  name: [broken\n",
    "plan.xlsx": "this is not a zip file",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_among_good_ones_changes_nothing(tmp_path: Path, name: str) -> None:
    database = tmp_path / "pmo.db"
    store = Store.open(f"sqlite:///{database}")
    (tmp_path / "plan.yaml").write_text(PLAN)
    import_paths(store, [tmp_path / "plan.yaml"])
    before = digest(database)
    note = tmp_path / "2026-06-08-weekly.md"
    note.write_text("# Weekly\n\n- ACTION: @Pat send the minutes due 2026-06-10\n")
    broken = tmp_path / name
    broken.write_text(BROKEN[name])
    with pytest.raises(PmoError) as caught:
        import_paths(store, [note, broken])
    assert name in str(caught.value)
    store.close()
    assert digest(database) == before
