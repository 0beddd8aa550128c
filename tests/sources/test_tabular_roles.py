"""A workbook's contact sheet names the project manager and sponsor by their role."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from pmo.sources.base import ReadContext
from pmo.sources.tabular.reader import TabularReader

PLAN = Path(__file__).resolve().parents[1] / "data" / "import_set" / "plan.xlsx"


def test_the_project_manager_comes_from_the_contact_sheet() -> None:
    project = TabularReader().read(PLAN, ReadContext()).project
    assert project.key == "WMS" and project.name == "Warehouse rollout"
    assert project.manager == "ann.martin"
    assert project.sponsor is None  # nobody's role says sponsor: left blank, the report asks


def test_a_role_held_by_two_people_names_nobody(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contacts"
    sheet.append(["Name", "Email", "Role"])
    sheet.append(["Ann Martin", "ann@x.test", "Chef de projet"])
    sheet.append(["Bob Stone", "bob@x.test", "Chef de projet"])
    sheet.append(["Eve Roux", "eve@x.test", "Sponsor"])
    path = tmp_path / "team.xlsx"
    book.save(path)
    project = TabularReader().read(path, ReadContext()).project
    assert project.manager is None
    assert project.sponsor is not None and project.sponsor.startswith("eve")
